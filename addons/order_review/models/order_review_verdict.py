# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

VERDICTS = [
    ("pending", "Pending"),
    ("approve", "Approve"),
    ("conditions", "Approve with conditions"),
    ("reject", "Reject"),
]
# Only the verdict actions write these, after checking who the user is.
DECISION_FIELDS = {"verdict", "reviewer_id", "date", "reviewer_ids", "department_id", "review_id"}


class OrderReviewVerdict(models.Model):
    """The verdict of one department on one review. Only the department's reviewers, as they
    were when the order was submitted, may give it."""

    _name = "order.review.verdict"
    _description = "Review Verdict"
    _order = "review_id desc, sequence, id"

    review_id = fields.Many2one("order.review", required=True, ondelete="cascade", index=True)
    review_state = fields.Selection(related="review_id.state", store=True, string="Review Status")
    order_id = fields.Many2one(related="review_id.order_id", store=True, string="Order")
    partner_id = fields.Many2one(related="review_id.partner_id", string="Customer")
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    submitted_on = fields.Datetime(related="review_id.submitted_on", store=True)
    deadline = fields.Date(related="review_id.deadline", store=True, string="Due")
    department_id = fields.Many2one(
        "order.review.department", required=True, ondelete="restrict", index=True
    )
    sequence = fields.Integer(related="department_id.sequence", store=True)
    reviewer_ids = fields.Many2many(
        "res.users",
        "order_review_verdict_reviewer_rel",
        "verdict_id",
        "user_id",
        string="Reviewers",
        help="Who may give this verdict: the department's leader and members when the order "
        "was submitted.",
    )
    verdict = fields.Selection(VERDICTS, required=True, default="pending", index=True)
    reviewer_id = fields.Many2one("res.users", string="Given By", readonly=True)
    date = fields.Datetime(string="Given On", readonly=True)
    conditions = fields.Text(help="What must be respected for this department to agree.")
    reason = fields.Text(string="Reason for Rejection")
    difficult = fields.Boolean(
        string="Difficult Order",
        help="The department asks leadership to decide on this order (总经理签批).",
    )
    note = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    lead_days = fields.Float(
        string="Verdict Lead Time (days)",
        compute="_compute_lead_days",
        store=True,
        aggregator="avg",
    )
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    reminded_on = fields.Date(readonly=True)
    activity_ids = fields.Many2many("mail.activity", string="Activities", readonly=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    _sql_constraints = [
        (
            "department_review_uniq",
            "unique(review_id, department_id)",
            "A department gives one verdict per review.",
        )
    ]

    @api.depends("submitted_on", "date")
    def _compute_lead_days(self):
        for verdict in self:
            if verdict.submitted_on and verdict.date:
                delta = verdict.date - verdict.submitted_on
                verdict.lead_days = round(delta.total_seconds() / 86400.0, 2)
            else:
                verdict.lead_days = 0.0

    @api.depends("deadline", "verdict")
    @api.depends_context("tz")
    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for verdict in self:
            verdict.overdue = bool(
                verdict.verdict == "pending" and verdict.deadline and verdict.deadline < today
            )

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue verdicts with = True or = False."))
        domain = [
            ("verdict", "=", "pending"),
            ("review_state", "=", "in_review"),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", "&", *domain]

    @api.depends_context("uid")
    @api.depends("reviewer_ids", "review_state")
    def _compute_can_decide(self):
        for verdict in self:
            verdict.can_decide = (
                verdict.review_state == "in_review" and self.env.user in verdict.reviewer_ids
            )

    def _verdict_label(self):
        self.ensure_one()
        return dict(self._fields["verdict"]._description_selection(self.env))[self.verdict]

    # ------------------------------------------------------------------ rights

    def _check_reviewer(self):
        """Each reviewer acts for their own department only, on reviews in progress."""
        user = self.env.user
        for verdict in self:
            if user not in verdict.reviewer_ids:
                raise AccessError(
                    self.env._(
                        "Only the reviewers of %(department)s (%(reviewers)s) may give its "
                        "verdict on %(review)s.",
                        department=verdict.department_id.name,
                        reviewers=", ".join(verdict.reviewer_ids.mapped("name")) or "-",
                        review=verdict.review_id.name,
                    )
                )
            if verdict.review_state != "in_review":
                raise UserError(
                    self.env._(
                        "Review %(review)s is no longer waiting for verdicts.",
                        review=verdict.review_id.name,
                    )
                )

    def write(self, vals):
        if not self.env.su:
            if DECISION_FIELDS & set(vals):
                raise AccessError(
                    self.env._(
                        "A verdict is given with the buttons Approve, Approve with Conditions "
                        "or Reject, by the department's reviewers."
                    )
                )
            self._check_reviewer()
        return super().write(vals)

    # ------------------------------------------------------------------ actions

    def action_approve(self):
        return self._give("approve")

    def action_approve_conditions(self):
        return self._give("conditions")

    def action_reject(self):
        return self._give("reject")

    def _give(self, verdict, conditions=None, reason=None, difficult=None):
        """Record this department's verdict as the current user."""
        self._check_reviewer()
        for line in self:
            text_conditions = conditions if conditions is not None else line.conditions
            text_reason = reason if reason is not None else line.reason
            if verdict == "conditions" and not (text_conditions or "").strip():
                raise UserError(
                    self.env._(
                        "Write the conditions of %(department)s before approving with conditions.",
                        department=line.department_id.name,
                    )
                )
            if verdict == "reject" and not (text_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write why %(department)s rejects the order.",
                        department=line.department_id.name,
                    )
                )
            vals = {
                "verdict": verdict,
                "reviewer_id": self.env.uid,
                "date": fields.Datetime.now(),
                "conditions": text_conditions if verdict == "conditions" else line.conditions,
                "reason": text_reason if verdict == "reject" else line.reason,
            }
            if difficult is not None:
                vals["difficult"] = difficult
            # the reviewer's right to act for the department was checked above
            line.sudo().write(vals)
            done = line.activity_ids.exists()
            done.filtered(lambda a: a.user_id == self.env.user).sudo().action_feedback(
                feedback=line._verdict_label()
            )
            line.activity_ids.exists().sudo().unlink()
            text = "" if verdict == "approve" else (vals["conditions"] or vals["reason"] or "")
            suffix = f" {text}" if text else ""
            line.review_id._approval_post(
                self.env._(
                    "%(department)s: %(verdict)s by %(user)s.%(text)s",
                    department=line.department_id.name,
                    verdict=line._verdict_label(),
                    user=self.env.user.name,
                    text=suffix,
                )
            )
        self.review_id.sudo()._evaluate()
        return True

    def _schedule_activities(self):
        self.ensure_one()
        review = self.review_id
        activities = self.env["mail.activity"]
        for user in self.reviewer_ids:
            activities |= review.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=review.deadline,
                summary=self.env._(
                    "Verdict of %(department)s on %(order)s",
                    department=self.department_id.name,
                    order=review.order_id.name,
                ),
                user_id=user.id,
            )
        self.sudo().write({"activity_ids": [(6, 0, activities.ids)]})
