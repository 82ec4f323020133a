# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpProductionNoticeLine(models.Model):
    """A sales order line to make. Its quantity is the line's: a change notice on the order
    changes what the notice asks for."""

    _name = "mrp.production.notice.line"
    _description = "Production Notice Line"
    _order = "notice_id, sequence, id"

    notice_id = fields.Many2one(
        "mrp.production.notice", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    state = fields.Selection(related="notice_id.state", store=True)
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, index=True, ondelete="restrict"
    )
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    product_template_id = fields.Many2one(
        related="product_id.product_tmpl_id", string="Product Model"
    )
    variant_values = fields.Char(compute="_compute_variant_values", string="Size / Variant")
    product_uom_qty = fields.Float(related="sale_line_id.product_uom_qty", string="Quantity")
    qty_delivered = fields.Float(related="sale_line_id.qty_delivered")
    product_uom = fields.Many2one(related="sale_line_id.product_uom", string="Unit")
    date_wanted = fields.Date(string="Wanted By", help="Leave empty for the notice's date.")
    date_needed = fields.Date(compute="_compute_date_needed", string="Needed By")

    @api.depends("product_id")
    def _compute_variant_values(self):
        for line in self:
            line.variant_values = ", ".join(
                line.product_id.product_template_attribute_value_ids.mapped("name")
            )

    @api.depends("date_wanted", "notice_id.date_wanted")
    def _compute_date_needed(self):
        for line in self:
            line.date_needed = line.date_wanted or line.notice_id.date_wanted

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        issued = lines.notice_id.filtered(lambda n: n.state != "draft")
        if issued:
            raise UserError(issued._issued_message())
        return lines

    def write(self, vals):
        issued = self.notice_id.filtered(lambda n: n.state != "draft")
        if issued and set(vals) - {"state"}:
            raise UserError(issued._issued_message())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        issued = self.notice_id.filtered(lambda n: n.state != "draft")
        if issued:
            raise UserError(issued._issued_message())

    def action_view_planned_orders(self):
        self.ensure_one()
        return self.sale_line_id.action_view_planned_orders()
