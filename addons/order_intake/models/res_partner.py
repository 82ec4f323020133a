# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_grade = fields.Selection(
        selection=[
            ("a", "A - Key customer"),
            ("b", "B - Regular customer"),
            ("c", "C - Occasional customer"),
        ],
        string="Customer Grade",
        tracking=True,
        help="Grade of the customer: A-grade orders get priority in intake, review and planning. "
        "Set on the company; its contacts share it.",
    )

    intake_credit_hold = fields.Boolean(
        string="Credit Hold",
        tracking=True,
        help="No sales order of this customer is confirmed while the hold is on "
        "(when the credit limit intake rule is active).",
    )

    intake_no_partial_delivery = fields.Boolean(
        string="No Partial Delivery",
        help="The customer's orders are delivered in one shipment by default.",
    )

    @api.model
    def _commercial_fields(self):
        # Grade, credit hold and delivery terms belong to the commercial entity: contacts
        # follow the company.
        return [
            *super()._commercial_fields(),
            "customer_grade",
            "intake_credit_hold",
            "intake_no_partial_delivery",
        ]
