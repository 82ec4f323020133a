# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import closing
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import OrderReviewCase


@tagged("post_install", "-at_install")
class TestApprovalByAmount(OrderReviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.order_review_enabled = False
        cls.policy = cls.env["order.approval.policy"].create(
            {
                "name": "Sales above 5,000",
                "model": "sale.order",
                "amount_min": 5000,
                "level_ids": [
                    Command.create(
                        {
                            "name": "Sales manager",
                            "kind": "review",
                            "approver_type": "user",
                            "user_id": cls.sales_reviewer.id,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 20,
                            "name": "General manager",
                            "approver_type": "group",
                            "group_id": cls.env.ref("order_intake.group_order_approver").id,
                        }
                    ),
                ],
            }
        )

    def _big_order(self):
        return self._order(order_type=self.type_standard, qty=100, price=80.0)  # 8,000

    def test_amount_range_selects(self):
        small = self._order(order_type=self.type_standard, qty=10)  # 800
        self.assertFalse(small.approval_required)
        small.with_user(self.clerk).action_confirm()
        self.assertEqual(small.state, "sale")
        big = self._big_order()
        self.assertTrue(big.approval_required)
        self.policy.amount_max = big.amount_total
        big.invalidate_recordset(["approval_required"])
        self.assertFalse(big.approval_required, "the upper limit is not included")

    def test_levels_in_order_then_confirm(self):
        order = self._big_order()
        with self.assertRaisesRegex(UserError, "submit it for approval first"):
            order.with_user(self.clerk).action_confirm()
        order.with_user(self.clerk).action_approval_submit()
        self.assertEqual(order.approval_state, "pending")
        request = order.approval_request_id
        self.assertEqual(request.step_ids.mapped("state"), ["pending", "waiting"])
        self.assertEqual(request.amount, order.amount_total)
        # the general manager cannot decide before the sales manager
        with self.assertRaises(AccessError):
            order.with_user(self.approver)._approval_decide(True)
        order.with_user(self.sales_reviewer)._approval_decide(True, "Price agreed")
        self.assertEqual(request.step_ids.mapped("state"), ["approved", "pending"])
        self.assertTrue(order.with_user(self.approver).approval_can_decide)
        self.assertFalse(order.with_user(self.clerk).approval_can_decide)
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            order.with_user(self.clerk).action_confirm()
        order.with_user(self.approver)._approval_decide(True)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.step_ids[1].done_by_id, self.approver)
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_reject_sends_back_with_reason_and_state_write_is_gated(self):
        order = self._big_order()
        order.with_user(self.clerk).action_approval_submit()
        with self.assertRaisesRegex(UserError, "Say why"):
            order.with_user(self.sales_reviewer)._approval_decide(False, "  ")
        order.with_user(self.sales_reviewer)._approval_decide(False, "Discount too deep")
        self.assertEqual(order.approval_state, "rejected")
        self.assertEqual(
            order.approval_request_id.step_ids.mapped("state"), ["rejected", "superseded"]
        )
        note = order.message_ids[0]
        self.assertIn("Discount too deep", note.body)
        self.assertIn(self.clerk.partner_id, note.partner_ids)
        with self.assertRaisesRegex(UserError, "rejected"):
            order.with_user(self.clerk).write({"state": "sale"})
        self.assertEqual(order.state, "draft")

    def test_submitter_cannot_approve_own_document(self):
        boss = self.approver
        boss.groups_id = [Command.link(self.env.ref("order_intake.group_order_clerk").id)]
        order = self._order(order_type=self.type_standard, qty=100, user=boss)
        self.policy.level_ids[0].unlink()
        order.with_user(self.approver).action_approval_submit()
        step = order.approval_request_id.current_step_id
        self.assertEqual(step.approver_user_ids, self.approver2, "the submitter is not an approver")
        with self.assertRaisesRegex(UserError, "someone else"):
            order.with_user(self.approver)._approval_decide(True)
        # a level only the submitter could decide is refused at submission
        self.approver2.groups_id = [
            Command.unlink(self.env.ref("order_intake.group_order_approver").id)
        ]
        other = self._order(order_type=self.type_standard, qty=100, user=self.approver)
        with self.assertRaisesRegex(UserError, "Nobody but you"):
            other.with_user(self.approver).action_approval_submit()

    def test_approvers_fixed_at_submission(self):
        order = self._big_order()
        order.with_user(self.clerk).action_approval_submit()
        request = order.approval_request_id
        # the policy changes: another level, higher amounts, other approver
        self.policy.write({"amount_min": 100000})
        self.policy.level_ids[0].user_id = self.pmc_reviewer
        self.assertEqual(len(request.step_ids), 2)
        self.assertEqual(request.step_ids[0].approver_user_ids, self.sales_reviewer)
        with self.assertRaises(AccessError):
            order.with_user(self.pmc_reviewer)._approval_decide(True)
        order.with_user(self.sales_reviewer)._approval_decide(True)
        order.with_user(self.approver2)._approval_decide(True)
        self.assertEqual(order.approval_state, "approved")
        order.with_user(self.clerk).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_change_after_approval_and_reset_keep_the_trail(self):
        order = self._big_order()
        order.with_user(self.clerk).action_approval_submit()
        order.with_user(self.sales_reviewer)._approval_decide(True, "ok")
        order.with_user(self.approver)._approval_decide(True, "ok")
        first = order.approval_request_id
        # more quantity after approval: the approval is withdrawn, not silently kept
        order.order_line.with_user(self.clerk).product_uom_qty = 150
        self.assertEqual(order.approval_state, "none")
        self.assertEqual(first.state, "superseded")
        self.assertIn("changed", first.superseded_reason)
        with self.assertRaisesRegex(UserError, "submit it for approval first"):
            order.with_user(self.clerk).action_confirm()
        order.with_user(self.clerk).action_approval_submit()
        second = order.approval_request_id
        self.assertEqual(second.round, 2)
        order.with_user(self.sales_reviewer)._approval_decide(True)
        order.with_user(self.approver)._approval_decide(True)
        order.with_user(self.clerk).action_confirm()
        # cancelled and reset to draft: a third round, the two earlier ones still there
        order.with_user(self.clerk)._action_cancel()
        order.with_user(self.clerk).action_cancel()
        order.with_user(self.clerk).action_draft()
        self.assertEqual(order.approval_state, "none")
        order.with_user(self.clerk).action_approval_submit()
        rounds = order.approval_request_ids.sorted("round")
        self.assertEqual(rounds.mapped("round"), [1, 2, 3])
        self.assertEqual(rounds.mapped("state"), ["superseded", "superseded", "pending"])
        self.assertEqual(len(order.approval_step_ids), 6)
        self.assertEqual(
            order.approval_step_ids.filtered(lambda s: s.round == 1).mapped("state"),
            ["approved", "approved"],
        )
        with self.assertRaises(UserError):
            first.unlink()
        with self.assertRaises(UserError):
            first.step_ids.unlink()
        with self.assertRaises(AccessError):
            first.with_user(self.approver).write({"state": "approved"})

    def test_substitute_decides_for_absent_approver(self):
        today = fields.Date.context_today(self.env.user)
        order = self._big_order()
        order.with_user(self.clerk).action_approval_submit()
        with self.assertRaises(AccessError):
            order.with_user(self.pmc_reviewer)._approval_decide(True)
        substitution = (
            self.env["order.approval.substitute"]
            .with_user(self.sales_reviewer)
            .create(
                {
                    "substitute_id": self.pmc_reviewer.id,
                    "date_from": today - timedelta(days=1),
                    "date_to": today + timedelta(days=1),
                    "note": "Trade fair",
                }
            )
        )
        self.assertEqual(substitution.user_id, self.sales_reviewer)
        order.with_user(self.pmc_reviewer)._approval_decide(True, "for Zhou")
        step = order.approval_request_id.step_ids[0]
        self.assertEqual(step.done_by_id, self.pmc_reviewer)
        self.assertEqual(step.done_for_id, self.sales_reviewer)
        self.assertEqual(step.decided_by_label, "PMC Chen for Sales Zhou")
        # users name their own substitutes, not others'
        with self.assertRaises(AccessError):
            self.env["order.approval.substitute"].with_user(self.clerk).create(
                {
                    "user_id": self.approver.id,
                    "substitute_id": self.clerk.id,
                    "date_from": today,
                    "date_to": today,
                }
            )

    def test_substitution_outside_its_period_does_not_count(self):
        today = fields.Date.context_today(self.env.user)
        self.env["order.approval.substitute"].create(
            {
                "user_id": self.sales_reviewer.id,
                "substitute_id": self.pmc_reviewer.id,
                "date_from": today + timedelta(days=2),
                "date_to": today + timedelta(days=9),
            }
        )
        order = self._big_order()
        order.with_user(self.clerk).action_approval_submit()
        with self.assertRaises(AccessError):
            order.with_user(self.pmc_reviewer)._approval_decide(True)


