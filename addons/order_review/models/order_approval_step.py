# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.order_intake.services.locking import lock_rows

from .order_approval_policy_level import LEVEL_KINDS

STEP_STATES = [
    ("waiting", "Waiting"),
    ("pending", "To Decide"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("superseded", "Superseded"),
]


class OrderApprovalStep(models.Model):
    """One level of an approval round, with the users who may decide it (fixed when the
    document was submitted) and who decided it, when, for whom and why."""

    _name = "order.approval.step"
    _description = "Approval Step"
    _order = "request_id desc, sequence, id"

    request_id = fields.Many2one(
        "order.approval.request", required=True, ondelete="restrict", index=True, readonly=True
    )
    res_model = fields.Char(related="request_id.res_model", store=True, index=True)
    res_id = fields.Many2oneReference(
        related="request_id.res_id", model_field="res_model", store=True, index=True
    )
    res_name = fields.Char(related="request_id.res_name")
    round = fields.Integer(related="request_id.round")
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    submitted_by_id = fields.Many2one(related="request_id.submitted_by_id")
    submitted_on = fields.Datetime(related="request_id.submitted_on")
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Level", readonly=True)
    kind = fields.Selection(LEVEL_KINDS, readonly=True)
    policy_id = fields.Many2one("order.approval.policy", readonly=True, ondelete="set null")
    group_id = fields.Many2one("res.groups", readonly=True, ondelete="set null")
    approver_user_ids = fields.Many2many(
        "res.users",
        "order_approval_step_approver_rel",
        "step_id",
        "user_id",
        string="Approvers",
        readonly=True,
    )
    state = fields.Selection(STEP_STATES, required=True, default="waiting", readonly=True)
    done_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    done_for_id = fields.Many2one(
        "res.users",
        string="On Behalf Of",
        readonly=True,
        help="The approver the decision was taken for, by their substitute.",
    )
    done_on = fields.Datetime(string="Decided On", readonly=True)
    comment = fields.Text(readonly=True)
    decided_by_label = fields.Char(compute="_compute_decided_by_label", string="Decision By")
    activity_ids = fields.Many2many("mail.activity", string="Activities", readonly=True)

    @api.depends("done_by_id", "done_for_id")
    def _compute_decided_by_label(self):
        for step in self:
            if step.done_for_id:
                step.decided_by_label = self.env._(
                    "%(user)s for %(absent)s",
                    user=step.done_by_id.name,
                    absent=step.done_for_id.name,
                )
            else:
                step.decided_by_label = step.done_by_id.name or ""

    def _lock_for_decision(self):
        """Lock this step's row, or tell the user that another approver is deciding it now."""
        self.ensure_one()
        lock_rows(
            self,
            lambda: self.env._(
                "Another approver is deciding level %(level)s of %(document)s at this "
                "very moment. Reload the document in a moment to see the decision.",
                level=self.name,
                document=self.res_name,
            ),
        )

    def _acting_for(self, user):
        """The approver ``user`` decides for: themselves, or the absent approver whose
        substitute they are today. Raises AccessError when they may not decide."""
        self.ensure_one()
        if user in self.approver_user_ids:
            return user.browse()
        today = fields.Date.context_today(self)
        substitution = (
            self.env["order.approval.substitute"]
            .sudo()
            .search(
                [
                    ("substitute_id", "=", user.id),
                    ("user_id", "in", self.approver_user_ids.ids),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ],
                limit=1,
            )
        )
        if substitution:
            return substitution.user_id
        raise AccessError(
            self.env._(
                "You may not decide level %(level)s of %(document)s: it is for %(approvers)s "
                "(or their substitutes).",
                level=self.name,
                document=self.res_name,
                approvers=", ".join(self.approver_user_ids.mapped("name")) or "-",
            )
        )

    def _can_decide(self, user):
        try:
            self._acting_for(user)
        except AccessError:
            return False
        return user != self.request_id.submitted_by_id

    def action_open_document(self):
        """Open the document to decide on it (its form has the Approve and Reject buttons)."""
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        document.check_access("read")
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
            self.env._("Approval steps are the trail of who approved what; they cannot be deleted.")
        )
