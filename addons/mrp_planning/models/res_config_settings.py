# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mrp_planning_rfq_window = fields.Integer(
        related="company_id.mrp_planning_rfq_window", readonly=False
    )
    mrp_planning_in_background = fields.Boolean(
        related="company_id.mrp_planning_in_background", readonly=False
    )
    mrp_score_window_days = fields.Integer(
        related="company_id.mrp_score_window_days", readonly=False
    )
    mrp_score_weight_price = fields.Float(
        related="company_id.mrp_score_weight_price", readonly=False
    )
    mrp_score_weight_on_time = fields.Float(
        related="company_id.mrp_score_weight_on_time", readonly=False
    )
    mrp_score_weight_quality = fields.Float(
        related="company_id.mrp_score_weight_quality", readonly=False
    )
    mrp_score_weight_lead_time = fields.Float(
        related="company_id.mrp_score_weight_lead_time", readonly=False
    )
    mrp_schedule_budget = fields.Float(related="company_id.mrp_schedule_budget", readonly=False)
    mrp_rush_dedicated_grades = fields.Selection(
        related="company_id.mrp_rush_dedicated_grades", readonly=False
    )
    mrp_rush_overtime_rate = fields.Float(
        related="company_id.mrp_rush_overtime_rate", readonly=False
    )
    mrp_delay_alerts = fields.Boolean(related="company_id.mrp_delay_alerts", readonly=False)
    mrp_daily_report_mail = fields.Boolean(
        related="company_id.mrp_daily_report_mail", readonly=False
    )
