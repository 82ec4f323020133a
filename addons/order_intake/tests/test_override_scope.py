# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_intake_checks import IntakeCase


class OverrideScopeCase(IntakeCase):
    """An Intake Override user releases an order held for its price (2 pieces at half the
    list price) of a customer whose credit limit is 1,000; the clerk then changes it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.credit_limit = 1000.0

    def _overridden(self, *extra_lines):
        order = self._order(qty=2, price=50.0, user=self.clerk)
        if extra_lines:
            order.write({"order_line": [(0, 0, vals) for vals in extra_lines]})
        order.action_intake_check()
        self.assertEqual(order.intake_state, "hold")
        order.with_user(self.overrider)._intake_override("Clearance price agreed with the buyer")
        self.assertEqual(order.intake_state, "ready")
        return order.with_user(self.clerk)

    def assertWithdrawn(self, order):
        """The change withdrew the override at once: the order is held again."""
        self.assertFalse(order.intake_override_user_id, "the override was withdrawn")
        self.assertFalse(order.intake_override_digest)
        self.assertEqual(order.intake_state, "hold")
        self.assertTrue(
            order.message_ids.filtered(lambda m: "no longer applies" in m.body),
            "the chatter says it was withdrawn",
        )
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")


@tagged("post_install", "-at_install")
class TestOverrideScope(OverrideScopeCase):
    def test_the_override_stands_for_the_unchanged_order(self):
        order = self._overridden()
        self.assertTrue(order.intake_override_digest)
        self.assertEqual(
            order.intake_override_released,
            [[self.env.ref("order_intake.rule_price_deviation").id, 0]],
        )
        order.action_intake_check()
        self.assertEqual(order.intake_state, "ready", "checking again changes nothing")
        # the promised dates the check writes are not the content
        order.order_line.intake_promised_date = False
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.intake_override_user_id, self.overrider)

    def test_a_line_created_through_the_line_model(self):
        order = self._overridden()
        self.env["sale.order.line"].with_user(self.clerk).create(
            {"order_id": order.id, "product_id": self.other_bra.id, "product_uom_qty": 50}
        )
        self.assertWithdrawn(order)
        with self.assertRaisesRegex(UserError, "Credit limit"):
            order.action_confirm()

    def test_a_line_written_through_the_line_model(self):
        order = self._overridden()
        order.order_line.with_user(self.clerk).write({"discount": 5.0})
        self.assertWithdrawn(order)

    def test_a_line_unlinked_through_the_line_model(self):
        order = self._overridden({"product_id": self.other_bra.id, "product_uom_qty": 1})
        order.order_line.filtered(lambda line: line.product_id == self.other_bra).with_user(
            self.clerk
        ).unlink()
        self.assertWithdrawn(order)

    def test_order_line_commands(self):
        order = self._overridden()
        order.write({"order_line": [(1, order.order_line.id, {"price_unit": 49.0})]})
        self.assertWithdrawn(order)

    def test_a_change_back_is_a_change(self):
        order = self._overridden()
        line = order.order_line
        line.discount = 5.0
        line.discount = 0.0
        self.assertEqual(order.intake_state, "hold", "the override went with the first change")
        self.assertFalse(order.intake_override_user_id)

    def test_a_new_failure_is_not_covered(self):
        order = self._overridden()
        self.customer.intake_credit_hold = True
        with self.assertRaisesRegex(UserError, "credit hold") as error:
            order.action_confirm()
        self.assertIn("no longer applies", str(error.exception), "says why the override went")
        self.assertFalse(order.intake_override_user_id)
        self.assertEqual(order.state, "draft")

    def test_a_state_write_meets_the_checks(self):
        held = self._order(qty=2, price=50.0, user=self.clerk).with_user(self.clerk)
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            held.write({"state": "sale"})
        self.assertEqual(held.state, "draft")
        self.assertEqual(held.intake_state, "hold", "checked on the way")
        # an overridden order whose content changed neither
        order = self._overridden()
        order.order_line.discount = 5.0
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            order.write({"state": "sale"})
        # an order the checks let through may be written so, as in Odoo
        ready = self._order(qty=7, user=self.clerk).with_user(self.clerk)
        ready.write({"state": "sale"})
        self.assertEqual(ready.state, "sale")
        overridden = self._overridden()
        overridden.write({"state": "sale"})
        self.assertEqual(overridden.state, "sale")

    def test_the_override_cannot_be_written_by_hand(self):
        held = self._order(qty=2, price=50.0, user=self.clerk)
        held.action_intake_check()
        price_rule = self.env.ref("order_intake.rule_price_deviation")
        for vals in (
            {"intake_override_user_id": self.overrider.id},
            {"intake_override_digest": held._intake_content_digest()},
            {"intake_override_released": [[price_rule.id, 0]]},
        ):
            with self.assertRaises(AccessError):
                held.with_user(self.overrider).write(vals)
        self.assertEqual(held.intake_state, "hold")


@tagged("post_install", "-at_install")
class TestOverrideThroughTheCatalog(HttpCase, OverrideScopeCase):
    def test_a_line_added_from_the_product_catalog(self):
        order = self._overridden()
        self.authenticate("intake_clerk", "intake_clerk")
        self.make_jsonrpc_request(
            "/product/catalog/update_order_line_info",
            {
                "res_model": "sale.order",
                "order_id": order.id,
                "product_id": self.other_bra.id,
                "quantity": 50,
            },
        )
        self.env.invalidate_all()
        self.assertEqual(len(order.order_line), 2)
        self.assertWithdrawn(order)
        with self.assertRaisesRegex(UserError, "Credit limit"):
            order.action_confirm()
