# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Matching documents against what was ordered and moved, in plain Python (no Odoo).

Vendor bills (three-way match): a bill line is checked against its purchase order line
(ordered quantity and price) and the goods received. Customer invoices: an invoice must not
bring a sales line above what was delivered (or ordered).
"""

from dataclasses import dataclass

MATCHED = "matched"
QTY_OVER = "qty_over_received"
PRICE_OVER = "price_over_tolerance"
NO_PO = "no_po"

# How bad a status is: a bill shows the worst of its lines.
SEVERITY = {MATCHED: 0, NO_PO: 1, PRICE_OVER: 2, QTY_OVER: 3}
# Statuses that stop a bill from being posted while the policy is on.
BLOCKING = (QTY_OVER, PRICE_OVER)

EPSILON = 1e-6


@dataclass(frozen=True)
class Tolerance:
    """A difference is accepted when it is within the percentage of the reference *or*
    within the amount (company currency); 0 and 0 accept no difference."""

    percent: float = 0.0
    amount: float = 0.0

    def accepts(self, excess, reference, excess_value):
        """``excess``: how much is over (quantity or unit price); ``reference``: what it is
        over (received quantity or ordered price); ``excess_value``: the excess in money."""
        if excess <= EPSILON:
            return True
        if self.percent and excess <= abs(reference) * self.percent / 100.0 + EPSILON:
            return True
        return bool(self.amount) and excess_value <= self.amount + EPSILON


@dataclass(frozen=True)
class BillLineCheck:
    """A vendor bill line against its purchase order line, in the purchase line's unit of
    measure and currency. ``billed`` counts every posted bill of the purchase line (refunds
    deducted) and this bill; ``reference`` is the received quantity (ordered for services,
    which are not received); ``quantity`` is this bill's own quantity of the line (by
    default all that is billed), whose price difference the amount tolerance weighs."""

    reference: float
    billed: float
    price_ordered: float
    price_billed: float
    # company currency per unit of purchase currency, for the amount tolerance
    rate_to_company: float = 1.0
    quantity: float | None = None


@dataclass(frozen=True)
class BillLineResult:
    status: str
    qty_over: float = 0.0
    price_over: float = 0.0


def check_bill_line(check, tolerance):
    """The match status of one bill line (``check`` a :class:`BillLineCheck`, or ``None``
    for a line without purchase order)."""
    if check is None:
        return BillLineResult(NO_PO)
    qty_over = check.billed - check.reference
    price_over = check.price_billed - check.price_ordered
    qty_value = max(qty_over, 0.0) * check.price_billed * check.rate_to_company
    if not tolerance.accepts(qty_over, check.reference, qty_value):
        return BillLineResult(QTY_OVER, qty_over, max(price_over, 0.0))
    # the price difference of this bill, not of the bills before it (they were checked then)
    quantity = check.billed if check.quantity is None else check.quantity
    price_value = max(price_over, 0.0) * max(quantity, 0.0) * check.rate_to_company
    if not tolerance.accepts(price_over, check.price_ordered, price_value):
        return BillLineResult(PRICE_OVER, max(qty_over, 0.0), price_over)
    return BillLineResult(MATCHED, max(qty_over, 0.0), max(price_over, 0.0))


def worst_status(statuses):
    """The worst of ``statuses`` (False when there is none)."""
    statuses = [status for status in statuses if status]
    if not statuses:
        return False
    return max(statuses, key=SEVERITY.__getitem__)


def invoiced_over(limit, invoiced, rounding=0.0):
    """How much ``invoiced`` (all posted invoices less credit notes, this one included)
    exceeds ``limit`` (delivered or ordered quantity); 0 when it does not."""
    over = invoiced - limit
    return over if over > max(rounding / 2.0, EPSILON) else 0.0
