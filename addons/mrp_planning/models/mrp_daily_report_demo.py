# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, models

from ..services import daily_report


class MrpDailyReport(models.Model):
    """The demo's daily report: yesterday the cutting team leader recorded what two cutting
    work orders produced (one short of lace), and the planner made yesterday's report for the
    morning meeting. The morning mail stays off. Called from the demo data only."""

    _inherit = "mrp.daily.report"

    @api.model
    def _demo_story(self):
        ref = self.env.ref
        planner = ref("order_intake.user_demo_planner")
        company = ref("base.main_company")
        cutting = ref("order_review.demo_workcenter_cutting")
        Report = self.with_user(planner).with_company(company)
        yesterday = Report._company_today(company) - timedelta(days=1)
        start, _end = daily_report.day_bounds(yesterday, Report._company_tz(company))
        workorders = self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "=", cutting.id),
                ("production_id.company_id", "=", company.id),
                ("state", "not in", ("done", "cancel")),
            ],
            order="date_start, id",
            limit=2,
        )
        short = "Lace roll short from the vendor: the rest is cut today"
        entries = [
            (10, 0.6, 0.05, 1.5, "Team A", short),
            (15, 0.3, 0.0, 2.0, "Team B", ""),
        ]
        vals_list = []
        for workorder, (hour, share, scrap, hours, team, note) in zip(
            workorders, entries, strict=False
        ):
            qty = workorder.qty_production
            vals_list.append(
                {
                    "workorder_id": workorder.id,
                    "date": start + timedelta(hours=hour),
                    "quantity": round(qty * share),
                    "scrap_qty": round(qty * scrap),
                    "hours": hours,
                    "operator": team,
                    "note": note,
                }
            )
        self.env["mrp.workorder.output"].with_user(planner).create(vals_list)
        Report._get_or_create(company, yesterday)
        return True
