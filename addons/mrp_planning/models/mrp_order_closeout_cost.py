# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpOrderCloseoutCost(models.Model):
    """A cost of the order entered by hand at close-out (freight, customs, samples, ...),
    spread over the order's lines by revenue."""

    _name = "mrp.order.closeout.cost"
    _description = "Order Close-out Cost"
    _order = "closeout_id, sequence, id"

    closeout_id = fields.Many2one(
        "mrp.order.closeout", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="closeout_id.company_id", store=True)
    currency_id = fields.Many2one(related="closeout_id.currency_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("freight", "Freight"), ("other", "Other")], required=True, default="freight"
    )
    name = fields.Char(string="Description", required=True)
    amount = fields.Monetary(required=True)

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.amount < 0:
                raise UserError(
                    self.env._(
                        "Cost %(name)s is negative: enter what the order cost as a positive "
                        "amount.",
                        name=cost.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        closeouts = self.env["mrp.order.closeout"].browse(
            [vals["closeout_id"] for vals in vals_list if vals.get("closeout_id")]
        )
        self._check_draft(closeouts)
        return super().create(vals_list)

    def write(self, vals):
        self._check_draft(self.closeout_id)
        if vals.get("closeout_id"):
            self._check_draft(self.env["mrp.order.closeout"].browse(vals["closeout_id"]))
        return super().write(vals)

    def unlink(self):
        self._check_draft(self.closeout_id)
        return super().unlink()

    def _check_draft(self, closeouts):
        closed = closeouts.filtered(lambda c: c.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Close-out %(name)s is closed: its costs are locked. A manager may reopen "
                    "it (with a reason) to change them.",
                    name=closed[0].name,
                )
            )
