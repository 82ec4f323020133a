# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpPlanningPeg(models.Model):
    """Pegging: ``qty`` of a planned order serves a root demand (a sales order line, an open
    manufacturing order's component, or the safety stock), through a parent planned order
    when it is a component of one."""

    _name = "mrp.planning.peg"
    _description = "Planned Order Pegging"
    _order = "planned_order_id, id"

    planned_order_id = fields.Many2one(
        "mrp.planning.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="planned_order_id.company_id", store=True)
    product_id = fields.Many2one(related="planned_order_id.product_id")
    kind = fields.Selection(related="planned_order_id.kind")
    planned_state = fields.Selection(
        related="planned_order_id.state", string="Planned Order Status"
    )
    due_date = fields.Date(related="planned_order_id.due_date")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", index="btree_not_null", ondelete="cascade"
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", store=True, string="Sales Order", index=True
    )
    customer_id = fields.Many2one(related="sale_line_id.order_id.partner_id", string="Customer")
    move_id = fields.Many2one(
        "stock.move", string="Component Of", index="btree_not_null", ondelete="cascade"
    )
    production_id = fields.Many2one(
        related="move_id.raw_material_production_id", string="Manufacturing Order Served"
    )
    safety_stock = fields.Boolean(help="Serves the reorder rule's minimum stock.")
    parent_id = fields.Many2one(
        "mrp.planning.order",
        string="Through",
        ondelete="cascade",
        index="btree_not_null",
        help="The planned order to make of which this one is a component.",
    )
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    demand_display = fields.Char(compute="_compute_demand_display", string="Serves")

    def _compute_demand_display(self):
        for peg in self:
            if peg.sale_line_id:
                peg.demand_display = (
                    f"{peg.sale_order_id.name} - {peg.sale_line_id.product_id.display_name}"
                )
            elif peg.move_id:
                peg.demand_display = peg.production_id.name or peg.move_id.reference or ""
            else:
                peg.demand_display = self.env._("Safety stock")
