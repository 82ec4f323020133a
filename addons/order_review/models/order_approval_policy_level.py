# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVEL_KINDS = [
    ("review", "Review (审核)"),
    ("approval", "Approval (审批)"),
]


class OrderApprovalPolicyLevel(models.Model):
    """One level of an approval policy: a group (any of its members) or a named user."""

    _name = "order.approval.policy.level"
    _description = "Approval Level"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        "order.approval.policy", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        LEVEL_KINDS,
        required=True,
        default="approval",
        help="Review: someone checks the document (e.g. the purchasing lead checks supplier, "
        "price and quantities). Approval: leadership signs it off.",
    )
    approver_type = fields.Selection(
        [("group", "Any member of a group"), ("user", "A named user")],
        required=True,
        default="group",
    )
    group_id = fields.Many2one("res.groups", string="Group")
    user_id = fields.Many2one("res.users", string="User", domain=[("share", "=", False)])

    @api.constrains("approver_type", "group_id", "user_id")
    def _check_approver(self):
        for level in self:
            if level.approver_type == "group" and not level.group_id:
                raise ValidationError(
                    self.env._("Level %(level)s: choose the group that approves.", level=level.name)
                )
            if level.approver_type == "user" and not level.user_id:
                raise ValidationError(
                    self.env._("Level %(level)s: choose the user who approves.", level=level.name)
                )

    def _prepare_step_vals(self, submitter):
        """Values of the request step of this level, with its approvers fixed now."""
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "name": self.name,
            "kind": self.kind,
            "policy_id": self.policy_id.id,
            "group_id": self.group_id.id if self.approver_type == "group" else False,
            "approver_user_ids": [(6, 0, self._approvers(submitter).ids)],
        }

    def _approvers(self, submitter):
        """Who may decide this level now: the group's active internal members or the user,
        never the submitter."""
        self.ensure_one()
        users = self.group_id.users if self.approver_type == "group" else self.user_id
        return users.filtered(lambda u: u.active and not u.share) - submitter
