# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    outsource_request_id = fields.Many2one(
        "mrp.outsource.request",
        string="Outsourcing Request",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The outsourcing leadership approved for this subcontracting purchase.",
    )

    def _check_outsourcing_approved(self):
        """A subcontracting purchase is confirmed only while its outsourcing request is
        approved for what it says (subcontractor, price, operations)."""
        for order in self.filtered("outsource_request_id"):
            request = order.outsource_request_id.sudo()  # the buyer may not read the trail
            if request.state != "approved" or not request._approval_is_current():
                raise UserError(
                    self.env._(
                        "%(order)s subcontracts %(production)s: leadership has not approved "
                        "outsourcing request %(request)s (%(state)s). Confirm the purchase "
                        "once it is approved.",
                        order=order.name,
                        production=request.production_id.name,
                        request=request.name,
                        state=dict(request._fields["state"]._description_selection(self.env))[
                            request.state
                        ],
                    )
                )

    def button_confirm(self):
        self._check_outsourcing_approved()
        result = super().button_confirm()
        confirmed = self.filtered(lambda o: o.state in ("purchase", "done"))
        # Read as the system: the buyer may not read the outsourcing request.
        confirmed.outsource_request_id.sudo()._on_purchase_confirmed()
        return result

    def write(self, vals):
        if vals.get("state") in ("purchase", "done"):
            self.filtered(
                lambda o: o.state not in ("purchase", "done")
            )._check_outsourcing_approved()
        return super().write(vals)
