# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Promised delivery dates of order lines, from free stock or replenishment lead times.

Plain Python fed by set-based reads (see ``sale.order._intake_promise_dates``), so that the
allocation can be tested without a database.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class PromiseLine:
    """One order line to promise. ``qty`` is in the product's unit of measure."""

    line_id: int
    stock_key: object  # what shares free stock, e.g. (warehouse id, product id); None: no stock
    qty: float
    start: date  # the earliest day the order can be handled (order date, or today)
    customer_lead: float  # days from shipping to the customer
    requested: date | None = None
    priority: bool = False
    rank: tuple = ()  # ties: earlier orders and lines first


def promise_dates(lines, free_qty, replenish_days, rounding=1e-6):
    """Allocate ``free_qty`` ({stock_key: quantity}) to ``lines``, priority lines first, then
    by ``rank``. A line covered by free stock ships from ``start``; a line that is not waits
    for ``replenish_days[stock_key]`` (purchase or manufacturing lead time, 0 when unknown).
    The customer lead time is added, and a later requested date is kept as the promise.

    Returns ``{line_id: date}``.
    """
    left = defaultdict(float, free_qty)
    promised = {}
    for line in sorted(lines, key=lambda x: (not x.priority, x.rank)):
        ship = line.start
        if line.stock_key is not None:
            if left[line.stock_key] + rounding >= line.qty:
                left[line.stock_key] -= line.qty
            else:
                # what is free goes to this line; the rest waits for replenishment
                left[line.stock_key] = min(left[line.stock_key], 0.0)
                ship = line.start + timedelta(days=replenish_days.get(line.stock_key, 0))
        day = ship + timedelta(days=line.customer_lead or 0)
        if line.requested and line.requested > day:
            day = line.requested
        promised[line.line_id] = day
    return promised
