# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

PURCHASE_CONTENT_FIELDS = (
    "partner_id",
    "currency_id",
    "payment_term_id",
    "incoterm_id",
    "date_planned",
    "order_line",
    "picking_type_id",
)


class PurchaseOrder(models.Model):
    """Purchase orders: review (审核, the purchasing lead checks supplier, price and
    quantities) then approval (审批, leadership by amount), as levels of approval policies,
    before the order can be confirmed. With the company's policy off, or for orders no policy
    selects, Odoo's own double validation decides as before."""

    _name = "purchase.order"
    _inherit = ["purchase.order", "order.approval.mixin"]

    _approval_company_flag = "order_approval_purchase"
    _approval_target_states = ("to approve", "purchase", "done")
    _approval_content_fields = PURCHASE_CONTENT_FIELDS

    def _get_approval_content(self):
        self.ensure_one()
        return {
            "partner": self.partner_id.id,
            "currency": self.currency_id.id,
            "payment_term": self.payment_term_id.id,
            "incoterm": self.incoterm_id.id,
            "lines": [
                {
                    "display_type": line.display_type or "",
                    "product": line.product_id.id,
                    "name": line.name or "",
                    "qty": line.product_qty,
                    "uom": line.product_uom.id,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "taxes": sorted(line.taxes_id.ids),
                    "date_planned": line.date_planned or "",
                }
                for line in self.order_line.sorted("id")
            ],
        }

    def _approval_governs(self):
        """Our approval decides for this order (policy on, and a round or a policy)."""
        self.ensure_one()
        return self._approval_enabled() and bool(
            self.approval_request_id or self._get_approval_policies()
        )

    def _approval_allowed(self):
        if self._approval_governs():
            # raises with what is missing unless the current round approved this content
            self._approval_check()
            return True
        return super()._approval_allowed()

    def button_draft(self):
        res = super().button_draft()
        self._approval_supersede(self.env._("the order was reset to draft"))
        return res

    def button_cancel(self):
        res = super().button_cancel()
        self.filtered(lambda o: o.state == "cancel")._approval_supersede(
            self.env._("the order was cancelled")
        )
        return res
