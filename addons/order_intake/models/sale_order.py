# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json
from collections import defaultdict, namedtuple
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_repr, float_round

from ..services.amount_in_words import amount_to_chinese_capital
from ..services.promise import PromiseLine, promise_dates


# What the stock check finds short for a product of an order: the quantity ordered (in the
# product's unit), what is free now, what is forecast on hand by the date it is wanted (None
# when it is wanted now or stock is not forecast) and that date.
class Shortage(namedtuple("Shortage", "qty free forecast date")):
    @property
    def available(self):
        return max(self.free, self.forecast or 0.0)


# Customer grades whose orders are priority orders, per company policy.
PRIORITY_GRADES = {"none": (), "a": ("a",), "ab": ("a", "b")}

# Changing one of these fields changes what the intake checks look at: results already
# stored are computed again and an override given for the old content is withdrawn.
INTAKE_CHECKED_FIELDS = {
    "partner_id",
    "partner_invoice_id",
    "partner_shipping_id",
    "order_line",
    "client_order_ref",
    "date_order",
    "commitment_date",
    "pricelist_id",
    "payment_term_id",
    "fiscal_position_id",
    "intake_channel_id",
    "intake_type_id",
    "intake_origin_order_id",
    "warehouse_id",
}

# What an override records of the order it is given for; only the Override Checks action
# (as superuser, after checking the user's right) writes them.
INTAKE_OVERRIDE_FIELDS = {
    "intake_override_reason",
    "intake_override_user_id",
    "intake_override_date",
    "intake_override_digest",
    "intake_override_released",
}

