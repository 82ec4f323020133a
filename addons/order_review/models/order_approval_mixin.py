# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.digest import digest

# Written by the engine only (as superuser, after checking the user's right to act).
APPROVAL_ENGINE_FIELDS = {"approval_state", "approval_request_id"}

APPROVAL_STATES = [
    ("none", "Not submitted"),
    ("pending", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class OrderApprovalMixin(models.AbstractModel):
    """Approval by policy for any document.

    A model inherits it and sets the class attributes; the policies (``order.approval.policy``
    records) say which of its documents need approval and by which levels. Submitting fixes the
    approvers of each level; approving or rejecting is recorded step by step and never deleted;
    a later submission supersedes the earlier rounds, which stay visible. The document cannot
    reach one of ``_approval_target_states`` (on any path: buttons, RPC, ``write``) while a
    policy applies and its current round is not approved for the content it has now.
    """

    _name = "order.approval.mixin"
    _description = "Approval by Policy (mixin)"

    # The document's state field, the states it may be submitted from and the states it may
    # reach only once approved.
    _approval_state_field = "state"
    _approval_submit_states = ("draft", "sent")
    _approval_target_states = ()
    # A boolean field of res.company that turns approvals on for this model (None: always on,
    # e.g. for documents that are only submitted by the suite itself).
    _approval_company_flag = None
    _approval_company_field = "company_id"
    _approval_amount_field = "amount_total"
    _approval_currency_field = "currency_id"
    _approval_date_field = "date_order"
    # Fields whose change may change the approved content (the digest decides).
    _approval_content_fields = ()

    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Approval",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    approval_request_id = fields.Many2one(
        "order.approval.request", string="Current Approval Round", readonly=True, copy=False
    )
    approval_request_ids = fields.One2many(
        "order.approval.request",
        "res_id",
        domain=lambda self: [("res_model", "=", self._name)],
        string="Approval Rounds",
        readonly=True,
        copy=False,
    )
    approval_step_ids = fields.One2many(
        "order.approval.step",
        "res_id",
        domain=lambda self: [("res_model", "=", self._name)],
        string="Approval Trail",
        readonly=True,
        copy=False,
    )
    approval_required = fields.Boolean(
        compute="_compute_approval_required",
        help="A policy asks for approval of this document in its current state.",
    )
    approval_can_decide = fields.Boolean(compute="_compute_approval_can_decide")
    approval_current_step_id = fields.Many2one(
        "order.approval.step", related="approval_request_id.current_step_id", string="To Decide"
    )

    # ------------------------------------------------------------------ hooks

    def _approval_company(self):
        self.ensure_one()
        return self[self._approval_company_field] or self.env.company

    def _approval_enabled(self):
        """Whether the company has turned approvals of this kind of document on."""
        self.ensure_one()
        flag = self._approval_company_flag
        return not flag or bool(self._approval_company()[flag])

    def _get_approval_amount(self):
        """The document's amount in its company's currency."""
        self.ensure_one()
        if not self._approval_amount_field:
            return 0.0
        company = self._approval_company()
        amount = self[self._approval_amount_field]
        currency = self[self._approval_currency_field] if self._approval_currency_field else None
        if currency and currency != company.currency_id:
            date = (self._approval_date_field and self[self._approval_date_field]) or (
                fields.Date.context_today(self)
            )
            amount = currency._convert(amount, company.currency_id, company, date)
        return amount

    def _get_approval_content(self):
        """What the approvers approve: a dict of JSON values. Approval holds only while the
        document's content is the same (same digest)."""
        self.ensure_one()
        return {"amount": self._get_approval_amount()}

    def _get_approval_policies(self):
        self.ensure_one()
        policies = self.env["order.approval.policy"].search([("model", "=", self._name)])
        return policies._matching(self, self._get_approval_amount())

    def _get_approval_default_levels(self):
        """Step values used when no policy matches a document that must be approved
        (see ``_approval_submit(mandatory=True)``); none by default."""
        return []

    def _approval_leadership_level(self, sequence=1):
        """Step values of a level decided by leadership (the Approver role), for documents
        that leadership always decides (reviews escalated, change notices, rush orders...)."""
        group = self.env.ref("order_intake.group_order_approver")
        return {
            "sequence": sequence,
            "name": self.env._("Leadership"),
            "kind": "approval",
            "group_id": group.id,
            "approver_user_ids": [
                (6, 0, group.users.filtered(lambda u: u.active and not u.share).ids)
            ],
        }

    def _approval_on_approved(self):
        """Called when the last level approved the current round."""

    def _approval_on_rejected(self, reason):
        """Called when a level rejected the current round."""

    def _approval_summary(self):
        """Text shown to the approvers with the round (e.g. the verdicts of a review)."""
        return False

    # ------------------------------------------------------------------ computed fields

    def _approval_digest(self):
        self.ensure_one()
        return digest(self._get_approval_content())

    def _compute_approval_required(self):
        for doc in self:
            doc.approval_required = bool(
                doc.id
                and doc._approval_enabled()
                and doc[self._approval_state_field] in self._approval_submit_states
                and doc._get_approval_policies()
            )

    @api.depends_context("uid")
    @api.depends("approval_request_id.current_step_id")
    def _compute_approval_can_decide(self):
        user = self.env.user
        for doc in self:
            step = doc.approval_request_id.current_step_id
            doc.approval_can_decide = bool(step) and step.sudo()._can_decide(user)

    # ------------------------------------------------------------------ submission

    def action_approval_submit(self):
        for doc in self:
            doc._approval_submit()
        return True

    def _approval_submit(self, mandatory=False, submitter=None):
        """Start a new approval round of this document with the levels of the policies that
        apply now (or, when ``mandatory``, the default levels when none applies). The
        ``submitter`` (the current user by default) may not decide any of its levels."""
        self.ensure_one()
        self.check_access("write")
        if self[self._approval_state_field] not in self._approval_submit_states:
            raise UserError(
                self.env._(
                    "%(document)s cannot be submitted for approval in its current state.",
                    document=self.display_name,
                )
            )
        if self.approval_state == "pending":
            raise UserError(
                self.env._(
                    "%(document)s is already waiting for approval.", document=self.display_name
                )
            )
        submitter = submitter or self.env.user
        policies = self._get_approval_policies()
        steps = []
        for level in policies.level_ids.sorted(lambda lv: (lv.policy_id.sequence, lv.sequence)):
            vals = level._prepare_step_vals(submitter)
            if not vals["approver_user_ids"][0][2]:
                raise UserError(
                    self.env._(
                        "Nobody but you can decide level '%(level)s' of policy %(policy)s, "
                        "and you cannot approve your own document. Add an approver to the "
                        "level or ask another user to submit it.",
                        level=level.name,
                        policy=level.policy_id.name,
                    )
                )
            steps.append(vals)
        if not steps and mandatory:
            steps = self._get_approval_default_levels()
            for vals in steps:
                approvers = self.env["res.users"].browse(vals["approver_user_ids"][0][2])
                vals["approver_user_ids"] = [(6, 0, (approvers - submitter).ids)]
                if not vals["approver_user_ids"][0][2]:
                    raise UserError(
                        self.env._(
                            "Nobody but you can decide '%(level)s' of %(document)s.",
                            level=vals["name"],
                            document=self.display_name,
                        )
                    )
        if not steps:
            raise UserError(
                self.env._(
                    "No approval policy applies to %(document)s: it needs no approval.",
                    document=self.display_name,
                )
            )
        self._approval_supersede(self.env._("submitted again"))
        company = self._approval_company()
        # The trail is written by the engine only: users read it, nobody writes it directly
        # (the submitter's write access to the document was checked above).
        request = (
            self.env["order.approval.request"]
            .sudo()
            .create(
                {
                    "res_model": self._name,
                    "res_id": self.id,
                    "res_name": self.display_name,
                    "company_id": company.id,
                    "round": len(self.sudo().approval_request_ids) + 1,
                    "submitted_by_id": submitter.id,
                    "submitted_on": fields.Datetime.now(),
                    "amount": self._get_approval_amount(),
                    "policy_ids": [(6, 0, policies.ids)],
                    "digest": self._approval_digest(),
                    "summary": self._approval_summary(),
                    "step_ids": [(0, 0, vals) for vals in steps],
                }
            )
        )
        self.sudo().write({"approval_request_id": request.id, "approval_state": "pending"})
        self._approval_activate_next(request)
        self._approval_post(
            self.env._(
                "Submitted for approval (round %(round)s): %(levels)s.",
                round=request.round,
                levels=", ".join(request.step_ids.mapped("name")),
            )
        )
        return request

    def _approval_activate_next(self, request):
        """Open the next waiting level of ``request`` and give its approvers an activity;
        when none is left, the round is approved."""
        self.ensure_one()
        request = request.sudo()  # the trail is written by the engine only
        step = request.step_ids.filtered(lambda s: s.state == "waiting")[:1]
        if not step:
            request.write({"state": "approved", "done_on": fields.Datetime.now()})
            self.sudo().write({"approval_state": "approved"})
            self._approval_post(self.env._("Approved (round %(round)s).", round=request.round))
            self._approval_on_approved()
            return
        activities = self.env["mail.activity"]
        for user in step.approver_user_ids:
            activities |= self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Decide: %(level)s", level=step.name),
                note=request.summary or False,
                user_id=user.id,
            )
        step.write({"state": "pending", "activity_ids": [(6, 0, activities.ids)]})

    # ------------------------------------------------------------------ decision

    def _approval_decide(self, approve, comment=None):
        """Approve or reject the current level as the current user. Exactly one decision
        per level: a second approver gets a message naming who decided first."""
        self.ensure_one()
        self.check_access("read")
        # the trail is written by the engine only, once the user's right is checked below
        request = self.approval_request_id.sudo()
        if request.state in ("approved", "rejected"):
            last = request.step_ids.filtered("done_on").sorted("done_on")[-1:]
            raise UserError(
                self.env._(
                    "%(document)s was already %(state)s by %(user)s on %(date)s.",
                    document=self.display_name,
                    state=dict(request._fields["state"]._description_selection(self.env))[
                        request.state
                    ].lower(),
                    user=last.decided_by_label or "-",
                    date=fields.Datetime.to_string(last.done_on),
                )
            )
        if not request or request.state != "pending":
            raise UserError(
                self.env._("%(document)s is not waiting for approval.", document=self.display_name)
            )
        step = request.current_step_id
        if not step:
            raise UserError(
                self.env._("%(document)s has no level to decide.", document=self.display_name)
            )
        comment = (comment or "").strip()
        if not approve and not comment:
            raise UserError(
                self.env._("Say why you reject %(document)s.", document=self.display_name)
            )
        step._lock_for_decision()
        if step.state != "pending":
            raise UserError(
                self.env._(
                    "Level %(level)s of %(document)s was already decided (%(state)s) by "
                    "%(user)s on %(date)s.",
                    level=step.name,
                    document=self.display_name,
                    state=dict(step._fields["state"]._description_selection(self.env)).get(
                        step.state
                    ),
                    user=step.decided_by_label,
                    date=fields.Datetime.to_string(step.done_on),
                )
            )
        user = self.env.user
        if user == request.submitted_by_id:
            raise UserError(
                self.env._(
                    "You submitted %(document)s: someone else has to decide on it.",
                    document=self.display_name,
                )
            )
        absent = step._acting_for(user)
        step.write(
            {
                "state": "approved" if approve else "rejected",
                "done_by_id": user.id,
                "done_for_id": absent.id,
                "done_on": fields.Datetime.now(),
                "comment": comment or False,
            }
        )
        step.activity_ids.filtered(lambda a: a.user_id == (absent or user)).action_feedback(
            feedback=comment or None
        )
        step.activity_ids.exists().unlink()
        who = step.decided_by_label
        if approve:
            suffix = f" {comment}" if comment else ""
            self._approval_post(
                self.env._(
                    "%(level)s approved by %(user)s.%(comment)s",
                    level=step.name,
                    user=who,
                    comment=suffix,
                )
            )
            self._approval_activate_next(request)
        else:
            request.write({"state": "rejected", "done_on": fields.Datetime.now()})
            request.step_ids.filtered(lambda s: s.state == "waiting").write({"state": "superseded"})
            self.sudo().write({"approval_state": "rejected"})
            self._approval_post(
                self.env._(
                    "%(level)s rejected by %(user)s: %(reason)s",
                    level=step.name,
                    user=who,
                    reason=comment,
                ),
                partner_ids=request.submitted_by_id.partner_id.ids,
            )
            self._approval_on_rejected(comment)
        return True

    def action_approval_approve(self):
        return self._approval_decision_wizard("approve")

    def action_approval_reject(self):
        return self._approval_decision_wizard("reject")

    def _approval_decision_wizard(self, decision):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approve") if decision == "approve" else self.env._("Reject"),
            "res_model": "order.approval.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_decision": decision,
            },
        }

    def _approval_post(self, body, **kwargs):
        """A note in the document's chatter, authored by the current user. Approvers may only
        read the document, and Odoo asks write access to post: the engine posts its own
        notes once the user's right to act was checked."""
        self.ensure_one()
        return self.sudo().message_post(
            body=body, author_id=self.env.user.partner_id.id, subtype_xmlid="mail.mt_note", **kwargs
        )

    # ------------------------------------------------------------------ validity

    def _approval_supersede(self, reason):
        """End the current round (pending, approved or rejected) of these documents: it stays
        on record as superseded, with the reason."""
        docs = self.filtered("approval_request_id")
        if not docs:
            return
        # the engine keeps the trail; the caller changes the document itself
        requests = docs.sudo().approval_request_id.filtered(lambda r: r.state != "superseded")
        steps = requests.step_ids.filtered(lambda s: s.state in ("waiting", "pending"))
        steps.activity_ids.exists().unlink()
        steps.write({"state": "superseded"})
        requests.write({"state": "superseded", "superseded_reason": reason})
        docs.sudo().write({"approval_request_id": False, "approval_state": "none"})
        for doc in docs:
            doc._approval_post(self.env._("Approval round withdrawn: %(reason)s.", reason=reason))

    def _approval_is_current(self):
        """The current round is approved and the document still has the approved content."""
        self.ensure_one()
        request = self.approval_request_id.sudo()
        return bool(
            request
            and request.res_model == self._name
            and request.res_id == self.id
            and request.state == "approved"
            and request.digest == self._approval_digest()
        )

    def _approval_check(self):
        """Raise if one of these documents needs approval and has no current approval."""
        messages = []
        for doc in self:
            if not doc._approval_enabled():
                continue
            request = doc.approval_request_id
            if not request and not doc._get_approval_policies():
                continue
            if doc._approval_is_current():
                continue
            if not request:
                reason = self.env._("it needs approval: submit it for approval first.")
            elif request.state == "pending":
                reason = self.env._(
                    "it is waiting for approval (%(level)s).",
                    level=request.current_step_id.name,
                )
            elif request.state == "rejected":
                reason = self.env._("its approval was rejected; change it and submit it again.")
            else:
                reason = self.env._(
                    "it changed after it was approved; submit it for approval again."
                )
            messages.append(
                self.env._("%(document)s: %(reason)s", document=doc.display_name, reason=reason)
            )
        if messages:
            raise UserError("\n".join(messages))

    def _approval_outdate_changed(self):
        """Withdraw the pending or approved round of the documents whose content changed."""
        changed = self.filtered(
            lambda d: (
                d.approval_state in ("pending", "approved")
                and d[self._approval_state_field] in self._approval_submit_states
                and d.approval_request_id.digest != d._approval_digest()
            )
        )
        changed._approval_supersede(self.env._("the document changed after it was submitted"))

    def write(self, vals):
        if not self.env.su and APPROVAL_ENGINE_FIELDS & set(vals):
            raise AccessError(
                self.env._(
                    "The approval of a document is changed by submitting, approving or "
                    "rejecting it, not by writing it."
                )
            )
        state_field = self._approval_state_field
        if vals.get(state_field) in self._approval_target_states:
            self.filtered(
                lambda d: d[state_field] not in self._approval_target_states
            )._approval_check()
        watched = self.browse()
        if set(vals) & set(self._approval_content_fields):
            watched = self.filtered(lambda d: d.approval_state in ("pending", "approved"))
        res = super().write(vals)
        if watched:
            watched._approval_outdate_changed()
        return res
