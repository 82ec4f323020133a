# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users, visible_menu_xmlids

from .common import OrderReviewCase

REVIEW_MENUS = {
    "order_review.menu_order_review",
    "order_review.menu_order_review_reviews",
    "order_review.menu_order_change_notice",
    "order_review.menu_order_review_my_verdicts",
    "order_review.menu_order_review_my_approvals",
    "order_review.menu_order_review_quotations",
    "order_review.menu_order_review_purchase_orders",
    "order_review.menu_order_review_analysis",
    "order_review.menu_order_review_substitutes",
}
APPROVER_MENUS = REVIEW_MENUS | {"order_review.menu_order_review_trail"}
AUDITOR_MENUS = {
    "order_review.menu_order_review",
    "order_review.menu_order_review_reviews",
    "order_review.menu_order_change_notice",
    "order_review.menu_order_review_my_approvals",
    "order_review.menu_order_review_quotations",
    "order_review.menu_order_review_purchase_orders",
    "order_review.menu_order_review_analysis",
    "order_review.menu_order_review_trail",
}
CLERK_MENUS = {
    "order_review.menu_order_review",
    "order_review.menu_order_review_reviews",
    "order_review.menu_order_change_notice",
    "order_review.menu_order_review_my_approvals",
}


@tagged("post_install", "-at_install")
class TestOrderReviewSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.supplier = cls.env["res.partner"].create({"name": "Guangzhou Lace Works"})
        cls.lace = cls.env["product.product"].create({"name": "Lace trim 3 cm", "type": "consu"})
        cls.purchase = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier.id,
                "order_line": [
                    (0, 0, {"product_id": cls.lace.id, "product_qty": 500, "price_unit": 0.8})
                ],
            }
        )

    def test_review_menu_per_group(self):
        expected = {
            "reviewer": REVIEW_MENUS,
            "planner": REVIEW_MENUS,
            "approver": APPROVER_MENUS,
            "auditor": AUDITOR_MENUS,
            "clerk": CLERK_MENUS,
        }
        for role, menus in expected.items():
            self.assertEqual(
                visible_menu_xmlids(self.env, self.users[role], "order_review"),
                menus,
                f"{role} sees the review menus",
            )
        for role in ("archivist", "employee"):
            self.assertFalse(
                visible_menu_xmlids(self.env, self.users[role], "order_review"),
                f"{role} does not see the review menus",
            )

    def test_reviewers_read_purchase_orders_without_changing_them(self):
        for role in ("reviewer", "auditor"):
            purchase = self.purchase.with_user(self.users[role])
            self.assertEqual(purchase.order_line.product_qty, 500)
            with self.assertRaises(AccessError, msg=f"{role} must not change purchase orders"):
                purchase.write({"partner_ref": "changed"})
        with self.assertRaises(AccessError):
            self.purchase.with_user(self.users["clerk"]).read(["name"])


@tagged("post_install", "-at_install")
class TestVerdictRights(OrderReviewCase):
    """Each reviewer gives the verdict of their own department only, whatever the path."""

    def test_reviewer_of_another_department_is_refused(self):
        order = self._order()
        order.with_user(self.clerk).action_review_submit()
        review = order.review_id
        pmc = self._verdict(review, self.dept_pmc)
        # a write through the ORM (what an RPC call does) by the sales reviewer
        with self.assertRaises(AccessError):
            pmc.with_user(self.sales_reviewer).write({"conditions": "not mine"})
        with self.assertRaises(AccessError):
            pmc.with_user(self.sales_reviewer).action_approve()
        # the verdict itself is only given through the actions, never written directly
        with self.assertRaises(AccessError):
            pmc.with_user(self.pmc_reviewer).write({"verdict": "approve"})
        with self.assertRaises(AccessError):
            pmc.with_user(self.clerk).action_approve()
        # everyone of the review groups reads every verdict
        self.assertEqual(pmc.with_user(self.sales_reviewer).verdict, "pending")
        self.assertEqual(len(review.with_user(self.auditor_user).verdict_ids), 2)
        with self.assertRaises(AccessError):
            review.with_user(self.auditor_user).write({"sample_note": "x"})
        pmc.with_user(self.pmc_reviewer).write({"conditions": "Two lots"})
        pmc.with_user(self.pmc_reviewer).action_approve_conditions()
        self.assertEqual(pmc.verdict, "conditions")
        # a verdict given cannot be changed once the review is decided
        self._verdict(review, self.dept_sales).with_user(self.sales_reviewer).action_approve()
        self.assertEqual(review.state, "approved")
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            pmc.with_user(self.pmc_reviewer).action_reject()

    def test_clerk_cannot_create_reviews_or_verdicts_directly(self):
        order = self._order()
        with self.assertRaises(AccessError):
            self.env["order.review"].with_user(self.clerk).create({"order_id": order.id})
        order.with_user(self.clerk).action_review_submit()
        with self.assertRaises(AccessError):
            self.env["order.review.verdict"].with_user(self.clerk).create(
                {"review_id": order.review_id.id, "department_id": self.dept_sales.id}
            )

    def test_engine_fields_cannot_be_written_over_rpc(self):
        """What the review and the approval engine decide cannot be written by a user: the
        review's status, an order's review, a document's approval."""
        order = self._order()
        order.with_user(self.clerk).action_review_submit()
        review = order.review_id
        for vals in ({"state": "approved"}, {"digest": "0" * 64}, {"verdict_ids": [(5, 0, 0)]}):
            with self.assertRaises(AccessError, msg=str(vals)):
                review.with_user(self.clerk).write(vals)
        with self.assertRaises(AccessError):
            review.with_user(self.approver).write({"state": "approved"})
        # a copy of an order points at the original's review: refused
        copy = order.copy()
        with self.assertRaises(AccessError):
            copy.with_user(self.clerk).write({"review_id": review.id})
        with self.assertRaises(AccessError):
            order.with_user(self.clerk).write({"approval_state": "approved"})
        with self.assertRaises(AccessError):
            order.with_user(self.clerk).write({"approval_request_id": False})
        # what the clerk and the reviewers may change: the review's documents
        review.with_user(self.clerk).write(
            {"process_requirements": "<p>Scalloped edge</p>", "sample_state": "sent"}
        )
        self.assertEqual(review.sample_state, "sent")
        self.assertEqual(review.state, "in_review")

    def test_a_review_of_another_order_does_not_count(self):
        order = self._order()
        order.with_user(self.clerk).action_review_submit()
        for verdict in order.review_id.verdict_ids:
            verdict.with_user(verdict.reviewer_ids[0]).action_approve()
        copy = order.copy()
        # even written by a superuser, another order's approved review is not this one's
        copy.sudo().review_id = order.review_id
        with self.assertRaisesRegex(UserError, "needs a review"):
            copy.action_confirm()
