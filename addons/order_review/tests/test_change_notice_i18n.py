# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A change notice read and printed in English and in Simplified Chinese: what it changes and
does is written in the reader's language, amounts with the order's currency, dates in the
reader's format, whoever computed it."""

import datetime
import re

from odoo import fields
from odoo.tests import tagged

from .test_change_notice import ChangeNoticeFlowCase

# The readers' date formats (res.lang's date_format of each language).
DATE_FORMATS = {"en_US": "%m/%d/%Y", "zh_CN": "%Y年%m月%d日"}
# Chinese punctuation of the translations
COLON, STOP = "\N{FULLWIDTH COLON}", "\N{IDEOGRAPHIC FULL STOP}"


@tagged("post_install", "-at_install")
class TestChangeNoticeLanguages(ChangeNoticeFlowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.made.with_context(lang="zh_CN").name = "蕾丝文胸 75B"
        cls.stocked.with_context(lang="zh_CN").name = "真丝收纳袋"

    def _changed_notice(self, order):
        """Raised by the English-speaking clerk: 15 bras instead of 10, the pouch cheaper and
        promised ten days later than today."""
        notice = self._notice(order)
        self._notice_line(notice, self.made).new_qty = 15
        promised = fields.Date.context_today(notice) + datetime.timedelta(days=10)
        self._notice_line(notice, self.stocked).write(
            {"new_price": 2.5, "new_promised_date": promised}
        )
        return notice, promised

    def test_impact_and_summary_in_the_readers_language(self):
        order = self._confirmed_order()
        notice, promised = self._changed_notice(order)
        self.assertEqual(self.clerk.lang, "en_US")
        symbol = re.escape(order.currency_id.symbol)
        made_line = self._notice_line(notice, self.made)

        english = notice.impact_ids.with_context(lang="en_US").mapped("description")
        self.assertIn("Lace bra 75B: quantity 10.00 → 15.00.", english)
        self.assertTrue(
            any(
                re.search(rf"Silk pouch: unit price {symbol}\s?3\.00 → {symbol}\s?2\.50", d)
                for d in english
            ),
            english,
        )
        self.assertTrue(any(promised.strftime(DATE_FORMATS["en_US"]) in d for d in english))
        self.assertEqual(made_line.with_context(lang="en_US").summary, "quantity")

        chinese = notice.impact_ids.with_context(lang="zh_CN").mapped("description")
        self.assertIn(f"蕾丝文胸 75B{COLON}数量 10.00 → 15.00{STOP}", chinese)
        self.assertTrue(
            any(
                re.search(rf"真丝收纳袋{COLON}单价 {symbol}\s?3\.00 → {symbol}\s?2\.50", d)
                for d in chinese
            ),
            chinese,
        )
        self.assertTrue(
            any(promised.strftime(DATE_FORMATS["zh_CN"]) in d for d in chinese), chinese
        )
        self.assertFalse(any("Lace bra" in d for d in chinese), chinese)
        self.assertEqual(made_line.with_context(lang="zh_CN").summary, "数量")

    def _render(self, report, notice):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(report, notice.ids)
        return html.decode()

    def test_printed_notice_and_order_in_both_languages(self):
        order = self._confirmed_order()
        notice, promised = self._changed_notice(order)
        self._apply(notice)
        symbol = re.escape(order.currency_id.symbol)

        def money(amount):
            return (
                rf'{symbol}(\s|&nbsp;)*<span class="oe_currency_value">{re.escape(amount)}</span>'
            )

        # 15 bras at 80.00, 10 gift boxes at 5.00, 10 pouches at 2.50 now
        untaxed = f"{15 * 80.0 + 10 * 5.0 + 10 * 2.5:,.2f}"
        labels = {
            "en_US": {
                "notice": ["Change Notice", "Order lines", "Impact on the documents of the order"],
                "revision": ["— Revision", "Untaxed Amount", "Promised Date"],
                "product": "Lace bra 75B",
            },
            "zh_CN": {
                "notice": ["订单变更通知书", "订单行", "对订单相关单据的影响"],
                "revision": ["— 版本", "未税金额", "承诺交期"],
                "product": "蕾丝文胸 75B",
            },
        }
        for lang, other in (("en_US", "zh_CN"), ("zh_CN", "en_US")):
            with self.subTest(lang=lang):
                self.customer.lang = lang
                day = promised.strftime(DATE_FORMATS[lang])

                html = self._render("order_review.action_report_order_change_notice", notice)
                for label in labels[lang]["notice"]:
                    self.assertIn(label, html)
                for label in labels[other]["notice"][1:]:
                    self.assertNotIn(label, html)
                self.assertIn(labels[lang]["product"], html)
                # the diff: 10 -> 15 bras; the pouch's price 3.00 -> 2.50 and its promised day
                self.assertRegex(html, r"<span>10\.00</span>\s*→\s*<span>15\.00</span>")
                self.assertRegex(html, money("3.00") + r"</span>\s*→\s*<span>" + money("2.50"))
                self.assertIn(day, html)

                html = self._render("order_review.action_report_order_revision", notice)
                for label in labels[lang]["revision"]:
                    self.assertIn(label, html)
                for label in labels[other]["revision"]:
                    self.assertNotIn(label, html)
                self.assertRegex(html, r"<span[^>]*>15\.00</span>\s*<span>Units</span>")
                self.assertRegex(html, money("2.50"))
                self.assertRegex(html, money(untaxed))
                self.assertIn(day, html)
