# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SIGNATURE, in_extreme_time_zones
from .test_intake_checks import IntakeCase


@in_extreme_time_zones
@tagged("post_install", "-at_install")
class TestAcknowledgment(IntakeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.chinese = cls.env["res.partner"].create(
            {
                "name": "杭州丝绸内衣店",
                "is_company": True,
                "lang": "zh_CN",
                "email": "buyer@hz-silk.example.com",
            }
        )
        cls.english = cls.env["res.partner"].create(
            {
                "name": "Lyon Lingerie Import",
                "is_company": True,
                "lang": "en_US",
                "email": "buyer@lyon.example.com",
            }
        )
        cls.cny = cls.env.ref("base.CNY")
        cls.cny.active = True
        cls.pricelist_cny = cls.env["product.pricelist"].create(
            {"name": "CNY", "currency_id": cls.cny.id}
        )

    def _ack_order(self, partner, **vals):
        values = {
            "client_order_ref": "HZ-PO-7",
            "intake_transport_terms": "By truck to the customer's warehouse",
            "intake_packaging_terms": "6 pieces per carton",
            **vals,
        }
        return self._order(qty=12, price=850.5, partner=partner, **values)

    def _html(self, order):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "order_intake.action_report_order_acknowledgment", order.ids
        )
        return html.decode()

    def test_chinese_acknowledgment(self):
        order = self._ack_order(self.chinese, pricelist_id=self.pricelist_cny.id)
        order.order_line.tax_id = False
        order._intake_promise_dates()
        html = self._html(order)
        self.assertEqual(order.amount_total, 10206.0)
        self.assertIn("人民币壹万零贰佰零陆元整", html, "the total in capital numerals")
        self.assertIn("¥", html, "amounts in yuan")
        self.assertIn("订单确认书", html, "printed in the customer's language")
        self.assertIn("HZ-PO-7", html)
        self.assertIn("6 pieces per carton", html)
        promised = order.order_line.intake_promised_date
        self.assertTrue(promised)
        self.assertIn(promised.strftime("%Y"), html, "the promised date of the line is printed")

    def test_english_acknowledgment(self):
        order = self._ack_order(self.english)
        order.order_line.tax_id = False
        html = self._html(order)
        self.assertIn("Order Acknowledgment", html)
        self.assertIn(order._intake_amount_in_words(), html)
        self.assertIn("Ten Thousand", order._intake_amount_in_words())
        self.assertIn("By truck", html)

    def test_send_acknowledgment_by_email(self):
        order = self._ack_order(self.chinese)
        self.assertFalse(order.order_line.intake_promised_date)
        action = order.action_intake_send_acknowledgment()
        self.assertTrue(order.order_line.intake_promised_date, "dates promised before sending")
        composer = Form(self.env[action["res_model"]].with_context(**action["context"])).save()
        self.assertIn(order.name, composer.subject)
        self.assertEqual(composer.partner_ids, self.chinese)
        composer._action_send_mail()
        self.assertTrue(order.intake_ack_date)
        message = order.message_ids[0]
        self.assertEqual(message.partner_ids, self.chinese)
        self.assertIn(order.name, message.attachment_ids.name)
        self.assertIn("确认", message.subject, "the e-mail is in the customer's language")

    def test_channel_sends_acknowledgment_at_confirmation(self):
        self.phone.send_acknowledgment = True
        order = self._ack_order(self.english)
        order.action_confirm()
        self.assertTrue(order.intake_ack_date)
        self.assertTrue(order.order_line.intake_promised_date)
        self.assertIn("Order Acknowledgment", order.message_ids[0].subject)
        # channels without the option send nothing of the sort
        other = self._order(
            qty=3, partner=self.english, channel=self.email, client_order_ref="LY-9"
        )
        other.action_confirm()
        self.assertFalse(other.intake_ack_date)

    def test_cancelled_order_is_not_acknowledged(self):
        order = self._ack_order(self.english)
        order._action_cancel()
        with self.assertRaises(UserError):
            order.action_intake_send_acknowledgment()


@tagged("post_install", "-at_install")
class TestCustomerSignOff(IntakeCase):
    def test_custom_order_waits_for_the_signature(self):
        custom = self.env.ref("order_intake.order_type_custom")
        order = self._order(intake_type_id=custom.id)
        self.assertTrue(order.require_signature)
        with self.assertRaisesRegex(UserError, "sign-off"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.write(
            {
                "signature": SIGNATURE,
                "signed_by": "Ms Wang",
                "signed_on": fields.Datetime.now() - timedelta(minutes=5),
            }
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "order_intake.action_report_order_acknowledgment", order.ids
        )
        self.assertIn("Ms Wang", html.decode(), "the sign-off is on the acknowledgment")

    def test_standard_order_needs_no_signature(self):
        order = self._order(intake_type_id=self.env.ref("order_intake.order_type_standard").id)
        self.assertFalse(order.signature)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
