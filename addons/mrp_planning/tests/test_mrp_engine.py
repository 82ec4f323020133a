# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The MRP engine on plain data, without a database."""

import datetime
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..services import mrp_engine as e

TODAY = datetime.date(2030, 6, 10)  # any day: the engine only compares dates with each other
WH = 1


def day(n):
    return TODAY + datetime.timedelta(days=n)


def sol(line_id):
    return ("sale.order.line", line_id)


def orders_of(plan, product_id):
    return [o for o in plan.planned_orders if o.product_id == product_id]


@tagged("post_install", "-at_install")
class TestMrpEngine(BaseCase):
    def setUp(self):
        super().setUp()
        # A bra (1) made of 2 fabric (2) and 1 lace (3); fabric bought, lace bought.
        self.products = {
            1: e.Product(1, "bra", bom_id=10),
            2: e.Product(2, "fabric", sellers=(e.Seller(201, 7, delay=5),)),
            3: e.Product(3, "lace", sellers=(e.Seller(301, 8, delay=2),)),
        }
        self.boms = {10: e.Bom(10, 1, 1.0, (e.BomLine(2, 2.0), e.BomLine(3, 1.0)), lead_days=3)}
        self.settings = e.Settings(TODAY, po_lead=1, mo_lead=1)

    def plan(self, demands, supplies=(), **kw):
        return e.plan(self.products, self.boms, demands, supplies, self.settings, **kw)

    def test_stock_on_hand_first(self):
        plan = self.plan([e.Demand(WH, 1, day(30), 50, sol(1))], [e.Supply(WH, 1, None, 30)])
        (bra,) = orders_of(plan, 1)
        self.assertEqual((bra.kind, bra.qty), ("make", 20))
        self.assertEqual(orders_of(plan, 2)[0].qty, 40, "components only for what is made")

    def test_multi_level_lead_time_offsets(self):
        plan = self.plan([e.Demand(WH, 1, day(30), 10, sol(1))])
        (bra,) = orders_of(plan, 1)
        (fabric,) = orders_of(plan, 2)
        (lace,) = orders_of(plan, 3)
        self.assertEqual(bra.need_date, day(30))
        self.assertEqual(bra.release_date, day(26), "bill lead time 3 + manufacturing security 1")
        self.assertEqual(fabric.need_date, day(26), "components are needed when the bra starts")
        self.assertEqual(fabric.release_date, day(20), "vendor delay 5 + purchase security 1")
        self.assertEqual(lace.release_date, day(23))
        self.assertEqual((fabric.qty, lace.qty), (20, 10))
        self.assertEqual((bra.level, fabric.level), (0, 1))
        self.assertFalse(plan.exceptions)

    def test_safety_stock(self):
        plan = self.plan(
            [e.Demand(WH, 2, day(30), 10, sol(1))], [e.Supply(WH, 2, None, 12)], safety={(WH, 2): 8}
        )
        (fabric,) = orders_of(plan, 2)
        self.assertEqual(
            fabric.qty, 6, "12 on hand - 8 kept as safety stock leaves 4 for the 10 needed"
        )
        refs = {peg.ref for peg in fabric.pegs}
        self.assertEqual(refs, {sol(1)})
        # Below the minimum with no demand at all: replenished today.
        plan = self.plan([], [e.Supply(WH, 2, None, 3)], safety={(WH, 2): 8})
        (fabric,) = orders_of(plan, 2)
        self.assertEqual((fabric.qty, fabric.need_date), (5, TODAY))
        self.assertEqual({peg.ref for peg in fabric.pegs}, {("safety", WH)})

    def test_open_supply_consumed_in_date_order(self):
        supplies = [
            e.Supply(WH, 3, day(5), 4, "purchase", ("stock.move", 1)),
            e.Supply(WH, 3, day(8), 3, "rfq", ("purchase.order.line", 2)),
        ]
        plan = self.plan([e.Demand(WH, 3, day(10), 10, sol(1))], supplies)
        (lace,) = orders_of(plan, 3)
        self.assertEqual(lace.qty, 3)
        self.assertFalse(plan.exceptions)

    def test_late_open_supply_is_reported_once(self):
        supplies = [e.Supply(WH, 3, day(20), 10, "purchase", ("stock.move", 7))]
        plan = self.plan(
            [e.Demand(WH, 3, day(10), 4, sol(1)), e.Demand(WH, 3, day(12), 4, sol(2))], supplies
        )
        self.assertFalse(plan.planned_orders, "the open purchase is used, not doubled")
        (late,) = plan.exceptions
        self.assertEqual(
            (late.kind, late.date_needed, late.date_possible), (e.EXC_LATE_SUPPLY, day(10), day(20))
        )
        self.assertEqual(late.ref, ("stock.move", 7))

    def test_minimum_and_multiple(self):
        self.products[3] = e.Product(3, "lace", sellers=(e.Seller(301, 8, delay=2, min_qty=100),))
        plan = self.plan([e.Demand(WH, 3, day(30), 30, sol(1))])
        self.assertEqual(orders_of(plan, 3)[0].qty, 100, "the vendor's minimum")
        plan = self.plan([e.Demand(WH, 3, day(30), 130, sol(1))], multiples={(WH, 3): 25})
        self.assertEqual(orders_of(plan, 3)[0].qty, 150, "the reorder rule's multiple")
        # The bill makes 12 at a time: 30 needed means 36 made.
        self.boms[10] = e.Bom(10, 1, 12.0, (e.BomLine(2, 24.0),), lead_days=0)
        plan = self.plan([e.Demand(WH, 1, day(30), 30, sol(1))])
        self.assertEqual(orders_of(plan, 1)[0].qty, 36)
        self.assertEqual(orders_of(plan, 2)[0].qty, 72)

    def test_lot_surplus_serves_later_demand(self):
        self.products[3] = e.Product(3, "lace", sellers=(e.Seller(301, 8, delay=2, min_qty=100),))
        plan = self.plan(
            [e.Demand(WH, 3, day(10), 30, sol(1)), e.Demand(WH, 3, day(20), 50, sol(2))]
        )
        (lace,) = orders_of(plan, 3)
        self.assertEqual(lace.qty, 100)
        pegs = {p.ref: p.qty for p in e.merged_pegs(lace)}
        self.assertEqual(pegs, {sol(1): 30, sol(2): 50})

    def test_pegging_through_levels(self):
        plan = self.plan(
            [e.Demand(WH, 1, day(30), 10, sol(1)), e.Demand(WH, 1, day(40), 5, sol(2))]
        )
        bras = orders_of(plan, 1)
        self.assertEqual(len(bras), 2)
        fabric_pegs = [p for o in orders_of(plan, 2) for p in e.merged_pegs(o)]
        by_root = defaultdict(float)
        for peg in fabric_pegs:
            by_root[peg.ref] += peg.qty
            parent = plan.planned_orders[peg.parent]
            self.assertEqual(
                parent.product_id, 1, "a component is pegged through the bra's planned order"
            )
            self.assertIn(peg.ref, {p.ref for p in parent.pegs})
        self.assertEqual(dict(by_root), {sol(1): 20, sol(2): 10})

    def test_phantom_kit_exploded(self):
        self.products[4] = e.Product(4, "gift set", bom_id=20)
        self.boms[20] = e.Bom(20, 4, 1.0, (e.BomLine(1, 2.0), e.BomLine(3, 1.0)), kind="phantom")
        plan = self.plan([e.Demand(WH, 4, day(30), 5, sol(1))])
        self.assertFalse(orders_of(plan, 4), "a kit is never planned itself")
        self.assertEqual(orders_of(plan, 1)[0].qty, 10)
        self.assertEqual(
            sum(o.qty for o in orders_of(plan, 3)), 15, "lace: 5 in the kits + 10 in the bras"
        )
        self.assertEqual(orders_of(plan, 1)[0].need_date, day(30))

    def test_recursive_bill_reported(self):
        self.products[2] = e.Product(2, "fabric", bom_id=11)
        self.boms[11] = e.Bom(11, 2, 1.0, (e.BomLine(1, 1.0),))
        plan = self.plan([e.Demand(WH, 1, day(30), 10, sol(1))])
        cycles = [x for x in plan.exceptions if x.kind == e.EXC_CYCLE]
        self.assertEqual(len(cycles), 1)
        self.assertEqual(set(cycles[0].product_ids), {1, 2})
        self.assertFalse(
            orders_of(plan, 1) + orders_of(plan, 2), "products on the loop are not planned"
        )

    def test_no_vendor_nor_bill(self):
        self.products[3] = e.Product(3, "lace")
        plan = self.plan([e.Demand(WH, 1, day(30), 10, sol(1))])
        (missing,) = [x for x in plan.exceptions if x.kind == e.EXC_NO_SOURCE]
        self.assertEqual(
            (missing.product_ids, missing.qty, missing.date_needed), ((3,), 10, day(26))
        )
        self.assertFalse(orders_of(plan, 3))

    def test_demand_that_cannot_be_met_in_time(self):
        plan = self.plan([e.Demand(WH, 3, day(1), 10, sol(1))])
        (lace,) = orders_of(plan, 3)
        self.assertTrue(lace.late)
        self.assertEqual((lace.release_date, lace.due_date), (TODAY, day(3)))
        (late,) = plan.exceptions
        self.assertEqual(
            (late.kind, late.date_needed, late.date_possible), (e.EXC_LATE, day(1), day(3))
        )

    def test_best_vendor_that_meets_the_date(self):
        self.products[3] = e.Product(
            3, "lace", sellers=(e.Seller(301, 8, delay=20), e.Seller(302, 9, delay=2))
        )
        plan = self.plan(
            [e.Demand(WH, 3, day(60), 10, sol(1)), e.Demand(WH, 3, day(10), 10, sol(2))]
        )
        vendors = {o.need_date: o.partner_id for o in orders_of(plan, 3)}
        self.assertEqual(
            vendors, {day(60): 8, day(10): 9}, "the preferred vendor unless it is too slow"
        )

    def test_warehouses_planned_apart(self):
        plan = self.plan(
            [e.Demand(1, 3, day(30), 10, sol(1)), e.Demand(2, 3, day(30), 5, sol(2))],
            [e.Supply(1, 3, None, 10)],
        )
        self.assertEqual([(o.warehouse_id, o.qty) for o in orders_of(plan, 3)], [(2, 5)])


