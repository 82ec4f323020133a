# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

SEVERITIES = [
    ("block", "Block"),
    ("review", "Needs review"),
    ("warn", "Warning"),
]


class OrderIntakeResult(models.Model):
    """The outcome of one intake rule on one sales order, with its reason."""

    _name = "order.intake.result"
    _description = "Order Intake Check Result"
    _order = "order_id, passed, severity_rank, sequence, id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    rule_id = fields.Many2one("order.intake.rule", required=True, ondelete="cascade")
    sequence = fields.Integer(related="rule_id.sequence")
    severity = fields.Selection(SEVERITIES, required=True)
    severity_rank = fields.Integer(compute="_compute_severity_rank", store=True)
    passed = fields.Boolean()
    message_code = fields.Char(readonly=True, help="What the rule found (see the rule's messages).")
    message_params = fields.Json(readonly=True, help="The figures of what the rule found.")
    message = fields.Text(
        compute="_compute_message",
        help="What the rule found, in the reader's language, amounts in the order's currency "
        "and dates in the reader's format.",
    )
    related_order_id = fields.Many2one(
        "sale.order", string="Related Order", help="e.g. the order this one may duplicate"
    )

    @api.depends_context("lang")
    @api.depends("message_code", "message_params")
    def _compute_message(self):
        Rule = self.env["order.intake.rule"]
        for result in self:
            result.message = Rule._intake_render(result.message_code, result.message_params)

    def _holding(self):
        """The results that hold their order: failed, with severity block or needs review."""
        return self.filtered(lambda r: not r.passed and r.severity in ("block", "review"))

    @api.depends("severity")
    def _compute_severity_rank(self):
        rank = {code: i for i, (code, _label) in enumerate(SEVERITIES)}
        for result in self:
            result.severity_rank = rank.get(result.severity, 99)
