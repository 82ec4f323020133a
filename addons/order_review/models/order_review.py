# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.digest import canonical_json, changed_paths, digest

REVIEW_STATES = [
    ("in_review", "In Review"),
    ("escalated", "Leadership Decision"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("invalidated", "Invalidated"),
]
ACTIVE_STATES = ("in_review", "escalated", "approved")
# What users may change on a review; the rest is written by the review itself.
REVIEW_USER_FIELDS = {
    "process_requirements",
    "material_ids",
    "sample_required",
    "sample_state",
    "sample_confirmed_by",
    "sample_confirmed_on",
    "sample_note",
}


class OrderReview(models.Model):
    """The cross-department review (订单评审) of one sales order, as it stood when it was
    submitted: one verdict per required department, leadership's decision when a department
    rejects or flags the order as difficult, and the documents the meeting works on."""

    _name = "order.review"
    _description = "Order Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.approval.mixin"]
    _order = "id desc"

    # the leadership decision is an approval round of the review itself
    _approval_submit_states = ("escalated",)
    _approval_amount_field = "amount_total"
    _approval_currency_field = "currency_id"
    _approval_date_field = "submitted_on"

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    order_id = fields.Many2one(
        "sale.order", string="Order", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, string="Customer")
    customer_grade = fields.Selection(related="order_id.customer_grade")
    salesperson_id = fields.Many2one(related="order_id.user_id", store=True)
    intake_type_id = fields.Many2one(related="order_id.intake_type_id", store=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_total = fields.Monetary(readonly=True, help="The order's total when it was submitted.")
    state = fields.Selection(
        REVIEW_STATES, required=True, default="in_review", readonly=True, tracking=True, index=True
    )
    mode = fields.Selection(
        [("review", "Department review"), ("leadership", "Leadership sign-off only")],
        required=True,
        default="review",
        readonly=True,
    )
    policy_ids = fields.Many2many(
        "order.review.policy", string="Selected By", readonly=True, help="Frozen at submission."
    )
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    deadline = fields.Date(string="Verdicts Due", readonly=True)
    done_on = fields.Datetime(string="Decided On", readonly=True)
    lead_days = fields.Float(
        string="Review Lead Time (days)", compute="_compute_lead_days", store=True, aggregator="avg"
    )
    snapshot = fields.Text(readonly=True, help="The order as it was submitted (canonical JSON).")
    digest = fields.Char(readonly=True, help="SHA-256 of the order's content at submission.")
    snapshot_html = fields.Html(compute="_compute_snapshot_html", string="Order as Submitted")
    invalidated_reason = fields.Text(readonly=True)
    verdict_ids = fields.One2many("order.review.verdict", "review_id", string="Verdicts")
    verdict_count = fields.Integer(compute="_compute_verdict_summary")
    verdict_done_count = fields.Integer(compute="_compute_verdict_summary")
    difficult = fields.Boolean(
        compute="_compute_outcome", store=True, help="A department flagged a difficult order."
    )
    rejected = fields.Boolean(compute="_compute_outcome", store=True)
    conditions = fields.Text(
        compute="_compute_outcome",
        store=True,
        help="The departments' conditions; carried to the order and its production notice.",
    )
    process_requirements = fields.Html(
        string="Process Requirements",
        help="The process requirement sheet (工艺要求表): what production must respect.",
    )
    material_ids = fields.One2many(
        "order.review.material", "review_id", string="Material Usage per Unit"
    )
    sample_required = fields.Boolean(string="Pre-production Sample")
    sample_state = fields.Selection(
        [
            ("none", "Not needed"),
            ("to_make", "To make"),
            ("sent", "Sent to the customer"),
            ("confirmed", "Confirmed by the customer"),
            ("refused", "Refused by the customer"),
        ],
        string="Sample",
        default="none",
        required=True,
        tracking=True,
    )
    sample_confirmed_by = fields.Char(help="Who confirmed the sample at the customer.")
    sample_confirmed_on = fields.Date()
    sample_note = fields.Text()
    meeting_count = fields.Integer(compute="_compute_meeting_count")
    decision_comment = fields.Text(
        compute="_compute_decision", string="Leadership Comment", compute_sudo=True
    )
    decision_user_label = fields.Char(
        compute="_compute_decision", string="Decided By", compute_sudo=True
    )

    # ------------------------------------------------------------------ computes

    @api.depends("submitted_on", "done_on")
    def _compute_lead_days(self):
        for review in self:
            if review.submitted_on and review.done_on:
                delta = review.done_on - review.submitted_on
                review.lead_days = round(delta.total_seconds() / 86400.0, 2)
            else:
                review.lead_days = 0.0

    @api.depends("verdict_ids.verdict")
    def _compute_verdict_summary(self):
        for review in self:
            review.verdict_count = len(review.verdict_ids)
            review.verdict_done_count = len(
                review.verdict_ids.filtered(lambda v: v.verdict != "pending")
            )

    @api.depends("verdict_ids.verdict", "verdict_ids.difficult", "verdict_ids.conditions")
    def _compute_outcome(self):
        for review in self:
            verdicts = review.verdict_ids
            review.difficult = any(verdicts.mapped("difficult"))
            review.rejected = any(v.verdict == "reject" for v in verdicts)
            review.conditions = "\n".join(
                f"{v.department_id.name}: {v.conditions}"
                for v in verdicts
                if v.verdict == "conditions" and v.conditions
            )

    @api.depends("approval_step_ids.state")
    def _compute_decision(self):
        for review in self:
            step = review.approval_step_ids.filtered(
                lambda s: s.state in ("approved", "rejected")
            ).sorted("done_on")[-1:]
            review.decision_comment = step.comment or False
            review.decision_user_label = step.decided_by_label or False

    def _compute_meeting_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for review in self:
            review.meeting_count = counts.get(review.id, 0)

    @api.depends("snapshot")
    def _compute_snapshot_html(self):
        for review in self:
            review.snapshot_html = review._render_snapshot()

    def _snapshot_values(self):
        self.ensure_one()
        return json.loads(self.snapshot or "{}")

    def _render_snapshot(self):
        values = self._snapshot_values()
        if not values:
            return False
        return self.env["ir.qweb"]._render(
            "order_review.order_review_snapshot", {"snap": values, "review": self}
        )

    # ------------------------------------------------------------------ creation

    def write(self, vals):
        if not self.env.su:
            engine = {
                name
                for name in vals
                if name not in REVIEW_USER_FIELDS and not name.startswith(("message_", "activity_"))
            }
            if engine:
                raise AccessError(
                    self.env._(
                        "%(fields)s of a review change only through the review itself "
                        "(submission, verdicts, leadership's decision).",
                        fields=", ".join(sorted(engine)),
                    )
                )
            if {"process_requirements", "material_ids"} & set(vals):
                self._check_in_progress()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("order.review") or "/"
        return super().create(vals_list)

    @api.model
    def _prepare_from_order(self, order, policies):
        """Values of the review of ``order`` selected by ``policies``: the snapshot and digest
        of what is reviewed, one verdict per department (its reviewers frozen now), the
        per-unit material usage from the bills of materials."""
        content = order._review_content()
        review_policies = policies.filtered(lambda p: p.outcome == "review")
        departments = review_policies.department_ids.sorted(lambda d: (d.sequence, d.id))
        days = order.company_id.order_review_days or 0
        today = fields.Date.context_today(self)
        return {
            "order_id": order.id,
            "currency_id": order.currency_id.id,
            "amount_total": order.amount_total,
            "mode": "review" if review_policies else "leadership",
            "state": "in_review" if review_policies else "escalated",
            "policy_ids": [(6, 0, policies.ids)],
            "submitted_by_id": self.env.uid,
            "submitted_on": fields.Datetime.now(),
            "deadline": today + timedelta(days=days),
            "snapshot": canonical_json(order._review_snapshot(content)),
            "digest": digest(content),
            "sample_required": order.intake_type_id.code == "custom",
            "sample_state": "to_make" if order.intake_type_id.code == "custom" else "none",
            "verdict_ids": [
                (
                    0,
                    0,
                    {
                        "department_id": department.id,
                        "reviewer_ids": [(6, 0, department._reviewers().ids)],
                    },
                )
                for department in departments
            ],
            "material_ids": [
                (0, 0, vals)
                for vals in self.env["order.review.material"]._prepare_from_order(order)
            ],
        }

    def _start(self):
        """After creation: the reviewers' activities, or leadership's sign-off."""
        for review in self:
            if review.state == "escalated":
                review._approval_submit(mandatory=True, submitter=review.submitted_by_id)
                continue
            for verdict in review.verdict_ids:
                verdict._schedule_activities()

    # ------------------------------------------------------------------ verdicts and outcome

    def _evaluate(self):
        """Once every department gave its verdict: approved when all approved (with or without
        conditions) and none flagged a difficult order; otherwise leadership decides."""
        for review in self.filtered(lambda r: r.state == "in_review"):
            if any(v.verdict == "pending" for v in review.verdict_ids):
                continue
            if review.rejected or review.difficult:
                review.write({"state": "escalated"})
                review._approval_submit(mandatory=True, submitter=review.submitted_by_id)
                review.order_id._approval_post(
                    self.env._(
                        "Review %(review)s goes to leadership: %(why)s",
                        review=review.name,
                        why=review._escalation_reason(),
                    )
                )
            else:
                review._finish("approved")

    def _escalation_reason(self):
        self.ensure_one()
        reasons = []
        for verdict in self.verdict_ids:
            if verdict.verdict == "reject":
                reasons.append(
                    self.env._(
                        "%(department)s rejects (%(reason)s)",
                        department=verdict.department_id.name,
                        reason=verdict.reason or "-",
                    )
                )
            if verdict.difficult:
                reasons.append(
                    self.env._(
                        "%(department)s flags a difficult order",
                        department=verdict.department_id.name,
                    )
                )
        return "; ".join(reasons) or self.env._("repeat order, leadership sign-off")

    def _approval_summary(self):
        self.ensure_one()
        amount = f"{self.amount_total:,.2f}"
        lines = [
            self.env._(
                "Order %(order)s, %(customer)s, %(amount)s %(currency)s.",
                order=self.order_id.name,
                customer=self.partner_id.display_name,
                amount=amount,
                currency=self.currency_id.name,
            )
        ]
        for verdict in self.verdict_ids:
            text = verdict.conditions or verdict.reason or ""
            flag = self.env._(" (difficult order)") if verdict.difficult else ""
            lines.append(
                f"- {verdict.department_id.name}: {verdict._verdict_label()}{flag}"
                + (f": {text}" if text else "")
            )
        if self.mode == "leadership":
            lines.append(self.env._("Leadership sign-off only (no department review)."))
        return "\n".join(lines)

    def _get_approval_content(self):
        self.ensure_one()
        return {
            "order": self.digest,
            "verdicts": [
                [v.department_id.id, v.verdict, v.difficult, v.conditions or "", v.reason or ""]
                for v in self.verdict_ids
            ],
        }

    def _get_approval_default_levels(self):
        return [dict(self._approval_leadership_level(), name=self.env._("Leadership decision"))]

    def _approval_on_approved(self):
        self._finish("approved")

    def _approval_on_rejected(self, reason):
        self._finish("rejected", reason)

    def _finish(self, state, reason=None):
        self.ensure_one()
        # the decision was taken by the engine after checking who decides
        self.sudo().write({"state": state, "done_on": fields.Datetime.now()})
        self.verdict_ids.activity_ids.exists().unlink()
        order = self.order_id
        if state == "approved":
            body = self.env._("Review %(review)s approved.", review=self.name)
            if self.conditions:
                body += " " + self.env._("Conditions: %(conditions)s", conditions=self.conditions)
        else:
            body = self.env._(
                "Review %(review)s rejected: %(reason)s", review=self.name, reason=reason or "-"
            )
        order._approval_post(body, partner_ids=self.submitted_by_id.partner_id.ids)
        # the clerk who submitted the order is told to confirm it, or to change it
        if self.submitted_by_id:
            order.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=body[:250],
                user_id=self.submitted_by_id.id,
            )

    def _invalidate(self, reason):
        """The order changed after submission: this review no longer stands."""
        for review in self.filtered(lambda r: r.state in ACTIVE_STATES):
            review._approval_supersede(self.env._("the order changed"))
            # the order changed: the review stands no more, whoever changed it
            review.sudo().write({"state": "invalidated", "invalidated_reason": reason})
            review.verdict_ids.activity_ids.exists().unlink()
            review.order_id._approval_post(
                self.env._(
                    "Review %(review)s no longer stands: %(reason)s. Submit the order for "
                    "review again.",
                    review=review.name,
                    reason=reason,
                )
            )

    def _changes_since_submission(self):
        """The parts of the order that differ from the snapshot, e.g. 'lines[0].qty'."""
        self.ensure_one()
        before = self._snapshot_values().get("content", {})
        return changed_paths(before, json.loads(canonical_json(self.order_id._review_content())))

    # ------------------------------------------------------------------ actions

    def action_schedule_meeting(self):
        """Open a new meeting (calendar event) with the reviewers of every department."""
        self.ensure_one()
        partners = self.verdict_ids.reviewer_ids.partner_id | self.submitted_by_id.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Meeting"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_name": self.env._(
                    "Order review %(review)s: %(order)s", review=self.name, order=self.order_id.name
                ),
                "default_partner_ids": [(6, 0, partners.ids)],
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_res_model_id": self.env["ir.model"]._get_id(self._name),
                "default_description": self._approval_summary(),
            },
        }

    def action_view_meetings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review Meetings"),
            "res_model": "calendar.event",
            "view_mode": "list,form,calendar",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def action_regenerate_materials(self):
        """Rebuild the material usage from the products' bills of materials."""
        for review in self:
            review._check_in_progress()
            review.material_ids.unlink()
            review.write(
                {
                    "material_ids": [
                        (0, 0, vals)
                        for vals in self.env["order.review.material"]._prepare_from_order(
                            review.order_id
                        )
                    ]
                }
            )
        return True

    def action_print_minutes(self):
        return self.env.ref("order_review.action_report_order_review_minutes").report_action(self)

    def _check_in_progress(self):
        for review in self:
            if review.state not in ("in_review", "escalated"):
                raise UserError(
                    self.env._(
                        "Review %(review)s is closed (%(state)s): submit the order again to "
                        "review it anew.",
                        review=review.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            review.state
                        ],
                    )
                )

    def _minutes_lang(self):
        """The minutes are printed in the language of the company's own address."""
        self.ensure_one()
        return self.company_id.partner_id.lang or self.env.lang or "en_US"

    @api.model
    def _cron_remind_overdue(self):
        """Remind the reviewers of verdicts past their due date, once a day."""
        today = fields.Date.context_today(self)
        overdue = self.env["order.review.verdict"].search(
            [
                ("verdict", "=", "pending"),
                ("review_state", "=", "in_review"),
                ("deadline", "<", today),
                "|",
                ("reminded_on", "=", False),
                ("reminded_on", "<", today),
            ]
        )
        for verdict in overdue:
            verdict.review_id.message_post(
                body=self.env._(
                    "Reminder: the verdict of %(department)s was due on %(date)s.",
                    department=verdict.department_id.name,
                    date=verdict.deadline,
                ),
                partner_ids=verdict.reviewer_ids.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        overdue.write({"reminded_on": today})
        return True
