# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    order_intake_check_scope = fields.Selection(
        related="company_id.order_intake_check_scope", readonly=False
    )
    order_intake_priority_grades = fields.Selection(
        related="company_id.order_intake_priority_grades", readonly=False
    )
