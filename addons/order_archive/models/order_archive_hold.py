# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.order_intake.services.locking import lock_rows

# The sales orders of the invoices that the journal entry ``{move}`` is reconciled with (a
# payment's entry: its receivable line against the invoices' lines).
PAYMENT_ORDERS = (
    "SELECT sol.order_id FROM account_move_line pay "
    "JOIN account_partial_reconcile apr "
    "ON pay.id IN (apr.debit_move_id, apr.credit_move_id) "
    "JOIN account_move_line inv ON inv.id IN (apr.debit_move_id, apr.credit_move_id) "
    "AND inv.move_id <> pay.move_id "
    "JOIN account_move_line aml ON aml.move_id = inv.move_id "
    "JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = aml.id "
    "JOIN sale_order_line sol ON sol.id = rel.order_line_id "
    "WHERE pay.move_id = {move}"
)

# The records a legal hold protects, by model: their table and the query giving the sales
# order(s) each row belongs to, ``{r}`` standing for the row (``OLD`` in the trigger, the
# table's alias in the ORM's check). A part whose columns are missing (a module not
# installed) is left out; a model whose table is missing is not guarded.
HELD_MODELS = {
    "sale.order": ("sale_order", [("SELECT {r}.id", {"sale_order": ["id"]})]),
    "sale.order.line": ("sale_order_line", [("SELECT {r}.order_id", {})]),
    "stock.picking": ("stock_picking", [("SELECT {r}.sale_id", {"stock_picking": ["sale_id"]})]),
    "purchase.order": (
        "purchase_order",
        [
            (
                "SELECT pg.sale_id FROM procurement_group pg WHERE pg.id = {r}.group_id",
                {"purchase_order": ["group_id"], "procurement_group": ["sale_id"]},
            ),
            (
                "SELECT pol.sale_order_id FROM purchase_order_line pol "
                "WHERE pol.order_id = {r}.id AND pol.sale_order_id IS NOT NULL",
                {"purchase_order_line": ["sale_order_id"]},
            ),
        ],
    ),
    "purchase.order.line": (
        "purchase_order_line",
        [
            ("SELECT {r}.sale_order_id", {"purchase_order_line": ["sale_order_id"]}),
            (
                "SELECT pg.sale_id FROM purchase_order po "
                "JOIN procurement_group pg ON pg.id = po.group_id WHERE po.id = {r}.order_id",
                {"purchase_order": ["group_id"], "procurement_group": ["sale_id"]},
            ),
        ],
    ),
    "mrp.production": (
        "mrp_production",
        [
            (
                "SELECT pg.sale_id FROM procurement_group pg "
                "WHERE pg.id = {r}.procurement_group_id",
                {"procurement_group": ["sale_id"]},
            ),
            (
                "SELECT sol.order_id FROM stock_move m "
                "JOIN sale_order_line sol ON sol.id = m.sale_line_id "
                "WHERE m.created_production_id = {r}.id",
                {"stock_move": ["created_production_id", "sale_line_id"]},
            ),
        ],
    ),
    "account.move": (
        "account_move",
        [
            (
                "SELECT sol.order_id FROM account_move_line aml "
                "JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = aml.id "
                "JOIN sale_order_line sol ON sol.id = rel.order_line_id "
                "WHERE aml.move_id = {r}.id",
                {"sale_order_line_invoice_rel": ["invoice_line_id"]},
            ),
            # a payment's journal entry, through the invoices it is reconciled with
            (
                PAYMENT_ORDERS.format(move="{r}.id"),
                {"sale_order_line_invoice_rel": ["invoice_line_id"]},
            ),
        ],
    ),
    "account.move.line": (
        "account_move_line",
        [
            (
                "SELECT sol.order_id FROM sale_order_line_invoice_rel rel "
                "JOIN sale_order_line sol ON sol.id = rel.order_line_id "
                "WHERE rel.invoice_line_id = {r}.id",
                {"sale_order_line_invoice_rel": ["invoice_line_id"]},
            )
        ],
    ),
    "account.payment": (
        "account_payment",
        [
            # the invoices a payment was registered for (kept even before reconciliation)
            (
                "SELECT sol.order_id FROM account_move__account_payment ap "
                "JOIN account_move_line aml ON aml.move_id = ap.invoice_id "
                "JOIN sale_order_line_invoice_rel rel ON rel.invoice_line_id = aml.id "
                "JOIN sale_order_line sol ON sol.id = rel.order_line_id "
                "WHERE ap.payment_id = {r}.id",
                {
                    "account_move__account_payment": ["payment_id", "invoice_id"],
                    "sale_order_line_invoice_rel": ["invoice_line_id"],
                },
            ),
            # the invoices its journal entry is reconciled with
            (
                PAYMENT_ORDERS.format(move="{r}.move_id"),
                {
                    "account_payment": ["move_id"],
                    "sale_order_line_invoice_rel": ["invoice_line_id"],
                },
            ),
        ],
    ),
    "order.review": ("order_review", [("SELECT {r}.order_id", {})]),
    "order.change.notice": ("order_change_notice", [("SELECT {r}.order_id", {})]),
    "mrp.production.notice": ("mrp_production_notice", [("SELECT {r}.sale_order_id", {})]),
    "mrp.production.notice.line": (
        "mrp_production_notice_line",
        [("SELECT sol.order_id FROM sale_order_line sol WHERE sol.id = {r}.sale_line_id", {})],
    ),
    "mrp.rush.request": ("mrp_rush_request", [("SELECT {r}.sale_order_id", {})]),
    "mrp.outsource.request": (
        "mrp_outsource_request",
        [
            (
                "SELECT pg.sale_id FROM mrp_production mp "
                "JOIN procurement_group pg ON pg.id = mp.procurement_group_id "
                "WHERE mp.id = {r}.production_id",
                {"procurement_group": ["sale_id"]},
            )
        ],
    ),
    "mrp.order.closeout": ("mrp_order_closeout", [("SELECT {r}.sale_order_id", {})]),
}

