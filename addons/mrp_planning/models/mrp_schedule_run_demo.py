# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models


class MrpScheduleRun(models.Model):
    """The demo's capacity story: the planner turns the MRP's proposals to make into
    manufacturing orders and schedules the factory's work centers; sewing is saturated, so
    part of it is given out to a subcontractor with leadership's approval; then a key
    customer asks for a rush order, whose what-if waits for leadership. Called from the demo
    data only."""

    _inherit = "mrp.schedule.run"

    @api.model
    def _demo_story(self):
        ref = self.env.ref
        clerk = ref("order_intake.user_demo_clerk")
        planner = ref("order_intake.user_demo_planner")
        approver = ref("order_intake.user_demo_approver")
        company = ref("base.main_company")
        centers = (
            ref("order_review.demo_workcenter_cutting")
            | ref("order_review.demo_workcenter_sewing")
            | ref("order_review.demo_workcenter_quality")
            | ref("order_review.demo_workcenter_packing")
        )
        # 1. The first of the MRP's proposals to make becomes a manufacturing order (the
        # others stay proposed, for the planner to try).
        proposals = self.env["mrp.planning.order"].search(
            [("company_id", "=", company.id), ("state", "=", "proposed"), ("kind", "=", "make")],
            order="id",
            limit=1,
        )
        if proposals:
            proposals.with_user(planner).action_confirm()
        # 2. Sewing of the 200 lace bras goes out to a subcontractor (approved by leadership).
        production = ref("mrp_planning.demo_production_confirmed")
        sewing = production.workorder_ids.filtered(
            lambda wo: wo.workcenter_id == ref("order_review.demo_workcenter_sewing")
        )
        Outsource = self.env["mrp.outsource.request"].with_user(planner)
        outsourcing = Outsource.create(
            {
                "production_id": production.id,
                "workorder_ids": [Command.set(sewing.ids)],
                "reason": "capacity",
                "note": "Sewing is booked for the export orders; Huizhou sews lace bras for us.",
                "partner_id": ref("mrp_planning.demo_subcontractor_sewing").id,
                "product_id": ref("mrp_planning.demo_product_outsourced_sewing").id,
                "price_unit": 6.5,
                "lead_days": 4,
            }
        )
        outsourcing.action_submit()
        outsourcing.with_user(approver)._approval_decide(True, comment="Huizhou has done it well")
        # 3. The planner schedules the factory's work centers.
        self.with_user(planner).with_company(company)._schedule(
            company, trigger="manual", budget=2.0, workcenters=centers
        )
        # 4. Shanghai Pearl (A-grade) wants its order a week earlier: a rush request, its
        # what-if frozen, waiting for leadership.
        order = ref("order_intake.demo_order_shanghai_confirmed")
        rush = (
            self.env["mrp.rush.request"]
            .with_user(clerk)
            .create(
                {
                    "sale_order_id": order.id,
                    "reason": "The department store moved its spring promotion a week earlier.",
                    "date_wanted": fields.Date.context_today(self) + timedelta(days=5),
                }
            )
        )
        rush.action_submit()
        return True
