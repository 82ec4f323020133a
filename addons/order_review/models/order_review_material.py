# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OrderReviewMaterial(models.Model):
    """One line of the per-unit material usage sheet (单件用料用量表) of a review: how much of
    a component one unit of an ordered product takes, from its bill of materials, editable."""

    _name = "order.review.material"
    _description = "Review Material Usage"
    _order = "review_id, sequence, id"

    review_id = fields.Many2one("order.review", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", string="Ordered Product", required=True)
    order_qty = fields.Float(string="Ordered", digits="Product Unit of Measure")
    component_id = fields.Many2one("product.product", string="Component", required=True)
    qty_per_unit = fields.Float(string="Per Unit", digits="Product Unit of Measure")
    uom_id = fields.Many2one("uom.uom", string="Unit")
    total_qty = fields.Float(
        compute="_compute_total_qty", string="Total", digits="Product Unit of Measure"
    )
    note = fields.Char()

    @api.depends("order_qty", "qty_per_unit")
    def _compute_total_qty(self):
        for line in self:
            line.total_qty = line.order_qty * line.qty_per_unit

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.review_id._check_in_progress()
        return lines

    def write(self, vals):
        if not self.env.su:
            self.review_id._check_in_progress()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.review_id._check_in_progress()
        return super().unlink()

    @api.model
    def _prepare_from_order(self, order):
        """Values of the usage lines of ``order``: its products' bills of materials (one
        look-up for all), per unit of the product, in the component's BoM unit."""
        lines = order.order_line.filtered(lambda line: not line.display_type and line.product_id)
        if not lines:
            return []
        boms = self.env["mrp.bom"]._bom_find(lines.product_id, company_id=order.company_id.id)
        ordered = {}
        for line in lines:
            qty = line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
            ordered[line.product_id] = ordered.get(line.product_id, 0.0) + qty
        vals = []
        sequence = 0
        for product, qty in ordered.items():
            bom = boms.get(product)
            if not bom:
                continue
            bom_qty = bom.product_uom_id._compute_quantity(bom.product_qty, product.uom_id) or 1.0
            for bom_line in bom.bom_line_ids:
                if bom_line._skip_bom_line(product):
                    continue
                sequence += 1
                vals.append(
                    {
                        "sequence": sequence,
                        "product_id": product.id,
                        "order_qty": qty,
                        "component_id": bom_line.product_id.id,
                        "qty_per_unit": bom_line.product_qty / bom_qty,
                        "uom_id": bom_line.product_uom_id.id,
                    }
                )
        return vals
