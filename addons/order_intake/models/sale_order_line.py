# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    intake_requested_date = fields.Date(
        string="Requested Date", help="When the customer wants this line delivered."
    )
    intake_zero_reason = fields.Char(
        string="Zero Price/Quantity Reason",
        help="Why this line may have a zero price or quantity, e.g. free sample.",
    )