# no e-mail is sent from the committed fixture (the test server has no outgoing mail)
QUIET = {"mail_notify_force_send": False, "mail_activity_quick_update": True}


@tagged("post_install", "-at_install")
class TestConcurrentApprovals(TransactionCase):
    """Two approvers of the same level press Approve at the same moment, on two real database
    connections: one decision, and the other approver is told who decided. The fixture is
    committed (and removed afterwards): the test's own transaction writes nothing, so that it
    holds no lock the two connections would wait for."""

    def test_two_approvers_at_once_one_effect(self):
        dbname = self.env.cr.dbname
        with closing(db_connect(dbname).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, QUIET)
            company = env.company
            flags = {
                "order_approval_sale": company.order_approval_sale,
                "order_review_enabled": company.order_review_enabled,
            }
            company.write({"order_approval_sale": True, "order_review_enabled": False})
            group = env["res.groups"].create({"name": "Concurrent approvers (test)"})
            users = env["res.users"].create(
                [
                    {
                        "name": name,
                        "login": f"cc_{name.lower().replace(' ', '_')}",
                        "groups_id": [
                            Command.link(env.ref("base.group_user").id),
                            Command.link(env.ref("sales_team.group_sale_salesman_all_leads").id),
                        ]
                        + ([Command.link(group.id)] if "Approver" in name else []),
                    }
                    for name in ("Approver One", "Approver Two", "Submitter")
                ]
            )
            policy = env["order.approval.policy"].create(
                {
                    "name": "Concurrent (test)",
                    "model": "sale.order",
                    "level_ids": [Command.create({"name": "Any approver", "group_id": group.id})],
                }
            )
            partner = env["res.partner"].create({"name": "Concurrent customer"})
            order = env["sale.order"].with_user(users[2]).create({"partner_id": partner.id})
            order._approval_submit()
            # a real commit: the other connections must see it (cleaned up below)
            cr.commit()  # pylint: disable=invalid-commit
            ids = {
                "order": order.id,
                "users": users.ids,
                "policy": policy.id,
                "group": group.id,
                "partner": partner.id,
            }
        try:
            with (
                closing(db_connect(dbname).cursor()) as cr1,
                closing(db_connect(dbname).cursor()) as cr2,
            ):
                env1 = api.Environment(cr1, ids["users"][0], QUIET)
                env2 = api.Environment(cr2, ids["users"][1], QUIET)
                env1["sale.order"].browse(ids["order"])._approval_decide(True, "first")
                with self.assertRaisesRegex(UserError, "at this very moment"):
                    env2["sale.order"].browse(ids["order"])._approval_decide(True, "second")
                cr2.rollback()
                cr1.commit()  # pylint: disable=invalid-commit
                env2.invalidate_all()
                with self.assertRaisesRegex(UserError, "already approved by Approver One"):
                    env2["sale.order"].browse(ids["order"])._approval_decide(True, "second")
                cr2.rollback()
            with closing(db_connect(dbname).cursor()) as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                order = env["sale.order"].browse(ids["order"])
                self.assertEqual(order.approval_state, "approved")
                self.assertEqual(len(order.approval_step_ids), 1)
                self.assertEqual(order.approval_step_ids.done_by_id.name, "Approver One")
                self.assertEqual(order.approval_step_ids.comment, "first")
                approvals = order.message_ids.filtered(lambda m: "approved by" in (m.body or ""))
                self.assertEqual(len(approvals), 1)
        finally:
            with closing(db_connect(dbname).cursor()) as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                # the trail cannot be deleted through the ORM, by design
                for table in ("order_approval_step", "order_approval_request"):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE res_model = 'sale.order' AND res_id = %s",
                            SQL.identifier(table),
                            ids["order"],
                        )
                    )
                env["mail.message"].search(
                    [("model", "=", "sale.order"), ("res_id", "=", ids["order"])]
                ).unlink()
                env["sale.order"].browse(ids["order"]).unlink()
                env["order.approval.policy"].browse(ids["policy"]).unlink()
                env["res.users"].browse(ids["users"]).unlink()
                env["res.groups"].browse(ids["group"]).unlink()
                env["res.partner"].browse(ids["partner"]).unlink()
                env.company.write(flags)
                # the clean-up is committed too, like the fixture
                cr.commit()  # pylint: disable=invalid-commit
