# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import zoneinfo

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, format_amount, format_date, formatLang

from odoo.addons.order_intake.services.locking import lock_rows

from ..services import change_plan

NOTICE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Waiting for Signatures"),
    ("approved", "Signed"),
    ("applied", "Applied"),
    ("cancel", "Cancelled"),
]


def is_change_notice_context(env):
    """Whether the current call is a change notice applying itself. The notice puts itself
    (a record, which no RPC call can send) in the context; a flag could be forged."""
    notice = env.context.get("order_change_notice")
    return isinstance(notice, models.BaseModel) and notice._name == "order.change.notice"


def changed_fields(record, vals, names):
    """The fields of ``names`` whose value in ``vals`` differs from ``record``'s (writing a
    field its own value changes nothing, and is not a change)."""
    record.ensure_one()
    changed = []
    for name in sorted(names):
        field = record._fields[name]
        try:
            new = field.convert_to_cache(vals[name], record)
            old = field.convert_to_cache(record[name], record)
        except (ValueError, TypeError):
            changed.append(name)
            continue
        if new != old and (new or old):
            changed.append(name)
    return changed


# A notice line's values before and after.
LINE_VALUE_PAIRS = (
    ("old_product_id", "product_id"),
    ("old_qty", "new_qty"),
    ("old_price", "new_price"),
    ("old_requested_date", "new_requested_date"),
    ("old_promised_date", "new_promised_date"),
    ("old_process", "new_process"),
)

# Parameters of the impact's messages that are amounts in the order's currency, by message.
AMOUNT_PARAMS = {
    "line_add": ("price",),
    "line_price": ("old", "new"),
    "credit_note_price": ("diff",),
    "extra_invoice_price": ("diff",),
}
# The model whose field the ``field`` parameter of a message names, by message.
FIELD_PARAMS = {"line_field": "sale.order.line", "order_field": "sale.order"}
# The models whose records a message names (read for their names only).
NAMED_MODELS = (
    "product.product",
    "stock.route",
    "res.partner",
    "account.incoterms",
    "account.payment.term",
)

# Order fields a notice changes, with the notice's fields holding their old and new values.
HEADER_FIELDS = [
    # (order field, old field, new field)
    ("commitment_date", "old_commitment_date", "new_commitment_date"),
    ("partner_shipping_id", "old_partner_shipping_id", "new_partner_shipping_id"),
    ("intake_packaging_terms", "old_packaging_terms", "new_packaging_terms"),
    ("intake_transport_terms", "old_transport_terms", "new_transport_terms"),
    ("incoterm", "old_incoterm_id", "new_incoterm_id"),
    ("payment_term_id", "old_payment_term_id", "new_payment_term_id"),
]


