# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

TRIGGERS = [
    ("order_type", "Order type"),
    ("new_product", "Product never sold before"),
    ("non_standard", "Non-standard product"),
    ("amount", "Amount above a threshold"),
    ("new_customer", "Customer without a confirmed order"),
    ("intake_review", "Intake checks ask for review"),
]


class OrderReviewPolicy(models.Model):
    """Which sales orders need a review, and which departments give a verdict on them."""

    _name = "order.review.policy"
    _description = "Review Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty for a policy that applies in every company."
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="order_type")
    order_type_ids = fields.Many2many(
        "order.intake.type",
        "order_review_policy_type_rel",
        "policy_id",
        "type_id",
        string="Order Types",
        help="With trigger 'Order type': the order types this policy selects.",
    )
    exclude_order_type_ids = fields.Many2many(
        "order.intake.type",
        "order_review_policy_exclude_type_rel",
        "policy_id",
        "type_id",
        string="Never For",
        help="Orders of these types are never selected by this policy (e.g. repeat orders, "
        "which only need leadership's sign-off).",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    amount_min = fields.Monetary(
        string="Amount From", help="With trigger 'Amount': orders of at least this amount."
    )
    outcome = fields.Selection(
        [
            ("review", "Review by the departments"),
            ("leadership", "Leadership sign-off only"),
        ],
        required=True,
        default="review",
        help="Leadership sign-off only: no department review, the Approver group signs the "
        "order off (e.g. repeat orders, 返单).",
    )
    department_ids = fields.Many2many(
        "order.review.department", string="Departments", help="The departments that give a verdict."
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for policy in self:
            policy.currency_id = (policy.company_id or self.env.company).currency_id

    @api.constrains("trigger", "order_type_ids", "amount_min", "outcome", "department_ids")
    def _check_parameters(self):
        for policy in self:
            if policy.trigger == "order_type" and not policy.order_type_ids:
                raise ValidationError(
                    self.env._("Policy %(policy)s: choose the order types.", policy=policy.name)
                )
            if policy.trigger == "amount" and policy.amount_min <= 0:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: set the amount above which orders are reviewed.",
                        policy=policy.name,
                    )
                )
            if policy.outcome == "review" and not policy.department_ids:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: choose the departments that review.",
                        policy=policy.name,
                    )
                )

    @api.model
    def _facts(self, orders):
        """What the triggers need to know about ``orders``, read set-based: the products and
        the customers that had a confirmed order before (other than these)."""
        products = orders.order_line.product_id
        sold = set()
        if products:
            rows = self.env["sale.order.line"]._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("state", "=", "sale"),
                    ("order_id", "not in", orders.ids),
                ],
                ["product_id"],
            )
            sold = {product.id for (product,) in rows}
        partners = orders.partner_id.commercial_partner_id
        known = set()
        if partners:
            rows = self.env["sale.order"]._read_group(
                [
                    ("partner_id", "child_of", partners.ids),
                    ("state", "=", "sale"),
                    ("id", "not in", orders.ids),
                ],
                ["partner_id"],
            )
            known = {partner.commercial_partner_id.id for (partner,) in rows}
        return {"sold_product_ids": sold, "known_partner_ids": known}

    def _matches(self, order, facts):
        self.ensure_one()
        if self.company_id and self.company_id != order.company_id:
            return False
        if order.intake_type_id and order.intake_type_id in self.exclude_order_type_ids:
            return False
        products = order.order_line.filtered(lambda line: not line.display_type).product_id
        if self.trigger == "order_type":
            return order.intake_type_id in self.order_type_ids
        if self.trigger == "new_product":
            return any(p.id not in facts["sold_product_ids"] for p in products)
        if self.trigger == "non_standard":
            return any(products.mapped("review_non_standard"))
        if self.trigger == "amount":
            return (
                order.company_id.currency_id.compare_amounts(
                    order._get_approval_amount(), self.amount_min
                )
                >= 0
            )
        if self.trigger == "new_customer":
            return order.partner_id.commercial_partner_id.id not in facts["known_partner_ids"]
        if self.trigger == "intake_review":
            return any(not r.passed and r.severity == "review" for r in order.intake_result_ids)
        return False

    @api.model
    def _policies_by_order(self, orders):
        """{order: policies that select it} for the orders of companies with review on."""
        orders = orders.filtered(lambda o: o.company_id.order_review_enabled)
        if not orders:
            return {}
        policies = self.search([("company_id", "in", [False, *orders.company_id.ids])])
        facts = self._facts(orders)
        return {
            order: policies.filtered(lambda p, o=order: p._matches(o, facts)) for order in orders
        }
