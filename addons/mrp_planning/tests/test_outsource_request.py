# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outsourcing (外协): the comparison, leadership's approval, the purchase it gates."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_schedule_run import ScheduleCase, at


@tagged("post_install", "-at_install")
class TestOutsourceRequest(ScheduleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = cls.users["approver"]
        # Purchases need no approval of their own here: only the outsourcing gate is tested.
        cls.company.order_approval_purchase = False
        cls.sewing.costs_hour = 40
        cls.cutting.costs_hour = 20
        cls.subcontractor = cls.env["res.partner"].create({"name": "Huizhou Sewing Co."})
        cls.service = cls.env["product.product"].create(
            {"name": "Subcontracted sewing", "type": "service", "purchase_ok": True}
        )

    def setUp(self):
        super().setUp()
        # The set's sewing (3 h) and a bra (2 h) compete for the sewing line.
        self.set_mo = self.production(bom=self.set_bom, deadline=at(0, 17))
        self.bra_mo = self.production(deadline=at(0, 17))
        self.schedule()

    def request(self, **vals):
        sewing = self.set_mo.workorder_ids.filtered(lambda wo: wo.workcenter_id == self.sewing)
        return (
            self.env["mrp.outsource.request"]
            .with_user(self.planner)
            .create(
                {
                    "production_id": self.set_mo.id,
                    "workorder_ids": [Command.set(sewing.ids)],
                    "reason": "capacity",
                    "partner_id": self.subcontractor.id,
                    "product_id": self.service.id,
                    "price_unit": 30,
                    "lead_days": 2,
                    **vals,
                }
            )
        )

    def test_comparison_of_cost_and_schedule(self):
        self.assertEqual(self.bra_mo.workorder_ids.date_start, at(0, 13), "after the set")
        request = self.request()
        request.action_compare()
        self.assertEqual(request.inhouse_hours, 3.0)
        self.assertEqual(request.inhouse_cost, 120.0, "3 h of sewing at 40 an hour")
        self.assertEqual(request.outsource_cost, 30.0)
        self.assertEqual(request.saving, 90.0)
        self.assertEqual(request.orders_earlier, 1, "the bra no longer waits for the set")
        self.assertEqual(request.finish_before, at(0, 12), "cutting 8-9, sewing 9-12")

    def test_purchase_confirmed_only_once_approved(self):
        request = self.request()
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        self.assertFalse(request.purchase_id)
        # A buyer's purchase naming the request cannot be confirmed before the approval.
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.subcontractor.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.service.id, "product_qty": 1, "price_unit": 30}
                    )
                ],
            }
        )
        purchase.sudo().outsource_request_id = request
        with self.assertRaisesRegex(UserError, "not approved"):
            purchase.button_confirm()
        with self.assertRaisesRegex(UserError, "not approved"):
            purchase.write({"state": "purchase"})
        request.with_user(self.approver)._approval_decide(True)
        self.assertEqual(request.state, "approved")
        own = request.purchase_id
        self.assertEqual(
            (own.partner_id, own.order_line.product_id, own.order_line.price_unit, own.origin),
            (self.subcontractor, self.service, 30.0, self.set_mo.name),
        )
        own.button_confirm()
        self.assertEqual(own.state, "purchase")

    def test_rejected_outsourcing_buys_nothing(self):
        request = self.request()
        request.action_submit()
        request.with_user(self.approver)._approval_decide(False, comment="Keep it in house")
        self.assertEqual(request.state, "rejected")
        self.assertFalse(request.purchase_id)
        self.assertFalse(
            self.env["purchase.order"].search([("outsource_request_id", "=", request.id)])
        )

    def test_outsourced_work_leaves_the_work_centers(self):
        request = self.request()
        request.action_submit()
        request.with_user(self.approver)._approval_decide(True)
        self.schedule()
        sewing = request.workorder_ids
        self.assertFalse(sewing.leave_id, "no slot on the sewing line")
        self.assertEqual(self.bra_mo.workorder_ids.date_start, at(0, 8))

    def test_rights(self):
        with self.assertRaises(AccessError):
            self.request().with_user(self.users["clerk"]).read(["name"])
        request = self.request()
        with self.assertRaises(AccessError):
            request.with_user(self.planner).write({"state": "approved"})
        with self.assertRaises(AccessError):
            request.with_user(self.planner).write({"inhouse_cost": 0})
        request.action_submit()
        with self.assertRaisesRegex(UserError, "someone else"):
            request.with_user(self.planner)._approval_decide(True)
        with self.assertRaisesRegex(UserError, "draft"):
            request.with_user(self.planner).write({"price_unit": 1})
        with self.assertRaises(AccessError):
            request.with_user(self.approver).action_cancel()
