# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OrderIntakeType(models.Model):
    """The kind of a sales order: it decides which checks and which review the order needs."""

    _name = "order.intake.type"
    _description = "Order Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        selection=[
            ("standard", "Standard (from stock)"),
            ("mts", "Make to stock"),
            ("custom", "Custom (make to order)"),
            ("service", "Service"),
            ("repeat", "Repeat order"),
        ],
        required=True,
        help="What the order type means to the suite: custom orders follow the route below, "
        "repeat orders link to the order they repeat.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    route_id = fields.Many2one(
        "stock.route",
        string="Route",
        domain=[("sale_selectable", "=", True)],
        help="Route given to the order lines that have none, e.g. Make To Order for custom "
        "orders so that production or purchase follows the order.",
    )
    requires_signature = fields.Boolean(
        string="Requires Customer Sign-off",
        help="The customer signs the order acknowledgment before the order is confirmed.",
    )
