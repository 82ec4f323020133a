# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.order_intake.services.locking import lock_rows

from ..services.closeout import CloseoutLineInput, close_out, share_of

# Figures stored on the close-out and on its lines, written by the computation only.
FIGURES = (
    "revenue",
    "material",
    "labour",
    "subcontract",
    "purchase",
    "extra",
    "total_cost",
    "margin",
    "margin_percent",
    "planned_material",
    "planned_labour",
    "planned_cost",
    "variance_material",
    "variance_labour",
    "variance",
)
# What a closed close-out still lets change: its conversation.
CHATTER_FIELDS = {
    "message_follower_ids",
    "message_ids",
    "activity_ids",
    "message_main_attachment_id",
}


class MrpOrderCloseout(models.Model):
    """The close-out of a sales order (订单结案): once delivered and invoiced, what the order
    really cost (materials, work center time, subcontracting, other purchases, freight and other
    costs) against what it earned and what it was planned to cost; closed, it is locked with
    the order, and is the base for later quotations of the same products."""

    _name = "mrp.order.closeout"
    _description = "Order Close-out"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_closed desc, id desc"

    name = fields.Char(related="sale_order_id.name", store=True, string="Order Reference")
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        related="sale_order_id.partner_id", store=True, string="Customer", index=True
    )
    user_id = fields.Many2one(related="sale_order_id.user_id", store=True, string="Salesperson")
    company_id = fields.Many2one(related="sale_order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False, tracking=True)
    closed_by_id = fields.Many2one("res.users", string="Closed By", readonly=True, copy=False)
    computed_on = fields.Datetime(string="Figures Of", readonly=True)
    line_ids = fields.One2many(
        "mrp.order.closeout.line", "closeout_id", string="Order Lines", readonly=True
    )
    cost_ids = fields.One2many("mrp.order.closeout.cost", "closeout_id", string="Other Costs")
    production_ids = fields.Many2many(
        "mrp.production", string="Manufacturing Orders", readonly=True
    )
    purchase_line_ids = fields.Many2many(
        "purchase.order.line", string="Purchases Counted", readonly=True
    )
    note = fields.Html(string="Notes")
    planned_estimated = fields.Boolean(
        readonly=True,
        help="Some lines had no planned cost from their confirmation (confirmed before the "
        "close-out was installed): their planned cost is the bill of materials' cost today.",
    )
    revenue = fields.Monetary(readonly=True, help="Invoiced, net of credit notes, untaxed.")
    material = fields.Monetary(string="Materials", readonly=True)
    labour = fields.Monetary(string="Labour & Machine", readonly=True)
    subcontract = fields.Monetary(string="Subcontracting", readonly=True)
    purchase = fields.Monetary(string="Other Purchases", readonly=True)
    extra = fields.Monetary(string="Freight & Other", readonly=True)
    total_cost = fields.Monetary(string="Total Cost", readonly=True)
    margin = fields.Monetary(readonly=True)
    margin_percent = fields.Float(string="Margin (%)", readonly=True, digits=(16, 2))
    planned_material = fields.Monetary(string="Planned Materials", readonly=True)
    planned_labour = fields.Monetary(string="Planned Labour", readonly=True)
    planned_cost = fields.Monetary(string="Planned Cost", readonly=True)
    variance_material = fields.Monetary(string="Materials Variance", readonly=True)
    variance_labour = fields.Monetary(string="Labour Variance", readonly=True)
    variance = fields.Monetary(string="Cost Variance", readonly=True)
    reopen_reason = fields.Text(readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        (
            "sale_order_unique",
            "unique(sale_order_id)",
            "An order has one close-out: open the existing one.",
        )
    ]

    # Guards ---------------------------------------------------------------------------------
    def write(self, vals):
        if not self.env.context.get("closeout_compute") and set(vals) - CHATTER_FIELDS:
            closed = self.filtered(lambda c: c.state == "closed")
            if closed:
                raise UserError(
                    self.env._(
                        "Close-out %(name)s is closed: its figures are locked. A manager may "
                        "reopen it (with a reason) to change it.",
                        name=closed[0].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(closeout.state == "closed" for closeout in self):
            raise UserError(
                self.env._("A closed close-out is kept: reopen it first, then delete it.")
            )

    # Actions --------------------------------------------------------------------------------
    @api.model
    def _open_for_orders(self, orders):
        """The close-out of ``orders`` (created in draft with its figures when missing)."""
        self.check_access("create")
        orders.check_access("read")
        existing = self.search([("sale_order_id", "in", orders.ids)])
        missing = orders - existing.sale_order_id
        for order in missing:
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Order %(order)s is not confirmed: only confirmed orders are closed out.",
                        order=order.name,
                    )
                )
        try:
            with self.env.cr.savepoint():
                created = self.create([{"sale_order_id": order.id} for order in missing])
        except psycopg2.errors.UniqueViolation:
            raise UserError(
                self.env._(
                    "Someone else has just started the close-out of this order: open it from "
                    "the order."
                )
            ) from None
        created.action_compute()
        return existing | created

    def action_compute(self):
        """Recompute the figures from the order's documents (draft close-outs only)."""
        if self.filtered(lambda c: c.state == "closed"):
            raise UserError(
                self.env._("A closed close-out keeps its figures: reopen it to recompute them.")
            )
        self.check_access("write")
        for closeout in self:
            closeout._compute_figures()
        return True

    def action_close(self):
        """Close the order out: check it is delivered and invoiced, fix its figures, lock
        the order. Two people closing at once: one closes, the other is told."""
        self.check_access("write")
        for closeout in self:
            closeout._lock_row()
            if closeout.state == "closed":
                raise UserError(
                    self.env._("Close-out %(name)s is already closed.", name=closeout.name)
                )
            problems = closeout._closeout_problems()
            if problems:
                raise UserError(
                    self.env._(
                        "Order %(order)s cannot be closed out yet:\n%(problems)s",
                        order=closeout.sale_order_id.name,
                        problems="\n".join("- " + p for p in problems),
                    )
                )
            closeout._compute_figures()
            closeout.with_context(closeout_compute=True).write(
                {
                    "state": "closed",
                    "date_closed": fields.Date.context_today(closeout),
                    "closed_by_id": self.env.uid,
                    "reopen_reason": False,
                }
            )
            order = closeout.sale_order_id
            # Locking the order is part of closing it; whoever may close orders out locks
            # it even without the salesperson's rights on orders (access checked above).
            order.sudo().write({"locked": True})
            order.sudo().message_post(
                body=self.env._(
                    "Order closed out by %(user)s: cost %(cost)s, margin %(margin)s.",
                    user=self.env.user.name,
                    cost=closeout._format_amount(closeout.total_cost),
                    margin=closeout._format_amount(closeout.margin),
                )
            )
        return True

    def _reopen(self, reason):
        if not (
            self.env.user.has_group("mrp.group_mrp_manager")
            or self.env.user.has_group("account.group_account_manager")
        ):
            raise UserError(
                self.env._(
                    "Only a production manager or an accounting administrator may reopen a "
                    "close-out."
                )
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for reopening the close-out."))
        for closeout in self:
            closeout._lock_row()
            if closeout.state != "closed":
                raise UserError(self.env._("Close-out %(name)s is not closed.", name=closeout.name))
            closeout.with_context(closeout_compute=True).write(
                {"state": "draft", "reopen_reason": reason.strip(), "date_closed": False}
            )
            closeout.message_post(
                body=self.env._("Close-out reopened: %(reason)s", reason=reason.strip())
            )
        return True

    def action_reopen_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.order.closeout.reopen",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_closeout_ids": self.ids},
        }

    def action_open_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # Helpers --------------------------------------------------------------------------------
    def _lock_row(self):
        lock_rows(
            self,
            lambda: self.env._(
                "Someone else is closing or reopening %(name)s right now: reload it in a moment.",
                name=self.name,
            ),
        )

    def _format_amount(self, amount):
        return f"{self.currency_id.symbol or ''}{amount:,.{self.currency_id.decimal_places}f}"

    def _closeout_problems(self):
        """What keeps the order from being closed out, as sentences for the user."""
        self.ensure_one()
        # Read as the system: the closer (a planner, an accountant) need not hold the rights
        # on every document of the order to be told what is still open.
        order = self.sale_order_id.sudo()
        problems = []
        if order.state != "sale":
            problems.append(self.env._("the order is not confirmed"))
        for line in order.order_line.filtered(lambda x: not x.display_type):
            rounding = line.product_uom.rounding
            if line.product_id.type == "consu" and (
                float_compare(line.qty_delivered, line.product_uom_qty, precision_rounding=rounding)
                < 0
            ):
                problems.append(
                    self.env._(
                        "%(product)s: %(delivered)s of %(ordered)s %(uom)s delivered",
                        product=line.product_id.display_name,
                        delivered=line.qty_delivered,
                        ordered=line.product_uom_qty,
                        uom=line.product_uom.name,
                    )
                )
            if not float_is_zero(line.qty_to_invoice, precision_rounding=rounding):
                problems.append(
                    self.env._(
                        "%(product)s: %(qty)s %(uom)s still to invoice",
                        product=line.product_id.display_name or line.name,
                        qty=line.qty_to_invoice,
                        uom=line.product_uom.name,
                    )
                )
        drafts = order.invoice_ids.filtered(lambda m: m.state == "draft")
        if drafts:
            problems.append(
                self.env._(
                    "invoices not posted yet: %(invoices)s",
                    invoices=", ".join(drafts.mapped("display_name")),
                )
            )
        productions, _shares = self._closeout_productions()
        open_productions = productions.filtered(lambda p: p.state not in ("done", "cancel"))
        if open_productions:
            problems.append(
                self.env._(
                    "manufacturing orders still open: %(productions)s",
                    productions=", ".join(open_productions.mapped("name")),
                )
            )
        return problems

    def _closeout_productions(self):
        """The manufacturing orders that made this order, with the order line each serves
        and the part of it the order bears: those Odoo links to the order (made to order,
        shared by nobody) and those the MRP's pegging assigns to it (by pegged quantity)."""
        self.ensure_one()
        # As the system: sale_mrp's link is readable by manufacturing users only, and the
        # closer may be an accountant (access to the close-out was checked by the caller).
        order = self.sale_order_id.sudo()
        lines = order.order_line.filtered(lambda x: not x.display_type)
        shares = {}  # production id -> (sale line id, share)
        productions = order.mrp_production_ids
        by_product = {}
        for line in lines:
            by_product.setdefault(line.product_id.id, line.id)
        for production in productions:
            line = (
                production.sale_line_id or production.move_finished_ids.move_dest_ids.sale_line_id
            )
            line_id = line[:1].id if line[:1] in lines else by_product.get(production.product_id.id)
            shares[production.id] = (line_id, 1.0)
        pegs = (
            self.env["mrp.planning.peg"]
            .sudo()
            .search(
                [("sale_line_id", "in", lines.ids), ("planned_order_id.production_id", "!=", False)]
            )
        )
        pegged = defaultdict(float)
        for peg in pegs:
            planned = peg.planned_order_id
            if planned.production_id.id in shares:
                continue
            pegged[(planned.production_id.id, peg.sale_line_id.id)] += share_of(
                peg.qty, planned.product_qty
            )
        for (production_id, line_id), share in pegged.items():
            shares.setdefault(production_id, (line_id, min(share, 1.0)))
        all_productions = self.env["mrp.production"].sudo().browse(list(shares))
        return all_productions, shares

    def _closeout_planned(self, lines):
        """Planned material and labour of each line: fixed at confirmation, else estimated
        from the bill of materials now (orders confirmed before the close-out existed)."""
        planned, estimated = {}, False
        for line in lines:
            if line.closeout_planned_set:
                planned[line.id] = {
                    "material": line.closeout_planned_material,
                    "labour": line.closeout_planned_labour,
                }
            else:
                material, labour = line._closeout_planned_cost()
                planned[line.id] = {"material": material, "labour": labour}
                estimated = True
        return planned, estimated

    def _purchase_line_costs(self, purchase_lines):
        """What each purchase line cost the company, in its currency: the posted vendor bills
        (net of refunds), and at the purchase price what is not billed yet."""
        company = self.company_id
        billed = dict(
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [("purchase_line_id", "in", purchase_lines.ids), ("parent_state", "=", "posted")],
                ["purchase_line_id"],
                ["balance:sum"],
            )
        )
        costs = {}
        for pol in purchase_lines:
            open_qty = max(pol.product_qty - pol.qty_invoiced, 0.0)
            open_amount = pol.currency_id._convert(
                open_qty * pol.price_unit,
                company.currency_id,
                company,
                fields.Date.context_today(self),
            )
            costs[pol.id] = billed.get(pol, 0.0) + open_amount
        return costs

    def _compute_figures(self):
        """Gather the order's revenue and costs with a fixed number of set-based reads, let
        the close-out service do the arithmetic, store the figures in one batch."""
        self.ensure_one()
        # As the system: the figures come from invoices, valuation layers, work orders and
        # vendor bills that the closer need not be allowed to open one by one (the access to
        # the close-out was checked by the action).
        sudo_env = self.sudo().env
        order = self.sale_order_id.sudo()
        lines = order.order_line.filtered(lambda x: not x.display_type)
        revenue = {
            line.id: -balance
            for line, balance in sudo_env["account.move.line"]._read_group(
                [
                    ("sale_line_ids", "in", lines.ids),
                    ("parent_state", "=", "posted"),
                    ("display_type", "=", "product"),
                ],
                ["sale_line_ids"],
                ["balance:sum"],
            )
        }
        actual = defaultdict(lambda: defaultdict(float))
        productions, shares = self._closeout_productions()
        made_lines = {line_id for line_id, _share in shares.values()}
        fallback_line = lines[:1].id

        # Materials of the manufacturing orders: their consumption's valuation.
        raw_moves = sudo_env["stock.move"].search(
            [
                ("raw_material_production_id", "in", productions.ids),
                ("state", "=", "done"),
            ]
        )
        scrap_moves = productions.scrap_ids.move_ids
        value_by_move = dict(
            sudo_env["stock.valuation.layer"]._read_group(
                [("stock_move_id", "in", (raw_moves | scrap_moves).ids)],
                ["stock_move_id"],
                ["value:sum"],
            )
        )
        for move in raw_moves | scrap_moves:
            production = move.raw_material_production_id or move.scrap_id.production_id
            line_id, share = shares.get(production.id, (fallback_line, 1.0))
            actual[line_id or fallback_line]["material"] -= value_by_move.get(move, 0.0) * share
        # Goods sold from stock or bought for the order: their deliveries' valuation.
        bought_lines = lines.filtered(lambda x: x.id not in made_lines)
        delivered = sudo_env["stock.valuation.layer"]._read_group(
            [
                ("stock_move_id.sale_line_id", "in", bought_lines.ids),
                ("stock_move_id.state", "=", "done"),
            ],
            ["stock_move_id"],
            ["value:sum"],
        )
        for move, value in delivered:
            actual[move.sale_line_id.id]["material"] -= value
        # Subcontracting: the purchases of the outsourcing approved for those orders.
        outsourcing = sudo_env["mrp.outsource.request"].search(
            [
                ("production_id", "in", productions.ids),
                ("state", "=", "approved"),
                ("purchase_id", "!=", False),
            ]
        )
        outsourced = sudo_env["mrp.workorder"]
        for request in outsourcing:
            outsourced |= request.workorder_ids or request.production_id.workorder_ids
        # Labour and machine time: the work orders' real time at their hourly cost (work
        # given out is the subcontractor's, whatever time Odoo logged on it when done).
        for workorder in productions.workorder_ids - outsourced:
            line_id, share = shares[workorder.production_id.id]
            hourly = workorder.costs_hour or workorder.workcenter_id.costs_hour
            actual[line_id or fallback_line]["labour"] += workorder.duration / 60.0 * hourly * share
        sub_lines = outsourcing.purchase_id.order_line.filtered(
            lambda x: x.state in ("purchase", "done") and not x.display_type
        )
        # Other purchases made for the order's lines (services bought for them: goods bought
        # for the order are counted when delivered or consumed).
        other_lines = (
            sudo_env["purchase.order.line"].search(
                [
                    ("sale_line_id", "in", lines.ids),
                    ("state", "in", ("purchase", "done")),
                    ("product_id.type", "=", "service"),
                ]
            )
            - sub_lines
        )
        costs = self._purchase_line_costs(sub_lines | other_lines)
        production_of_purchase = {}
        for request in outsourcing:
            for pol in request.purchase_id.order_line:
                production_of_purchase[pol.id] = request.production_id.id
        for pol in sub_lines:
            line_id, share = shares.get(production_of_purchase[pol.id], (fallback_line, 1.0))
            actual[line_id or fallback_line]["subcontract"] += costs[pol.id] * share
        for pol in other_lines:
            actual[pol.sale_line_id.id]["purchase"] += costs[pol.id]

        planned, estimated = self._closeout_planned(lines)
        inputs = [
            CloseoutLineInput(
                key=line.id,
                revenue=revenue.get(line.id, 0.0),
                qty=line.qty_delivered if line.product_id.type == "consu" else line.qty_invoiced,
                actual=dict(actual[line.id]),
                planned=planned[line.id],
            )
            for line in lines
        ]
        per_line, totals = close_out(
            inputs, sum(self.cost_ids.mapped("amount")), self.currency_id.rounding
        )
        self.line_ids.sudo().unlink()
        line_vals = []
        for line in lines:
            figures = per_line[line.id]
            line_vals.append(
                {
                    "closeout_id": self.id,
                    "sale_line_id": line.id,
                    "product_id": line.product_id.id,
                    "qty": figures["qty"],
                    "unit_cost": figures["unit_cost"],
                    **{name: figures[name] for name in FIGURES},
                }
            )
        # Lines are the computation's own (users read them only).
        self.env["mrp.order.closeout.line"].sudo().create(line_vals)
        self.with_context(closeout_compute=True).write(
            {
                **{name: totals[name] for name in FIGURES},
                "computed_on": fields.Datetime.now(),
                "planned_estimated": estimated,
                "production_ids": [fields.Command.set(productions.ids)],
                "purchase_line_ids": [fields.Command.set((sub_lines | other_lines).ids)],
            }
        )
