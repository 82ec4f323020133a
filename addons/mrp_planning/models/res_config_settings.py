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
