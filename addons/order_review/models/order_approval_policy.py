# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class OrderApprovalPolicy(models.Model):
    """Which documents need approval, and by whom: an ordered list of levels."""

    _name = "order.approval.policy"
    _description = "Approval Policy"
    _order = "model, sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    model = fields.Selection(
        selection="_selection_model",
        string="Document",
        required=True,
        help="The kind of document this policy approves.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty for a policy that applies in every company."
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    order_type_ids = fields.Many2many(
        "order.intake.type",
        string="Order Types",
        help="Only documents of these order types; leave empty for every type.",
    )
    amount_min = fields.Monetary(
        string="Amount From",
        help="Documents of at least this amount (untaxed amount and taxes, in the company's "
        "currency).",
    )
    amount_max = fields.Monetary(
        string="Amount Below",
        help="Documents below this amount; 0 means no upper limit.",
    )
    filter_domain = fields.Char(
        string="Also When",
        help="An optional filter on the document (a domain), e.g. only some vendors.",
    )
    level_ids = fields.One2many(
        "order.approval.policy.level", "policy_id", string="Levels", copy=True
    )
    note = fields.Text()

    @api.model
    def _selection_model(self):
        names = self.env.registry.descendants(["order.approval.mixin"], "_inherit")
        return sorted(
            (name, self.env[name]._description)
            for name in names
            if name != "order.approval.mixin" and not self.env[name]._abstract
        )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for policy in self:
            policy.currency_id = (policy.company_id or self.env.company).currency_id

    @api.constrains("amount_min", "amount_max")
    def _check_amounts(self):
        for policy in self:
            if policy.amount_min < 0 or policy.amount_max < 0:
                raise ValidationError(
                    self.env._("Policy %(policy)s: amounts cannot be negative.", policy=policy.name)
                )
            if policy.amount_max and policy.amount_max <= policy.amount_min:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: 'Amount Below' must be more than 'Amount From' "
                        "(or 0 for no upper limit).",
                        policy=policy.name,
                    )
                )

    @api.constrains("filter_domain", "model")
    def _check_filter_domain(self):
        for policy in self.filtered("filter_domain"):
            try:
                self.env[policy.model].search_count(safe_eval(policy.filter_domain), limit=1)
            except Exception as exc:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: the filter 'Also When' is not a valid domain on "
                        "%(model)s: %(error)s",
                        policy=policy.name,
                        model=policy.model,
                        error=exc,
                    )
                ) from exc

    def _matching(self, document, amount):
        """The policies of ``self`` that apply to ``document`` worth ``amount`` (company
        currency)."""
        document.ensure_one()
        company = document._approval_company()
        doc_type = document["intake_type_id"] if "intake_type_id" in document else None
        matching = self.browse()
        for policy in self:
            if policy.model != document._name:
                continue
            if policy.company_id and policy.company_id != company:
                continue
            if policy.order_type_ids and (
                doc_type is None or doc_type not in policy.order_type_ids
            ):
                continue
            currency = company.currency_id
            if currency.compare_amounts(amount, policy.amount_min) < 0:
                continue
            if policy.amount_max and currency.compare_amounts(amount, policy.amount_max) >= 0:
                continue
            if policy.filter_domain and not document.filtered_domain(
                safe_eval(policy.filter_domain)
            ):
                continue
            matching |= policy
        return matching
