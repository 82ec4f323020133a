# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

REQUEST_STATES = [
    ("pending", "Waiting"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("superseded", "Superseded"),
]


class OrderApprovalRequest(models.Model):
    """One round of approval of a document: its levels fixed at submission. Rounds are
    never deleted; a new submission supersedes the earlier ones, which stay on record."""

    _name = "order.approval.request"
    _description = "Approval Round"
    _order = "id desc"
    _rec_name = "res_name"

    res_model = fields.Char(string="Document Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, readonly=True, index=True
    )
    res_name = fields.Char(string="Document", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    round = fields.Integer(readonly=True, help="1 for the first submission, then 2, 3, ...")
    state = fields.Selection(REQUEST_STATES, required=True, default="pending", readonly=True)
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    done_on = fields.Datetime(string="Decided On", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(readonly=True, help="The document's amount when it was submitted.")
    policy_ids = fields.Many2many("order.approval.policy", string="Policies", readonly=True)
    digest = fields.Char(
        readonly=True, help="SHA-256 of the document's content when it was submitted."
    )
    summary = fields.Text(readonly=True, help="What the approvers were asked to decide.")
    superseded_reason = fields.Char(readonly=True)
    step_ids = fields.One2many("order.approval.step", "request_id", string="Levels", readonly=True)
    current_step_id = fields.Many2one(
        "order.approval.step", compute="_compute_current_step_id", string="Current Level"
    )
    lead_days = fields.Float(
        string="Approval Lead Time (days)",
        compute="_compute_lead_days",
        store=True,
        aggregator="avg",
    )

    @api.depends("step_ids.state")
    def _compute_current_step_id(self):
        for request in self:
            request.current_step_id = request.step_ids.filtered(lambda s: s.state == "pending")[:1]

    @api.depends("submitted_on", "done_on")
    def _compute_lead_days(self):
        for request in self:
            if request.submitted_on and request.done_on:
                delta = request.done_on - request.submitted_on
                request.lead_days = round(delta.total_seconds() / 86400.0, 2)
            else:
                request.lead_days = 0.0

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Approval rounds are the trail of who approved what; they cannot be deleted."
            )
        )
