# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestOrderReview(OrderReviewCase):
    def _submit(self, order):
        order.with_user(self.clerk).action_review_submit()
        return order.review_id

    # ------------------------------------------------------------------ policies

    def test_custom_order_needs_review_of_the_policy_departments(self):
        order = self._order()
        self.assertTrue(order.review_required)
        with self.assertRaisesRegex(UserError, "needs a review .*Custom orders"):
            order.with_user(self.clerk).action_confirm()
        review = self._submit(order)
        self.assertEqual(review.state, "in_review")
        self.assertEqual(review.mode, "review")
        self.assertEqual(review.verdict_ids.department_id, self.dept_sales | self.dept_pmc)
        self.assertEqual(review.policy_ids, self.policy_custom)
        self.assertEqual(self._verdict(review, self.dept_pmc).reviewer_ids, self.pmc_reviewer)
        self.assertEqual(order.review_state, "in_review")
        # each reviewer has an activity due on the review's deadline
        activity = review.activity_ids.filtered(lambda a: a.user_id == self.pmc_reviewer)
        self.assertEqual(activity.date_deadline, review.deadline)

    def test_orders_no_policy_selects_behave_as_stock_odoo(self):
        order = self._order(order_type=self.type_standard)
        self.assertFalse(order.review_required)
        with self.assertRaisesRegex(UserError, "No review policy selects"):
            order.with_user(self.clerk).action_review_submit()
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.review_ids)

    def test_company_with_review_off_confirms_as_stock_odoo(self):
        self.company.order_review_enabled = False
        order = self._order()
        self.assertFalse(order.review_required)
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_each_trigger_selects_or_skips(self):
        Policy = self.env["order.review.policy"]
        self.policy_custom.active = False
        common = {"department_ids": [Command.set(self.dept_sales.ids)]}
        standard = self._order(order_type=self.type_standard, qty=10, price=80)
        by_order = Policy._policies_by_order
        # product never sold before: selects until a confirmed order of it exists
        new_product = Policy.create({"name": "New product", "trigger": "new_product", **common})
        self.assertEqual(by_order(standard)[standard], new_product)
        other = self._order(
            order_type=self.type_standard,
            qty=1,
            partner=self.env["res.partner"].create({"name": "Other"}),
        )
        new_product.active = False
        other.action_confirm()
        new_product.active = True
        self.assertFalse(by_order(standard)[standard], "the bra was sold before")
        new_product.active = False
        # non-standard products
        non_standard = Policy.create({"name": "Non-standard", "trigger": "non_standard", **common})
        self.assertFalse(by_order(standard)[standard])
        self.bra.review_non_standard = True
        self.assertEqual(by_order(standard)[standard], non_standard)
        non_standard.active = False
        # amount above a threshold, in company currency (10 x 80 = 800 untaxed)
        amount = Policy.create(
            {"name": "Amount", "trigger": "amount", "amount_min": 5000, **common}
        )
        self.assertFalse(by_order(standard)[standard])
        standard.order_line.product_uom_qty = 100
        self.assertEqual(by_order(standard)[standard], amount)
        amount.active = False
        # customers without a confirmed order
        new_customer = Policy.create({"name": "New customer", "trigger": "new_customer", **common})
        self.assertEqual(by_order(standard)[standard], new_customer)
        new_customer.active = False
        self._order(order_type=self.type_standard, qty=1).action_confirm()
        new_customer.active = True
        self.assertFalse(by_order(standard)[standard])
        new_customer.active = False
        # excluded order types are never selected
        everything = Policy.create(
            {
                "name": "Everything but repeats",
                "trigger": "amount",
                "amount_min": 1,
                "exclude_order_type_ids": [Command.set(self.type_repeat.ids)],
                **common,
            }
        )
        repeat = self._order(order_type=self.type_repeat)
        self.assertEqual(by_order(standard)[standard], everything)
        self.assertEqual(by_order(repeat)[repeat], self.policy_repeat)

    def test_intake_review_results_select_and_approval_releases_them(self):
        self.policy_custom.active = False
        policy = self.env["order.review.policy"].create(
            {
                "name": "Intake asks for review",
                "trigger": "intake_review",
                "department_ids": [Command.set(self.dept_sales.ids)],
            }
        )
        rule = self.env["order.intake.rule"].create(
            {
                "name": "Price review (test)",
                "check_type": "price_deviation",
                "severity": "review",
                "max_discount_percent": 5.0,
            }
        )
        self.company.order_intake_check_scope = "all"
        self.env["order.intake.rule"].search([("id", "!=", rule.id)]).active = False
        order = self._order(order_type=self.type_standard, price=10.0)
        order.action_intake_check()
        self.assertEqual(order.intake_state, "hold")
        self.assertEqual(order.review_required, True)
        self.assertEqual(self.env["order.review.policy"]._policies_by_order(order)[order], policy)
        review = self._submit(order)
        self._verdict(review, self.dept_sales).with_user(self.sales_reviewer).action_approve()
        self.assertEqual(review.state, "approved")
        self.assertEqual(order.intake_state, "ready", "the approved review answers the check")
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    # ------------------------------------------------------------------ verdicts and outcome

    def test_quorum_with_conditions_then_confirm(self):
        order = self._order()
        review = self._submit(order)
        self._verdict(review, self.dept_sales).with_user(self.sales_reviewer).action_approve()
        self.assertEqual(review.state, "in_review", "PMC has not given its verdict")
        with self.assertRaisesRegex(UserError, "in review"):
            order.with_user(self.clerk).action_confirm()
        pmc = self._verdict(review, self.dept_pmc).with_user(self.pmc_reviewer)
        with self.assertRaisesRegex(UserError, "Write the conditions"):
            pmc.action_approve_conditions()
        pmc.conditions = "Ship in two lots; first lot of 50 by the promised date"
        pmc.action_approve_conditions()
        self.assertEqual(review.state, "approved")
        self.assertIn("PMC: Ship in two lots", review.conditions)
        self.assertIn("Ship in two lots", order.review_conditions)
        self.assertEqual(pmc.reviewer_id, self.pmc_reviewer)
        self.assertTrue(pmc.date)
        self.assertFalse(
            review.activity_ids.filtered(
                lambda a: a.user_id in self.pmc_reviewer | self.sales_reviewer
            )
        )
        # the clerk is told to confirm, and does
        self.assertTrue(order.activity_ids.filtered(lambda a: a.user_id == self.clerk))
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_reject_escalates_to_leadership_who_approves(self):
        order = self._order()
        review = self._submit(order)
        sales = self._verdict(review, self.dept_sales).with_user(self.sales_reviewer)
        with self.assertRaisesRegex(UserError, "Write why"):
            sales.action_reject()
        sales.reason = "Price below our cost for lace"
        sales.action_reject()
        self._verdict(review, self.dept_pmc).with_user(self.pmc_reviewer).action_approve()
        self.assertEqual(review.state, "escalated")
        self.assertEqual(review.approval_state, "pending")
        step = review.approval_request_id.current_step_id
        self.assertEqual(step.approver_user_ids, self.approvers)
        self.assertIn("Sales: Reject: Price below our cost", review.approval_request_id.summary)
        with self.assertRaisesRegex(UserError, "Leadership Decision"):
            order.with_user(self.clerk).action_confirm()
        # a reviewer who is not an approver cannot decide for leadership
        with self.assertRaises(AccessError):
            review.with_user(self.pmc_reviewer)._approval_decide(True, "fine")
        review.with_user(self.approver)._approval_decide(True, "Accept: strategic customer")
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.decision_comment, "Accept: strategic customer")
        self.assertEqual(review.decision_user_label, "GM Wang")
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_difficult_flag_escalates_and_leadership_rejects(self):
        order = self._order()
        review = self._submit(order)
        self._verdict(review, self.dept_sales).with_user(self.sales_reviewer).action_approve()
        pmc = self._verdict(review, self.dept_pmc).with_user(self.pmc_reviewer)
        pmc.difficult = True
        pmc.action_approve()
        self.assertTrue(review.difficult)
        self.assertEqual(review.state, "escalated")
        form = Form(
            self.env["order.approval.decision.wizard"]
            .with_user(self.approver2)
            .with_context(
                default_res_model="order.review",
                default_res_id=review.id,
                default_decision="reject",
            )
        )
        form.comment = "Capacity is full in March"
        form.save().action_confirm()
        self.assertEqual(review.state, "rejected")
        self.assertIn("Capacity is full in March", order.message_ids.mapped("body")[0])
        with self.assertRaisesRegex(UserError, "was rejected"):
            order.with_user(self.clerk).action_confirm()

    def test_repeat_order_goes_straight_to_leadership(self):
        order = self._order(order_type=self.type_repeat)
        review = self._submit(order)
        self.assertEqual(review.mode, "leadership")
        self.assertEqual(review.state, "escalated")
        self.assertFalse(review.verdict_ids)
        with self.assertRaisesRegex(UserError, "submitted"):
            review.with_user(self.clerk)._approval_decide(True)
        review.with_user(self.approver)._approval_decide(True, "Same as last season")
        self.assertEqual(review.state, "approved")
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    # ------------------------------------------------------------------ frozen content

    def test_snapshot_frozen_and_edit_invalidates(self):
        order = self._order()
        review = self._submit(order)
        snapshot = review._snapshot_values()
        self.assertEqual(snapshot["content"]["lines"][0]["qty"], "100")
        self.assertEqual(snapshot["names"]["lines"][0]["product"], "Lace bra 75B")
        self.assertIn("Lace bra 75B", review.snapshot_html)
        # material usage per unit from the bill of materials (10 bras: 3.5 m, 20 pieces)
        fabric = review.material_ids.filtered(lambda m: m.component_id == self.fabric)
        self.assertAlmostEqual(fabric.qty_per_unit, 0.35)
        self.assertAlmostEqual(fabric.total_qty, 35.0)
        # a rename of the product does not change what was reviewed
        self.bra.name = "Lace bra 75B (spring)"
        order.invalidate_recordset()
        self.assertEqual(review.state, "in_review")
        # a change of quantity through the line itself invalidates it
        order.order_line.with_user(self.clerk).write({"product_uom_qty": 120})
        self.assertEqual(review.state, "invalidated")
        self.assertIn("lines[0].qty", review.invalidated_reason)
        self.assertEqual(review._snapshot_values()["content"]["lines"][0]["qty"], "100")
        with self.assertRaisesRegex(UserError, "needs a review"):
            order.with_user(self.clerk).action_confirm()
        second = self._submit(order)
        self.assertNotEqual(second, review)
        self.assertEqual(order.review_count, 2)

    def test_every_line_path_invalidates_an_approved_review(self):
        for change in ("create", "unlink", "order_line", "price"):
            order = self._order()
            review = self._submit(order)
            for verdict in review.verdict_ids:
                verdict.with_user(verdict.reviewer_ids[0]).action_approve()
            self.assertEqual(review.state, "approved")
            clerk_order = order.with_user(self.clerk)
            if change == "create":
                self.env["sale.order.line"].with_user(self.clerk).create(
                    {"order_id": order.id, "product_id": self.lace.id, "product_uom_qty": 5}
                )
            elif change == "unlink":
                clerk_order.order_line.unlink()
            elif change == "order_line":
                clerk_order.write(
                    {"order_line": [Command.update(order.order_line.id, {"discount": 10})]}
                )
            else:
                with Form(clerk_order) as form, form.order_line.edit(0) as line:
                    line.price_unit = 70
            self.assertEqual(review.state, "invalidated", change)
            with self.assertRaisesRegex(UserError, "needs a review"):
                clerk_order.action_confirm()

    def test_confirmation_blocked_on_every_path(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "needs a review"):
            order.with_user(self.clerk).write({"state": "sale"})
        with self.assertRaisesRegex(UserError, "needs a review"):
            order.with_user(self.clerk).action_confirm()
        # a copy of a reviewed order is a new order that needs its own review
        review = self._submit(order)
        for verdict in review.verdict_ids:
            verdict.with_user(verdict.reviewer_ids[0]).action_approve()
        copy = order.copy()
        self.assertFalse(copy.review_id)
        with self.assertRaisesRegex(UserError, "needs a review"):
            copy.action_confirm()
        self.assertEqual(copy.state, "draft")

    def test_policy_and_member_changes_do_not_rewrite_a_review(self):
        order = self._order()
        review = self._submit(order)
        # the policy now asks for another department, and PMC gets a new member
        quality = self.env["order.review.department"].create(
            {
                "name": "Quality",
                "code": "T-QA",
                "member_ids": [Command.set(self.sales_reviewer.ids)],
            }
        )
        self.policy_custom.department_ids = [Command.link(quality.id)]
        self.dept_pmc.member_ids = [Command.set(self.sales_reviewer.ids)]
        self.assertEqual(review.verdict_ids.department_id, self.dept_sales | self.dept_pmc)
        pmc = self._verdict(review, self.dept_pmc)
        self.assertEqual(pmc.reviewer_ids, self.pmc_reviewer, "reviewers frozen at submission")
        with self.assertRaises(AccessError):
            pmc.with_user(self.sales_reviewer).action_approve()
        pmc.with_user(self.pmc_reviewer).action_approve()
        self._verdict(review, self.dept_sales).with_user(self.sales_reviewer).action_approve()
        self.assertEqual(review.state, "approved")
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_resubmitting_a_standing_review_is_refused(self):
        order = self._order()
        self._submit(order)
        with self.assertRaisesRegex(UserError, "already have a review"):
            order.with_user(self.clerk).action_review_submit()

    def test_meeting_invites_the_reviewers(self):
        order = self._order()
        review = self._submit(order)
        action = review.action_schedule_meeting()
        event = (
            self.env["calendar.event"]
            .with_context(**action["context"])
            .create({"start": "2026-03-02 02:00:00", "stop": "2026-03-02 03:00:00"})
        )
        self.assertEqual(
            event.partner_ids,
            (self.sales_reviewer | self.pmc_reviewer | self.clerk).partner_id,
        )
        self.assertEqual(review.meeting_count, 1)

    def test_overdue_verdicts_are_reminded_once_a_day(self):
        order = self._order()
        review = self._submit(order)
        review.deadline = review.submitted_on.date().replace(year=2000)
        verdicts = self.env["order.review.verdict"].search([("overdue", "=", True)])
        self.assertEqual(verdicts, review.verdict_ids)
        before = len(review.message_ids)
        self.env["order.review"]._cron_remind_overdue()
        self.assertEqual(len(review.message_ids), before + 2)
        self.env["order.review"]._cron_remind_overdue()
        self.assertEqual(len(review.message_ids), before + 2, "reminded once a day")
        self._verdict(review, self.dept_sales).with_user(self.sales_reviewer).action_approve()
        self.assertEqual(
            self.env["order.review.verdict"].search([("overdue", "=", True)]),
            self._verdict(review, self.dept_pmc),
        )

    def test_minutes_render_in_english_and_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        order = self._order()
        review = self._submit(order)
        pmc = self._verdict(review, self.dept_pmc).with_user(self.pmc_reviewer)
        pmc.conditions = "Two lots"
        pmc.action_approve_conditions()
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html("order_review.report_order_review_minutes", review.ids)[0]
        html = html.decode()
        self.assertIn(review.name, html)
        self.assertIn("Order Review Minutes", html)
        self.assertIn("Two lots", html)
        self.assertIn("Lace bra 75B", html)
        self.company.partner_id.lang = "zh_CN"
        html = report._render_qweb_html("order_review.report_order_review_minutes", review.ids)[0]
        self.assertIn("订单评审记录", html.decode())
