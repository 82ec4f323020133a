# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Changing one of these fields changes what the intake checks look at: results already
# stored are computed again and an override given for the old content is withdrawn.
INTAKE_CHECKED_FIELDS = {
    "partner_id",
    "partner_shipping_id",
    "order_line",
    "client_order_ref",
    "commitment_date",
    "pricelist_id",
    "intake_channel_id",
    "intake_type_id",
    "warehouse_id",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    customer_grade = fields.Selection(
        related="partner_id.commercial_partner_id.customer_grade",
        store=True,
        index=True,
        string="Customer Grade",
    )
    intake_channel_id = fields.Many2one(
        "order.intake.channel",
        string="Channel",
        index=True,
        check_company=True,
        help="Where the order came from; it numbers the order and decides its checks.",
    )
    intake_type_id = fields.Many2one(
        "order.intake.type", string="Order Type", index=True, ondelete="restrict"
    )
    intake_type_code = fields.Selection(related="intake_type_id.code")
    intake_origin_order_id = fields.Many2one(
        "sale.order",
        string="Repeats Order",
        copy=False,
        index="btree_not_null",
        help="The earlier order this repeat order copies.",
    )
    intake_packaging_terms = fields.Char(string="Packaging Terms")
    intake_transport_terms = fields.Char(string="Transport Terms")
    intake_result_ids = fields.One2many(
        "order.intake.result", "order_id", string="Intake Checks", copy=False
    )
    intake_checked = fields.Boolean(copy=False, readonly=True)
    intake_state = fields.Selection(
        selection=[
            ("pending", "Pending check"),
            ("hold", "On hold"),
            ("ready", "Ready"),
            ("confirmed", "Confirmed"),
        ],
        compute="_compute_intake_state",
        store=True,
        index=True,
        string="Intake Status",
    )
    intake_hold_reason = fields.Text(compute="_compute_intake_state", store=True)
    intake_override_reason = fields.Text(copy=False, readonly=True, tracking=True)
    intake_override_user_id = fields.Many2one("res.users", copy=False, readonly=True)
    intake_override_date = fields.Datetime(copy=False, readonly=True)

    @api.depends(
        "state",
        "intake_checked",
        "intake_result_ids.passed",
        "intake_result_ids.severity",
        "intake_override_user_id",
    )
    def _compute_intake_state(self):
        for order in self:
            failing = order.intake_result_ids._holding()
            order.intake_hold_reason = "\n".join(f"{r.rule_id.name}: {r.message}" for r in failing)
            if order.state == "sale":
                order.intake_state = "confirmed"
            elif not order.intake_checked:
                order.intake_state = "pending"
            elif failing and not order.intake_override_user_id:
                order.intake_state = "hold"
            else:
                order.intake_state = "ready"

    @api.depends("intake_type_id")
    def _compute_require_signature(self):
        res = super()._compute_require_signature()
        for order in self.filtered("intake_type_id.requires_signature"):
            order.require_signature = True
        return res

    # ------------------------------------------------------------------ create / write

    @api.model_create_multi
    def create(self, vals_list):
        Channel = self.env["order.intake.channel"]
        for vals in vals_list:
            if vals.get("intake_channel_id") and vals.get("name", self.env._("New")) in (
                self.env._("New"),
                "/",
            ):
                channel = Channel.browse(vals["intake_channel_id"])
                vals["name"] = channel._next_order_number()
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if INTAKE_CHECKED_FIELDS & set(vals):
            self.filtered(lambda o: o.intake_checked and o.state in ("draft", "sent"))._intake_run()
        return res

    # ------------------------------------------------------------------ intake checks

    def _intake_checks_apply(self):
        self.ensure_one()
        return (
            self.company_id.order_intake_check_scope == "all"
            or self.intake_channel_id.intake_checks
        )

    def _intake_rules(self):
        return self.env["order.intake.rule"].search(
            [("company_id", "in", [False, *self.company_id.ids])]
        )

    def _intake_run(self):
        """Evaluate the intake rules on these orders and store the results."""
        orders = self.filtered(lambda o: o._intake_checks_apply())
        if not orders:
            return
        vals = orders._intake_rules()._evaluate(orders)
        orders.intake_result_ids.unlink()
        self.env["order.intake.result"].create(vals)
        orders.write(
            {
                "intake_checked": True,
                "intake_override_reason": False,
                "intake_override_user_id": False,
                "intake_override_date": False,
            }
        )

    def _intake_credit_exposure(self, partners):
        """Open receivables plus confirmed orders not invoiced yet, per commercial partner,
        in the currency of the current company (``partners`` carry that company)."""
        company = partners.env.company
        exposure = defaultdict(float)
        for partner in partners:
            exposure[partner] += partner.credit
        # every confirmed order of the customer counts, also those the current user may not
        # see (a salesman sees his own orders only); only the total leaves this method
        confirmed = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "child_of", partners.ids),
                    ("state", "=", "sale"),
                    ("invoice_status", "in", ("to invoice", "no")),
                ]
            )
        )
        for order in confirmed:
            partner = order.partner_id.commercial_partner_id.with_company(company)
            exposure[partner] += order.currency_id._convert(
                order.amount_to_invoice, company.currency_id, company, fields.Date.today()
            )
        return exposure

    def action_intake_check(self):
        """The "Check order" button: run the checks and show the result on the order."""
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "Order %(order)s is already confirmed or cancelled.", order=order.name
                    )
                )
        self._intake_run()
        return True

    def _intake_blocking_message(self):
        lines = []
        for order in self:
            lines.append(self.env._("Order %(order)s cannot be confirmed:", order=order.name))
            for result in order.intake_result_ids._holding():
                lines.append(f"- {result.rule_id.name}: {result.message}")
        lines.append(
            self.env._(
                "Correct the order and confirm again, or ask a user allowed to override "
                "intake checks to release it with a reason."
            )
        )
        return "\n".join(lines)

    def action_confirm(self):
        to_check = self.filtered(
            lambda o: o.state in ("draft", "sent") and o._intake_checks_apply()
        )
        # the order type's route (e.g. Make To Order for custom orders) on lines without one,
        # so that production or purchase follows the order
        for order in self.filtered(
            lambda o: o.state in ("draft", "sent") and o.intake_type_id.route_id
        ):
            order.order_line.filtered(
                lambda line: not line.display_type and not line.route_id
            ).route_id = order.intake_type_id.route_id
        if to_check:
            overridden = to_check.filtered("intake_override_user_id")
            (to_check - overridden)._intake_run()
            held = to_check.filtered(lambda o: o.intake_state == "hold")
            if held:
                raise UserError(held._intake_blocking_message())
        return super().action_confirm()

    def _intake_check_override_right(self):
        if not self.env.user.has_group("order_intake.group_order_intake_override"):
            raise AccessError(
                self.env._(
                    "Only users of the group 'Intake Override' may override the intake checks."
                )
            )

    def action_intake_override(self):
        """Open the wizard to release held orders with a written reason."""
        self._intake_check_override_right()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override Intake Checks"),
            "res_model": "order.intake.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "sale.order", "active_ids": self.ids},
        }

    def _intake_override(self, reason):
        """Release held orders with a written reason (Intake Override users only)."""
        self._intake_check_override_right()
        if not (reason or "").strip():
            raise UserError(self.env._("Write the reason for overriding the intake checks."))
        not_held = self.filtered(lambda o: o.intake_state != "hold")
        if not_held:
            raise UserError(
                self.env._(
                    "Only orders on hold can be overridden; not: %(orders)s.",
                    orders=", ".join(not_held.mapped("name")),
                )
            )
        now = fields.Datetime.now()
        for order in self:
            failing = order.intake_result_ids._holding()
            order.write(
                {
                    "intake_override_reason": reason,
                    "intake_override_user_id": self.env.uid,
                    "intake_override_date": now,
                }
            )
            order.message_post(
                body=self.env._(
                    "Intake checks overridden by %(user)s: %(reason)s. Rules overridden: "
                    "%(rules)s.",
                    user=self.env.user.name,
                    reason=reason,
                    rules=", ".join(failing.rule_id.mapped("name")),
                )
            )

    def _api_summary(self):
        """What the order API answers about a created order."""
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "intake_state": self.intake_state,
            "amount_total": self.amount_total,
            "currency": self.currency_id.name,
            "checks": [
                {
                    "rule": result.rule_id.name,
                    "severity": result.severity,
                    "passed": result.passed,
                    "message": result.message or "",
                }
                for result in self.intake_result_ids
            ],
        }

    def action_intake_repeat(self):
        """Create a repeat order (返单) of this order: same lines, linked to it."""
        self.ensure_one()
        repeat_type = self.env["order.intake.type"].search([("code", "=", "repeat")], limit=1)
        if not repeat_type:
            raise UserError(self.env._("No active order type 'Repeat order' is configured."))
        repeat = self.copy(
            {
                "intake_type_id": repeat_type.id,
                "intake_origin_order_id": self.id,
                "client_order_ref": False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": repeat.id,
            "view_mode": "form",
        }