# The names of what the addon creates in the database (dropped by the uninstall hook).
TRIGGER_NAME = "order_archive_hold_guard"
FUNCTION_ORDER_HOLD = "order_archive_order_hold"
FUNCTION_REFUSE = "order_archive_refuse_held_delete"
FUNCTION_GUARD_PREFIX = "order_archive_hold_guard_"
FUNCTION_HOLD_TABLE = "order_archive_hold_guard_hold"


def _table_columns(cr, tables):
    cr.execute(
        """SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ANY(%s)""",
        [list(tables)],
    )
    columns = {}
    for table, column in cr.fetchall():
        columns.setdefault(table, set()).add(column)
    return columns


def held_order_queries(cr):
    """{model: (table, [order query template])} of the guarded models present in the
    database, with only the parts whose tables and columns exist."""
    tables = {table for table, __ in HELD_MODELS.values()}
    for __, parts in HELD_MODELS.values():
        for __, needs in parts:
            tables.update(needs)
    columns = _table_columns(cr, tables)
    result = {}
    for model, (table, parts) in HELD_MODELS.items():
        if table not in columns:
            continue
        kept = [
            query
            for query, needs in parts
            if all(set(cols) <= columns.get(tbl, set()) for tbl, cols in needs.items())
        ]
        if kept:
            result[model] = (table, kept)
    return result


