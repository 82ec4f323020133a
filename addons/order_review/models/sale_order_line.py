# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .order_review import ACTIVE_STATES
from .sale_order import REVIEWED_LINE_FIELDS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _review_watched_orders(self):
        return self.order_id.filtered(
            lambda o: (
                o.review_id.state in ACTIVE_STATES or o.approval_state in ("pending", "approved")
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._review_watched_orders()._review_watch_changes()
        return lines

    def write(self, vals):
        if not REVIEWED_LINE_FIELDS & set(vals):
            return super().write(vals)
        orders = self._review_watched_orders()
        res = super().write(vals)
        (orders | self._review_watched_orders())._review_watch_changes()
        return res

    def unlink(self):
        orders = self._review_watched_orders()
        res = super().unlink()
        orders.exists()._review_watch_changes()
        return res
