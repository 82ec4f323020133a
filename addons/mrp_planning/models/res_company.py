# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mrp_planning_rfq_window = fields.Integer(
        string="RFQ Grouping Window (days)",
        default=7,
        help="Confirmed purchase proposals of one vendor whose receipt dates fall within this "
        "many days of the first go into one request for quotation.",
    )
    mrp_planning_in_background = fields.Boolean(
        string="Run MRP in the Background",
        help="With OCA's Job Queue (queue_job) installed, MRP runs from the menu and the nightly "
        "run go to the job workers instead of the planner's request.",
    )
    mrp_score_window_days = fields.Integer(
        string="Supplier Score Window (days)", default=365, help="How far back the scores look."
    )
    mrp_score_weight_price = fields.Float(string="Price Weight", default=30.0)
    mrp_score_weight_on_time = fields.Float(string="On-time Weight", default=30.0)
    mrp_score_weight_quality = fields.Float(string="Quality Weight", default=25.0)
    mrp_score_weight_lead_time = fields.Float(string="Lead Time Weight", default=15.0)
    mrp_schedule_budget = fields.Float(
        string="Schedule Optimiser Budget (s)",
        default=10.0,
        help="Seconds the optimiser (OR-Tools CP-SAT) may spend improving the dispatch "
        "schedule of the work centers; 0 keeps the dispatch schedule.",
    )
    mrp_rush_dedicated_grades = fields.Selection(
        [("a", "A-grade customers"), ("ab", "A- and B-grade customers"), ("none", "Nobody")],
        string="Dedicated Line for Rush Orders Of",
        default="a",
        required=True,
        help="Which customers' rush orders may reserve a dedicated line (专线/样品组).",
    )
    mrp_rush_overtime_rate = fields.Float(
        string="Overtime Rate",
        default=1.5,
        help="Cost of an overtime hour against a normal one, for the rush order's what-if.",
    )
    mrp_delay_alerts = fields.Boolean(
        string="Delay Alerts",
        help="A daily cron raises what is late or will be late (material, production, "
        "shipping, review and approval), each once, with an activity to the person "
        "responsible. Off: nothing is raised.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.filtered("mrp_delay_alerts")._mrp_delay_thresholds_ensure()
        return companies

    def write(self, vals):
        res = super().write(vals)
        if vals.get("mrp_delay_alerts"):
            self._mrp_delay_thresholds_ensure()
        return res

    def _mrp_delay_thresholds_ensure(self):
        if self:
            # The thresholds are the company's configuration, written with the setting that
            # turns the alerts on (by whoever may change the company's settings).
            self.env["mrp.delay.threshold"].sudo()._ensure_company_thresholds(self)

    mrp_daily_report_mail = fields.Boolean(
        string="Mail the Daily Production Report",
        help="Each morning, the previous day's production report (日报) is made and mailed, "
        "with its PDF, to the company's planners and production managers.",
    )
