# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Close-out costing of an order (订单结案): pure arithmetic, no database.

The model gathers, per order line, what the order really cost (materials consumed, work
center time, subcontracting, other purchases) and earned (invoiced net of credit notes), and
what it was planned to cost at confirmation. This module spreads the costs entered by hand
(freight, other) over the lines, and computes cost, margin and variance per line and in total,
rounded to the currency so that the lines always add up to the order's totals.
"""

from dataclasses import dataclass, field

ACTUAL_ELEMENTS = ("material", "labour", "subcontract", "purchase")
PLANNED_ELEMENTS = ("material", "labour")


@dataclass
class CloseoutLineInput:
    key: int
    revenue: float = 0.0
    qty: float = 0.0
    actual: dict = field(default_factory=dict)  # element -> amount
    planned: dict = field(default_factory=dict)  # element -> amount


def round_to(amount, rounding):
    """``amount`` rounded half away from zero to a multiple of ``rounding`` (e.g. 0.01)."""
    if not rounding:
        return amount
    steps = abs(amount) / rounding
    rounded = int(steps + 0.5 + 1e-9) * rounding
    return round(rounded if amount >= 0 else -rounded, 10)


def allocate(amount, weights, rounding=0.01):
    """Split ``amount`` over ``weights`` in proportion, each share rounded to ``rounding``,
    the rounding remainder given to the largest weight so that the shares add up exactly.
    Without any positive weight the amount is split evenly."""
    if not weights:
        return []
    positive = [max(w, 0.0) for w in weights]
    total = sum(positive)
    if total <= 0:
        positive = [1.0] * len(weights)
        total = float(len(weights))
    shares = [round_to(amount * w / total, rounding) for w in positive]
    remainder = round_to(amount - sum(shares), rounding)
    if remainder:
        biggest = max(range(len(positive)), key=lambda i: (positive[i], -i))
        shares[biggest] = round_to(shares[biggest] + remainder, rounding)
    return shares


def close_out(lines, extra_cost=0.0, rounding=0.01):
    """Figures of each line and of the order.

    ``lines``: CloseoutLineInput; ``extra_cost``: costs entered by hand for the whole order
    (freight, other), spread over the lines by revenue (by quantity when nothing was
    invoiced). Returns ``(per_line, totals)``: per_line maps each line's key to its figures,
    totals holds the same figures for the order."""
    lines = list(lines)
    weights = [line.revenue for line in lines]
    if sum(max(w, 0.0) for w in weights) <= 0:
        weights = [line.qty for line in lines]
    extras = allocate(extra_cost, weights, rounding) if lines else []
    per_line = {}
    for line, extra in zip(lines, extras, strict=True):
        figures = {
            "revenue": round_to(line.revenue, rounding),
            "qty": line.qty,
            "extra": extra,
        }
        for element in ACTUAL_ELEMENTS:
            figures[element] = round_to(line.actual.get(element, 0.0), rounding)
        for element in PLANNED_ELEMENTS:
            figures["planned_" + element] = round_to(line.planned.get(element, 0.0), rounding)
        per_line[line.key] = _derive(figures, rounding)
    totals = {"qty": sum(f["qty"] for f in per_line.values())}
    for name in ("revenue", "extra", *ACTUAL_ELEMENTS, *("planned_" + e for e in PLANNED_ELEMENTS)):
        totals[name] = round_to(sum(f[name] for f in per_line.values()), rounding)
    return per_line, _derive(totals, rounding)


def _derive(figures, rounding):
    """Cost, margin, planned cost, variances and unit cost from the elements."""
    total = sum(figures[e] for e in ACTUAL_ELEMENTS) + figures["extra"]
    planned = sum(figures["planned_" + e] for e in PLANNED_ELEMENTS)
    figures["total_cost"] = round_to(total, rounding)
    figures["planned_cost"] = round_to(planned, rounding)
    figures["margin"] = round_to(figures["revenue"] - total, rounding)
    figures["margin_percent"] = (
        round(100.0 * (figures["revenue"] - total) / figures["revenue"], 2)
        if figures["revenue"]
        else 0.0
    )
    for element in PLANNED_ELEMENTS:
        figures["variance_" + element] = round_to(
            figures[element] - figures["planned_" + element], rounding
        )
    figures["variance"] = round_to(total - planned, rounding)
    figures["unit_cost"] = total / figures["qty"] if figures["qty"] else 0.0
    return figures


def share_of(pegged_qty, order_qty):
    """The part of a supply (a manufacturing order, a purchase) that one order bears: its
    pegged quantity over the supply's quantity, at most the whole."""
    if order_qty <= 0:
        return 1.0
    return max(0.0, min(1.0, pegged_qty / order_qty))