# Transaction-level state (in the cursor's cache): the orders whose re-check waits for the end
# of the outermost write, and those action_confirm has just checked.
RECHECK_KEY = "order_intake.recheck"
CONFIRMING_KEY = "order_intake.confirming"
# cr.cache key of the free quantities read during one check run (stock does not move there)
FREE_QTY_KEY = "order_intake.free_qty"


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
    intake_priority = fields.Boolean(
        string="Priority Order",
        compute="_compute_intake_priority",
        store=True,
        readonly=False,
        copy=False,
        help="Stock is reserved for a priority order as soon as it is confirmed, ahead of the "
        "orders that are not; its deliveries are starred. Set from the customer's grade by the "
        "company's policy (Sales settings), or by hand.",
    )
    intake_no_partial_delivery = fields.Boolean(
        string="No Partial Delivery",
        compute="_compute_intake_no_partial_delivery",
        store=True,
        readonly=False,
        help="The order is delivered in one shipment: its deliveries wait until every product "
        "is ready and cannot be validated in part with a backorder.",
    )
    intake_ack_date = fields.Datetime(
        string="Acknowledged On",
        copy=False,
        readonly=True,
        help="When the order acknowledgment was last sent to the customer.",
    )
    intake_replenish_date = fields.Datetime(
        string="Replenishment Triggered On",
        copy=False,
        readonly=True,
        help="When the shortage of the order was sent to purchase or production.",
    )
    intake_stock_short = fields.Boolean(
        compute="_compute_intake_stock_short",
        help="The last stock check found products that free stock does not cover.",
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
    intake_hold_reason = fields.Text(compute="_compute_intake_hold_reason")
    intake_override_reason = fields.Text(copy=False, readonly=True, tracking=True)
    intake_override_user_id = fields.Many2one("res.users", copy=False, readonly=True)
    intake_override_date = fields.Datetime(copy=False, readonly=True)
    intake_override_digest = fields.Char(
        string="Overridden Content",
        copy=False,
        readonly=True,
        help="Digest of the order's content when the checks were overridden: the override "
        "covers that content only.",
    )
    intake_override_released = fields.Json(
        string="Overridden Checks",
        copy=False,
        readonly=True,
        help="The failing checks the override released: [rule id, related order id] pairs.",
    )

    @api.depends_context("lang")
    @api.depends("intake_result_ids.passed", "intake_result_ids.severity")
    def _compute_intake_hold_reason(self):
        """Why the order is held, in the reader's language."""
        for order in self:
            failing = order.intake_result_ids._holding()
            order.intake_hold_reason = "\n".join(f"{r.rule_id.name}: {r.message}" for r in failing)

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
            if order.state == "sale":
                order.intake_state = "confirmed"
            elif not order.intake_checked:
                order.intake_state = "pending"
            elif failing and not order.intake_override_user_id:
                order.intake_state = "hold"
            else:
                order.intake_state = "ready"

    @api.depends("intake_result_ids.passed", "intake_result_ids.rule_id")
    def _compute_intake_stock_short(self):
        for order in self:
            order.intake_stock_short = any(
                not result.passed and result.rule_id.check_type == "stock"
                for result in order.intake_result_ids
            )

    @api.depends("customer_grade")
    def _compute_intake_priority(self):
        for order in self:
            grades = PRIORITY_GRADES.get(order.company_id.order_intake_priority_grades or "none")
            order.intake_priority = order.customer_grade in grades

    @api.depends("partner_id")
    def _compute_intake_no_partial_delivery(self):
        for order in self:
            order.intake_no_partial_delivery = (
                order.partner_id.commercial_partner_id.intake_no_partial_delivery
            )

    @api.onchange("intake_no_partial_delivery")
    def _onchange_intake_no_partial_delivery(self):
        if self.intake_no_partial_delivery:
            self.picking_policy = "one"

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
        orders = super().create(vals_list)
        orders._intake_sync_picking_policy()
        return orders

    def write(self, vals):
        if INTAKE_OVERRIDE_FIELDS & set(vals) and not self.env.su:
            raise AccessError(
                self.env._(
                    "An override of the intake checks is given with the Override Checks "
                    "button, by a user allowed to override."
                )
            )
        if vals.get("state") == "sale":
            # stock Odoo lets a raw write confirm a quotation: it meets the same checks
            confirming = self.env.cr.cache.get(CONFIRMING_KEY, ())
            self.filtered(
                lambda o: (
                    o.id not in confirming
                    and o.state in ("draft", "sent")
                    and o._intake_checks_apply()
                )
            )._intake_check_confirmable()
        cache = self.env.cr.cache
        outermost = RECHECK_KEY not in cache
        if outermost:
            # line changes made by this write (order_line commands) are checked once, after it
            cache[RECHECK_KEY] = set()
        try:
            res = super().write(vals)
            if {"intake_no_partial_delivery", "picking_policy", "partner_id"} & set(vals):
                self._intake_sync_picking_policy()
            if INTAKE_CHECKED_FIELDS & set(vals):
                self._intake_recheck()
        finally:
            pending = cache.pop(RECHECK_KEY) if outermost else None
        if pending:
            self.browse(pending)._intake_recheck()
        return res

    def _intake_recheck(self):
        """The content of these orders changed: check again those already checked (which
        withdraws an override given for other content), now or, within a write of orders,
        once at its end."""
        orders = self.filtered(lambda o: o.intake_checked and o.state in ("draft", "sent"))
        if not orders:
            return
        pending = self.env.cr.cache.get(RECHECK_KEY)
        if pending is not None:
            pending.update(orders.ids)
        else:
            orders._intake_run()

    def _intake_sync_picking_policy(self):
        """An order that forbids partial delivery ships when all its products are ready."""
        self.filtered(
            lambda o: o.intake_no_partial_delivery and o.picking_policy != "one"
        ).picking_policy = "one"

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
        """Evaluate the intake rules on these orders and store the results. An override
        stands only for the content it was given for and the failures it released: return
        {order id: why} for the orders whose override this check withdrew."""
        orders = self.filtered(lambda o: o._intake_checks_apply())
        if not orders:
            return {}
        cache = self.env.cr.cache
        outermost = FREE_QTY_KEY not in cache
        if outermost:
            cache[FREE_QTY_KEY] = {}
        try:
            orders._intake_promise_dates()
            vals = orders._intake_rules()._evaluate(orders)
        finally:
            if outermost:
                cache.pop(FREE_QTY_KEY, None)
        orders.intake_result_ids.unlink()
        self.env["order.intake.result"].create(vals)
        orders.write({"intake_checked": True})
        overridden = orders.filtered("intake_override_user_id")
        withdrawn = overridden - overridden.filtered(lambda o: o._intake_override_covers())
        why = {}
        for order in withdrawn:
            why[order.id] = self.env._(
                "The override of the intake checks given by %(user)s no longer applies: the "
                "order changed since, or a check fails that the override did not release.",
                user=order.intake_override_user_id.name,
            )
            order._message_log(body=why[order.id])
        # the override right was checked when it was given; its withdrawal is no choice
        withdrawn.sudo().write(dict.fromkeys(INTAKE_OVERRIDE_FIELDS, False))
        return why

    def _intake_content_digest(self):
        """A digest of what the intake checks look at on the order: customer and addresses,
        pricelist, terms, dates, channel and type, and each line's product, description,
        quantity, unit, price, discount, taxes and dates (not the route: confirmation sets
        the order type's route on the lines)."""
        self.ensure_one()

        def number(value):
            return float_repr(value or 0.0, 6)

        lines = sorted(
            [
                line.display_type or "",
                line.product_id.id,
                line.name or "",
                number(line.product_uom_qty),
                line.product_uom.id,
                number(line.price_unit),
                number(line.discount),
                sorted(line.tax_id.ids),
                str(line.intake_requested_date or ""),
                line.intake_zero_reason or "",
            ]
            for line in self.order_line
        )
        content = {
            "company": self.company_id.id,
            "partner": self.partner_id.id,
            "invoice_address": self.partner_invoice_id.id,
            "delivery_address": self.partner_shipping_id.id,
            "pricelist": self.pricelist_id.id,
            "currency": self.currency_id.id,
            "payment_term": self.payment_term_id.id,
            "fiscal_position": self.fiscal_position_id.id,
            "warehouse": self.warehouse_id.id,
            "channel": self.intake_channel_id.id,
            "type": self.intake_type_id.id,
            "origin_order": self.intake_origin_order_id.id,
            "customer_reference": self.client_order_ref or "",
            "date_order": str(self.date_order or ""),
            "commitment_date": str(self.commitment_date or ""),
            "amount_total": number(self.amount_total),
            "lines": lines,
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def _intake_holding_keys(self):
        """What holds the order, as the override records it: (rule, related order) pairs."""
        self.ensure_one()
        return {
            (result.rule_id.id, result.related_order_id.id or 0)
            for result in self.intake_result_ids._holding()
        }

    def _intake_override_covers(self):
        """Whether the override still stands for the order as it is now, after a check: the
        same content, and nothing holds it that the override did not release."""
        self.ensure_one()
        released = {tuple(pair) for pair in self.intake_override_released or ()}
        return (
            self.intake_override_digest == self._intake_content_digest()
            and self._intake_holding_keys() <= released
        )

    def _intake_credit_exposure(self, partners):
        """Open receivables plus confirmed orders not invoiced yet, per commercial partner,
        in the currency of the current company (``partners`` carry that company)."""
        company = partners.env.company
        exposure = defaultdict(float)
        if not partners:
            return exposure
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

    def _intake_blocking_message(self, withdrawn=None):
        """Why these held orders cannot be confirmed; ``withdrawn``: {order id: why} for
        those whose override the last check withdrew."""
        lines = []
        for order in self:
            lines.append(self.env._("Order %(order)s cannot be confirmed:", order=order.name))
            if withdrawn and order.id in withdrawn:
                lines.append(withdrawn[order.id])
            for result in order.intake_result_ids._holding():
                lines.append(f"- {result.rule_id.name}: {result.message}")
        lines.append(
            self.env._(
                "Correct the order and confirm again, or ask a user allowed to override "
                "intake checks to release it with a reason."
            )
        )
        return "\n".join(lines)

    def _intake_check_confirmable(self):
        """Check these orders (those the checks apply to) as they are now; raise unless all
        may be confirmed."""
        if not self:
            return
        withdrawn = self._intake_run()
        held = self.filtered(lambda o: o.intake_state == "hold")
        if held:
            raise UserError(held._intake_blocking_message(withdrawn))

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
        # every confirmation checks again, overridden orders included
        to_check._intake_check_confirmable()
        # Odoo writes the state of these orders next: they were just checked
        confirming = self.env.cr.cache.setdefault(CONFIRMING_KEY, set())
        added = set(to_check.ids) - confirming
        confirming.update(added)
        try:
            res = super().action_confirm()
        finally:
            confirming.difference_update(added)
        self.filtered("intake_priority")._intake_reserve_priority()
        self._intake_send_acknowledgment_on_confirm()
        return res

    # ------------------------------------------------------------------ promised dates

    def _intake_stock_lines(self):
        return self.order_line.filtered(
            lambda line: not line.display_type and line.product_id.is_storable
        )

    @api.model
    def _intake_free_qty(self, lines):
        """{(warehouse id, product id): quantity free to promise} for the storable products of
        ``lines``, each in its order's warehouse: one computation per warehouse."""
        free = defaultdict(float)
        # within one check run (promised dates, then the stock rule) the stock is read once
        memo = self.env.cr.cache.get(FREE_QTY_KEY)
        Quant = self.env["stock.quant"]
        for warehouse, wh_lines in lines.grouped(lambda line: line.order_id.warehouse_id).items():
            products = wh_lines.product_id.with_context(warehouse_id=warehouse.id)
            if memo is not None:
                known = products.filtered(lambda p, w=warehouse: (w.id, p.id) in memo)
                for product in known:
                    free[(warehouse.id, product.id)] = memo[(warehouse.id, product.id)]
                products -= known
                if not products:
                    continue
            # Odoo's free_qty (on hand less reserved, in the warehouse's locations), read from
            # the quants alone: product.free_qty would also sum every incoming and outgoing
            # move of the products, which the check does not need
            quant_domain = products._get_domain_locations()[0]
            for product, quantity, reserved in Quant._read_group(
                [*quant_domain, ("product_id", "in", products.ids)],
                ["product_id"],
                ["quantity:sum", "reserved_quantity:sum"],
            ):
                free[(warehouse.id, product.id)] = float_round(
                    quantity - reserved, precision_rounding=product.uom_id.rounding
                )
            if memo is not None:
                for product in products:
                    memo[(warehouse.id, product.id)] = free[(warehouse.id, product.id)]
        return free

    def _intake_stock_shortages(self):
        """{(order, product): Shortage} where the stock of the order's warehouse does not
        cover what the order asks (in the product's unit): neither what is free now nor, for
        lines wanted later, what Odoo forecasts on hand by then (receipts and production due
        before counted, other deliveries due before taken out), as its own forecast widget on
        order lines does. Forecasts are read per warehouse and date, only where free stock
        falls short."""
        lines = self._intake_stock_lines()
        free = self._intake_free_qty(lines)
        needed = defaultdict(float)
        needed_by = {}  # the earliest date a line needs the product; None: now
        for line in lines:
            key = (line.order_id, line.product_id)
            needed[key] += line._intake_product_qty()
            day = line._intake_needed_by()
            if key not in needed_by:
                needed_by[key] = day
            elif needed_by[key] and day:
                needed_by[key] = min(needed_by[key], day)
            else:
                needed_by[key] = None
        today = fields.Date.context_today(self)
        short = {
            key: qty
            for key, qty in needed.items()
            if float_compare(
                qty,
                free[(key[0].warehouse_id.id, key[1].id)],
                precision_rounding=key[1].uom_id.rounding,
            )
            > 0
        }
        to_forecast = defaultdict(set)
        for order, product in short:
            day = needed_by[(order, product)]
            if day and day > today:
                to_forecast[(order.warehouse_id, day)].add(product.id)
        forecast = {}
        # a day ends at midnight of the user's time zone; stock dates are in UTC
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        for (warehouse, day), product_ids in to_forecast.items():
            end_of_day = tz.localize(datetime.combine(day, time.max)).astimezone(pytz.utc)
            end_of_day = end_of_day.replace(tzinfo=None)
            products = (
                self.env["product.product"]
                .browse(product_ids)
                .with_context(warehouse_id=warehouse.id, to_date=end_of_day)
            )
            for product in products:
                forecast[(warehouse.id, product.id, day)] = product.virtual_available
        shortages = {}
        for (order, product), qty in short.items():
            day = needed_by[(order, product)]
            shortage = Shortage(
                qty=qty,
                free=free[(order.warehouse_id.id, product.id)],
                forecast=forecast.get((order.warehouse_id.id, product.id, day)),
                date=day,
            )
            if (
                float_compare(qty, shortage.available, precision_rounding=product.uom_id.rounding)
                > 0
            ):
                shortages[(order, product)] = shortage
        return shortages

    def _intake_order_day(self):
        """The day of the order date in the user's time zone (the day ``context_today``
        gives), not the UTC day of the stored datetime."""
        self.ensure_one()
        if not self.date_order:
            return None
        return fields.Datetime.context_timestamp(self, self.date_order).date()

    def _intake_promise_dates(self, overwrite=False):
        """Fill the promised date of the product lines that have none (all lines with
        ``overwrite``): from free stock in the order's warehouse when it covers the line,
        otherwise after the replenishment lead time (purchase or manufacturing), plus the
        customer lead time; never before the requested date."""
        lines = self.order_line.filtered(
            lambda line: (
                not line.display_type
                and line.product_id
                and (overwrite or not line.intake_promised_date)
            )
        )
        if not lines:
            return
        today = fields.Date.context_today(self)
        free = self._intake_free_qty(lines.filtered("product_id.is_storable"))
        needed = defaultdict(float)
        promise_lines = []
        for line in lines:
            order = line.order_id
            key, qty = None, 0.0
            if line.product_id.is_storable:
                key = (order.warehouse_id.id, line.product_id.id)
                qty = line._intake_product_qty()
                needed[key] += qty
            promise_lines.append(
                PromiseLine(
                    line_id=line.id,
                    stock_key=key,
                    qty=qty,
                    start=max(today, order._intake_order_day() or today),
                    customer_lead=line.customer_lead,
                    requested=line.intake_requested_date,
                    priority=order.intake_priority,
                    rank=(order.date_order, order.id, line.sequence, line.id),
                )
            )
        # lead times only for what stock does not cover
        short = defaultdict(lambda: self.env["product.product"])
        for (warehouse_id, product_id), qty in needed.items():
            product = self.env["product.product"].browse(product_id)
            if (
                float_compare(
                    qty,
                    free[(warehouse_id, product_id)],
                    precision_rounding=product.uom_id.rounding,
                )
                > 0
            ):
                short[warehouse_id] |= product
        replenish = {}
        for warehouse_id, products in short.items():
            warehouse = self.env["stock.warehouse"].browse(warehouse_id)
            for product, days in self._intake_replenishment_days(products, warehouse).items():
                replenish[(warehouse_id, product.id)] = days
        promised = promise_dates(promise_lines, free, replenish)
        for line in lines:
            line.intake_promised_date = promised[line.id]

    def action_intake_replenish(self):
        """Replenish what the free stock does not cover, through the products' own routes
        (a request for quotation for bought products, a manufacturing order for made ones),
        once per order."""
        not_quotations = self.filtered(lambda o: o.state not in ("draft", "sent"))
        if not_quotations:
            raise UserError(
                self.env._(
                    "%(orders)s are confirmed or cancelled: their deliveries replenish through "
                    "the warehouse's own rules.",
                    orders=", ".join(not_quotations.mapped("name")),
                )
            )
        done = self.filtered("intake_replenish_date")
        if done:
            raise UserError(
                self.env._(
                    "Replenishment was already triggered for %(orders)s: see the purchase and "
                    "manufacturing orders with the order's number as source document.",
                    orders=", ".join(done.mapped("name")),
                )
            )
        Procurement = self.env["procurement.group"].Procurement
        procurements = []
        short_by_order = defaultdict(list)
        for (order, product), shortage in self._intake_stock_shortages().items():
            missing = shortage.qty - max(shortage.available, 0.0)
            short_by_order[order].append(
                f"{product.display_name} ({missing:g} {product.uom_id.name})"
            )
            procurements.append(
                Procurement(
                    product,
                    missing,
                    product.uom_id,
                    order.warehouse_id.lot_stock_id,
                    product.display_name,
                    order.name,
                    order.company_id,
                    {"warehouse_id": order.warehouse_id, "date_planned": fields.Datetime.now()},
                )
            )
        if not procurements:
            raise UserError(
                self.env._(
                    "The free stock covers every line of %(orders)s: nothing to replenish.",
                    orders=", ".join(self.mapped("name")),
                )
            )
        # Odoo raises a UserError naming the products without a route to replenish them
        self.env["procurement.group"].run(procurements)
        now = fields.Datetime.now()
        for order, products in short_by_order.items():
            order.intake_replenish_date = now
            order.message_post(
                body=self.env._(
                    "Replenishment triggered for: %(products)s.", products=", ".join(products)
                )
            )
        return True

    @api.model
    def _intake_replenishment_days(self, products, warehouse):
        """{product: days} to bring ``products`` into ``warehouse``'s stock through their
        routes: the supplier's delay and purchase lead time, or the manufacturing lead time.
        Products with the same routes share one rule look-up."""
        if not warehouse:
            return dict.fromkeys(products, 0)
        by_routes = defaultdict(lambda: self.env["product.product"])
        for product in products:
            routes = product.route_ids | product.categ_id.total_route_ids
            by_routes[tuple(sorted(routes.ids))] |= product
        days = {}
        for same_routes in by_routes.values():
            rules = (
                same_routes[0]
                ._get_rules_from_location(warehouse.lot_stock_id)
                .with_context(bypass_delay_description=True)
            )
            values = self._intake_lead_days_values(rules, same_routes)
            for product in same_routes:
                delays, _descriptions = rules._get_lead_days(product, **values.get(product, {}))
                days[product] = int(delays["total_delay"])
        return days

    @api.model
    def _intake_lead_days_values(self, rules, products):
        """Values for ``stock.rule._get_lead_days`` read once for all ``products``: the bills
        of materials of a manufacture rule, when mrp is installed (it would look them up one
        product at a time)."""
        manufacture = rules.filtered(lambda rule: rule.action == "manufacture")[:1]
        if not manufacture or "mrp.bom" not in self.env:
            return {}
        boms = self.env["mrp.bom"]._bom_find(
            products,
            picking_type=manufacture.picking_type_id,
            company_id=manufacture.company_id.id,
        )
        return {product: {"bom": boms[product]} for product in products if boms.get(product)}

    # ------------------------------------------------------------------ priority reservation

    def _intake_reserve_priority(self):
        """Reserve the stock of these (priority) orders now, taking it back from the moves of
        orders that are not priority and not picked yet when free stock is short."""
        # Odoo reserves at confirmation as superuser too (stock rules run their moves with
        # sudo): whoever may change these orders may have their stock reserved, also from
        # deliveries (of other salesmen's orders) a sales clerk cannot see or write.
        self.check_access("write")
        moves = self.sudo().picking_ids.move_ids.filtered(
            lambda m: (
                m.state in ("confirmed", "partially_available", "assigned")
                and m.procure_method == "make_to_stock"
                and m.location_id.usage == "internal"
            )
        )
        if not moves:
            return
        moves.picking_id.filtered(lambda p: p.priority != "1").priority = "1"
        moves._action_assign()
        short = moves.filtered(lambda m: m.state in ("confirmed", "partially_available"))
        if not short:
            return
        others = moves.search(
            [
                ("id", "not in", moves.ids),
                ("product_id", "in", short.product_id.ids),
                ("location_id", "child_of", short.location_id.ids),
                ("state", "in", ("assigned", "partially_available")),
                ("picked", "=", False),
                ("priority", "!=", "1"),
                ("picking_code", "=", "outgoing"),
                ("sale_line_id", "!=", False),
            ]
        )
        if not others:
            return
        others._do_unreserve()
        short._action_assign()
        others._action_assign()
        taken = others.filtered(lambda m: m.state != "assigned")
        for picking in taken.picking_id:
            picking.message_post(
                body=self.env._(
                    "Stock reserved for this transfer went to priority order(s) %(orders)s.",
                    orders=", ".join(self.mapped("name")),
                )
            )

    # ------------------------------------------------------------------ acknowledgment

    def _intake_amount_in_words(self, lang=None):
        """The order total in words, in ``lang`` (the customer's language by default):
        Chinese capital numerals (大写) for Chinese, Odoo's amount in words otherwise."""
        self.ensure_one()
        lang = lang or self.partner_id.lang or self.env.lang or "en_US"
        if lang.startswith("zh"):
            return amount_to_chinese_capital(self.amount_total, self.currency_id.name)
        return self.currency_id.with_context(lang=lang).amount_to_text(self.amount_total)

    def _intake_acknowledgment_template(self):
        return self.env.ref(
            "order_intake.mail_template_order_acknowledgment", raise_if_not_found=False
        )

    def action_intake_send_acknowledgment(self):
        """Open the e-mail composer with the order acknowledgment (PDF attached) in the
        customer's language; promised dates are filled first where lines have none."""
        if any(order.state == "cancel" for order in self):
            raise UserError(self.env._("A cancelled order cannot be acknowledged."))
        self._intake_promise_dates()
        template = self._intake_acknowledgment_template()
        ctx = {
            "default_model": "sale.order",
            "default_res_ids": self.ids,
            "default_template_id": template.id if template else False,
            "default_composition_mode": "comment" if len(self) == 1 else "mass_mail",
            "default_email_layout_xmlid": (
                "mail.mail_notification_layout_with_responsible_signature"
            ),
            "mark_intake_ack_sent": True,
            "force_email": True,
        }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Order Acknowledgment"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": ctx,
        }

    def _intake_send_acknowledgment_on_confirm(self):
        """Channels may send the acknowledgment by themselves when an order is confirmed."""
        orders = self.filtered(
            lambda o: o.state == "sale" and o.intake_channel_id.send_acknowledgment
        )
        template = orders and self._intake_acknowledgment_template()
        if not template:
            return
        orders._intake_promise_dates()
        for order in orders:
            order.with_context(mark_intake_ack_sent=True)._send_order_notification_mail(template)

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        if self.env.context.get("mark_intake_ack_sent"):
            self.write({"intake_ack_date": fields.Datetime.now()})
        return super().message_post(**kwargs)

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
        """Release held orders with a written reason (Intake Override users only). The
        override covers the order as it is now (a digest of its content) and what fails on it
        now: any change, or a new failure, withdraws it at the next check."""
        self._intake_check_override_right()
        if not (reason or "").strip():
            raise UserError(self.env._("Write the reason for overriding the intake checks."))
        self.check_access("write")
        # release what fails on the content as it is now, not what failed on an earlier one
        self.filtered(lambda o: o.state in ("draft", "sent"))._intake_run()
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
            # the user's right to override was checked above
            order.sudo().write(
                {
                    "intake_override_reason": reason,
                    "intake_override_user_id": self.env.uid,
                    "intake_override_date": now,
                    "intake_override_digest": order._intake_content_digest(),
                    "intake_override_released": sorted(order._intake_holding_keys()),
                }
            )
            # a note in the chatter, which needs no e-mail address of its author (message_post
            # refuses authors without one); the override right was checked above
            order._message_log(
                body=self.env._(
                    "Intake checks overridden by %(user)s: %(reason)s. Rules overridden: "
                    "%(rules)s.",
                    user=self.env.user.name,
                    reason=reason,
                    rules=", ".join(failing.rule_id.mapped("name")),
                ),
                message_type="comment",
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
