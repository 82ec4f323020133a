# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpOrderCloseoutLine(models.Model):
    """One order line of a close-out: what it earned and cost, by element, against its
    planned cost; reported by customer, product and month."""

    _name = "mrp.order.closeout.line"
    _description = "Order Close-out Line"
    _order = "closeout_id, id"

    closeout_id = fields.Many2one(
        "mrp.order.closeout", required=True, ondelete="cascade", index=True, readonly=True
    )
    state = fields.Selection(related="closeout_id.state", store=True)
    sale_order_id = fields.Many2one(
        related="closeout_id.sale_order_id", store=True, string="Sales Order"
    )
    partner_id = fields.Many2one(related="closeout_id.partner_id", store=True, string="Customer")
    user_id = fields.Many2one(related="closeout_id.user_id", store=True, string="Salesperson")
    company_id = fields.Many2one(related="closeout_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="closeout_id.currency_id")
    date_closed = fields.Date(related="closeout_id.date_closed", store=True, string="Closed On")
    sale_line_id = fields.Many2one("sale.order.line", string="Order Line", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True, index=True)
    product_tmpl_id = fields.Many2one(
        related="product_id.product_tmpl_id", store=True, string="Product Template"
    )
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    revenue = fields.Monetary(readonly=True)
    material = fields.Monetary(string="Materials", readonly=True)
    labour = fields.Monetary(string="Labour & Machine", readonly=True)
    subcontract = fields.Monetary(string="Subcontracting", readonly=True)
    purchase = fields.Monetary(string="Other Purchases", readonly=True)
    extra = fields.Monetary(string="Freight & Other", readonly=True)
    total_cost = fields.Monetary(string="Total Cost", readonly=True)
    unit_cost = fields.Float(
        string="Unit Cost", readonly=True, digits="Product Price", aggregator="avg"
    )
    margin = fields.Monetary(readonly=True)
    margin_percent = fields.Float(
        string="Margin (%)", readonly=True, digits=(16, 2), aggregator="avg"
    )
    planned_material = fields.Monetary(string="Planned Materials", readonly=True)
    planned_labour = fields.Monetary(string="Planned Labour", readonly=True)
    planned_cost = fields.Monetary(string="Planned Cost", readonly=True)
    variance_material = fields.Monetary(string="Materials Variance", readonly=True)
    variance_labour = fields.Monetary(string="Labour Variance", readonly=True)
    variance = fields.Monetary(string="Cost Variance", readonly=True)
