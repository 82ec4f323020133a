# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PlanningCase


@tagged("post_install", "-at_install")
class TestProductionNotice(PlanningCase):
    def test_clerk_issues_a_notice_from_the_confirmed_order(self):
        order = self.confirmed_order(12).with_user(self.clerk)
        action = order.action_create_production_notice()
        notice = self.env["mrp.production.notice"].with_user(self.clerk).browse(action["res_id"])
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.line_ids.sale_line_id, order.order_line)
        self.assertEqual(notice.line_ids.product_uom_qty, 12)
        self.assertRegex(notice.name, r"^PN/")
        notice.action_issue()
        self.assertEqual((notice.state, notice.user_id), ("issued", self.clerk))
        self.assertIn(notice.name, order.message_ids[0].body)
        self.assertEqual(order.production_notice_count, 1)
        with self.assertRaisesRegex(UserError, "already on a production notice"):
            order.action_create_production_notice()

    def test_notice_for_chosen_lines_from_the_order(self):
        """Two lines not on a notice; the clerk releases one now, the other later."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    Command.create({"product_id": self.bra.id, "product_uom_qty": 5}),
                    Command.create({"product_id": self.fabric.id, "product_uom_qty": 40}),
                ],
            }
        )
        order.action_confirm()
        bra_line, fabric_line = order.order_line
        action = order.with_user(self.clerk).action_production_notice_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.clerk)
        form = Form(Wizard.with_context(**action["context"]))
        self.assertEqual(form.sale_line_ids[:], order.order_line, "all lines by default")
        form.sale_line_ids.remove(id=fabric_line.id)
        notice_action = form.save().action_create()
        notice = self.env["mrp.production.notice"].browse(notice_action["res_id"])
        self.assertEqual(notice.line_ids.sale_line_id, bra_line)
        # later: only the line left is offered
        form = Form(Wizard.with_context(**action["context"]))
        self.assertEqual(form.sale_line_ids[:], fabric_line)
        wizard = form.save()
        wizard.sale_line_ids = bra_line  # not offered: already on a notice
        with self.assertRaisesRegex(UserError, "still to put on a production notice"):
            wizard.action_create()
        wizard.sale_line_ids = False
        with self.assertRaisesRegex(UserError, "Choose the order lines"):
            wizard.action_create()
        self.assertEqual(order.production_notice_count, 1, "nothing made by the refusals")

    def test_state_only_through_the_actions(self):
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [Command.create({"product_id": self.bra.id, "product_uom_qty": 3})],
            }
        )
        notice = (
            self.env["mrp.production.notice"]
            .with_user(self.clerk)
            .create(self.env["mrp.production.notice"]._prepare_from_order(quotation))
        )
        with self.assertRaisesRegex(UserError, "Issue and Cancel buttons"):
            notice.write({"state": "issued"})
        self.assertEqual(notice.state, "draft", "a quotation's notice is not issued by a write")

    def test_only_confirmed_orders(self):
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [Command.create({"product_id": self.bra.id, "product_uom_qty": 3})],
            }
        )
        notice = self.env["mrp.production.notice"].create(
            self.env["mrp.production.notice"]._prepare_from_order(quotation)
        )
        with self.assertRaisesRegex(UserError, "is not confirmed"):
            notice.action_issue()
        self.assertEqual(notice.state, "draft")

    def test_issued_notice_follows_the_order_and_is_not_edited(self):
        order = self.confirmed_order(12)
        notice = self.issue_notice(order)
        with self.assertRaisesRegex(UserError, "raise a change notice"):
            notice.with_user(self.clerk).write({"date_wanted": self.day(60)})
        with self.assertRaisesRegex(UserError, "raise a change notice"):
            notice.line_ids.with_user(self.clerk).write({"date_wanted": self.day(60)})
        with self.assertRaisesRegex(UserError, "raise a change notice"):
            notice.line_ids.with_user(self.clerk).unlink()
        notice.with_user(self.clerk).write({"note": "<p>Pack by size</p>"})
        # The quantity is the order line's (a change notice of order_review changes it there).
        order.order_line.product_uom_qty = 15
        self.assertEqual(notice.line_ids.product_uom_qty, 15)
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            notice.unlink()

    def test_a_line_is_issued_once(self):
        order = self.confirmed_order(12)
        self.issue_notice(order)
        second = self.env["mrp.production.notice"].create(
            {
                "sale_order_id": order.id,
                "date_wanted": self.day(10),
                "line_ids": [Command.create({"sale_line_id": order.order_line.id})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "a line is made once"):
            second.action_issue()

    def test_lines_of_another_order_refused(self):
        order = self.confirmed_order(12)
        other = self.confirmed_order(3, partner=self.customer_2)
        with self.assertRaisesRegex(ValidationError, "lines of another order"):
            self.env["mrp.production.notice"].create(
                {
                    "sale_order_id": order.id,
                    "date_wanted": self.day(10),
                    "line_ids": [Command.create({"sale_line_id": other.order_line.id})],
                }
            )

    def test_issuing_releases_the_demand_and_cancelling_withdraws_it(self):
        order = self.confirmed_order(12)
        self.run_mrp()
        self.assertFalse(
            self.proposals(self.bra), "a confirmed order without notice is not planned"
        )
        notice = self.issue_notice(order)
        self.run_mrp()
        self.assertEqual(self.proposals(self.bra).product_qty, 12)
        self.assertEqual(notice.planned_order_count, 3, "the bras, their fabric and their lace")
        notice.action_cancel()
        self.run_mrp()
        self.assertFalse(self.proposals(self.bra))

    def test_rights(self):
        order = self.confirmed_order(12)
        notice = self.issue_notice(order)
        for role in ("auditor", "approver", "reviewer"):
            self.assertEqual(notice.with_user(self.users[role]).name, notice.name)
            with self.assertRaises(AccessError, msg=f"{role} must not create notices"):
                self.env["mrp.production.notice"].with_user(self.users[role]).create(
                    self.env["mrp.production.notice"]._prepare_from_order(self.confirmed_order(2))
                )
        with self.assertRaises(AccessError):
            notice.with_user(self.users["employee"]).read(["name"])

    def test_printed_in_english_and_chinese(self):
        notice = self.issue_notice(self.confirmed_order(12))
        report = self.env.ref("mrp_planning.action_report_production_notice")
        for lang, title, total in (
            ("en_US", "Production Notice", "Total"),
            ("zh_CN", "生产通知单", "合计"),
        ):
            if lang != "en_US":
                self.env["res.lang"]._activate_lang(lang)
            html = (
                self.env["ir.actions.report"]
                .with_user(self.clerk)
                .with_context(lang=lang)
                ._render_qweb_html(report.report_name, notice.ids)[0]
                .decode()
            )
            self.assertIn(title, html, lang)
            self.assertIn(total, html, lang)
            self.assertIn(notice.name, html)
            self.assertIn("Test bra", html)
