# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    customer_grade = fields.Selection(
        related="partner_id.commercial_partner_id.customer_grade",
        store=True,
        index=True,
        string="Customer Grade",
    )
