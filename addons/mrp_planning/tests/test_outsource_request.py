# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outsourcing (外协): the comparison, leadership's approval, the purchase it gates."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
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


@tagged("post_install", "-at_install")
class TestOutsourceSubcontracting(ScheduleCase):
    """With Odoo's subcontracting (mrp_subcontracting, installed beside the suite by the test
    command): a whole manufacturing order given out to a subcontractor who has a
    subcontracting bill of materials for the product buys the product itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = cls.users["approver"]
        cls.company.order_approval_purchase = False
        cls.subcontractor = cls.env["res.partner"].create({"name": "Dongguan Sets Co."})
        cls.other = cls.env["res.partner"].create({"name": "Another workshop"})
        cls.fabric = cls.env["product.product"].create({"name": "Set fabric", "is_storable": True})
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.set_bra.product_tmpl_id.id,
                "type": "subcontract",
                "subcontractor_ids": [Command.set(cls.subcontractor.ids)],
                "bom_line_ids": [Command.create({"product_id": cls.fabric.id, "product_qty": 1})],
            }
        )
        cls.service = cls.env["product.product"].create(
            {"name": "Subcontracted cutting", "type": "service", "purchase_ok": True}
        )

    def setUp(self):
        super().setUp()
        self.set_mo = self.production(bom=self.set_bom, deadline=at(0, 17))

    def request(self, **vals):
        return (
            self.env["mrp.outsource.request"]
            .with_user(self.planner)
            .create(
                {
                    "production_id": self.set_mo.id,
                    "reason": "capacity",
                    "partner_id": self.subcontractor.id,
                    "price_unit": 45,
                    "lead_days": 3,
                    **vals,
                }
            )
        )

    def test_whole_order_buys_the_product_made(self):
        request = self.request()
        self.assertEqual(request.purchase_mode, "subcontract")
        request.action_submit()
        request.with_user(self.approver)._approval_decide(True)
        purchase = self.env["purchase.order"].browse(request.purchase_id.id)
        line = purchase.order_line
        self.assertEqual(
            (line.product_id, line.product_qty, line.price_unit),
            (self.set_bra, self.set_mo.product_qty, 45.0),
        )
        purchase.button_confirm()
        self.assertEqual(self.set_mo.state, "cancel", "replaced by the subcontractor's work")
        subcontracted = self.env["mrp.production"].search(
            [("product_id", "=", self.set_bra.id), ("subcontractor_id", "=", self.subcontractor.id)]
        )
        self.assertEqual(len(subcontracted), 1, "Odoo's subcontracting order at the receipt")
        self.assertIn(
            purchase.picking_ids, subcontracted.move_finished_ids.move_dest_ids.picking_id
        )

    def test_part_of_the_order_or_another_vendor_buys_a_service(self):
        sewing = self.set_mo.workorder_ids.filtered(lambda wo: wo.workcenter_id == self.sewing)
        part = self.request(workorder_ids=[Command.set(sewing.ids)], product_id=self.service.id)
        self.assertEqual(part.purchase_mode, "service")
        other = self.request(partner_id=self.other.id, product_id=self.service.id)
        self.assertEqual(other.purchase_mode, "service")
        with self.assertRaisesRegex(ValidationError, "Choose the service"):
            self.request(partner_id=self.other.id)

    def test_unapproved_subcontracting_purchase_not_confirmed(self):
        request = self.request()
        request.action_submit()
        request.with_user(self.approver)._approval_decide(True)
        purchase = self.env["purchase.order"].browse(request.purchase_id.id)
        # Leadership approved 45 a set; the request changed afterwards is not approved.
        request.sudo().price_unit = 60
        with self.assertRaisesRegex(UserError, "not approved"):
            purchase.button_confirm()
        self.assertEqual(self.set_mo.state, "confirmed")
