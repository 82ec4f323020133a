# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime

from odoo import api, fields, models

from ..services.document_match import MATCHED, BillLineCheck, BillLineResult, check_bill_line

MATCH_STATUSES = [
    ("matched", "Matched"),
    ("qty_over_received", "Quantity Over Received"),
    ("price_over_tolerance", "Price Over Tolerance"),
    ("no_po", "No Purchase Order"),
]
MATCH_FIELDS = (
    "oa_qty_ordered",
    "oa_qty_received",
    "oa_qty_billed",
    "oa_price_ordered",
    "oa_qty_over",
    "oa_price_over",
    "oa_match_status",
)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # Three-way match of vendor bill lines, in the purchase line's unit of measure and currency.
    oa_qty_ordered = fields.Float(
        string="Ordered Qty",
        compute="_compute_oa_match",
        store=True,
        digits="Product Unit of Measure",
    )
    oa_qty_received = fields.Float(
        string="Received Qty",
        compute="_compute_oa_match",
        store=True,
        digits="Product Unit of Measure",
    )
    oa_qty_billed = fields.Float(
        string="Billed Qty",
        compute="_compute_oa_match",
        store=True,
        digits="Product Unit of Measure",
        help="Billed on the purchase line by every posted bill (refunds deducted) and this bill.",
    )
    oa_price_ordered = fields.Float(
        string="Ordered Price",
        compute="_compute_oa_match",
        store=True,
        digits="Product Price",
        help="The purchase order's unit price (discount deducted), in the bill's currency "
        "and unit.",
    )
    oa_qty_over = fields.Float(
        string="Qty Over",
        compute="_compute_oa_match",
        store=True,
        digits="Product Unit of Measure",
        help="Billed beyond the received quantity (ordered for services).",
    )
    oa_price_over = fields.Float(
        string="Price Over",
        compute="_compute_oa_match",
        store=True,
        digits="Product Price",
        help="Billed unit price beyond the ordered one.",
    )
    oa_match_status = fields.Selection(
        MATCH_STATUSES, string="Match", compute="_compute_oa_match", store=True, index=True
    )

    def _oa_is_bill_line(self):
        self.ensure_one()
        return self.move_id.move_type in ("in_invoice", "in_refund") and (
            self.display_type == "product"
        )

    @api.depends(
        "move_id.move_type",
        "display_type",
        "quantity",
        "price_unit",
        "discount",
        "product_uom_id",
        "currency_id",
        "purchase_line_id.product_qty",
        "purchase_line_id.qty_received",
        "purchase_line_id.price_unit",
        "purchase_line_id.discount",
        "purchase_line_id.invoice_lines.parent_state",
        "purchase_line_id.invoice_lines.quantity",
        "move_id.oa_posted_at",
    )
    def _compute_oa_match(self):
        """Set-based: one grouped read for what the other posted bills billed of every
        purchase line of ``self``. Tolerances are read at posting (and on Recheck), not
        tracked: changing them does not rewrite every bill line of the company."""
        for line, values in self._oa_match_values().items():
            for name, value in values.items():
                line[name] = value

    def _oa_match_values(self):
        """{line: {match field: value}} for the lines of ``self``."""
        result = {}
        bill_lines = self.filtered(lambda line: line._oa_is_bill_line())
        for line in self - bill_lines:
            result[line] = dict.fromkeys(MATCH_FIELDS, False)
        if not bill_lines:
            return result
        po_lines = bill_lines.purchase_line_id._origin
        # {purchase line id: {posted bill id: quantity}}; a bill does not count itself twice
        posted = defaultdict(lambda: defaultdict(float))
        # {posted bill id: its place in the order of posting}; the ids of posted refunds
        places, refunds = {}, set()
        if po_lines:
            rows = (
                self.env["account.move.line"]
                .sudo()
                ._read_group(
                    # sudo: the totals of the other bills of the same purchase lines only; the
                    # user already reads this bill and its purchase lines
                    [
                        ("purchase_line_id", "in", po_lines.ids),
                        ("parent_state", "=", "posted"),
                        ("display_type", "=", "product"),
                        ("move_id.move_type", "in", ("in_invoice", "in_refund")),
                    ],
                    ["purchase_line_id", "move_id", "product_uom_id"],
                    ["quantity:sum"],
                )
            )
            for po_line, move, uom, quantity in rows:
                sign = -1 if move.move_type == "in_refund" else 1
                posted[po_line.id][move.id] += sign * self._oa_to_po_uom(quantity, uom, po_line)
                places[move.id] = (move.oa_posted_at or datetime.min, move.id)
                if sign < 0:
                    refunds.add(move.id)
        # {(bill id, purchase line id): quantity}: what each bill bills of a purchase line,
        # all its lines together. Saved bills by one grouped read (not through their
        # invoice_line_ids, see account.move._compute_oa_match_status), bills being edited
        # in a form from memory.
        billed_here = defaultdict(float)
        moves = bill_lines.move_id
        saved = moves.filtered("id")
        if saved:
            rows = self._read_group(
                [
                    ("move_id", "in", saved.ids),
                    ("display_type", "=", "product"),
                    ("purchase_line_id", "!=", False),
                ],
                ["move_id", "purchase_line_id", "product_uom_id"],
                ["quantity:sum"],
            )
            for move, po_line, uom, quantity in rows:
                sign = -1 if move.move_type == "in_refund" else 1
                billed_here[move.id, po_line.id] += sign * self._oa_to_po_uom(
                    quantity, uom, po_line
                )
        for move in moves - saved:
            sign = -1 if move.move_type == "in_refund" else 1
            for line in move.invoice_line_ids:
                if line.purchase_line_id and line.display_type == "product":
                    key = (move.id, line.purchase_line_id._origin.id)
                    billed_here[key] += sign * self._oa_to_po_uom(
                        line.quantity, line.product_uom_id, line.purchase_line_id
                    )
        for line in bill_lines:
            result[line] = line._oa_line_match_values(posted, billed_here, places, refunds)
        return result

    @api.model
    def _oa_to_po_uom(self, quantity, uom, po_line):
        if uom and po_line.product_uom and uom != po_line.product_uom:
            return uom._compute_quantity(quantity, po_line.product_uom, rounding_method="HALF-UP")
        return quantity

    def _oa_line_match_values(self, posted, billed_here, places=None, refunds=()):
        """The match of a bill line against everything billed of its purchase line: the
        other posted bills and refunds (``posted``) and this bill (``billed_here``). A posted
        bill counts only the bills posted before it (``places``) and every refund: a later
        bill does not turn an accepted bill into an over-billed one, a later refund corrects
        it."""
        po_line = self.purchase_line_id._origin
        move = self.move_id
        company = move.company_id
        if not po_line:
            result = check_bill_line(None, None)
            values = dict.fromkeys(MATCH_FIELDS, 0.0)
        else:
            date = move.invoice_date or move.date or fields.Date.context_today(self)
            this = move._origin.id
            place = (places or {}).get(this) if move.state == "posted" else None
            elsewhere = sum(
                quantity
                for move_id, quantity in posted[po_line.id].items()
                if move_id != this
                and (place is None or move_id in refunds or places[move_id] < place)
            )
            billed = elsewhere + billed_here[move.id, po_line.id]
            is_service = po_line.product_id.type == "service"
            reference = po_line.product_qty if is_service else po_line.qty_received
            # the ordered price in the bill's currency and unit, discount deducted
            price_ordered = po_line.price_unit * (1 - (po_line.discount or 0.0) / 100.0)
            price_ordered = po_line.currency_id._convert(
                price_ordered, self.currency_id, company, date, round=False
            )
            if self.product_uom_id and po_line.product_uom != self.product_uom_id:
                price_ordered = po_line.product_uom._compute_price(
                    price_ordered, self.product_uom_id
                )
            price_billed = self.price_unit * (1 - (self.discount or 0.0) / 100.0)
            rate = self.currency_id._convert(1.0, company.currency_id, company, date, round=False)
            if move.move_type == "in_refund":
                # a refund lowers what is billed; it cannot bill too much
                result = BillLineResult(MATCHED)
            else:
                check = BillLineCheck(
                    reference=reference,
                    billed=billed,
                    price_ordered=price_ordered,
                    price_billed=price_billed,
                    rate_to_company=rate,
                    quantity=billed_here[move.id, po_line.id],
                )
                tolerance = move.partner_id._oa_bill_match_tolerance(company)
                result = check_bill_line(check, tolerance)
            values = {
                "oa_qty_ordered": po_line.product_qty,
                "oa_qty_received": po_line.qty_received,
                "oa_qty_billed": billed,
                "oa_price_ordered": price_ordered,
                "oa_qty_over": result.qty_over,
                "oa_price_over": result.price_over,
            }
        values["oa_match_status"] = result.status
        return values

    def _oa_recompute_match(self):
        """Recompute the match now (at posting, or when tolerances changed), writing what
        changed (so that the bills follow)."""
        for line, values in self._oa_match_values().items():
            changed = {
                name: value
                for name, value in values.items()
                if line[name] != value
                and not (isinstance(value, float) and abs((line[name] or 0.0) - value) < 1e-9)
            }
            if changed:
                # sudo: stored match figures, computed from what the user reads
                line.sudo().write(changed)

    def _oa_match_description(self):
        """One line per bill line off: what, by how much."""
        self.ensure_one()
        label = self.product_id.display_name or self.name or ""
        if self.oa_match_status == "qty_over_received":
            return self.env._(
                "%(line)s: billed %(billed)s for %(received)s received (%(over)s over)",
                line=label,
                billed=self.oa_qty_billed,
                received=self.oa_qty_received
                if self.purchase_line_id.product_id.type != "service"
                else self.oa_qty_ordered,
                over=self.oa_qty_over,
            )
        if self.oa_match_status == "price_over_tolerance":
            currency = self.currency_id
            return self.env._(
                "%(line)s: price %(billed)s against %(ordered)s ordered (%(over)s over per unit)",
                line=label,
                billed=currency.format(self.price_unit * (1 - (self.discount or 0.0) / 100.0)),
                ordered=currency.format(self.oa_price_ordered),
                over=currency.format(self.oa_price_over),
            )
        return ""
