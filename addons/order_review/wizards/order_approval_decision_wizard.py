# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OrderApprovalDecisionWizard(models.TransientModel):
    """Approve or reject the current level of a document, with a comment."""

    _name = "order.approval.decision.wizard"
    _description = "Approval Decision"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    comment = fields.Text(help="Required to reject: the submitter reads it.")
    document_name = fields.Char(compute="_compute_document_name")
    step_name = fields.Char(compute="_compute_document_name", string="Level")

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _compute_document_name(self):
        for wizard in self:
            document = wizard._document()
            wizard.document_name = document.display_name
            wizard.step_name = document.approval_request_id.current_step_id.name

    def action_confirm(self):
        self.ensure_one()
        self._document()._approval_decide(self.decision == "approve", self.comment)
        return {"type": "ir.actions.act_window_close"}