# Random bills of materials (a DAG: a product only uses products with a higher number).
@st.composite
def planning_data(draw):
    n = draw(st.integers(min_value=2, max_value=9))
    products, boms = {}, {}
    for pid in range(1, n + 1):
        components = [c for c in range(pid + 1, n + 1) if draw(st.booleans())] if pid < n else []
        if components and draw(st.integers(0, 3)):
            lines = tuple(
                e.BomLine(c, draw(st.sampled_from([0.5, 1.0, 2.0, 3.0]))) for c in components[:3]
            )
            bom_qty = draw(st.sampled_from([1.0, 1.0, 4.0]))
            boms[pid] = e.Bom(pid, pid, bom_qty, lines, lead_days=draw(st.integers(0, 4)))
            products[pid] = e.Product(pid, bom_id=pid, rounding=1.0)
        else:
            seller = e.Seller(
                pid,
                100 + pid,
                delay=draw(st.integers(0, 10)),
                min_qty=draw(st.sampled_from([0.0, 0.0, 10.0, 25.0])),
            )
            products[pid] = e.Product(pid, sellers=(seller,), rounding=1.0)
    demands = [
        e.Demand(
            WH,
            draw(st.integers(1, n)),
            day(draw(st.integers(-3, 40))),
            draw(st.integers(1, 40)),
            sol(i),
        )
        for i in range(draw(st.integers(1, 8)))
    ]
    supplies = [
        e.Supply(WH, pid, None, draw(st.integers(0, 30)))
        for pid in range(1, n + 1)
        if draw(st.booleans())
    ]
    supplies += [
        e.Supply(
            WH,
            draw(st.integers(1, n)),
            day(draw(st.integers(0, 40))),
            draw(st.integers(1, 20)),
            "purchase",
            ("stock.move", i),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    safety = {
        (WH, pid): float(draw(st.integers(1, 10)))
        for pid in range(1, n + 1)
        if draw(st.integers(0, 4)) == 0
    }
    return products, boms, demands, supplies, safety


@tagged("post_install", "-at_install")
class TestMrpEngineProperties(BaseCase):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(planning_data())
    def test_every_requirement_is_covered_in_time(self, data):
        products, boms, demands, supplies, safety = data
        config = e.Settings(TODAY, po_lead=1, mo_lead=1)
        plan = e.plan(products, boms, demands, supplies, config, safety=safety)
        self.assertEqual(
            plan, e.plan(products, boms, demands, supplies, config, safety=safety), "deterministic"
        )
        # Every requirement, the dependent ones from the planned orders to make included.
        need = defaultdict(list)
        for d in demands:
            need[d.product_id].append((max(d.date, TODAY), d.qty))
        for (_wh, pid), qty in safety.items():
            need[pid].append((TODAY, qty))
        for order in plan.planned_orders:
            self.assertGreaterEqual(order.release_date, TODAY)
            self.assertLessEqual(
                sum(p.qty for p in order.pegs), order.qty + 1e-6, "pegged at most its quantity"
            )
            seller = products[order.product_id].sellers[0] if order.kind == "buy" else None
            if seller:
                self.assertGreaterEqual(order.qty, seller.min_qty - 1e-9)
            if order.kind == "make":
                bom = boms[order.bom_id]
                ratio = order.qty / bom.qty
                self.assertAlmostEqual(
                    ratio, round(ratio), msg="a whole number of the bill's quantity"
                )
                for line in bom.lines:
                    need[line.product_id].append((order.release_date, line.qty * ratio))
        for pid, reqs in need.items():
            if products[pid].bom_id and boms[products[pid].bom_id].kind == "phantom":
                continue
            onhand = sum(s.qty for s in supplies if s.product_id == pid and s.date is None)
            scheduled = sum(s.qty for s in supplies if s.product_id == pid and s.date is not None)
            planned = [o for o in plan.planned_orders if o.product_id == pid]
            # Time-phased: by each need date, what is on hand, already scheduled and planned
            # for that date covers everything needed up to it.
            for when, _qty in reqs:
                needed = sum(q for d, q in reqs if d <= when)
                covered = onhand + scheduled + sum(o.qty for o in planned if o.need_date <= when)
                self.assertGreaterEqual(covered + 1e-6, needed, f"product {pid} short on {when}")
