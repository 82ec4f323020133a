# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpProductionNoticeWizard(models.TransientModel):
    """From the order: the lines a new production notice is for (every line no notice
    covers yet, unless the clerk leaves some for later)."""

    _name = "mrp.production.notice.wizard"
    _description = "New Production Notice"

    sale_order_id = fields.Many2one("sale.order", required=True, readonly=True)
    allowed_line_ids = fields.Many2many(
        "sale.order.line", compute="_compute_allowed_line_ids", string="Lines Not on a Notice"
    )
    sale_line_ids = fields.Many2many(
        "sale.order.line",
        string="Lines",
        domain="[('id', 'in', allowed_line_ids)]",
        help="The order lines this notice releases to production.",
    )

    @api.depends("sale_order_id")
    def _compute_allowed_line_ids(self):
        Notice = self.env["mrp.production.notice"]
        for wizard in self:
            order = wizard.sale_order_id
            covered = Notice.search(
                [("sale_order_id", "=", order.id), ("state", "!=", "cancel")]
            ).line_ids.sale_line_id
            wizard.allowed_line_ids = order.order_line.filtered(
                lambda line, covered=covered: (
                    not line.display_type
                    and line.product_id.type == "consu"
                    and line not in covered
                )
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        order = self.env["sale.order"].browse(values.get("sale_order_id"))
        if order and "sale_line_ids" in fields_list:
            wizard = self.new({"sale_order_id": order.id})
            values["sale_line_ids"] = [fields.Command.set(wizard.allowed_line_ids.ids)]
        return values

    def action_create(self):
        self.ensure_one()
        if not self.sale_line_ids:
            raise UserError(self.env._("Choose the order lines the production notice is for."))
        foreign = self.sale_line_ids - self.allowed_line_ids
        if foreign:
            raise UserError(
                self.env._(
                    "%(lines)s: not a line of %(order)s still to put on a production notice.",
                    lines=", ".join(foreign.mapped("display_name")),
                    order=self.sale_order_id.name,
                )
            )
        Notice = self.env["mrp.production.notice"]
        notice = Notice.create(Notice._prepare_from_order(self.sale_order_id, self.sale_line_ids))
        return notice._get_form_action()
