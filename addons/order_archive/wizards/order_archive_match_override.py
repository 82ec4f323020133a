# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class OrderArchiveMatchOverride(models.TransientModel):
    """Post vendor bills or customer invoices that do not match their orders, saying why (kept
    on the document and posted in its chatter)."""

    _name = "order.archive.match.override"
    _description = "Post Despite Mismatch"

    move_ids = fields.Many2many("account.move", string="Documents", required=True)
    problems = fields.Text(compute="_compute_problems", string="Mismatches")
    reason = fields.Text(required=True)

    @api.depends("move_ids")
    def _compute_problems(self):
        for wizard in self:
            lines = []
            for move in wizard.move_ids:
                problems = (
                    move._oa_bill_match_problems()
                    if move.move_type == "in_invoice"
                    else move._oa_double_invoicing_problems()
                )
                lines += [f"{move.display_name}: {problem}" for problem in problems]
            wizard.problems = "\n".join(lines)

    def action_post(self):
        self.ensure_one()
        self.move_ids._oa_override(self.reason)
        self.move_ids.action_post()
        return {"type": "ir.actions.act_window_close"}
