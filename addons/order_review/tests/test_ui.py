# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.order_intake.tests.common import create_role_users

from .common_change import ChangeNoticeCase


@tagged("post_install", "-at_install")
class TestOrderReviewMenuTour(HttpCase):
    def test_reviewer_opens_every_review_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_review_menu_tour", login=users["reviewer"].login)


@tagged("post_install", "-at_install")
class TestOrderReviewFlowTour(HttpCase):
    """The web client, user by user: a custom order reviewed by two departments, escalated by
    one's difficult-order flag, approved by leadership, confirmed by the clerk; a purchase
    order reviewed, approved and confirmed."""

    def setUp(self):
        super().setUp()
        env = self.env
        env.company.write(
            {"order_review_enabled": True, "order_approval_purchase": True, "order_review_days": 3}
        )
        env["order.review.policy"].search([]).active = False
        env["order.approval.policy"].search([]).active = False

        def user(login, groups):
            return new_test_user(
                env,
                login=login,
                groups=groups,
                name=login.replace("_", " ").title(),
                lang="en_US",
                notification_type="inbox",
            )

        self.clerk = user("tour_clerk", "order_intake.group_order_clerk")
        self.sales = user("tour_sales", "order_intake.group_order_reviewer")
        self.pmc = user("tour_pmc", "order_intake.group_order_planner")
        self.boss = user("tour_boss", "order_intake.group_order_approver")
        self.buyer = user("tour_buyer", "purchase.group_purchase_user")
        self.lead = user("tour_lead", "purchase.group_purchase_manager")
        env.ref("order_intake.group_order_approver").users = self.boss
        Department = env["order.review.department"]
        departments = Department.create(
            [
                {"name": "Tour Sales", "code": "TS", "member_ids": [Command.set(self.sales.ids)]},
                {"name": "Tour PMC", "code": "TP", "member_ids": [Command.set(self.pmc.ids)]},
            ]
        )
        env["order.review.policy"].create(
            {
                "name": "Custom (tour)",
                "trigger": "order_type",
                "order_type_ids": [Command.set(env.ref("order_intake.order_type_custom").ids)],
                "department_ids": [Command.set(departments.ids)],
            }
        )
        self.product = env["product.product"].create(
            {"name": "Tour Lace Bra", "type": "consu", "list_price": 60}
        )
        self.order = (
            env["sale.order"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": env["res.partner"].create({"name": "Tour Boutique"}).id,
                    "intake_type_id": env.ref("order_intake.order_type_custom").id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 100})
                    ],
                }
            )
        )

    def test_review_flow_across_users(self):
        order = self.order
        self.start_tour(
            f"/odoo/sale.order/{order.id}", "order_review_clerk_submits_tour", login="tour_clerk"
        )
        verdicts = "/odoo/action-order_review.action_order_review_verdict_mine"
        self.start_tour(verdicts, "order_review_sales_approves_tour", login="tour_sales")
        self.start_tour(verdicts, "order_review_pmc_conditions_tour", login="tour_pmc")
        review = order.review_id
        self.assertEqual(review.state, "escalated")
        self.start_tour(
            f"/odoo/order.review/{review.id}",
            "order_review_leadership_approves_tour",
            login="tour_boss",
        )
        self.assertEqual(review.decision_comment, "Go: strategic customer")
        self.start_tour(
            f"/odoo/sale.order/{order.id}", "order_review_clerk_confirms_tour", login="tour_clerk"
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(review.verdict_ids.mapped("verdict"), ["approve", "conditions"])

    def test_purchase_review_and_approval(self):
        env = self.env
        env["order.approval.policy"].create(
            {
                "name": "Tour purchases",
                "model": "purchase.order",
                "level_ids": [
                    Command.create(
                        {
                            "name": "Purchasing review",
                            "kind": "review",
                            "group_id": env.ref("purchase.group_purchase_manager").id,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 20,
                            "name": "Leadership",
                            "group_id": env.ref("order_intake.group_order_approver").id,
                        }
                    ),
                ],
            }
        )
        purchase = (
            env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": env["res.partner"].create({"name": "Tour Lace Mill"}).id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_qty": 10, "price_unit": 5}
                        )
                    ],
                }
            )
        )
        url = f"/odoo/purchase.order/{purchase.id}"
        self.start_tour(url, "order_review_purchase_submit_tour", login="tour_buyer")
        # the purchase managers are the test's lead and the administrator
        self.start_tour(url, "order_review_purchase_decide_tour", login="tour_lead")
        self.assertEqual(
            purchase.approval_request_id.step_ids.mapped("state"), ["approved", "pending"]
        )
        self.start_tour(url, "order_review_purchase_decide_tour", login="tour_boss")
        self.start_tour(url, "order_review_purchase_confirm_tour", login="tour_buyer")
        self.assertEqual(purchase.state, "purchase")


@tagged("post_install", "-at_install")
class TestChangeNoticeTour(ChangeNoticeCase, HttpCase):
    """The web client, user by user: the clerk raises a change notice from a confirmed order
    for more of its made-to-order line, sees the manufacturing order in the impact and submits
    it; the PMC signs it; leadership signs last, which applies it to the same manufacturing
    order, and opens the order at revision 1."""

    def test_clerk_raises_pmc_signs_notice_applied(self):
        order = self._confirmed_order([(self.made, 10, 80.0)])
        production = self._productions(order)
        self.assertEqual(production.product_qty, 10)
        self.start_tour(
            f"/odoo/sale.order/{order.id}",
            "order_change_notice_clerk_raises_tour",
            login=self.clerk.login,
        )
        self.env.invalidate_all()
        notice = order.change_notice_ids
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.state, "submitted")
        self.assertEqual(notice.reason, "Customer needs 15 pieces")
        self.assertEqual(self._notice_line(notice, self.made).new_qty, 15)
        self.assertIn(self.pmc, notice.approval_request_id.current_step_id.approver_user_ids)
        self.start_tour(
            f"/odoo/order.change.notice/{notice.id}",
            "order_change_notice_pmc_signs_tour",
            login=self.pmc.login,
        )
        self.env.invalidate_all()
        # the departments' other signatures (the warehouse) are given here, leadership's in
        # the web client
        for _round in range(10):
            step = notice.approval_request_id.current_step_id
            if self.leader in step.approver_user_ids:
                break
            self.assertNotIn(self.pmc, step.approver_user_ids)
            notice.with_user(step.approver_user_ids[0])._approval_decide(True, "OK")
        self.assertEqual(notice.approval_state, "pending")
        self.start_tour(
            f"/odoo/order.change.notice/{notice.id}",
            "order_change_notice_leader_signs_tour",
            login=self.leader.login,
        )
        self.env.invalidate_all()
        self.assertEqual(notice.state, "applied", notice.apply_error)
        self.assertEqual(order.order_revision, 1)
        self.assertEqual(self._productions(order), production)
        self.assertEqual(production.product_qty, 15)
        self.assertEqual(self._line(order, self.made).product_uom_qty, 15)
