# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Amounts in words on invoices, bills and payments, in the partner's language."""

from odoo import Command, fields
from odoo.tests import tagged

from .common import AccountantCase


@tagged("post_install", "-at_install")
class TestAmountWords(AccountantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.cny = cls.env.ref("base.CNY")
        cls.cny.active = True
        cls.usd = cls.env.ref("base.USD")
        cls.usd.active = True
        cls.zh_customer = cls.env["res.partner"].create({"name": "杭州百货", "lang": "zh_CN"})
        cls.en_customer = cls.env["res.partner"].create({"name": "Leeds Store", "lang": "en_US"})
        cls.item = cls.product("Words bra", is_storable=False, type="consu")

    def invoice(self, partner, amount, currency=None, move_type="out_invoice"):
        return self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "currency_id": (currency or self.cny).id,
                "invoice_date": fields.Date.context_today(self.env.user),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.item.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )

    def test_chinese_capitals_for_chinese_partners(self):
        cases = {
            0.0: "人民币零元整",
            100.0: "人民币壹佰元整",
            10230.5: "人民币壹万零贰佰叁拾元伍角整",
            1.05: "人民币壹元零伍分",
            100005.0: "人民币壹拾万零伍元整",
            100000000.0: "人民币壹亿元整",
            100010000.0: "人民币壹亿零壹万元整",
        }
        for amount, words in cases.items():
            self.assertEqual(self.invoice(self.zh_customer, amount).oa_amount_in_words, words)
        bill = self.invoice(self.zh_customer, 15.0, self.usd, move_type="in_invoice")
        self.assertEqual(bill.oa_amount_in_words, "美元壹拾伍元整")
        self.assertEqual(self.cny._oa_amount_in_words(-12.3, "zh_CN"), "人民币负壹拾贰元叁角整")

    def test_other_languages_use_odoo_words(self):
        invoice = self.invoice(self.en_customer, 1250.5, self.usd)
        self.assertEqual(
            invoice.oa_amount_in_words,
            self.usd.with_context(lang="en_US").amount_to_text(1250.5),
        )
        self.assertIn("One Thousand, Two Hundred And Fifty", invoice.oa_amount_in_words)
        self.assertIn("Fifty Cents", invoice.oa_amount_in_words)
        self.assertEqual(self.usd._oa_amount_in_words(-3, "en_US"), "minus Three Dollars")

    def test_payment_in_words(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.zh_customer.id,
                "amount": 10230.5,
                "currency_id": self.cny.id,
            }
        )
        self.assertEqual(payment.oa_amount_in_words, "人民币壹万零贰佰叁拾元伍角整")
        report = self.env["ir.actions.report"]
        self.company.display_invoice_amount_total_words = True
        html = report._render_qweb_html("account.report_payment_receipt", payment.ids)[0]
        self.assertIn("人民币壹万零贰佰叁拾元伍角整", html.decode())
        self.company.display_invoice_amount_total_words = False
        html = report._render_qweb_html("account.report_payment_receipt", payment.ids)[0]
        self.assertNotIn("人民币壹万", html.decode())

    def test_invoice_pdf_in_both_languages(self):
        self.company.display_invoice_amount_total_words = True
        report = self.env["ir.actions.report"]
        zh = self.invoice(self.zh_customer, 10230.5)
        zh.action_post()
        html = report._render_qweb_html("account.report_invoice", zh.ids)[0].decode()
        self.assertIn("人民币壹万零贰佰叁拾元伍角整", html)
        en = self.invoice(self.en_customer, 1250.5, self.usd)
        en.action_post()
        html = report._render_qweb_html("account.report_invoice", en.ids)[0].decode()
        self.assertIn("One Thousand, Two Hundred And Fifty", html)
        self.company.display_invoice_amount_total_words = False
        html = report._render_qweb_html("account.report_invoice", zh.ids)[0].decode()
        self.assertNotIn("人民币壹万", html, "printed only when the company asks for it")
