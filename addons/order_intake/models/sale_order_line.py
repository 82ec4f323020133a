# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Changing one of these on a line changes what the intake checks look at (and the content an
# override was given for): the checks of its order run again, whatever the route (the order
# form, the product catalog, the line model over RPC).
INTAKE_CHECKED_LINE_FIELDS = {
    "order_id",
    "display_type",
    "product_id",
    "name",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
    "intake_requested_date",
    "intake_zero_reason",
}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    intake_requested_date = fields.Date(
        string="Requested Date", help="When the customer wants this line delivered."
    )
    intake_promised_date = fields.Date(
        string="Promised Date",
        copy=False,
        help="The delivery date promised to the customer: from free stock, or after the "
        "purchase or manufacturing lead time when stock is short. Filled by the intake check "
        "and the order acknowledgment where empty; clear it to compute it again.",
    )
    intake_zero_reason = fields.Char(
        string="Zero Price/Quantity Reason",
        help="Why this line may have a zero price or quantity, e.g. free sample.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._intake_recheck()
        return lines

    def write(self, vals):
        if not INTAKE_CHECKED_LINE_FIELDS & set(vals):
            return super().write(vals)
        orders = self.order_id
        res = super().write(vals)
        (orders | self.order_id)._intake_recheck()
        return res

    def unlink(self):
        orders = self.order_id
        res = super().unlink()
        orders.exists()._intake_recheck()
        return res

    def _intake_product_qty(self):
        """The ordered quantity in the product's own unit of measure (stock's unit)."""
        self.ensure_one()
        return self.product_uom._compute_quantity(self.product_uom_qty, self.product_id.uom_id)

    def _intake_needed_by(self):
        """The day the customer wants this line: its requested date, else the order's
        delivery date; None when neither is set (wanted as soon as possible)."""
        self.ensure_one()
        if self.intake_requested_date:
            return self.intake_requested_date
        commitment = self.order_id.commitment_date
        # the day of the delivery date in the user's time zone, not the UTC day it is stored in
        return fields.Datetime.context_timestamp(self, commitment).date() if commitment else None

    def _prepare_procurement_values(self, group_id=False):
        values = super()._prepare_procurement_values(group_id=group_id)
        # the moves of priority orders are starred: reserved first by Odoo's scheduler
        if self.order_id.intake_priority:
            values["priority"] = "1"
        return values
