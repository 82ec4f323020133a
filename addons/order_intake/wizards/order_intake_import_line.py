# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OrderIntakeImportLine(models.TransientModel):
    _name = "order.intake.import.line"
    _description = "Imported Row"
    _order = "row"

    wizard_id = fields.Many2one("order.intake.import.wizard", required=True, ondelete="cascade")
    row = fields.Integer()
    status = fields.Selection([("created", "Created"), ("failed", "Failed")], required=True)
    message = fields.Text()
    order_id = fields.Many2one("sale.order")
