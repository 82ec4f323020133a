# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    oa_bill_match_policy = fields.Boolean(
        string="Three-way Match on Vendor Bills",
        help="Vendor bills whose lines are billed over the received quantity or over the "
        "ordered price (beyond the tolerance) are posted only by a user of the Bill Match "
        "Override group, with a reason. Off: bills are posted as in standard Odoo.",
    )
    oa_bill_match_tolerance_percent = fields.Float(
        string="Match Tolerance (%)",
        digits=(16, 2),
        help="A quantity or price over what was received or ordered by at most this "
        "percentage still matches.",
    )
    oa_bill_match_tolerance_amount = fields.Monetary(
        string="Match Tolerance (Amount)",
        currency_field="currency_id",
        help="A line whose excess (quantity over received times price, or price difference "
        "times quantity) is worth at most this amount in company currency still matches.",
    )
    oa_invoice_double_policy = fields.Boolean(
        string="Refuse Double Invoicing",
        help="Posting a customer invoice that brings a sales line above what was delivered "
        "(products invoiced on delivery) or ordered (other products and services), credit "
        "notes deducted, needs a user of the Bill Match Override group, with a reason. Off: "
        "invoices are posted as in standard Odoo.",
    )
