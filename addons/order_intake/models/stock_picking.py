# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # A related field is read with the rights of the system, as the warehouse user validating
    # the delivery may not see the sales order (a salesman's own orders, for one).
    intake_no_partial_delivery = fields.Boolean(
        related="sale_id.intake_no_partial_delivery",
        string="No Partial Delivery",
        help="The sales order of this delivery is delivered in one shipment: every product in "
        "full, no backorder.",
    )

    def _intake_check_single_delivery(self):
        """Deliveries of orders that forbid partial delivery go out complete: every product
        in full, no backorder and no remainder cancelled."""
        partial = self.browse()
        for picking in self.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.intake_no_partial_delivery
        ):
            for move in picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
                delivered = move._get_picked_quantity() if move.picked else 0.0
                if (
                    float_compare(
                        delivered,
                        move.product_uom_qty,
                        precision_rounding=move.product_uom.rounding,
                    )
                    < 0
                ):
                    partial |= picking
                    break
        if partial:
            raise UserError(
                self.env._(
                    "%(pickings)s cannot be delivered in part: the sales order (%(origins)s) is "
                    "delivered in one shipment. Deliver every product in full, or untick 'No "
                    "Partial Delivery' on the sales order to split the delivery.",
                    pickings=", ".join(partial.mapped("name")),
                    origins=", ".join(o for o in partial.mapped("origin") if o),
                )
            )

    def _check_backorder(self):
        # before Odoo offers a backorder: refuse it at once for single-delivery orders
        self._intake_check_single_delivery()
        return super()._check_backorder()

    def _action_done(self):
        self._intake_check_single_delivery()
        return super()._action_done()
