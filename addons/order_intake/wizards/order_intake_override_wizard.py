# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OrderIntakeOverrideWizard(models.TransientModel):
    _name = "order.intake.override.wizard"
    _description = "Override Intake Checks"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    hold_reason = fields.Text(compute="_compute_hold_reason", string="Failing Checks")
    reason = fields.Text(required=True, help="Why the orders may go ahead; kept on the orders.")
    confirm = fields.Boolean(string="Confirm the Orders Now", default=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "sale.order":
            res["order_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return res

    @api.depends("order_ids")
    def _compute_hold_reason(self):
        for wizard in self:
            wizard.hold_reason = "\n\n".join(
                f"{order.name}\n{order.intake_hold_reason or ''}" for order in wizard.order_ids
            )

    def action_override(self):
        self.ensure_one()
        self.order_ids._intake_override(self.reason)
        if self.confirm:
            self.order_ids.action_confirm()
        return {"type": "ir.actions.act_window_close"}
