# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    order_intake_check_scope = fields.Selection(
        selection=[
            ("channel", "Orders of channels that check orders"),
            ("all", "Every sales order"),
        ],
        string="Intake Checks On",
        default="channel",
        required=True,
        help="Which sales orders the intake checks run on before confirmation. Orders without "
        "a channel are only checked with 'Every sales order'.",
    )
    order_intake_priority_grades = fields.Selection(
        selection=[
            ("none", "No priority orders"),
            ("a", "A-grade customers"),
            ("ab", "A- and B-grade customers"),
        ],
        string="Priority Orders",
        default="none",
        required=True,
        help="Orders of these customers are priority orders: their stock is reserved at "
        "confirmation, ahead of other orders. Applies to orders entered or changed from now on.",
    )
