# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import format_amount, format_date

from .test_intake_checks import IntakeCase


@tagged("post_install", "-at_install")
class TestMessagesInReadersLanguage(IntakeCase):
    """What a rule found is stored once and read in each reader's language: a Chinese clerk
    checks, an English manager reads it in English, and the other way round."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "=", "order_intake")])._update_translations(
            "zh_CN"
        )
        cls.clerk.lang = "zh_CN"
        cls.english = new_test_user(
            cls.env,
            login="intake_english",
            groups="order_intake.group_order_clerk",
            lang="en_US",
        )

    @staticmethod
    def _as(records, user):
        """As the web client calls: as the user, in the user's language."""
        return records.with_user(user).with_context(lang=user.lang)

    def test_a_finding_reads_in_the_readers_language(self):
        order = self._order(price=0.0, user=self.clerk)
        self._as(order, self.clerk).action_intake_check()
        failing = self._failing(order)
        self.assertEqual(failing.message_code, "zero_price")
        chinese = self._as(failing, self.clerk).message
        english = self._as(failing, self.english).message
        self.assertIn("单价为零", chinese)
        self.assertIn("Lace Bra 75B", chinese)
        self.assertIn("zero price", english)
        self.assertNotIn("单价", english)
        # the hold banner too
        self.assertIn("单价为零", self._as(order, self.clerk).intake_hold_reason)
        self.assertIn("zero price", self._as(order, self.english).intake_hold_reason)

    def test_the_refusal_is_in_the_confirming_users_language(self):
        order = self._order(price=0.0, user=self.english)
        self._as(order, self.english).action_intake_check()
        with self.assertRaises(UserError) as refusal:
            self._as(order, self.clerk).action_confirm()
        self.assertIn("单价为零", str(refusal.exception))
        with self.assertRaises(UserError) as refusal:
            self._as(order, self.english).action_confirm()
        self.assertIn("zero price", str(refusal.exception))

    def test_amounts_and_dates_in_the_readers_format(self):
        self.customer.credit_limit = 100.0
        order = self._order(price=100.0, user=self.clerk)
        twin = order.copy()
        self._as(twin, self.clerk).action_intake_check()
        credit = self._failing(twin).filtered(lambda r: r.message_code == "credit_limit")
        duplicate = self._failing(twin).filtered(lambda r: r.message_code == "duplicate_lines")
        self.assertTrue(credit and duplicate, self._failing(twin).mapped("message_code"))
        company = self.env.company
        for user in (self.clerk, self.english):
            env = self.env(user=user, context={"lang": user.lang})
            self.assertIn(
                format_amount(env, 100.0, company.currency_id), credit.with_env(env).message
            )
            day = duplicate.message_params["date"]["date"]
            self.assertIn(format_date(env, day), duplicate.with_env(env).message)
        self.assertNotEqual(
            self._as(duplicate, self.clerk).message, self._as(duplicate, self.english).message
        )
