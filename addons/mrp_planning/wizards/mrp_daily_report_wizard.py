# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpDailyReportWizard(models.TransientModel):
    """Opens the daily production report of a day, making it when there is none yet."""

    _name = "mrp.daily.report.wizard"
    _description = "Open a Daily Production Report"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(string="Day", required=True, default=lambda self: self._default_date())

    @api.model
    def _default_date(self):
        """Yesterday, in the company's day."""
        Report = self.env["mrp.daily.report"]
        return Report._company_today(self.env.company) - timedelta(days=1)

    def action_open(self):
        self.ensure_one()
        Report = self.env["mrp.daily.report"].with_company(self.company_id)
        report = Report.search(
            [("company_id", "=", self.company_id.id), ("date", "=", self.date)], limit=1
        )
        if not report:
            if not Report.has_access("create"):
                raise UserError(
                    self.env._(
                        "There is no daily report of %(day)s yet; a planner or a production "
                        "manager makes it.",
                        day=fields.Date.to_string(self.date),
                    )
                )
            report = Report.create({"company_id": self.company_id.id, "date": self.date})
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.daily.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }
