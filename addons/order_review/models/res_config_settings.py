# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    order_review_enabled = fields.Boolean(related="company_id.order_review_enabled", readonly=False)
    order_review_days = fields.Integer(related="company_id.order_review_days", readonly=False)
    order_approval_sale = fields.Boolean(related="company_id.order_approval_sale", readonly=False)
    order_approval_purchase = fields.Boolean(
        related="company_id.order_approval_purchase", readonly=False
    )
    order_change_lock = fields.Boolean(
        related="company_id.order_change_lock",
        readonly=False,
        string="Lock Confirmed Sales Orders (Change Notices)",
    )
