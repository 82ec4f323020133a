# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oa_bill_match_policy = fields.Boolean(related="company_id.oa_bill_match_policy", readonly=False)
    oa_bill_match_tolerance_percent = fields.Float(
        related="company_id.oa_bill_match_tolerance_percent", readonly=False
    )
    oa_bill_match_tolerance_amount = fields.Monetary(
        related="company_id.oa_bill_match_tolerance_amount",
        currency_field="currency_id",
        readonly=False,
    )
    oa_invoice_double_policy = fields.Boolean(
        related="company_id.oa_invoice_double_policy", readonly=False
    )
    oa_archive_orders = fields.Boolean(related="company_id.oa_archive_orders", readonly=False)
    oa_archive_in_background = fields.Boolean(
        related="company_id.oa_archive_in_background", readonly=False
    )
