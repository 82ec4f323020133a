# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestPurchaseReviewAndApproval(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Guangzhou Lace Works"})
        cls.env.ref("order_review.approval_policy_purchase_review").active = True
        cls.env.ref("order_review.approval_policy_purchase_leadership").active = True
        cls.purchase_group = cls.env.ref("purchase.group_purchase_manager")

    def _purchase(self, qty, price, user=None):
        return (
            self.env["purchase.order"]
            .with_user(user or self.purchase_user)
            .create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.lace.id, "product_qty": qty, "price_unit": price}
                        )
                    ],
                }
            )
        )

    def test_review_then_leadership_approval_then_confirm(self):
        order = self._purchase(100000, 0.8)  # 80,000 >= 50,000: review and approval
        with self.assertRaisesRegex(UserError, "submit it for approval first"):
            order.button_confirm()
        order.action_approval_submit()
        request = order.approval_request_id
        self.assertEqual(request.step_ids.mapped("kind"), ["review", "approval"])
        self.assertIn(self.purchase_lead, request.step_ids[0].approver_user_ids)
        self.assertEqual(request.step_ids[1].approver_user_ids, self.approvers)
        # leadership cannot approve before the purchasing review
        with self.assertRaises(AccessError):
            order.with_user(self.approver)._approval_decide(True)
        order.with_user(self.purchase_lead)._approval_decide(True, "Price matches the contract")
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            order.button_confirm()
        order.with_user(self.approver)._approval_decide(True)
        self.assertEqual(order.approval_state, "approved")
        order.button_confirm()
        self.assertEqual(
            order.state, "purchase", "approved by the policy, not sent to 'to approve'"
        )

    def test_small_purchase_needs_the_review_only(self):
        order = self._purchase(100, 0.8)
        order.action_approval_submit()
        self.assertEqual(order.approval_request_id.step_ids.mapped("kind"), ["review"])
        order.with_user(self.purchase_lead)._approval_decide(True)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_change_after_approval_needs_a_new_round(self):
        order = self._purchase(100, 0.8)
        order.action_approval_submit()
        order.with_user(self.purchase_lead)._approval_decide(True)
        order.order_line.price_unit = 0.9
        self.assertEqual(order.approval_state, "none")
        with self.assertRaisesRegex(UserError, "submit it for approval first"):
            order.button_confirm()
        with self.assertRaisesRegex(UserError, "submit it for approval first"):
            order.write({"state": "purchase"})
        self.assertEqual(order.state, "draft")

    def test_cancel_and_draft_keep_the_trail(self):
        order = self._purchase(100, 0.8)
        order.action_approval_submit()
        order.with_user(self.purchase_lead)._approval_decide(True)
        order.button_confirm()
        order.button_cancel()
        order.button_draft()
        self.assertEqual(order.approval_state, "none")
        order.action_approval_submit()
        self.assertEqual(
            order.approval_request_ids.sorted("round").mapped("state"), ["superseded", "pending"]
        )

    def test_policy_off_keeps_odoo_double_validation(self):
        self.company.write(
            {
                "order_approval_purchase": False,
                "po_double_validation": "two_step",
                "po_double_validation_amount": 5000,
            }
        )
        order = self._purchase(100000, 0.8)
        self.assertFalse(order.approval_required)
        order.button_confirm()
        self.assertEqual(order.state, "to approve", "Odoo's own double validation")
        order.with_user(self.purchase_lead).button_approve()
        self.assertEqual(order.state, "purchase")
        small = self._purchase(10, 0.8)
        small.button_confirm()
        self.assertEqual(small.state, "purchase")
