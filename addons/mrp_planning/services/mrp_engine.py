# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Material requirements planning on plain Python data, without a database.

The planning run reads demand, supply, bills of materials and vendors in a fixed number of
set-based queries, turns them into the dataclasses below, and calls :func:`plan`. The engine
nets each product level by level (low-level codes: a product is planned only once every
product that uses it has been), stock on hand first, then open supply in date order, then
new planned orders; a planned order to make explodes its bill of materials into dependent
demand at its release date. Every consumption of a planned order is recorded as *pegging*:
which root demand (a sales order line, an open manufacturing order's component) it serves,
through which parent planned order.

Quantities are in the product's unit; dates are ``datetime.date``; lead times in days.
"""

import dataclasses
import datetime
import math
from collections import defaultdict

EPSILON = 1e-9

# Exception kinds (their messages are rendered by the Odoo model, in the reader's language).
EXC_CYCLE = "cycle"
EXC_NO_SOURCE = "no_source"
EXC_LATE = "late"
EXC_LATE_SUPPLY = "late_supply"
EXC_NO_VENDOR_IN_TIME = "no_vendor_in_time"


@dataclasses.dataclass(frozen=True)
class Seller:
    """A vendor's price list entry for a product (Odoo's ``product.supplierinfo``)."""

    id: int
    partner_id: int
    delay: int = 0
    min_qty: float = 0.0
    price: float = 0.0


@dataclasses.dataclass(frozen=True)
class BomLine:
    product_id: int
    qty: float  # in the component's unit, for ``Bom.qty`` units of the product


@dataclasses.dataclass(frozen=True)
class Bom:
    id: int
    product_id: int
    qty: float  # units of the product one run of the bill makes, in the product's unit
    lines: tuple
    kind: str = "normal"  # normal, phantom
    lead_days: int = 0  # manufacturing lead time + days to prepare the order


@dataclasses.dataclass
class Product:
    id: int
    name: str = ""
    bom_id: int | None = None
    sellers: tuple = ()  # in order of preference (the best first)
    buy: bool = True  # the product may be bought (has a buy route or no route at all)
    rounding: float = 0.0  # the unit's rounding (0: none)


@dataclasses.dataclass(frozen=True)
class Demand:
    """A requirement of ``qty`` of ``product_id`` in ``warehouse_id`` by ``date``.

    ``ref`` names the root demand: ``("sale.order.line", id)``, ``("stock.move", id)``; a
    safety-stock requirement has ``("safety", warehouse_id)``.
    """

    warehouse_id: int
    product_id: int
    date: datetime.date
    qty: float
    ref: tuple


@dataclasses.dataclass(frozen=True)
class Supply:
    """Open supply: on hand (``date`` None), receipts, manufacturing orders, purchases."""

    warehouse_id: int
    product_id: int
    date: datetime.date | None
    qty: float
    kind: str = "onhand"
    ref: tuple = ()


@dataclasses.dataclass
class Settings:
    today: datetime.date
    po_lead: int = 0  # purchase security lead time + days to purchase
    mo_lead: int = 0  # manufacturing security lead time


@dataclasses.dataclass
class Peg:
    """``qty`` of a planned order serves root demand ``ref`` through planned order ``parent``."""

    ref: tuple
    qty: float
    parent: int | None = None


@dataclasses.dataclass
class PlannedOrder:
    index: int
    warehouse_id: int
    product_id: int
    kind: str  # buy, make
    qty: float
    need_date: datetime.date
    release_date: datetime.date
    due_date: datetime.date
    lead_days: int
    level: int
    seller_id: int | None = None
    partner_id: int | None = None
    bom_id: int | None = None
    late: bool = False
    pegs: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class PlanException:
    kind: str
    product_ids: tuple
    warehouse_id: int | None = None
    date_needed: datetime.date | None = None
    date_possible: datetime.date | None = None
    qty: float = 0.0
    ref: tuple = ()


@dataclasses.dataclass
class Plan:
    planned_orders: list
    exceptions: list
    levels: dict  # product_id -> low-level code


def low_level_codes(products, boms):
    """The deepest level at which each product appears in any bill of materials.

    Returns ``(levels, cycles)``: ``cycles`` lists each recursive bill found as the tuple of
    products on the loop; products on a loop are not exploded any further.
    """
    children = defaultdict(set)
    for product in products.values():
        bom = boms.get(product.bom_id) if product.bom_id else None
        if bom:
            children[product.id].update(line.product_id for line in bom.lines)
    # Cycles first (iterative depth-first search: bills may be deep).
    white, grey, black = 0, 1, 2
    colour = defaultdict(int)
    cycles, in_cycle = [], set()
    for start in sorted(children):
        if colour[start] != white:
            continue
        path, stack = [], [(start, iter(sorted(children[start])))]
        colour[start] = grey
        path.append(start)
        while stack:
            node, it = stack[-1]
            child = next(it, None)
            if child is None:
                colour[node] = black
                stack.pop()
                path.pop()
                continue
            if colour[child] == grey:
                loop = tuple(path[path.index(child) :])
                cycles.append(loop)
                in_cycle.update(loop)
            elif colour[child] == white:
                colour[child] = grey
                path.append(child)
                stack.append((child, iter(sorted(children[child]))))
    # Longest path from any root (Kahn's order over the graph without the looping products).
    indegree = defaultdict(int)
    nodes = set(products) | set(children)
    for parent, kids in children.items():
        if parent in in_cycle:
            continue
        for kid in kids:
            nodes.add(kid)
            indegree[kid] += 1
    levels = dict.fromkeys(nodes, 0)
    queue = [node for node in nodes if indegree[node] == 0]
    while queue:
        node = queue.pop()
        if node in in_cycle:
            continue
        for kid in children.get(node, ()):
            levels[kid] = max(levels[kid], levels[node] + 1)
            indegree[kid] -= 1
            if indegree[kid] == 0:
                queue.append(kid)
    return levels, cycles


def round_up(qty, multiple):
    if multiple and multiple > EPSILON:
        return math.ceil(qty / multiple - 1e-7) * multiple
    return qty


def _lot_size(qty, minimum, multiple, rounding):
    qty = max(qty, minimum or 0.0)
    qty = round_up(qty, multiple)
    if rounding:
        qty = round_up(qty, rounding)
    return qty


class _Planner:
    def __init__(self, products, boms, demands, supplies, settings, safety, multiples):
        self.products = products
        self.boms = boms
        self.settings = settings
        self.safety = safety  # (warehouse_id, product_id) -> minimum on hand
        self.multiples = multiples  # (warehouse_id, product_id) -> order multiple
        self.levels, self.cycles = low_level_codes(products, boms)
        self.in_cycle = {p for loop in self.cycles for p in loop}
        self.demand = defaultdict(list)  # key -> [(date, seq, qty, pegs, parent)]
        self.supply = defaultdict(list)  # key -> [Supply]
        self.onhand = defaultdict(float)
        self.orders = []
        self.exceptions = [PlanException(EXC_CYCLE, loop) for loop in self.cycles]
        self.no_source = set()
        self.late_supply = set()
        self.seq = 0
        for supply in supplies:
            key = (supply.warehouse_id, supply.product_id)
            if supply.date is None:
                self.onhand[key] += supply.qty
            else:
                self.supply[key].append(supply)
        for demand in demands:
            pegs = [Peg(demand.ref, demand.qty)]
            self._add_demand(demand.warehouse_id, demand.product_id, demand.date, demand.qty, pegs)

    # Demand ------------------------------------------------------------------------------
    def _add_demand(self, warehouse_id, product_id, date, qty, pegs, depth=0):
        if qty <= EPSILON:
            return
        product = self.products.get(product_id)
        bom = self.boms.get(product.bom_id) if product and product.bom_id else None
        if bom and bom.kind == "phantom" and product_id not in self.in_cycle and depth < 50:
            # A kit is never stocked nor planned: its components are needed on the same day.
            ratio = qty / bom.qty
            for line in bom.lines:
                self._add_demand(
                    warehouse_id,
                    line.product_id,
                    date,
                    line.qty * ratio,
                    _scale(pegs, line.qty * ratio / qty),
                    depth + 1,
                )
            return
        self.seq += 1
        date = max(date, self.settings.today)
        self.demand[(warehouse_id, product_id)].append((date, self.seq, qty, pegs))

    # Netting -----------------------------------------------------------------------------
    def run(self):
        keys_by_level = defaultdict(set)
        pending = set(self.demand) | set(self.safety)
        done = set()
        while pending:
            for key in pending:
                keys_by_level[self.levels.get(key[1], 0)].add(key)
            pending = set()
            for level in sorted(keys_by_level):
                for key in sorted(keys_by_level.pop(level)):
                    if key in done:
                        continue
                    done.add(key)
                    self._net(key, level)
                # Dependent demand may have reached products not yet known at a deeper level.
                pending = {key for key in self.demand if key not in done}
                if pending:
                    break
        return Plan(self.orders, self.exceptions, self.levels)

    def _net(self, key, level):
        warehouse_id, product_id = key
        today = self.settings.today
        demands = sorted(self.demand.get(key, ()), key=lambda d: (d[0], d[1]))
        safety = self.safety.get(key, 0.0)
        if safety > EPSILON:
            # Safety stock is a requirement of today that serves no customer order.
            demands.insert(0, (today, 0, safety, [Peg(("safety", warehouse_id), safety)]))
        if not demands:
            return
        # Supply queue: on hand first, then open supply by date, then planned orders as made.
        # Each entry: [date, order, qty left, planned order or None, supply]
        queue = []
        if self.onhand.get(key, 0.0) > EPSILON:
            queue.append([None, 0, self.onhand[key], None, None])
        for n, supply in enumerate(sorted(self.supply.get(key, ()), key=_supply_order), 1):
            queue.append([supply.date, n, supply.qty, None, supply])
        position = 0
        made = []
        # One planned order per day of need (lot for lot by day), pegged to each demand of the day.
        days = {}
        for demand in demands:  # sorted by date: the days come in order
            days.setdefault(demand[0], []).append(demand)
        for date, group in days.items():
            unmet, unmet_pegs = 0.0, []
            for _date, _seq, qty, pegs in group:
                left = qty
                while left > EPSILON and position < len(queue):
                    entry = queue[position]
                    take = min(left, entry[2])
                    if (
                        entry[4] is not None
                        and entry[0] > date
                        and entry[4].ref not in self.late_supply
                    ):
                        # Reported once per open supply: it should be brought forward.
                        self.late_supply.add(entry[4].ref)
                        self.exceptions.append(
                            PlanException(
                                EXC_LATE_SUPPLY,
                                (product_id,),
                                warehouse_id,
                                date_needed=date,
                                date_possible=entry[0],
                                qty=take,
                                ref=entry[4].ref,
                            )
                        )
                    if entry[3] is not None:
                        entry[3].pegs.extend(_scale(pegs, take / qty))
                    entry[2] -= take
                    left -= take
                    if entry[2] <= EPSILON:
                        position += 1
                if left > EPSILON:
                    unmet += left
                    unmet_pegs.extend(_scale(pegs, left / qty))
            if unmet > EPSILON:
                order = self._new_order(key, level, date, unmet, unmet_pegs, unmet)
                if order is None:
                    continue
                made.append(order)
                surplus = order.qty - unmet
                if surplus > EPSILON:
                    queue.append([order.due_date, len(queue) + 1, surplus, order, None])
        # Pegging of this product is complete: the orders to make pass it on to their components.
        for order in made:
            if order.kind == "make":
                self._explode(order)

    def _new_order(self, key, level, date, qty, pegs, demand_qty):
        warehouse_id, product_id = key
        product = self.products.get(product_id)
        bom = self.boms.get(product.bom_id) if product and product.bom_id else None
        if product_id in self.in_cycle:
            return None  # the cycle exception already names it
        settings = self.settings
        multiple = self.multiples.get(key, 0.0)
        rounding = product.rounding if product else 0.0
        if bom and bom.kind == "normal":
            lead = bom.lead_days + settings.mo_lead
            lot = _lot_size(round_up(qty, bom.qty) if bom.qty else qty, 0.0, multiple, rounding)
            kind, seller = "make", None
        elif product and product.buy and product.sellers:
            seller = _choose_seller(product.sellers, date, settings)
            lead = seller.delay + settings.po_lead
            lot = _lot_size(qty, seller.min_qty, multiple, rounding)
            kind = "buy"
            if date - datetime.timedelta(days=lead) < settings.today:
                fastest = min(product.sellers, key=lambda s: s.delay)
                if fastest.delay + settings.po_lead < lead:
                    seller = fastest
                    lead = seller.delay + settings.po_lead
                    lot = _lot_size(qty, seller.min_qty, multiple, rounding)
        else:
            if key not in self.no_source:
                self.no_source.add(key)
                self.exceptions.append(
                    PlanException(EXC_NO_SOURCE, (product_id,), warehouse_id, date, None, qty)
                )
            return None
        release = date - datetime.timedelta(days=lead)
        late = release < settings.today
        if late:
            release = settings.today
            due = settings.today + datetime.timedelta(days=lead)
            self.exceptions.append(
                PlanException(
                    EXC_LATE,
                    (product_id,),
                    warehouse_id,
                    date_needed=date,
                    date_possible=due,
                    qty=qty,
                )
            )
        else:
            due = date
        order = PlannedOrder(
            index=len(self.orders),
            warehouse_id=warehouse_id,
            product_id=product_id,
            kind=kind,
            qty=lot,
            need_date=date,
            release_date=release,
            due_date=due,
            lead_days=lead,
            level=level,
            seller_id=seller.id if seller else None,
            partner_id=seller.partner_id if seller else None,
            bom_id=bom.id if kind == "make" else None,
            late=late,
            pegs=_scale(pegs, qty / demand_qty),
        )
        self.orders.append(order)
        return order

    def _explode(self, order):
        bom = self.boms[order.bom_id]
        ratio = order.qty / bom.qty
        for line in bom.lines:
            need = line.qty * ratio
            pegs = [
                Peg(peg.ref, peg.qty * need / order.qty, order.index) for peg in _root_pegs(order)
            ]
            self._add_demand(order.warehouse_id, line.product_id, order.release_date, need, pegs)


def _root_pegs(order):
    """The root demands a planned order serves, merged, with the quantity for each."""
    merged = {}
    for peg in order.pegs:
        merged[peg.ref] = merged.get(peg.ref, 0.0) + peg.qty
    served = sum(merged.values())
    if served <= EPSILON:
        return []
    # The lot's surplus (rounding) serves the same demands in the same proportion.
    factor = order.qty / served
    return [Peg(ref, qty * factor) for ref, qty in merged.items()]


def _scale(pegs, factor):
    return [Peg(peg.ref, peg.qty * factor, peg.parent) for peg in pegs]


def _supply_order(supply):
    return (supply.date, supply.kind, supply.ref)


def _choose_seller(sellers, date, settings):
    """The first vendor, in order of preference, whose lead time meets the need date."""
    for seller in sellers:
        if date - datetime.timedelta(days=seller.delay + settings.po_lead) >= settings.today:
            return seller
    return sellers[0]


def plan(products, boms, demands, supplies, settings, safety=None, multiples=None):
    """Plan every demand; returns a :class:`Plan`.

    :param products: ``{product_id: Product}`` for every product met (components included)
    :param boms: ``{bom_id: Bom}``
    :param demands: iterable of :class:`Demand`
    :param supplies: iterable of :class:`Supply` (on hand has ``date=None``)
    :param safety: ``{(warehouse_id, product_id): minimum}`` (reorder rules' minimum)
    :param multiples: ``{(warehouse_id, product_id): multiple}`` (reorder rules' multiple)
    """
    planner = _Planner(products, boms, demands, supplies, settings, safety or {}, multiples or {})
    return planner.run()


def merged_pegs(order):
    """Pegs of a planned order merged by (root demand, parent planned order)."""
    merged = {}
    for peg in order.pegs:
        k = (peg.ref, peg.parent)
        merged[k] = merged.get(k, 0.0) + peg.qty
    return [Peg(ref, qty, parent) for (ref, parent), qty in sorted(merged.items(), key=_peg_sort)]


def _peg_sort(item):
    (ref, parent), _qty = item
    return (str(ref[0]), ref[1] if len(ref) > 1 else 0, -1 if parent is None else parent)


__all__ = [
    "Bom",
    "BomLine",
    "Demand",
    "Peg",
    "Plan",
    "PlanException",
    "PlannedOrder",
    "Product",
    "Seller",
    "Settings",
    "Supply",
    "low_level_codes",
    "merged_pegs",
    "plan",
]
