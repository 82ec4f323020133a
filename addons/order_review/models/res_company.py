# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    order_review_enabled = fields.Boolean(
        string="Order Review",
        help="Sales orders that a review policy selects are reviewed by the departments "
        "before they can be confirmed. Off: sales orders are confirmed as in standard Odoo.",
    )
    order_review_days = fields.Integer(
        string="Days to Give a Verdict",
        default=3,
        help="Each department's verdict is due this many days after the order is submitted.",
    )
    order_approval_sale = fields.Boolean(
        string="Approve Sales Orders",
        help="Sales orders that an approval policy selects (e.g. by amount) must be approved "
        "before they can be confirmed.",
    )
    order_approval_purchase = fields.Boolean(
        string="Approve Purchase Orders",
        help="Purchase orders that an approval policy selects are reviewed (审核) and approved "
        "(审批) before they can be confirmed; this replaces Odoo's purchase double validation "
        "for those orders. Off: Odoo's own purchase approval works as before.",
    )
    order_change_lock = fields.Boolean(
        string="Lock Confirmed Orders",
        help="Confirmed sales orders change through signed change notices only: their "
        "products, quantities, prices, dates, terms and delivery address cannot be edited "
        "directly. Off: confirmed orders are edited as in standard Odoo.",
    )
