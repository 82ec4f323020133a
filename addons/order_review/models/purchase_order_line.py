# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

PURCHASE_LINE_FIELDS = {
    "product_id",
    "name",
    "product_qty",
    "product_uom",
    "price_unit",
    "discount",
    "taxes_id",
    "date_planned",
    "display_type",
    "order_id",
}


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _approval_watched_orders(self):
        return self.order_id.filtered(lambda o: o.approval_state in ("pending", "approved"))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._approval_watched_orders()._approval_outdate_changed()
        return lines

    def write(self, vals):
        if not PURCHASE_LINE_FIELDS & set(vals):
            return super().write(vals)
        orders = self._approval_watched_orders()
        res = super().write(vals)
        (orders | self._approval_watched_orders())._approval_outdate_changed()
        return res

    def unlink(self):
        orders = self._approval_watched_orders()
        res = super().unlink()
        orders.exists()._approval_outdate_changed()
        return res
