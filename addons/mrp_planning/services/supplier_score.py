# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A vendor's score from its history, on plain figures (no database).

Each part is out of 100:

- price: what the vendor was paid against what the company paid on average, all vendors
  together, for the same products and quantities (``100`` when at or below the average,
  ``100 / index`` above it: 25 % dearer scores 80);
- on time: the share of its receipts done by the promised day;
- quality: the share of the received quantity not returned to it;
- lead time: the promised lead time against the one achieved (``100`` when on or ahead).

The score is the weighted mean of the parts that have figures behind them.
"""

import dataclasses


@dataclasses.dataclass
class Figures:
    receipts: int = 0
    receipts_on_time: int = 0
    received_qty: float = 0.0
    returned_qty: float = 0.0
    lead_days: float | None = None  # achieved, average
    promised_days: float | None = None  # promised, average
    paid: float = 0.0  # what the vendor was paid (company currency)
    paid_at_average: float = 0.0  # the same quantities at the average price of all vendors


@dataclasses.dataclass
class Weights:
    price: float = 30.0
    on_time: float = 30.0
    quality: float = 25.0
    lead_time: float = 15.0


@dataclasses.dataclass
class Score:
    price: float | None
    on_time: float | None
    quality: float | None
    lead_time: float | None
    total: float | None
    price_index: float | None


def score(figures, weights):
    price_index = figures.paid / figures.paid_at_average if figures.paid_at_average > 0 else None
    price = (
        None
        if price_index is None
        else min(100.0, 100.0 / price_index)
        if price_index > 0
        else 100.0
    )
    on_time = 100.0 * figures.receipts_on_time / figures.receipts if figures.receipts else None
    quality = None
    if figures.received_qty > 0:
        quality = max(0.0, 100.0 * (1 - figures.returned_qty / figures.received_qty))
    lead_time = None
    if figures.lead_days is not None and figures.promised_days is not None:
        if figures.lead_days <= max(figures.promised_days, 0.0) or figures.lead_days <= 0:
            lead_time = 100.0
        else:
            lead_time = 100.0 * max(figures.promised_days, 0.0) / figures.lead_days
    parts = [
        (price, weights.price),
        (on_time, weights.on_time),
        (quality, weights.quality),
        (lead_time, weights.lead_time),
    ]
    weighted = [(value, weight) for value, weight in parts if value is not None and weight > 0]
    total_weight = sum(weight for _value, weight in weighted)
    total = (
        sum(value * weight for value, weight in weighted) / total_weight if total_weight else None
    )
    return Score(price, on_time, quality, lead_time, total, price_index)
