# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    production_notice_ids = fields.One2many(
        "mrp.production.notice", "sale_order_id", string="Production Notices"
    )
    production_notice_count = fields.Integer(compute="_compute_production_notice_count")

    def _compute_production_notice_count(self):
        counts = dict(
            self.env["mrp.production.notice"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.production_notice_count = counts.get(order, 0)

    def action_create_production_notice(self):
        """A draft production notice for the order's lines that no notice covers yet."""
        self.ensure_one()
        notice = self.env["mrp.production.notice"].create(
            self.env["mrp.production.notice"]._prepare_from_order(self)
        )
        return notice._get_form_action()

    def action_view_production_notices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_production_notice"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"default_sale_order_id": self.id}
        if self.production_notice_count == 1:
            action.update(
                res_id=self.production_notice_ids.id, view_mode="form", views=[(False, "form")]
            )
        return action
