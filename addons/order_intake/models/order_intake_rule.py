# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_compare, float_is_zero, format_amount, format_date

from .order_intake_result import SEVERITIES

# The signature of an order's product lines (product, unit, quantity), computed by the
# database over the lines ``l`` of one order, and which lines count: both duplicate queries
# use them, so that an order's signature is the same however it was read.
LINE_DIGEST = SQL(
    "md5(string_agg(l.product_id || ':' || l.product_uom || ':' || l.product_uom_qty, ','"
    " ORDER BY l.product_id, l.product_uom, l.product_uom_qty))"
)
PRODUCT_LINE = SQL(
    "l.display_type IS NULL AND NOT COALESCE(l.is_downpayment, FALSE) AND l.product_id IS NOT NULL"
)


def finding(code, **params):
    """What a rule found, stored as is and put into words only when someone reads it (in the
    reader's language): a message code and its figures. Figures are plain JSON values, or
    ``amount()``, ``day()`` and ``names()`` for values written in the reader's format."""
    return code, params


def amount(value, currency):
    return {"amount": value, "currency": currency.id}


def day(value):
    return {"date": fields.Date.to_string(value)}


def names(records):
    return {"model": records._name, "ids": records.ids}


class OrderIntakeRule(models.Model):
    """A configurable check run on sales orders before they are confirmed.

    Each check type is a ``_check_<type>(orders)`` method that works on a whole batch of orders
    with set-based reads and returns ``{order: [(finding, related_order), ...]}`` for the
    orders that fail (a finding: see ``finding()``); an order absent from the result passes.
    """

    _name = "order.intake.rule"
    _description = "Order Intake Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to apply the rule in every company."
    )
    check_type = fields.Selection(
        selection=[
            ("required_data", "Required data"),
            ("credit_limit", "Credit limit"),
            ("price_deviation", "Price deviation"),
            ("duplicate", "Duplicate order"),
            ("stock", "Stock availability"),
            ("signature", "Customer sign-off"),
        ],
        required=True,
    )
    severity = fields.Selection(
        SEVERITIES,
        required=True,
        default="block",
        help="Block: the order cannot be confirmed. Needs review: the order is held until "
        "someone allowed to override releases it. Warning: shown, never stops the order.",
    )
    channel_ids = fields.Many2many(
        "order.intake.channel", string="Channels", help="Leave empty for every channel."
    )
    order_type_ids = fields.Many2many(
        "order.intake.type", string="Order Types", help="Leave empty for every order type."
    )
    description = fields.Text(translate=True)
    # parameters of the check types
    require_requested_date = fields.Boolean(
        string="Require Requested Dates",
        default=True,
        help="Required data: every product line needs a requested date, unless the order has "
        "a delivery date.",
    )
    max_discount_percent = fields.Float(
        string="Max. Below Pricelist (%)",
        default=10.0,
        help="Price deviation: a line priced more than this below the pricelist price, or "
        "below the product cost, fails.",
    )
    duplicate_days = fields.Integer(
        string="Duplicate Window (days)",
        default=7,
        help="Duplicate order: orders of the same customer with the same lines and quantities "
        "within this many days are flagged.",
    )

    @api.constrains("max_discount_percent", "duplicate_days")
    def _check_parameters(self):
        for rule in self:
            if not 0 <= rule.max_discount_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the price deviation must be between 0 and 100 %%.",
                        rule=rule.name,
                    )
                )
            if rule.duplicate_days < 0:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the duplicate window cannot be negative.", rule=rule.name
                    )
                )

    # ------------------------------------------------------------------ evaluation

    def _applies_to(self, order):
        self.ensure_one()
        return (
            (not self.company_id or self.company_id == order.company_id)
            and (not self.channel_ids or order.intake_channel_id in self.channel_ids)
            and (not self.order_type_ids or order.intake_type_id in self.order_type_ids)
        )

    def _evaluate(self, orders):
        """Run the rules on ``orders``; return the values of their result records."""
        results = []
        for rule in self:
            applicable = orders.filtered(rule._applies_to)
            if not applicable:
                continue
            failures = getattr(rule, f"_check_{rule.check_type}")(applicable)
            for order in applicable:
                common = {"order_id": order.id, "rule_id": rule.id, "severity": rule.severity}
                order_failures = failures.get(order)
                if not order_failures:
                    results.append({**common, "passed": True})
                for (code, params), related in order_failures or ():
                    results.append(
                        {
                            **common,
                            "passed": False,
                            "message_code": code,
                            "message_params": params,
                            "related_order_id": related.id if related else False,
                        }
                    )
        return results

    @staticmethod
    def _product_lines(order):
        return order.order_line.filtered(
            lambda line: not line.display_type and not line.is_downpayment and line.product_id
        )

    # ------------------------------------------------------------------ checks

    def _check_required_data(self, orders):
        failures = defaultdict(list)
        for order in orders:
            if not order.partner_shipping_id:
                failures[order].append((finding("no_delivery_address"), None))
            if order.intake_channel_id.requires_customer_ref and not order.client_order_ref:
                failures[order].append(
                    (finding("customer_ref_required", channel=names(order.intake_channel_id)), None)
                )
            lines = self._product_lines(order)
            if not lines:
                failures[order].append((finding("no_product_line"), None))
            if self.require_requested_date and not order.commitment_date:
                undated = lines.filtered(lambda line: not line.intake_requested_date)
                if undated:
                    failures[order].append(
                        (finding("no_requested_date", products=names(undated.product_id)), None)
                    )
            for line in lines.filtered(lambda line: not line.intake_zero_reason):
                digits = line.product_uom.rounding
                if float_is_zero(line.product_uom_qty, precision_rounding=digits):
                    failures[order].append(
                        (finding("zero_quantity", product=names(line.product_id)), None)
                    )
                elif order.currency_id.is_zero(line.price_unit):
                    failures[order].append(
                        (finding("zero_price", product=names(line.product_id)), None)
                    )
        return failures

    def _check_credit_limit(self, orders):
        """Exposure of the customer (open receivables + confirmed orders not invoiced yet +
        this order, in company currency) against its credit limit; or a manual credit hold."""
        failures = defaultdict(list)
        orders.check_access("read")
        for company, company_orders in orders.grouped("company_id").items():
            # Credit figures (credit, credit_limit) are restricted to accounting groups, yet the
            # clerk confirming the order must be stopped by them, as Odoo's own credit warning
            # on orders does: read them as superuser, after the read access check above.
            partners = company_orders.partner_id.commercial_partner_id.with_company(company).sudo()
            # the exposure (receivables, orders not invoiced) only of customers with a limit
            exposure = company_orders._intake_credit_exposure(partners.filtered("credit_limit"))
            for order in company_orders:
                partner = order.partner_id.commercial_partner_id.with_company(company).sudo()
                if partner.intake_credit_hold:
                    failures[order].append((finding("credit_hold", partner=partner.name), None))
                limit = partner.credit_limit
                if not limit:
                    continue
                exposure_amount = exposure.get(partner, 0.0)
                if order.state in ("draft", "sent"):
                    exposure_amount += order.currency_id._convert(
                        order.amount_total, company.currency_id, company, order.date_order
                    )
                if (
                    float_compare(
                        exposure_amount, limit, precision_rounding=company.currency_id.rounding
                    )
                    > 0
                ):
                    failures[order].append(
                        (
                            finding(
                                "credit_limit",
                                partner=partner.name,
                                exposure=amount(exposure_amount, company.currency_id),
                                limit=amount(limit, company.currency_id),
                            ),
                            None,
                        )
                    )
        return failures

    def _check_price_deviation(self, orders):
        failures = defaultdict(list)
        threshold = self.max_discount_percent / 100.0
        for order in orders:
            currency = order.currency_id
            # zero prices are the concern of the required data rule (free samples with a reason)
            for line in self._product_lines(order):
                if currency.is_zero(line.price_unit):
                    continue
                net = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
                list_price = line._get_pricelist_price()
                if list_price and currency.compare_amounts(net, list_price * (1 - threshold)) < 0:
                    failures[order].append(
                        (
                            finding(
                                "price_below_list",
                                product=names(line.product_id),
                                price=amount(net, currency),
                                deviation=(1 - net / list_price) * 100,
                                list_price=amount(list_price, currency),
                                allowed=self.max_discount_percent,
                            ),
                            None,
                        )
                    )
                cost = line.product_id.uom_id._compute_price(
                    line.product_id.with_company(order.company_id).standard_price,
                    line.product_uom,
                )
                cost = order.company_id.currency_id._convert(
                    cost, currency, order.company_id, order.date_order
                )
                if cost and currency.compare_amounts(net, cost) < 0:
                    failures[order].append(
                        (
                            finding(
                                "price_below_cost",
                                product=names(line.product_id),
                                price=amount(net, currency),
                                cost=amount(cost, currency),
                            ),
                            None,
                        )
                    )
        return failures

    def _check_duplicate(self, orders):
        """Same customer and same customer reference, or same lines and quantities within
        ``duplicate_days``, among the company's other orders that are not cancelled (those of
        every salesperson: a duplicate entered by a colleague is one too). A repeat order
        (返单) is meant to be like the order it repeats: neither flags the other.

        The database finds the candidates: only the orders sharing a reference or a line
        signature come back, however many recent orders the customer has."""
        failures = defaultdict(list)
        signatures = self._order_line_signatures(orders)
        refs = [ref for ref in orders.mapped("client_order_ref") if ref]
        oldest = min(orders.mapped("date_order")) - timedelta(days=self.duplicate_days)
        if not refs and not signatures:
            return failures
        self.env["sale.order"].flush_model(
            ["partner_id", "state", "client_order_ref", "date_order", "company_id", "name"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT o.id, o.name, p.commercial_partner_id, o.date_order, o.client_order_ref,
                       o.intake_origin_order_id, sig.digest
                  FROM sale_order o
                  JOIN res_partner p ON p.id = o.partner_id
                  LEFT JOIN LATERAL (
                        SELECT %(digest)s AS digest
                          FROM sale_order_line l
                         WHERE l.order_id = o.id AND %(product_line)s
                       ) sig ON o.date_order >= %(oldest)s
                 WHERE o.state != 'cancel' AND NOT (o.id = ANY(%(ids)s))
                   AND o.company_id = ANY(%(companies)s)
                   AND p.commercial_partner_id = ANY(%(partners)s)
                   AND (o.client_order_ref = ANY(%(refs)s)
                        OR (o.date_order >= %(oldest)s AND sig.digest = ANY(%(digests)s)))
                 ORDER BY o.date_order DESC, o.id DESC
                """,
                digest=LINE_DIGEST,
                product_line=PRODUCT_LINE,
                oldest=oldest,
                ids=orders.ids,
                companies=orders.company_id.ids,
                partners=orders.partner_id.commercial_partner_id.ids,
                refs=refs,
                digests=list(set(signatures.values())),
            )
        )
        by_partner = defaultdict(list)
        for row in self.env.cr.dictfetchall():
            by_partner[row["commercial_partner_id"]].append(row)

        window = timedelta(days=self.duplicate_days)
        Order = self.env["sale.order"]
        for order in orders:
            mine = signatures.get(order.id)
            for other in by_partner[order.partner_id.commercial_partner_id.id]:
                if order.intake_origin_order_id.id == other["id"] or (
                    other["intake_origin_order_id"] == order.id
                ):
                    continue
                if order.client_order_ref and other["client_order_ref"] == order.client_order_ref:
                    failures[order].append(
                        (
                            finding(
                                "duplicate_reference",
                                ref=order.client_order_ref,
                                other=other["name"],
                            ),
                            Order.browse(other["id"]),
                        )
                    )
                elif (
                    mine
                    and abs(other["date_order"] - order.date_order) <= window
                    and other["digest"] == mine
                ):
                    failures[order].append(
                        (
                            finding(
                                "duplicate_lines",
                                other=other["name"],
                                date=day(
                                    fields.Datetime.context_timestamp(
                                        self, other["date_order"]
                                    ).date()
                                ),
                            ),
                            Order.browse(other["id"]),
                        )
                    )
        return failures

    @api.model
    def _order_line_signatures(self, orders):
        """{order id: digest of its product lines (product, unit, quantity)}, computed by the
        database in one query for a whole batch: a customer with many recent orders costs one
        query, not a read of every line of every one of them."""
        if not orders:
            return {}
        Line = self.env["sale.order.line"]
        Line.flush_model(
            [
                "order_id",
                "product_id",
                "product_uom",
                "product_uom_qty",
                "display_type",
                "is_downpayment",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT l.order_id, %s
                  FROM sale_order_line l
                 WHERE l.order_id IN %s AND %s
              GROUP BY l.order_id
                """,
                LINE_DIGEST,
                tuple(orders.ids),
                PRODUCT_LINE,
            )
        )
        return dict(self.env.cr.fetchall())

    def _check_stock(self, orders):
        """What is free to promise in the order's warehouse by the date the customer wants it,
        per storable product."""
        failures = defaultdict(list)
        for (order, product), shortage in orders._intake_stock_shortages().items():
            figures = {
                "product": names(product),
                "qty": shortage.qty,
                "uom": names(product.uom_id),
                "free": max(shortage.free, 0.0),
                "warehouse": names(order.warehouse_id),
            }
            if shortage.forecast is None:
                result = finding("stock_short", **figures)
            else:
                result = finding(
                    "stock_short_by_date",
                    date=day(shortage.date),
                    forecast=max(shortage.forecast, 0.0),
                    **figures,
                )
            failures[order].append((result, None))
        return failures

    def _check_signature(self, orders):
        """Orders that require the customer's signature (e.g. custom orders) are confirmed
        only once the customer signed the acknowledgment (portal) or it was recorded."""
        failures = defaultdict(list)
        # the order type's flag, not Odoo's require_signature, which every order carries
        # while the company asks for online signatures (Odoo's default)
        for order in orders.filtered(
            lambda o: o.intake_type_id.requires_signature and not o.signature
        ):
            failures[order].append(
                (finding("signature_required", type=names(order.intake_type_id)), None)
            )
        return failures

    # ------------------------------------------------------------------ messages

    @api.model
    def _intake_render_value(self, value):
        """A finding's figure in the reader's language and formats."""
        if isinstance(value, dict):
            if "amount" in value:
                currency = self.env["res.currency"].browse(value["currency"])
                return format_amount(self.env, value["amount"], currency)
            if "date" in value:
                return format_date(self.env, fields.Date.to_date(value["date"]))
            if "model" in value:
                # names only, of records of an order the reader may read (a product, a
                # warehouse, an order type): read as superuser, in the reader's language
                records = self.env[value["model"]].sudo().browse(value["ids"]).exists()
                return ", ".join(records.mapped("display_name"))
        return value

    @api.model
    def _intake_render(self, code, params):
        """The message of a finding, in the language of the current user (or context)."""
        if not code:
            return ""
        p = {key: self._intake_render_value(value) for key, value in (params or {}).items()}
        messages = {
            "no_delivery_address": lambda: self.env._("The order has no delivery address."),
            "customer_ref_required": lambda: self.env._(
                "Channel %(channel)s requires the customer's reference "
                "(their purchase order number).",
                **p,
            ),
            "no_product_line": lambda: self.env._("The order has no product line."),
            "no_requested_date": lambda: self.env._(
                "No requested date on: %(products)s. Set the date per line "
                "or a delivery date on the order.",
                **p,
            ),
            "zero_quantity": lambda: self.env._(
                "%(product)s has a zero quantity: set one, or give the reason on the line.",
                **p,
            ),
            "zero_price": lambda: self.env._(
                "%(product)s has a zero price: set one, or give the reason "
                "(e.g. free sample) on the line.",
                **p,
            ),
            "credit_hold": lambda: self.env._(
                "%(partner)s is on credit hold: no order is confirmed until "
                "the hold is lifted on the customer.",
                **p,
            ),
            "credit_limit": lambda: self.env._(
                "Credit limit of %(partner)s exceeded: exposure %(exposure)s "
                "(open receivables, confirmed orders not invoiced yet and "
                "this order) against a limit of %(limit)s.",
                **p,
            ),
            "price_below_list": lambda: self.env._(
                "%(product)s: net price %(price)s is %(deviation).1f %% below "
                "the pricelist price %(list_price)s (allowed: %(allowed).1f %%).",
                **p,
            ),
            "price_below_cost": lambda: self.env._(
                "%(product)s: net price %(price)s is below its cost %(cost)s.", **p
            ),
            "duplicate_reference": lambda: self.env._(
                "Same customer reference %(ref)s as order %(other)s.", **p
            ),
            "duplicate_lines": lambda: self.env._(
                "Same products and quantities as order %(other)s of %(date)s.", **p
            ),
            "stock_short": lambda: self.env._(
                "%(product)s: %(qty)s %(uom)s ordered, %(free)s free in "
                "%(warehouse)s. Reserve what is free now, deliver in parts, "
                "or replenish (purchase or produce) the rest.",
                **p,
            ),
            "stock_short_by_date": lambda: self.env._(
                "%(product)s: %(qty)s %(uom)s ordered for %(date)s, %(free)s free now in "
                "%(warehouse)s and %(forecast)s forecast by then. Reserve what is free now, "
                "deliver in parts, or replenish (purchase or produce) the rest.",
                **p,
            ),
            "signature_required": lambda: self.env._(
                "%(type)s orders need the customer's sign-off: send the order "
                "acknowledgment and let the customer sign it online, or record their "
                "signature on the order.",
                **dict(p, type=p.get("type") or self.env._("These")),
            ),
        }
        message = messages.get(code)
        return message() if message else code
