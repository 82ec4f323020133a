# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OrderApprovalSubstitute(models.Model):
    """A user away for a period names who decides their approvals meanwhile."""

    _name = "order.approval.substitute"
    _description = "Approval Substitute"
    _order = "date_from desc, id desc"

    user_id = fields.Many2one(
        "res.users",
        string="Approver",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        index=True,
    )
    substitute_id = fields.Many2one(
        "res.users", string="Substitute", required=True, domain=[("share", "=", False)], index=True
    )
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True)
    note = fields.Char(string="Reason", help="e.g. business trip, holiday")

    @api.constrains("user_id", "substitute_id", "date_from", "date_to")
    def _check_period(self):
        for substitute in self:
            if substitute.user_id == substitute.substitute_id:
                raise ValidationError(self.env._("A user cannot be their own substitute."))
            if substitute.date_to < substitute.date_from:
                raise ValidationError(
                    self.env._(
                        "The substitution of %(user)s ends before it starts.",
                        user=substitute.user_id.name,
                    )
                )

    @api.depends("user_id", "substitute_id")
    def _compute_display_name(self):
        for substitute in self:
            substitute.display_name = self.env._(
                "%(substitute)s for %(user)s",
                substitute=substitute.substitute_id.name,
                user=substitute.user_id.name,
            )