class OrderChangeNotice(models.Model):
    """A change notice (订单变更通知书) on a confirmed sales order: the proposed new values
    line by line, the impact on everything made for the order, the signatures of the
    departments concerned and leadership, then the change applied to the order and its
    documents in one transaction. The order is never copied or cancelled; it gets a new
    revision, and the notice keeps the before and after values for ever."""

    _name = "order.change.notice"
    _description = "Change Notice"
    _inherit = ["mail.thread", "mail.activity.mixin", "order.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _approval_state_field = "state"
    _approval_submit_states = ("draft",)
    _approval_target_states = ("applied",)
    _approval_company_flag = None  # a change notice is always signed
    _approval_amount_field = None
    _approval_date_field = None
    _approval_content_fields = (
        "order_id",
        "line_ids",
        "base_revision",
        "customer_confirmation_required",
        *(new for _field, _old, new in HEADER_FIELDS),
    )

    name = fields.Char(string="Number", default="/", readonly=True, copy=False, index="trigram")
    order_id = fields.Many2one(
        "sale.order",
        string="Order",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'sale')]",
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    partner_id = fields.Many2one(related="order_id.partner_id", string="Customer")
    state = fields.Selection(
        NOTICE_STATES, default="draft", required=True, readonly=True, tracking=True, copy=False
    )
    requested_by = fields.Selection(
        [("customer", "Customer"), ("internal", "Internal")],
        required=True,
        default="customer",
        help="Who asked for the change: the customer, or the company itself (e.g. a material "
        "shortage).",
    )
    customer_reference = fields.Char(
        help="The customer's reference for this change (their change request or letter)."
    )
    reason = fields.Text(required=True, help="Why the order changes.")
    base_revision = fields.Integer(
        readonly=True,
        help="The order's revision this notice was raised on: it can be applied only to that "
        "revision.",
    )
    revision = fields.Integer(
        string="Revision Made", readonly=True, copy=False, help="The order's revision it made."
    )
    order_revision = fields.Integer(related="order_id.order_revision", string="Order Revision")
    line_ids = fields.One2many("order.change.notice.line", "notice_id", string="Lines", copy=True)
    impact_ids = fields.One2many(
        "order.change.notice.impact", "notice_id", string="Impact", readonly=True, copy=False
    )
    impact_blocking = fields.Boolean(
        string="Cannot Be Carried Out",
        readonly=True,
        copy=False,
        help="The impact names a change that cannot be carried out.",
    )
    impact_date = fields.Datetime(string="Impact Computed On", readonly=True, copy=False)
    department_ids = fields.Many2many(
        "order.review.department",
        string="Departments Concerned",
        readonly=True,
        copy=False,
        help="The departments whose documents the change touches: they sign the notice.",
    )
    old_commitment_date = fields.Datetime(string="Delivery Date Before", readonly=True)
    new_commitment_date = fields.Datetime(string="Delivery Date")
    old_partner_shipping_id = fields.Many2one(
        "res.partner", string="Delivery Address Before", readonly=True
    )
    new_partner_shipping_id = fields.Many2one("res.partner", string="Delivery Address")
    old_packaging_terms = fields.Char(string="Packaging Terms Before", readonly=True)
    new_packaging_terms = fields.Char(string="Packaging Terms")
    old_transport_terms = fields.Char(string="Transport Terms Before", readonly=True)
    new_transport_terms = fields.Char(string="Transport Terms")
    old_incoterm_id = fields.Many2one("account.incoterms", string="Incoterm Before", readonly=True)
    new_incoterm_id = fields.Many2one("account.incoterms", string="Incoterm")
    old_payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms Before", readonly=True
    )
    new_payment_term_id = fields.Many2one("account.payment.term", string="Payment Terms")
    customer_confirmation_required = fields.Boolean(
        string="Customer Confirms",
        help="The customer's confirmation is recorded before the change is applied.",
    )
    customer_confirmed_by = fields.Char(string="Confirmed By (Customer)", copy=False)
    customer_confirmed_on = fields.Date(string="Customer Confirmed On", copy=False)
    customer_signature = fields.Binary(string="Customer Signature", copy=False, attachment=True)
    before_values = fields.Json(readonly=True, copy=False)
    after_values = fields.Json(readonly=True, copy=False)
    applied_on = fields.Datetime(readonly=True, copy=False)
    applied_by_id = fields.Many2one("res.users", string="Applied By", readonly=True, copy=False)
    apply_error = fields.Text(
        string="Could Not Be Applied",
        readonly=True,
        copy=False,
        help="Why the signed notice could not be applied the last time it was tried.",
    )

    # ------------------------------------------------------------------ create

    @api.model
    def _prepare_from_order(self, order):
        """Values of a new notice on ``order``: every product line with its current values
        as both old and new (the clerk edits the new ones), and the order's terms."""
        order.ensure_one()
        vals = {
            "order_id": order.id,
            "base_revision": order.order_revision,
            "line_ids": [
                (0, 0, self._prepare_line_from_order_line(line))
                for line in order.order_line.filtered(
                    lambda ln: not ln.display_type and not ln.is_downpayment
                )
            ],
        }
        for field, old, new in HEADER_FIELDS:
            value = order[field]
            value = value.id if isinstance(value, models.BaseModel) else value
            vals[old] = value
            vals[new] = value
        return vals

    @api.model
    def _prepare_line_from_order_line(self, line):
        return {
            "sequence": line.sequence,
            "order_line_id": line.id,
            "old_product_id": line.product_id.id,
            "product_id": line.product_id.id,
            "product_uom_id": line.product_uom.id,
            "old_qty": line.product_uom_qty,
            "new_qty": line.product_uom_qty,
            "old_price": line.price_unit,
            "new_price": line.price_unit,
            "old_requested_date": line.intake_requested_date,
            "new_requested_date": line.intake_requested_date,
            "old_promised_date": line.intake_promised_date,
            "new_promised_date": line.intake_promised_date,
            "old_process": line.process_requirements,
            "new_process": line.process_requirements,
        }

    @api.model
    def default_get(self, fields_list):
        """A new notice opened from an order shows the order's lines and terms at once."""
        res = super().default_get(fields_list)
        order = self.env["sale.order"].browse(res.get("order_id"))
        if order and order.state == "sale":
            prepared = self._prepare_from_order(order)
            res.update({key: value for key, value in prepared.items() if key in fields_list})
        return res

    @api.onchange("order_id")
    def _onchange_order_id(self):
        """Choosing the order of a new notice shows its lines and terms."""
        if self.order_id and self.order_id.state == "sale" and not self._origin:
            prepared = self._prepare_from_order(self.order_id)
            prepared.pop("order_id")
            prepared["line_ids"] = [(5, 0, 0), *prepared["line_ids"]]
            self.update(prepared)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            order = self.env["sale.order"].browse(vals.get("order_id"))
            if not order.exists() or order.state != "sale":
                raise UserError(self.env._("A change notice is raised on a confirmed sales order."))
            defaults = self._prepare_from_order(order)
            given_lines = vals.get("line_ids")
            for key, value in defaults.items():
                vals.setdefault(key, value)
            if given_lines is not None and not any(
                cmd[0] == 0 and cmd[2].get("order_line_id") for cmd in given_lines
            ):
                # lines given without the order's: start from the order's, add the given ones
                vals["line_ids"] = defaults["line_ids"] + list(given_lines)
            vals["base_revision"] = order.order_revision
            for _field, old, _new in HEADER_FIELDS:
                vals[old] = defaults[old]  # the values before are the order's, never the client's
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(order.company_id)
                    .next_by_code("order.change.notice")
                    or "/"
                )
        notices = super(
            OrderChangeNotice, self.with_context(order_change_notice_no_impact=True)
        ).create(vals_list)
        notices = notices.with_env(self.env)
        notices._compute_impact()
        return notices

    def write(self, vals):
        protected = {"state", "base_revision", "revision", "before_values", "after_values"}
        if not self.env.su and protected & set(vals):
            raise AccessError(
                self.env._(
                    "A change notice's state and revisions change by submitting, signing and "
                    "applying it, not by writing them."
                )
            )
        before = {old for _field, old, _new in HEADER_FIELDS} & set(vals)
        if not self.env.su and before:
            raise AccessError(
                self.env._(
                    "The order's values before the change (%(fields)s) are read from the order "
                    "by the change notice; they cannot be written.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in sorted(before)
                    ),
                )
            )
        editable_fields = set(vals) - {
            "customer_confirmed_by",
            "customer_confirmed_on",
            "customer_signature",
            "message_main_attachment_id",
        }
        if not self.env.su and editable_fields & {*self._approval_content_fields, "reason"}:
            self._check_editable()
        res = super(OrderChangeNotice, self.with_context(order_change_notice_no_impact=True)).write(
            vals
        )
        if not self.env.su and editable_fields & set(self._approval_content_fields):
            self.filtered(lambda n: n.state == "draft")._compute_impact()
        return res

    def _check_editable(self):
        for notice in self:
            if notice.state != "draft":
                raise UserError(
                    self.env._(
                        "Change notice %(notice)s is %(state)s: only a draft notice can be "
                        "changed. Withdraw it to draft first (its signatures are then withdrawn).",
                        notice=notice.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            notice.state
                        ],
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda n: n.state not in ("draft", "cancel") or n.approval_request_ids):
            raise UserError(
                self.env._(
                    "A change notice that was submitted is kept for ever: cancel it instead."
                )
            )

    # ------------------------------------------------------------------ gathering

    def _line_inputs(self):
        """The planner's input: one dict per changed line (a swap gives two: the old line
        removed, the new product added), read with one query per kind of document."""
        self.ensure_one()
        order = self.order_id
        notice_lines = self.line_ids.filtered(lambda ln: ln.change_type != "none")
        new_commitment = self._header_changes_dict().get("commitment_date")
        commitment_day = (
            self._to_local(new_commitment[1]).date()
            if new_commitment and new_commitment[1]
            else None
        )
        lines_with_docs = notice_lines.order_line_id
        if commitment_day:
            lines_with_docs = order.order_line.filtered(
                lambda ln: not ln.display_type and not ln.is_downpayment
            )
        docs = self._read_line_documents(lines_with_docs)
        inputs = []
        for nline in notice_lines:
            sol = nline.order_line_id
            if nline.change_type == "add":
                inputs.append(self._input_new_line(nline.product_id, nline))
                continue
            data = docs.get(sol.id, {"moves": [], "productions": [], "purchases": []})
            base = {
                "key": nline.id,
                "line_id": sol.id,
                "name": sol.product_id.display_name,
                "product": self._impact_param(sol.product_id),
                "document": order.name,
                "old_qty": sol.product_uom_qty,
                "delivered": sol.qty_delivered,
                "invoiced": sol.qty_invoiced,
                **data,
            }
            if nline.change_type in ("remove", "swap"):
                inputs.append(
                    dict(
                        base,
                        remove=True,
                        new_qty=0.0,
                        write_vals={"product_uom_qty": 0.0, "price_unit": sol.price_unit},
                    )
                )
                if nline.change_type == "swap":
                    inputs.append(self._input_new_line(nline.product_id, nline))
                continue
            write_vals, others = self._line_write_vals(nline)
            new_day = None
            if nline.new_promised_date != nline.old_promised_date and nline.new_promised_date:
                new_day = nline.new_promised_date
            elif commitment_day:
                new_day = commitment_day
            inputs.append(
                dict(
                    base,
                    new_qty=nline.new_qty,
                    old_price=sol.price_unit,
                    new_price=nline.new_price,
                    write_vals=write_vals,
                    other_changes=others,
                    new_date=new_day,
                    old_date=self._current_day(data["moves"], sol),
                )
            )
        if commitment_day:
            # lines the notice does not list move with the order's new delivery date
            listed = notice_lines.order_line_id
            for sol in lines_with_docs - listed:
                data = docs.get(sol.id, {"moves": [], "productions": [], "purchases": []})
                inputs.append(
                    {
                        "key": False,
                        "line_id": sol.id,
                        "name": sol.product_id.display_name,
                        "product": self._impact_param(sol.product_id),
                        "document": order.name,
                        "old_qty": sol.product_uom_qty,
                        "new_qty": sol.product_uom_qty,
                        "delivered": sol.qty_delivered,
                        "invoiced": 0.0,
                        "new_date": commitment_day,
                        "old_date": self._current_day(data["moves"], sol),
                        **data,
                    }
                )
        return inputs

    def _current_day(self, moves, sol):
        """The line's delivery day now: its first pending move's, in the notice's time zone
        (the moves' dates are given in it), else its promised day."""
        pending = [m["date"] for m in moves if m["state"] not in ("done", "cancel") and m["date"]]
        if pending:
            return min(pending).date()
        return sol.intake_promised_date or None

    def _day_tz(self):
        """The time zone of the days a notice reads and sets: the user's (the context's, as
        ``fields.Date.context_today``), else the company's, else UTC. A promised date is a
        day there; a delivery's day is the day of its datetime there."""
        company = self.order_id.company_id or self.env.company
        name = self.env.context.get("tz") or self.env.user.tz or company.partner_id.tz
        try:
            return zoneinfo.ZoneInfo(name) if name else datetime.UTC
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return datetime.UTC

    def _to_local(self, value):
        """A stored (UTC) datetime as an aware datetime of the notice's time zone."""
        if not value:
            return value
        return value.replace(tzinfo=datetime.UTC).astimezone(self._day_tz())

    @api.model
    def _to_utc(self, value):
        """An aware datetime (or a naive one, taken as UTC) as Odoo stores it: naive UTC."""
        if not value or not value.tzinfo:
            return value
        return value.astimezone(datetime.UTC).replace(tzinfo=None)

    def _line_write_vals(self, nline):
        sol = nline.order_line_id
        vals, others = {}, {}
        qty_digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        if float_compare(nline.new_qty, sol.product_uom_qty, precision_digits=qty_digits):
            # the price goes with the quantity: Odoo would recompute it from the pricelist
            vals["product_uom_qty"] = nline.new_qty
            vals["price_unit"] = nline.new_price
        if float_compare(nline.new_price, sol.price_unit, precision_digits=price_digits):
            vals["price_unit"] = nline.new_price
        for field, new in (
            ("intake_requested_date", nline.new_requested_date),
            ("intake_promised_date", nline.new_promised_date),
            ("process_requirements", nline.new_process or False),
        ):
            if (sol[field] or False) != (new or False):
                vals[field] = new or False
                # by field name: the message names the field in the reader's language
                others[field] = (sol[field], new)
        return vals, others

    def _input_new_line(self, product, nline):
        order = self.order_id
        routes = product.route_ids | product.categ_id.total_route_ids
        return {
            "key": nline.id,
            "add": True,
            "name": product.display_name,
            "product": self._impact_param(product),
            "document": order.name,
            "new_qty": nline.new_qty,
            "new_price": nline.new_price,
            "routes": self._impact_param(routes),
            "create_vals": {
                "order_id": order.id,
                "product_id": product.id,
                "product_uom_qty": nline.new_qty,
                "product_uom": (nline.product_uom_id or product.uom_id).id
                if nline.change_type == "add"
                else product.uom_id.id,
                "price_unit": nline.new_price,
                "intake_requested_date": nline.new_requested_date or False,
                "intake_promised_date": nline.new_promised_date or False,
                "process_requirements": nline.new_process or False,
                "sequence": nline.sequence,
            },
        }

    def _read_line_documents(self, sols):
        """For each order line id: its delivery moves, its make-to-order manufacturing orders
        and the purchase order lines bought for it, as the planner's dicts."""
        result = {sol.id: {"moves": [], "productions": [], "purchases": []} for sol in sols}
        if not sols:
            return result
        # The clerk who raises a notice may not read manufacturing or purchase orders; the
        # impact only names them and reads their quantities, dates and states, for an order
        # the user may read (checked here) in the order's company.
        sols.check_access("read")
        env = self.sudo().with_company(self.order_id.company_id).env
        sols = sols.sudo()
        moves = env["stock.move"].search(
            [
                ("sale_line_id", "in", sols.ids),
                ("purchase_line_id", "=", False),
                ("production_id", "=", False),
                ("raw_material_production_id", "=", False),
            ],
            order="id",
        )
        for move in moves:
            sol = move.sale_line_id
            factor = sol.product_uom._compute_quantity(1.0, move.product_uom, round=False)
            result[sol.id]["moves"].append(
                {
                    "id": move.id,
                    "document": move.picking_id.name or move.reference or move.display_name,
                    "step": move.picking_type_id.id or move.location_id.id,
                    "state": move.state,
                    "qty": move.quantity if move.state == "done" else move.product_uom_qty,
                    "date": self._to_local(move.date),
                    "factor": factor,
                }
            )
        # make-to-order manufacturing orders: made for a delivery move of the line (their
        # finished products go to it), or linked to the line by sale_mrp
        productions = env["mrp.production"].search(
            self._made_for_lines_domain(env["mrp.production"], sols), order="id"
        )
        for mo in productions:
            sol = self._line_made_for(mo, sols)
            factor = sol.product_uom._compute_quantity(1.0, mo.product_uom_id, round=False)
            result[sol.id]["productions"].append(
                {
                    "id": mo.id,
                    "document": mo.name,
                    "state": mo.state,
                    "qty": mo.product_qty,
                    "produced": mo.qty_produced,
                    "consumed": any(m.state == "done" or m.picked for m in mo.move_raw_ids),
                    "date_start": self._to_local(mo.date_start),
                    "factor": factor,
                }
            )
        # purchase order lines bought for the line: for one of its delivery moves
        # (make-to-order buying), or linked to it by sale_purchase
        Pol = env["purchase.order.line"]
        pols = Pol.search(
            [*self._made_for_lines_domain(Pol, sols), ("display_type", "=", False)], order="id"
        )
        for pol in pols:
            sol = self._line_made_for(pol, sols)
            factor = sol.product_uom._compute_quantity(1.0, pol.product_uom, round=False)
            result[sol.id]["purchases"].append(
                {
                    "id": pol.id,
                    "document": pol.order_id.name,
                    "po_state": pol.order_id.state,
                    "qty": pol.product_qty,
                    "received": pol.qty_received,
                    "date_planned": self._to_local(pol.date_planned),
                    "factor": factor,
                }
            )
        return result

    @api.model
    def _made_for_lines_domain(self, model, sols):
        """Manufacturing orders or purchase lines made for ``sols``: their products go to one
        of the lines' delivery moves (a confirmed purchase links them through its receipt
        moves), or sale_mrp / sale_purchase linked them to the line."""
        domain = [("move_dest_ids.sale_line_id", "in", sols.ids)]
        if "move_ids" in model._fields:
            domain = ["|", ("move_ids.move_dest_ids.sale_line_id", "in", sols.ids), *domain]
        if "sale_line_id" in model._fields:
            domain = ["|", ("sale_line_id", "in", sols.ids), *domain]
        return domain

    @api.model
    def _line_made_for(self, record, sols):
        """The order line (of ``sols``) a manufacturing order or purchase line was made for."""
        sol = record["sale_line_id"] if "sale_line_id" in record._fields else sols.browse()
        if sol not in sols:
            dests = record.move_dest_ids
            if "move_ids" in record._fields:
                dests |= record.move_ids.move_dest_ids
            sol = (dests.sale_line_id & sols)[:1]
        return sol

    def _header_changes_dict(self):
        """{order field: (old value, new value)} of the order's terms the notice changes,
        against the order as it is now."""
        self.ensure_one()
        order = self.order_id
        changes = {}
        for field, _old, new in HEADER_FIELDS:
            current, proposed = order[field], self[new]
            if isinstance(current, models.BaseModel):
                if current.id != proposed.id:
                    changes[field] = (current, proposed)
            elif (current or False) != (proposed or False):
                changes[field] = (current, proposed)
        return changes

    def _header_input(self):
        order = self.order_id
        changes = self._header_changes_dict()
        header = {"order_id": order.id, "document": order.name, "changes": [], "order_vals": {}}
        for field, (current, proposed) in changes.items():
            header["changes"].append(
                (field, current, proposed, "FIN" if field == "payment_term_id" else "WH")
            )
            header["order_vals"][field] = (
                proposed.id if isinstance(proposed, models.BaseModel) else (proposed or False)
            )
        if "partner_shipping_id" in changes:
            new_partner = changes["partner_shipping_id"][1]
            header["pickings"] = [
                {
                    "id": picking.id,
                    "document": picking.name,
                    "old": picking.partner_id,
                    "new": new_partner,
                    "partner_id": new_partner.id,
                }
                # the signers may not read deliveries: the impact names them (see
                # _read_line_documents)
                for picking in order.sudo().picking_ids.filtered(
                    lambda p: (
                        p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
                    )
                )
            ]
        return header

    def _plan(self):
        self.ensure_one()
        actions = change_plan.plan(self._line_inputs(), self._header_input())
        return actions + self._plan_extra(actions)

    def _plan_extra(self, actions):
        """Hook: more actions for other addons (e.g. the schedule of mrp_planning)."""
        return []

    # ------------------------------------------------------------------ impact

    @api.model
    def _impact_param(self, value):
        """A value of an impact's message as stored (JSON), rendered for each reader by
        ``_impact_render_value``: records by reference (named in the reader's language),
        dates as dates, datetimes in UTC (the reader's day is shown)."""
        if isinstance(value, models.BaseModel):
            return {"model": value._name, "ids": value.ids}
        if isinstance(value, datetime.datetime):
            return {"datetime": fields.Datetime.to_string(self._to_utc(value))}
        if isinstance(value, datetime.date):
            return {"date": fields.Date.to_string(value)}
        if value is None:
            return False
        return value

    def _impact_params(self, action):
        """The parameters of an action's message as its impact line keeps them."""
        amounts = AMOUNT_PARAMS.get(action.code, ())
        params = {}
        for key, value in action.params.items():
            if key in amounts and isinstance(value, int | float) and not isinstance(value, bool):
                params[key] = {"amount": value, "currency": self.currency_id.id}
            elif key == "field" and action.code in FIELD_PARAMS:
                params[key] = {"field": [FIELD_PARAMS[action.code], value]}
            else:
                params[key] = self._impact_param(value)
        return params

    @api.model
    def _impact_names(self, params_list):
        """{(model, id): name} of the records the messages name, read at once, in the
        reader's language."""
        ids = {}
        for params in params_list:
            for value in (params or {}).values():
                if isinstance(value, dict) and value.get("model") in NAMED_MODELS:
                    ids.setdefault(value["model"], set()).update(value.get("ids") or [])
        names = {}
        for model, record_ids in ids.items():
            # sudo: names only, of the products, routes, addresses and terms of an order the
            # reader may read (the impact lines are read with the notice's access)
            for record in self.env[model].sudo().browse(sorted(record_ids)).exists():
                names[model, record.id] = record.display_name
        return names

    def _impact_render_value(self, value, names):
        """A stored value of a message in the reader's language and formats."""
        if isinstance(value, dict):
            if "amount" in value:
                currency = self.env["res.currency"].browse(value["currency"])
                return format_amount(self.env, value["amount"], currency or self.currency_id)
            if "datetime" in value:
                local = self._to_local(fields.Datetime.to_datetime(value["datetime"]))
                return format_date(self.env, local.date())
            if "date" in value:
                return format_date(self.env, fields.Date.to_date(value["date"]))
            if "field" in value:
                model, name = value["field"]
                field = self.env[model]._fields.get(name) if model in self.env else None
                return field._description_string(self.env) if field else name
            if "model" in value:
                return ", ".join(
                    names[value["model"], rid]
                    for rid in value.get("ids") or []
                    if (value["model"], rid) in names
                )
        if value is None or value is False:
            return ""
        if isinstance(value, float):
            return formatLang(self.env, value, dp="Product Unit of Measure")
        return str(value)

    def _impact_description(self, action):
        """The sentence people read for an action of the plan, in the current language."""
        return self._impact_render(action.code, self._impact_params(action))

    def _impact_render(self, code, params, names=None):
        """The sentence of an impact (its message ``code`` and stored ``params``) in the
        reader's language, amounts in the order's currency, dates in the reader's format."""
        if not code:
            return ""
        params = params or {}
        if names is None:
            names = self._impact_names([params])
        p = {key: self._impact_render_value(value, names) for key, value in params.items()}
        if code == "line_add_routes" and not p.get("routes"):
            p["routes"] = self.env._("delivery from stock")
        p = {key: value or "—" for key, value in p.items()}
        confirmed = params.get("confirmed")
        messages = {
            "line_add": lambda: self.env._("New line: %(product)s, %(qty)s at %(price)s.", **p),
            "line_add_routes": lambda: self.env._(
                "%(product)s is procured by its routes (%(routes)s): a delivery and, where "
                "the route says so, a manufacturing order or a request for quotation of "
                "this order.",
                **p,
            ),
            "line_remove": lambda: self.env._(
                "%(product)s taken off the order (was %(old)s).", **p
            ),
            "line_qty": lambda: self.env._("%(product)s: quantity %(old)s → %(new)s.", **p),
            "line_price": lambda: self.env._("%(product)s: unit price %(old)s → %(new)s.", **p),
            "line_field": lambda: self.env._("%(product)s: %(field)s %(old)s → %(new)s.", **p),
            "line_write": lambda: self.env._("%(product)s: the order line is updated.", **p),
            "below_delivered": lambda: self.env._(
                "%(product)s: %(delivered)s already delivered, more than the new quantity "
                "%(qty)s. Return the goods first or keep at least the delivered quantity.",
                **p,
            ),
            "step_below_done": lambda: self.env._(
                "%(done)s already moved by this step, more than the new %(qty)s.", **p
            ),
            "move_qty": lambda: self.env._("Quantity to deliver %(old)s → %(new)s.", **p),
            "move_cancel": lambda: self.env._("Delivery of %(old)s cancelled.", **p),
            "move_date": lambda: self.env._("Scheduled date %(old)s → %(new)s.", **p),
            "step_closed": lambda: self.env._(
                "The delivery of this make-to-order line has moved everything already: %(qty)s "
                "more cannot be made or bought for it by this notice. Take a new order for the "
                "extra quantity.",
                **p,
            ),
            "procure": lambda: self.env._(
                "Everything was delivered: a new delivery of %(qty)s is made by the routes.",
                **p,
            ),
            "mo_done": lambda: self.env._(
                "The manufacturing order is done (%(produced)s produced): the quantity "
                "cannot change any more.",
                **p,
            ),
            "mo_below_produced": lambda: self.env._(
                "%(produced)s already produced, more than the new %(qty)s.", **p
            ),
            "mo_started": lambda: self.env._(
                "Production started (components consumed or products made): it cannot be "
                "cancelled. Finish or scrap it, or keep a quantity.",
                **p,
            ),
            "mo_cancel": lambda: self.env._("Manufacturing order of %(old)s cancelled.", **p),
            "mo_qty": lambda: self.env._(
                "Quantity to produce %(old)s → %(new)s, same manufacturing order "
                "(%(produced)s produced so far).",
                **p,
            ),
            "mo_consumed": lambda: self.env._(
                "Components already consumed for the larger quantity are not given back by "
                "this change.",
                **p,
            ),
            "mo_date": lambda: self.env._("Start %(old)s → %(new)s.", **p),
            "po_closed": lambda: self.env._(
                "The purchase is closed (%(received)s received): add a new purchase instead.",
                **p,
            ),
            "pol_below_received": lambda: self.env._(
                "%(received)s already received, more than the new %(qty)s. Return to the "
                "supplier first.",
                **p,
            ),
            "pol_remove": lambda: self.env._(
                "Line of %(old)s taken off the request for quotation.", **p
            ),
            "pol_qty": lambda: (
                self.env._("Quantity to buy %(old)s → %(new)s; the supplier is told.", **p)
                if confirmed
                else self.env._("Quantity to buy %(old)s → %(new)s.", **p)
            ),
            "pol_date": lambda: (
                self.env._(
                    "Expected arrival %(old)s → %(new)s; the receipt is scheduled on the new date.",
                    **p,
                )
                if confirmed
                else self.env._("Expected arrival %(old)s → %(new)s.", **p)
            ),
            "credit_note_qty": lambda: self.env._(
                "%(invoiced)s invoiced: a credit note of %(qty)s is needed.", **p
            ),
            "credit_note_price": lambda: self.env._(
                "Invoiced at the old price: a credit note of %(diff)s a unit on %(qty)s is needed.",
                **p,
            ),
            "extra_invoice_price": lambda: self.env._(
                "Invoiced at the old price: an extra invoice of %(diff)s a unit on %(qty)s "
                "is needed.",
                **p,
            ),
            "order_field": lambda: self.env._("%(field)s: %(old)s → %(new)s.", **p),
            "order_write": lambda: self.env._("The order's terms are updated.", **p),
            "picking_partner": lambda: self.env._("Delivery address %(old)s → %(new)s.", **p),
        }
        message = messages.get(code)
        return message() if message else code

    def _impact_vals(self, actions):
        shown = [a for a in actions if a.code not in ("line_write", "order_write")]
        return [
            (
                0,
                0,
                {
                    "sequence": index,
                    "kind": action.kind,
                    "res_model": action.model if action.res_id else False,
                    "res_id": action.res_id or False,
                    "document": action.document,
                    "message_code": action.code,
                    "message_params": self._impact_params(action),
                    "blocking": action.blocking,
                    "department_code": action.department or False,
                },
            )
            for index, action in enumerate(shown)
        ]

    def _compute_impact(self, actions=None):
        """Recompute and store the impact of each notice. Reads the order and its documents;
        writes nothing but the notice's own impact lines."""
        for notice in self:
            notice_actions = actions if actions is not None else notice._plan()
            codes = change_plan.departments(notice_actions)
            departments = self.env["order.review.department"].search(
                [
                    ("code", "in", codes),
                    ("company_id", "in", [notice.company_id.id, False]),
                ]
            )
            # the impact is the notice's own record, computed by the notice for the user who
            # may edit it (checked by the caller's write or create)
            notice.sudo().write(
                {
                    "impact_ids": [(5, 0, 0), *notice._impact_vals(notice_actions)],
                    "impact_blocking": bool(change_plan.blocking(notice_actions)),
                    "impact_date": fields.Datetime.now(),
                    "department_ids": [(6, 0, departments.ids)],
                }
            )
        return True

    def action_compute_impact(self):
        self.check_access("write")
        self._compute_impact()
        return True

    # ------------------------------------------------------------------ approval engine

    def _get_approval_content(self):
        self.ensure_one()
        content = {
            "order": self.order_id.id,
            "base_revision": self.base_revision,
            "customer_confirms": self.customer_confirmation_required,
            "lines": [
                {
                    "order_line": ln.order_line_id.id,
                    "remove": ln.remove,
                    "product": ln.product_id.id,
                    "qty": ln.new_qty,
                    "price": ln.new_price,
                    "requested": ln.new_requested_date or "",
                    "promised": ln.new_promised_date or "",
                    "process": ln.new_process or "",
                }
                for ln in self.line_ids.sorted("id")
            ],
        }
        for _field, _old, new in HEADER_FIELDS:
            value = self[new]
            content[new] = value.id if isinstance(value, models.BaseModel) else (value or "")
        return content

    def _get_approval_default_levels(self):
        """The departments concerned (production for manufacturing orders, purchasing for
        purchases, the warehouse for deliveries, finance for prices and invoices), then
        leadership."""
        self.ensure_one()
        levels = []
        for department in self.department_ids.sorted(lambda d: (d.sequence, d.id)):
            levels.append(
                {
                    "sequence": len(levels) + 1,
                    "name": department.name,
                    "kind": "review",
                    "approver_user_ids": [(6, 0, department._reviewers().ids)],
                }
            )
        levels.append(self._approval_leadership_level(sequence=len(levels) + 1))
        return levels

    def _approval_summary(self):
        self.ensure_one()
        lines = [self.reason or ""]
        lines += [f"- {impact.document}: {impact.description}" for impact in self.impact_ids[:20]]
        return "\n".join(lines)

    def _approval_on_approved(self):
        self.ensure_one()
        # the last signature was checked by the engine; the notice moves on by itself
        self.sudo().write({"state": "approved"})
        if self.customer_confirmation_required and not self.customer_confirmed_on:
            self._approval_post(
                self.env._("Signed. Record the customer's confirmation to apply the change.")
            )
            return
        self._apply(raise_error=False)

    def _approval_on_rejected(self, reason):
        self.ensure_one()
        # back to the clerk, who changes the notice and submits it again, or cancels it
        self.sudo().write({"state": "draft"})

    # ------------------------------------------------------------------ actions

    def action_submit(self):
        """Submit for signatures: the impact is computed again and must name nothing that
        cannot be carried out; the notice must be based on the order's current revision."""
        for notice in self:
            notice.check_access("write")
            notice._check_editable()
            notice._check_revision()
            actions = notice._plan()
            notice._compute_impact(actions)
            if not any(a.op for a in actions):
                raise UserError(
                    notice.env._(
                        "Change notice %(notice)s changes nothing: enter the new values first.",
                        notice=notice.name,
                    )
                )
            blockers = change_plan.blocking(actions)
            if blockers:
                raise UserError(
                    notice.env._(
                        "Change notice %(notice)s cannot be carried out:\n%(reasons)s",
                        notice=notice.name,
                        reasons="\n".join(
                            f"- {a.document}: {notice._impact_description(a)}" for a in blockers
                        ),
                    )
                )
            notice._approval_submit(mandatory=True)
            # state moves with the engine's round
            notice.sudo().write({"state": "submitted"})
        return True

    def action_apply(self):
        """Apply a signed notice (after the customer's confirmation, or again after a
        failure was fixed)."""
        for notice in self:
            notice.check_access("write")
            if notice.state != "approved":
                raise UserError(
                    notice.env._(
                        "Change notice %(notice)s is not signed: it cannot be applied.",
                        notice=notice.name,
                    )
                )
            if notice.customer_confirmation_required and not notice.customer_confirmed_on:
                raise UserError(
                    notice.env._(
                        "Record the customer's confirmation of %(notice)s first (who confirmed "
                        "and when).",
                        notice=notice.name,
                    )
                )
            notice._apply(raise_error=True)
        return True

    def action_refresh(self):
        """Base the notice on the order as it is now: the old values are read again, the new
        values kept where the line still exists; signatures are withdrawn."""
        for notice in self:
            notice.check_access("write")
            if notice.state in ("applied", "cancel"):
                raise UserError(
                    notice.env._(
                        "Change notice %(notice)s is %(state)s: it cannot be refreshed.",
                        notice=notice.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            notice.state
                        ],
                    )
                )
            notice._approval_supersede(notice.env._("the notice was refreshed"))
            # sudo: write() refuses the state to every user (it moves by these actions only);
            # the user's write access to the notice was checked above
            notice.sudo().write({"state": "draft"})
            order = notice.order_id
            fresh = notice._prepare_from_order(order)
            vals = {"base_revision": order.order_revision, "apply_error": False}
            for _field, old, new in HEADER_FIELDS:
                before = (
                    notice[old].id if isinstance(notice[old], models.BaseModel) else notice[old]
                )
                proposed = (
                    notice[new].id if isinstance(notice[new], models.BaseModel) else notice[new]
                )
                if (proposed or False) == (before or False):
                    vals[new] = fresh[new]  # not changed by this notice: follows the order
                vals[old] = fresh[old]
            commands = []
            known = {}
            for line in notice.line_ids:
                if line.order_line_id and line.order_line_id.exists():
                    known[line.order_line_id.id] = line
            for cmd in fresh["line_ids"]:
                line_vals = cmd[2]
                existing = known.pop(line_vals["order_line_id"], None)
                if existing:
                    update = {}
                    for key, value in line_vals.items():
                        if key.startswith("old_") or key == "product_uom_id":
                            update[key] = value
                    # values this notice does not change follow the order as it is now
                    for old_key, new_key in LINE_VALUE_PAIRS:
                        before, proposed = existing[old_key], existing[new_key]
                        if isinstance(before, models.BaseModel):
                            before, proposed = before.id, proposed.id
                        if (before or False) == (proposed or False):
                            update[new_key] = line_vals[old_key]
                    commands.append((1, existing.id, update))
                else:
                    commands.append((0, 0, line_vals))
            commands += [(2, line.id) for line in known.values()]
            vals["line_ids"] = commands
            # sudo: the revision and the values before are the order's, refused to users by
            # write() (of the notice and of its lines); write access was checked above
            notice.sudo().write(vals)
            notice._compute_impact()
            notice._approval_post(
                notice.env._(
                    "Refreshed on revision %(revision)s of %(order)s.",
                    revision=order.order_revision,
                    order=order.name,
                )
            )
        return True

    def action_cancel(self):
        for notice in self:
            notice.check_access("write")
            if notice.state == "applied":
                raise UserError(
                    notice.env._(
                        "Change notice %(notice)s is applied: raise a new notice to change "
                        "the order again.",
                        notice=notice.name,
                    )
                )
            notice._approval_supersede(notice.env._("the notice was cancelled"))
            # sudo: write() refuses the state to every user (it moves by these actions only);
            # the user's write access to the notice was checked above
            notice.sudo().write({"state": "cancel"})
        return True

    def action_draft(self):
        """Back to draft to change a submitted or signed notice (signatures withdrawn)."""
        for notice in self:
            notice.check_access("write")
            if notice.state not in ("submitted", "approved", "cancel"):
                continue
            notice._approval_supersede(notice.env._("the notice was withdrawn to draft"))
            # sudo: write() refuses the state to every user (it moves by these actions only);
            # the user's write access to the notice was checked above
            notice.sudo().write({"state": "draft"})
        return True

    # ------------------------------------------------------------------ application

    def _check_revision(self):
        self.ensure_one()
        if self.base_revision != self.order_id.order_revision:
            applied = self.order_id.change_notice_ids.filtered(
                lambda n: n.state == "applied" and n.revision > self.base_revision
            )
            raise UserError(
                self.env._(
                    "%(order)s is at revision %(current)s since %(notices)s was applied; this "
                    "notice was raised on revision %(base)s. Refresh it to base it on the "
                    "current order, then submit it again.",
                    order=self.order_id.name,
                    current=self.order_id.order_revision,
                    notices=", ".join(applied.mapped("name")) or "-",
                    base=self.base_revision,
                )
            )

    def _lock_for_apply(self):
        """One application per notice and per order at a time: the second user is told."""
        self.ensure_one()
        order = self.order_id
        message = self.env._(
            "%(order)s is being changed by someone else right now (change notice "
            "%(notice)s or another one): try again in a moment.",
            order=order.name,
            notice=self.name,
        )
        lock_rows(self, message)
        lock_rows(order, message)
        if self.state == "applied":
            raise UserError(
                self.env._(
                    "Change notice %(notice)s was already applied by %(user)s on %(date)s.",
                    notice=self.name,
                    user=self.applied_by_id.name,
                    date=fields.Datetime.to_string(self.applied_on),
                )
            )

    def _apply(self, raise_error=True):
        """Apply the notice in one go; on any failure nothing changes and the reason is
        kept on the notice (and raised when ``raise_error``)."""
        self.ensure_one()
        self.check_access("read")
        self._lock_for_apply()
        if self.state != "approved":
            raise UserError(
                self.env._(
                    "Change notice %(notice)s is not signed: it cannot be applied.",
                    notice=self.name,
                )
            )
        try:
            with self.env.cr.savepoint():
                self._apply_changes()
        except UserError as exc:
            if raise_error:
                raise
            message = exc.args[0] if exc.args else str(exc)
            # sudo: the notice records why it could not be applied for the user whose
            # signature applied it, a signer who may only read notices (the signature was
            # checked by the engine; action_apply checked write access; read checked above)
            self.sudo().write({"apply_error": message})
            self._approval_post(
                self.env._(
                    "Signed, but it could not be applied; nothing was changed: %(reason)s",
                    reason=message,
                ),
                partner_ids=self.approval_request_id.submitted_by_id.partner_id.ids,
            )
            return False
        return True

    def _apply_changes(self):
        self.ensure_one()
        self._check_revision()
        order = self.order_id
        actions = self._plan()
        blockers = change_plan.blocking(actions)
        if blockers:
            raise UserError(
                self.env._(
                    "Change notice %(notice)s cannot be applied; nothing was changed:\n%(reasons)s",
                    notice=self.name,
                    reasons="\n".join(
                        f"- {a.document}: {self._impact_description(a)}" for a in blockers
                    ),
                )
            )
        before = order._change_snapshot()
        # The signatures the policy asks for were given (checked by the engine or by
        # action_apply): the change reaches every document made for the order, which the
        # signers need not be allowed to write one by one.
        notice = self.sudo().with_company(order.company_id)
        touched = notice._execute(actions)
        revision = order.order_revision + 1
        # sudo: the revision is written by the notice only (refused to users on the order)
        order.sudo().with_context(order_change_notice=notice)._write({"order_revision": revision})
        order.invalidate_recordset(["order_revision"])
        after = order._change_snapshot()
        notice.write(
            {
                "state": "applied",
                "revision": revision,
                "before_values": before,
                "after_values": after,
                "applied_on": fields.Datetime.now(),
                "applied_by_id": self.env.user.id,
                "apply_error": False,
            }
        )
        self._compute_impact(actions)
        self._post_applied(touched, revision)

    def _execute(self, actions):
        """Carry out the plan; returns the documents touched, for their chatter notes."""
        self.ensure_one()
        env = self.env
        ctx = {"order_change_notice": self, "skip_procurement": True, "tracking_disable": False}
        touched = {}

        def touch(record):
            if record:
                touched.setdefault(record._name, record.browse())
                touched[record._name] |= record

        by_op = {}
        for action in actions:
            if action.op:
                by_op.setdefault(action.op, []).append(action)
        Sol = env["sale.order.line"].with_context(**ctx)
        Move = env["stock.move"].with_context(**ctx)
        Production = env["mrp.production"].with_context(**ctx)
        Pol = env["purchase.order.line"].with_context(**ctx)
        procure_lines = {}
        for action in by_op.get("line_write", []):
            line = Sol.browse(action.res_id)
            if "product_uom_qty" in action.value:
                procure_lines[line.id] = line.product_uom_qty
            line.write(action.value)
        for action in by_op.get("move_cancel", []):
            Move.browse(action.res_id)._action_cancel()
        qty_moves = Move.browse()
        for action in by_op.get("move_qty", []):
            move = Move.browse(action.res_id)
            move.write({"product_uom_qty": action.value})
            qty_moves |= move
        by_date = {}
        for action in by_op.get("move_date", []):
            by_date.setdefault(action.value, []).append(action.res_id)
        for local_date, move_ids in by_date.items():  # one write per new date, not per move
            date = self._to_utc(local_date)
            Move.browse(move_ids).write({"date": date, "date_deadline": date})
        moves = Move.browse([a.res_id for a in actions if a.model == "stock.move" and a.op])
        for move in moves:
            touch(move.picking_id)
        if qty_moves:
            qty_moves.filtered(
                lambda m: (
                    m.state in ("confirmed", "partially_available", "assigned")
                    and m.procure_method == "make_to_stock"
                )
            )._action_assign()
        for action in by_op.get("mo_cancel", []):
            production = Production.browse(action.res_id)
            production.action_cancel()
            touch(production)
        for action in by_op.get("mo_qty", []):
            production = Production.browse(action.res_id)
            self._change_production_qty(production, action.value)
            touch(production)
        for action in by_op.get("mo_date", []):
            production = Production.browse(action.res_id)
            if production.state in ("draft", "confirmed", "progress"):
                # shifted by whole days of the notice's time zone, at the same hour there
                start = change_plan._shift(self._to_local(production.date_start), action.value)
                production.write({"date_start": self._to_utc(start)})
            touch(production)
        for action in by_op.get("pol_remove", []):
            pol = Pol.browse(action.res_id)
            purchase = pol.order_id
            pol.unlink()
            if not purchase.order_line and purchase.state in ("draft", "sent"):
                purchase.button_cancel()  # nothing left to ask the supplier for
            touch(purchase)
        for action in by_op.get("pol_qty", []):
            pol = Pol.browse(action.res_id)
            self._change_purchase_qty(pol, action.value)
            touch(pol.order_id)
        by_date = {}
        for action in by_op.get("pol_date", []):
            by_date.setdefault(action.value, []).append(action.res_id)
        for local_date, pol_ids in by_date.items():
            pols = Pol.browse(pol_ids)
            date = self._to_utc(local_date)
            pols.write({"date_planned": date})
            touch(pols.order_id)
            # Odoo moves only the deadline of a confirmed purchase's receipts: their scheduled
            # date (and so the receipt's) follows the new expected arrival here
            receipts = pols.filtered(lambda p: p.order_id.state == "purchase").move_ids.filtered(
                lambda m: m.state not in ("done", "cancel")
            )
            if receipts:
                receipts.write({"date": date})
                touch(receipts.picking_id)
        for action in by_op.get("picking_partner", []):
            picking = env["stock.picking"].browse(action.res_id)
            picking.write({"partner_id": action.value})
            touch(picking)
        order = self.order_id.with_context(**ctx)
        for action in by_op.get("order_write", []):
            order.write(action.value)
        # new lines are procured by their routes, as any new line of a confirmed order
        new_lines = Sol.browse()
        for action in by_op.get("line_create", []):
            new_lines |= (
                env["sale.order.line"].with_context(order_change_notice=self).create(action.value)
            )
        for action in by_op.get("procure", []):
            line = env["sale.order.line"].browse(action.res_id)
            line.with_context(order_change_notice=self)._action_launch_stock_rule(
                previous_product_uom_qty={line.id: procure_lines.get(line.id, 0.0)}
            )
        for line in new_lines:
            Production = env["mrp.production"]
            touch(Production.search(self._made_for_lines_domain(Production, line)))
            touch(line.move_ids.picking_id)
        return touched

    def _change_production_qty(self, production, qty):
        """Odoo's own change of a manufacturing order's quantity, then the finished moves it
        adds are chained to the order's delivery as the first ones are."""
        dests = production.move_finished_ids.move_dest_ids.filtered(
            lambda m: m.state not in ("done", "cancel")
        )
        wizard = self.env["change.production.qty"].create(
            {"mo_id": production.id, "product_qty": qty}
        )
        wizard.change_prod_qty()
        loose = production.move_finished_ids.filtered(
            lambda m: (
                m.state not in ("done", "cancel")
                and m.product_id == production.product_id
                and not m.move_dest_ids
            )
        )
        if loose and dests:
            loose.write({"move_dest_ids": [(4, dest.id) for dest in dests]})

    def _change_purchase_qty(self, pol, qty):
        """The purchase line's quantity; a lower one also lowers its pending receipts (Odoo
        only adds receipts for more)."""
        previous = pol.product_qty
        pol.write({"product_qty": qty})
        if qty >= previous or pol.order_id.state != "purchase":
            return
        pending = pol.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        target = pol.product_uom._compute_quantity(
            qty - pol.qty_received, pol.product_id.uom_id, round=False
        )
        excess = sum(pending.mapped("product_qty")) - target
        for move in pending.sorted("id", reverse=True):
            if excess <= 0:
                break
            take = min(excess, move.product_qty)
            excess -= take
            if abs(move.product_qty - take) < change_plan.EPSILON:
                move._action_cancel()
            else:
                move.write(
                    {
                        "product_uom_qty": move.product_id.uom_id._compute_quantity(
                            move.product_qty - take, move.product_uom, round=False
                        )
                    }
                )

    def _post_applied(self, touched, revision):
        """A note on each document the change touched, naming the notice; the supplier is
        told on each purchase order already sent or confirmed."""
        self.ensure_one()
        author = self.env.user.partner_id.id
        body = self.env._(
            "Changed by change notice %(notice)s (revision %(revision)s of %(order)s): %(reason)s",
            notice=self.name,
            revision=revision,
            order=self.order_id.name,
            reason=self.reason,
        )
        # the chatter of documents the signers may only read: the engine posts its notes
        for model, records in touched.items():
            for record in records.sudo():
                if model == "purchase.order" and record.state in ("sent", "purchase"):
                    record.message_post(
                        body=self.env._(
                            "Please note a change of our order %(po)s: the quantities or "
                            "dates of the lines concerned are updated in this order.",
                            po=record.name,
                        ),
                        author_id=author,
                        partner_ids=record.partner_id.ids,
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                    )
                record.message_post(body=body, author_id=author, subtype_xmlid="mail.mt_note")
        changes = self.impact_ids.filtered(lambda i: i.kind in ("order_line", "order"))
        order_body = Markup("%s<ul>%s</ul>") % (
            body,
            Markup().join(Markup("<li>%s</li>") % impact.description for impact in changes),
        )
        # sudo: the signers may only read the order; the note is the engine's
        self.order_id.sudo().message_post(
            body=order_body, author_id=author, subtype_xmlid="mail.mt_note"
        )
        self._approval_post(
            self.env._(
                "Applied: %(order)s is now at revision %(revision)s.",
                order=self.order_id.name,
                revision=revision,
            )
        )

    # ------------------------------------------------------------------ print

    def action_print(self):
        return self.env.ref("order_review.action_report_order_change_notice").report_action(self)

    def action_print_revision(self):
        return self.env.ref("order_review.action_report_order_revision").report_action(self)

    def action_print_before(self):
        """Print the order as it stood before this notice was applied, at the revision the
        notice was raised on: the first notice's is the order as confirmed, revision 0."""
        self.ensure_one()
        if self.state != "applied":
            raise UserError(
                self.env._(
                    "Change notice %(notice)s is not applied: the order before it is the order "
                    "as it is now.",
                    notice=self.name,
                )
            )
        return (
            self.env.ref("order_review.action_report_order_revision")
            .with_context(order_revision_before=True)
            .report_action(self)
        )

    def _revision_report_values(self):
        """What the order-at-revision report prints: the order as this notice left it (as it
        is now while the notice is not applied), or as it stood before the notice when the
        report is printed with ``order_revision_before``; and the currency of its amounts."""
        self.ensure_one()
        before = bool(self.env.context.get("order_revision_before") and self.before_values)
        if before:
            snapshot = self.before_values
        else:
            snapshot = self.after_values or self.order_id._change_snapshot()
        currency = self.order_id.currency_id
        if snapshot.get("currency") and snapshot["currency"] != currency.name:
            currency = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", snapshot["currency"])], limit=1)
                or currency
            )
        return {
            "snapshot": snapshot,
            "currency": currency,
            "before": before,
            "current": not before and not self.after_values,
        }

    def _revision_report_number(self):
        """The revision the order-at-revision report prints (for its file name)."""
        self.ensure_one()
        return self._revision_report_values()["snapshot"]["revision"]
