# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OrderReviewDepartment(models.Model):
    """A department that gives its verdict in order reviews (sales, design, PMC, ...)."""

    _name = "order.review.department"
    _description = "Review Department"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code, unique per company, e.g. PMC.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    leader_id = fields.Many2one(
        "res.users", string="Leader", domain=[("share", "=", False)], check_company=True
    )
    member_ids = fields.Many2many(
        "res.users",
        "order_review_department_user_rel",
        "department_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
        help="Who may give this department's verdict; the leader always may.",
    )
    description = fields.Text(translate=True, help="What this department checks in a review.")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A department code is unique per company.",
        )
    ]

    @api.constrains("leader_id", "member_ids")
    def _check_reviewers(self):
        for department in self:
            reviewers = department._reviewers()
            if department.active and not reviewers:
                raise ValidationError(
                    self.env._(
                        "Department %(department)s needs a leader or members to give its verdict.",
                        department=department.name,
                    )
                )

    def _reviewers(self):
        """Who may give the verdict of this department: the leader and the members."""
        self.ensure_one()
        return (self.leader_id | self.member_ids).filtered("active")
