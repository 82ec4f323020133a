# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class MrpLeadershipRequestMixin(models.AbstractModel):
    """A planning request that leadership decides through the approval engine (a rush order,
    an outsourcing). The request computes its own figures and moves its own state: users
    cannot write them (``_request_engine_fields``); once submitted, what was submitted
    (``_approval_content_fields``) no longer changes; a submitted request stays on record,
    cancelled or decided. A model sets the class attributes and its ``state`` selection with
    at least ``draft``, ``submitted``, ``rejected`` and ``cancel``."""

    _name = "mrp.leadership.request.mixin"
    _description = "Request Decided by Leadership (mixin)"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.approval.mixin"]

    _approval_state_field = "state"
    _approval_submit_states = ("draft",)
    _approval_company_flag = None  # always decided by leadership
    _approval_amount_field = None
    _approval_date_field = None
    # Set by the request itself, never by users.
    _request_engine_fields = frozenset({"state"})
    # The ir.sequence code naming new requests.
    _request_sequence_code = None

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su and self._request_engine_fields & set(vals):
                raise AccessError(self._request_engine_message())
            if vals.get("name", "/") == "/" and self._request_sequence_code:
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(self._request_sequence_code) or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self._request_engine_fields & set(vals):
            raise AccessError(self._request_engine_message())
        submitted = set(self._approval_content_fields) | {"company_id"}
        if (
            not self.env.su
            and submitted & set(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "Only a draft %(document)s can be changed; cancel it and make a new one.",
                    document=self._request_label(),
                )
            )
        return super().write(vals)

    def _request_label(self):
        """The kind of request, in the reader's language."""
        # The name of a model is no secret; reading ir.model is a technical right.
        model = self.env["ir.model"].sudo()._get(self._name)
        return model.with_context(lang=self.env.lang).name

    def _request_engine_message(self):
        return self.env._(
            "The state and the figures of a %(document)s come from computing, submitting and "
            "deciding it, not from writing them.",
            document=self._request_label(),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state not in ("draft", "cancel")):
            raise UserError(
                self.env._(
                    "A submitted %(document)s stays on record; cancel it instead.",
                    document=self._request_label(),
                )
            )

    def _request_check_draft(self):
        self.ensure_one()
        self.check_access("write")
        if self.state != "draft":
            raise UserError(
                self.env._("%(request)s was submitted: its figures are frozen.", request=self.name)
            )

    def _request_submit(self):
        """Ask leadership (a round of the approval engine) and follow it."""
        self.ensure_one()
        self._approval_submit(mandatory=True)
        self.sudo().state = "submitted"  # follows the approval round (engine field)

    def _get_approval_default_levels(self):
        return [self._approval_leadership_level()]

    def _approval_on_rejected(self, reason):
        self.sudo().state = "rejected"  # decided by leadership (engine field)

    def action_cancel(self):
        for request in self:
            request.check_access("write")
            if request.state not in ("draft", "submitted"):
                raise UserError(self.env._("%(request)s is already decided.", request=request.name))
            request._approval_supersede(self.env._("the request was cancelled"))
            request.sudo().state = "cancel"  # engine field
        return True