class OrderArchiveHold(models.Model):
    """A legal hold: while active, nothing of the orders it covers (the order, its lines,
    deliveries, manufacturing and purchase orders, invoices and their payments, reviews,
    change notices, production notices, rush and outsourcing requests, close-outs) is
    deleted, purged or anonymised, by anyone, through the ORM or by SQL."""

    _name = "order.archive.hold"
    _description = "Legal Hold"
    _inherit = ["mail.thread"]
    _order = "state, placed_on desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    scope = fields.Selection(
        [("partner", "Customer"), ("order", "Order"), ("date_range", "Date Range")],
        required=True,
        default="order",
        help="Customer: every order of the customer (its company and contacts). Order: one "
        "sales order. Date Range: every order dated within the range (in the time zone of "
        "whoever placed the hold).",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        domain="[('parent_id', '=', False)]",
    )
    order_id = fields.Many2one(
        "sale.order",
        string="Order",
        index="btree_not_null",
        domain="[('company_id', '=', company_id)]",
    )
    target_name = fields.Char(
        string="Held",
        readonly=True,
        help="What the hold covers, as written when it was placed (kept when the order or "
        "customer is deleted after the release).",
    )
    date_from = fields.Date(string="Orders From")
    date_to = fields.Date(string="Orders To")
    tz = fields.Char(
        string="Time Zone",
        readonly=True,
        default=lambda self: self.env.context.get("tz") or self.env.user.tz or "UTC",
        help="The days of the date range are the days of this time zone.",
    )
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("active", "Active"), ("released", "Released")],
        required=True,
        default="active",
        readonly=True,
        tracking=True,
        index=True,
    )
    placed_by_id = fields.Many2one(
        "res.users", string="Placed By", readonly=True, default=lambda self: self.env.user
    )
    placed_on = fields.Datetime(readonly=True, default=fields.Datetime.now)
    released_by_id = fields.Many2one("res.users", string="Released By", readonly=True)
    released_on = fields.Datetime(readonly=True)
    release_reason = fields.Text(
        tracking=True, help="Why the hold ends; needed to release it (e.g. the case closed)."
    )
    held_order_count = fields.Integer(string="Held Orders", compute="_compute_held_order_count")

    _sql_constraints = [
        (
            "scope_target",
            "CHECK(state = 'released'"
            " OR (scope = 'order' AND order_id IS NOT NULL)"
            " OR (scope = 'partner' AND partner_id IS NOT NULL)"
            " OR (scope = 'date_range' AND date_from IS NOT NULL AND date_to IS NOT NULL"
            " AND date_from <= date_to))",
            "A legal hold needs its order, its customer, or a date range whose start is not "
            "after its end.",
        ),
    ]

    # -- the database side ------------------------------------------------------------------

    def init(self):
        """The hold check in SQL, and a BEFORE DELETE trigger on each guarded table: while no
        hold is active it returns after one look at the (small) holds table."""
        cr = self.env.cr
        cr.execute(
            "CREATE INDEX IF NOT EXISTS order_archive_hold_active_idx "
            "ON order_archive_hold (company_id) WHERE state = 'active'"
        )
        cr.execute(
            SQL(
                f"""
CREATE OR REPLACE FUNCTION {FUNCTION_ORDER_HOLD}(p_order_id integer) RETURNS integer
LANGUAGE plpgsql STABLE AS $body$
DECLARE
    v_hold integer;
BEGIN
    IF p_order_id IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT h.id INTO v_hold
      FROM sale_order so
      JOIN res_partner p ON p.id = so.partner_id
      JOIN order_archive_hold h ON h.state = 'active' AND h.company_id = so.company_id
     WHERE so.id = p_order_id
       AND ((h.scope = 'order' AND h.order_id = so.id)
         OR (h.scope = 'partner'
             AND h.partner_id = COALESCE(p.commercial_partner_id, p.id))
         OR (h.scope = 'date_range'
             AND (so.date_order AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(h.tz, 'UTC'))::date
                 BETWEEN h.date_from AND h.date_to))
     ORDER BY h.id
     LIMIT 1;
    RETURN v_hold;
END
$body$"""
            )
        )
        cr.execute(
            SQL(
                f"""
CREATE OR REPLACE FUNCTION {FUNCTION_REFUSE}(p_hold integer, p_order integer,
                                            p_table text, p_id integer) RETURNS void
LANGUAGE plpgsql AS $body$
DECLARE
    v_hold record;
    v_order text;
BEGIN
    SELECT name, reason INTO v_hold FROM order_archive_hold WHERE id = p_hold;
    SELECT name INTO v_order FROM sale_order WHERE id = p_order;
    RAISE EXCEPTION USING
        MESSAGE = 'Legal hold ' || v_hold.name || ' (' || v_hold.reason
                  || ') covers sales order ' || COALESCE(v_order, p_order::text) || ': '
                  || p_table || ' row ' || p_id
                  || ' cannot be deleted. An archive manager must release the hold first.',
        HINT = 'order_archive legal hold';
END
$body$"""
            )
        )
        for table, queries in held_order_queries(cr).values():
            orders = " UNION ALL ".join(f"({q.format(r='OLD')})" for q in queries)
            function = FUNCTION_GUARD_PREFIX + table
            cr.execute(
                SQL(
                    f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    v_order integer;
    v_hold integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM order_archive_hold WHERE state = 'active') THEN
        RETURN OLD;
    END IF;
    SELECT x.order_id, {FUNCTION_ORDER_HOLD}(x.order_id) INTO v_order, v_hold
      FROM ({orders}) x(order_id)
     WHERE {FUNCTION_ORDER_HOLD}(x.order_id) IS NOT NULL
     LIMIT 1;
    IF v_hold IS NOT NULL THEN
        PERFORM {FUNCTION_REFUSE}(v_hold, v_order, TG_TABLE_NAME, OLD.id);
    END IF;
    RETURN OLD;
END
$body$"""
                )
            )
            cr.execute(
                SQL(
                    "DROP TRIGGER IF EXISTS %s ON %s",
                    SQL.identifier(TRIGGER_NAME),
                    SQL.identifier(table),
                )
            )
            cr.execute(
                SQL(
                    "CREATE TRIGGER %s BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %s()",
                    SQL.identifier(TRIGGER_NAME),
                    SQL.identifier(table),
                    SQL.identifier(function),
                )
            )
        # an active hold itself cannot be removed by SQL (the ORM refuses any hold)
        cr.execute(
            SQL(
                f"""
CREATE OR REPLACE FUNCTION {FUNCTION_HOLD_TABLE}() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF OLD.state = 'active' THEN
        RAISE EXCEPTION USING
            MESSAGE = 'Legal hold ' || OLD.name
                      || ' is active: it cannot be deleted. Release it first.',
            HINT = 'order_archive legal hold';
    END IF;
    RETURN OLD;
END
$body$"""
            )
        )
        cr.execute(
            SQL("DROP TRIGGER IF EXISTS %s ON order_archive_hold", SQL.identifier(TRIGGER_NAME))
        )
        cr.execute(
            SQL(
                "CREATE TRIGGER %s BEFORE DELETE ON order_archive_hold "
                "FOR EACH ROW EXECUTE FUNCTION %s()",
                SQL.identifier(TRIGGER_NAME),
                SQL.identifier(FUNCTION_HOLD_TABLE),
            )
        )

    # -- which records are held ---------------------------------------------------------------

    @api.model
    def _oa_any_active(self):
        """Whether any legal hold is active: no query while none is (cached until a hold is
        placed or released; the database triggers check for themselves)."""
        return self._oa_any_active_cached()

    @api.model
    @tools.ormcache()
    def _oa_any_active_cached(self):
        self.flush_model(["state"])
        self.env.cr.execute("SELECT 1 FROM order_archive_hold WHERE state = 'active' LIMIT 1")
        return bool(self.env.cr.rowcount)

    @api.model
    def _oa_held_rows(self, model, ids):
        """{record id: (hold id, sales order id)} of the records of ``model`` (one of
        HELD_MODELS) with ids ``ids`` that an active hold covers; one query."""
        if not ids or not self._oa_any_active():
            return {}
        queries = held_order_queries(self.env.cr).get(model)
        if not queries:
            return {}
        table, parts = queries
        self.env.flush_all()
        orders = " UNION ALL ".join(f"({q.format(r='r')})" for q in parts)
        self.env.cr.execute(
            SQL(
                f"""SELECT DISTINCT ON (r.id) r.id, x.order_id,
                           {FUNCTION_ORDER_HOLD}(x.order_id)
                      FROM %s r CROSS JOIN LATERAL ({orders}) x(order_id)
                     WHERE r.id = ANY(%s) AND {FUNCTION_ORDER_HOLD}(x.order_id) IS NOT NULL
                     ORDER BY r.id""",
                SQL.identifier(table),
                list(ids),
            )
        )
        return {rec_id: (hold_id, order_id) for rec_id, order_id, hold_id in self.env.cr.fetchall()}

    @api.model
    def _get_held_sale_orders(self, orders):
        """The sales orders of ``orders`` under an active legal hold."""
        held = self._oa_held_rows("sale.order", orders.ids)
        return orders.filtered(lambda order: order.id in held)

    @api.model
    def _get_held_records(self, records):
        """The records of ``records`` (of any guarded model: lines, deliveries, purchase and
        manufacturing orders, invoices, reviews...) that belong to an order under hold."""
        held = self._oa_held_rows(records._name, records.ids)
        return records.filtered(lambda record: record.id in held)

    @api.model
    def _oa_check_unlink(self, records):
        """Refuse to delete ``records`` when an active hold covers one of them."""
        if records._name not in HELD_MODELS or not records.ids:
            return
        held = self._oa_held_rows(records._name, records.ids)
        if not held:
            return
        rec_id, (hold_id, order_id) = next(iter(sorted(held.items())))
        # sudo: the names are shown in the refusal, whoever deletes; nothing else is read
        hold = self.sudo().browse(hold_id)
        order = self.env["sale.order"].sudo().browse(order_id)
        record = records.browse(rec_id).sudo()
        label = record.display_name or f"{records._description} #{rec_id}"
        raise UserError(
            self.env._(
                "%(record)s cannot be deleted: legal hold %(hold)s covers sales order "
                "%(order)s (reason: %(reason)s). An archive manager must release the hold "
                "first.",
                record=label,
                hold=hold.name,
                order=order.name,
                reason=hold.reason,
            )
        )

    def _oa_order_domain(self):
        """The domain of the sales orders this hold covers."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        if self.scope == "order":
            return [*domain, ("id", "=", self.order_id.id)]
        if self.scope == "partner":
            return [*domain, ("partner_id.commercial_partner_id", "=", self.partner_id.id)]
        tz = pytz.timezone(self.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return [
            *domain,
            ("date_order", ">=", utc(self.date_from)),
            ("date_order", "<", utc(self.date_to + timedelta(days=1))),
        ]

    @api.depends("scope", "order_id", "partner_id", "date_from", "date_to", "company_id")
    def _compute_held_order_count(self):
        Order = self.env["sale.order"]
        for hold in self:
            if hold.scope and (
                hold.order_id or hold.partner_id or (hold.date_from and hold.date_to)
            ):
                hold.held_order_count = Order.search_count(hold._oa_order_domain())
            else:
                hold.held_order_count = 0

    # -- life cycle ---------------------------------------------------------------------------

    @api.constrains("scope", "order_id", "partner_id", "company_id")
    def _check_target(self):
        for hold in self:
            if hold.scope == "order" and hold.order_id.company_id != hold.company_id:
                raise ValidationError(
                    self.env._(
                        "Legal hold %(hold)s: order %(order)s belongs to another company; "
                        "place the hold in the order's company.",
                        hold=hold.name,
                        order=hold.order_id.name,
                    )
                )
            if hold.scope == "partner" and hold.partner_id.commercial_partner_id != hold.partner_id:
                raise ValidationError(
                    self.env._(
                        "Legal hold %(hold)s: place it on the customer's company "
                        "%(company)s, not on its contact %(contact)s.",
                        hold=hold.name,
                        company=hold.partner_id.commercial_partner_id.display_name,
                        contact=hold.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                # sudo: the sequence is technical; archive managers place holds
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("order.archive.hold")
            # who placed it and when are the system's to say
            vals.update(
                state="active",
                placed_by_id=self.env.user.id,
                placed_on=fields.Datetime.now(),
                released_by_id=False,
                released_on=False,
            )
            vals["target_name"] = self._oa_target_text(vals)
        holds = super().create(vals_list)
        self.env.registry.clear_cache()
        for hold in holds:
            hold.message_post(
                body=self.env._(
                    "Legal hold placed by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=hold.reason,
                )
            )
        return holds

    FROZEN_FIELDS = frozenset(
        {
            "company_id",
            "scope",
            "partner_id",
            "order_id",
            "date_from",
            "date_to",
            "tz",
            "reason",
            "target_name",
            "placed_by_id",
            "placed_on",
            "state",
            "released_by_id",
            "released_on",
        }
    )

    def write(self, vals):
        frozen = self.FROZEN_FIELDS.intersection(vals)
        if frozen and not self.env.context.get("oa_hold_release"):
            raise UserError(
                self.env._(
                    "A legal hold cannot be changed once placed (%(fields)s): release it "
                    "and place a new one.",
                    fields=", ".join(self._fields[f].string for f in sorted(frozen)),
                )
            )
        if "release_reason" in vals and self.filtered(lambda h: h.state == "released"):
            raise UserError(self.env._("The release of a legal hold cannot be changed."))
        return super().write(vals)

    @api.model
    def _oa_target_text(self, vals):
        """What a hold of values ``vals`` covers, in words."""
        scope = vals.get("scope") or self.default_get(["scope"]).get("scope")
        if scope == "order":
            return self.env._("Order %s", self.env["sale.order"].browse(vals.get("order_id")).name)
        if scope == "partner":
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            return self.env._("Customer %s", partner.display_name)
        return self.env._(
            "Orders dated %(start)s to %(end)s (%(tz)s)",
            start=vals.get("date_from"),
            end=vals.get("date_to"),
            tz=vals.get("tz") or self.default_get(["tz"]).get("tz"),
        )

    def action_release(self):
        """Release the holds, with the reason written on them (``release_reason``)."""
        for hold in self:
            if hold.state != "active":
                raise UserError(self.env._("Legal hold %s is already released.", hold.name))
            if not (hold.release_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write why legal hold %s ends (Release Reason) before releasing it.",
                        hold.name,
                    )
                )
        # lock the holds: two managers releasing at once give one release
        lock_rows(
            self,
            lambda: self.env._(
                "Another user is releasing this legal hold; reload it and try again."
            ),
        )
        if any(hold.state != "active" for hold in self):
            raise UserError(self.env._("Another user has just released this legal hold."))
        self.with_context(oa_hold_release=True).write(
            {
                "state": "released",
                "released_by_id": self.env.user.id,
                "released_on": fields.Datetime.now(),
            }
        )
        self.env.registry.clear_cache()
        for hold in self:
            hold.message_post(
                body=self.env._(
                    "Legal hold released by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=hold.release_reason,
                )
            )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "A legal hold is a record of the company's legal duty and cannot be deleted; "
                "release it instead."
            )
        )

    def action_view_held_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders Under Hold %s", self.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": self._oa_order_domain(),
        }
