# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpOrderCloseoutReopen(models.TransientModel):
    """Reopen closed close-outs, saying why (kept on the close-out and in its chatter)."""

    _name = "mrp.order.closeout.reopen"
    _description = "Reopen Order Close-out"

    closeout_ids = fields.Many2many("mrp.order.closeout", string="Close-outs", required=True)
    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        self.closeout_ids._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
