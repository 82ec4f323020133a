"""Odoo's own planning against the suite's capacity schedule, on the same work orders.

Builds once (tagged ``BSCH-``, kept for later runs): 20 work centers on a two-shift calendar
(06:00-22:00, Monday to Saturday, Asia/Shanghai, two days off next week), a third of them
running two work orders at once, six with an alternative; 150 products made in two to four
operations; confirmed manufacturing orders with deadlines over the next three weeks (one in
twenty starred urgent) until there are ``--workorders`` open work orders. Then, each in a
transaction rolled back afterwards:

1. Odoo: ``button_plan`` of every order, in Odoo's own order (priority, then start date);
2. the suite, dispatch heuristic only;
3. the suite, with the optimiser's budget (``--budget`` seconds);
4. a rush order's what-if on that schedule (a quotation of two products, nothing written).

The quality of each schedule is measured the same way from the work orders' dates written in
the database: weighted lateness (hours after the deadline, urgent orders x10), late orders,
makespan from the start of the benchmark, and the worst excess over a work center's capacity
(the most units it runs at once beyond its capacity, a work order taking one unit per piece
up to the capacity). Prints one JSON line.

    .venv/bin/python bench/schedule_flow.py --config .cache/odoo-test.conf --db DB
"""

import argparse
import json
import math
import os
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry

import odoo
from odoo import Command, sql_db

TAG = "BSCH-"


def build(env, workorders, rng):
    Production = env["mrp.production"]
    if Production.search_count([("origin", "=", TAG)]):
        return
    tz = "Asia/Shanghai"
    calendar = env["resource.calendar"].create(
        {
            "name": f"{TAG}two shifts",
            "tz": tz,
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{day} {half}",
                        "dayofweek": str(day),
                        "hour_from": start,
                        "hour_to": stop,
                        "day_period": half,
                    }
                )
                for day in range(6)
                for half, start, stop in (("morning", 6, 14), ("afternoon", 14, 22))
            ],
        }
    )
    today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    env["resource.calendar.leaves"].create(
        [
            {
                "name": f"{TAG}holiday",
                "calendar_id": calendar.id,
                "date_from": today + timedelta(days=8 + n),
                "date_to": today + timedelta(days=9 + n),
            }
            for n in range(2)
        ]
    )
    centers = env["mrp.workcenter"].create(
        [
            {
                "name": f"{TAG}center {n:02d}",
                "resource_calendar_id": calendar.id,
                "default_capacity": 2 if n % 3 == 0 else 1,
                "time_efficiency": rng.choice([80, 100, 100, 120]),
                "costs_hour": rng.uniform(20, 80),
            }
            for n in range(20)
        ]
    )
    for n in range(6):
        centers[n * 3 + 1].alternative_workcenter_ids = centers[n * 3 + 2]
    products = env["product.product"].create(
        [{"name": f"{TAG}product {n:03d}", "is_storable": True} for n in range(150)]
    )
    boms = env["mrp.bom"].create(
        [
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "operation_ids": [
                    Command.create(
                        {
                            "name": f"op {k}",
                            "sequence": k,
                            "workcenter_id": center.id,
                            "time_mode": "manual",
                            "time_cycle_manual": rng.choice([10, 15, 20, 30, 45]),
                        }
                    )
                    for k, center in enumerate(rng.sample(list(centers), rng.randint(2, 4)))
                ],
            }
            for product in products
        ]
    )
    ops = {bom.id: len(bom.operation_ids) for bom in boms}
    vals, count = [], 0
    while count < workorders:
        bom = rng.choice(boms)
        deadline = datetime.now() + timedelta(hours=rng.randint(36, 21 * 24))
        vals.append(
            {
                "product_id": bom.product_tmpl_id.product_variant_id.id,
                "product_qty": rng.randint(1, 4),
                "bom_id": bom.id,
                "origin": TAG,
                "date_deadline": deadline,
                "priority": "1" if rng.random() < 0.05 else "0",
            }
        )
        count += ops[bom.id]
    productions = Production.create(vals)
    productions.action_confirm()


def quality(env, productions, reference):
    """Weighted lateness, late orders, makespan and worst capacity excess of the work orders'
    dates as written in the database."""
    env.invalidate_all()
    productions = productions.browse(productions.ids)
    lateness, late, last = 0.0, 0, reference
    spans = defaultdict(list)
    for production in productions:
        wos = production.workorder_ids
        end = max(wos.mapped("date_finished"))
        last = max(last, end)
        deadline = production.date_deadline
        if deadline and end > deadline:
            late += 1
            weight = 10 if production.priority == "1" else 1
            lateness += weight * (end - deadline).total_seconds() / 3600
        for wo in wos:
            # the units a work order occupies: one per piece, at most the capacity
            units = min(round(wo.workcenter_id.default_capacity or 1), math.ceil(wo.qty_production))
            spans[wo.workcenter_id].append((wo.date_start, wo.date_finished, units))
    excess = 0
    for center, items in spans.items():
        events = sorted(
            [(s, u) for s, e, u in items if e > s] + [(e, -u) for s, e, u in items if e > s]
        )
        running = peak = 0
        for _moment, delta in events:
            running += delta
            peak = max(peak, running)
        excess = max(excess, peak - round(center.default_capacity or 1))
    return {
        "weighted_lateness_h": round(lateness, 1),
        "late_orders": late,
        "makespan_h": round((last - reference).total_seconds() / 3600, 1),
        "capacity_excess": excess,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--workorders", type=int, default=2000)
    parser.add_argument("--budget", type=float, default=25.0)
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        build(env, args.workorders, random.Random(11))
        cr.commit()
    result = {}
    reference = datetime.now().replace(second=0, microsecond=0)

    def productions_of(env):
        return env["mrp.production"].search([("origin", "=", TAG), ("state", "=", "confirmed")])

    # 1. Odoo's own planning, order by order.
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        productions = productions_of(env)
        result["productions"] = len(productions)
        result["workorders"] = len(productions.workorder_ids)
        queries, started = sql_db.sql_counter, time.perf_counter()
        productions.button_plan()
        env.flush_all()
        result["odoo"] = {
            "seconds": round(time.perf_counter() - started, 2),
            "queries": sql_db.sql_counter - queries,
            **quality(env, productions, reference),
        }
        cr.rollback()
    # 2-3. The suite: dispatch, then with the optimiser.
    for key, budget in (("suite", 0.0), ("suite_optimised", args.budget)):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            productions = productions_of(env)
            queries, started = sql_db.sql_counter, time.perf_counter()
            run = env["mrp.schedule.run"]._schedule(company, budget=budget)
            env.flush_all()
            result[key] = {
                "seconds": round(time.perf_counter() - started, 2),
                "dispatch_seconds": round(run.duration_heuristic, 3),
                "queries": sql_db.sql_counter - queries,
                "solver": run.solver_status,
                "optimiser_kept": run.optimiser_kept,
                **quality(env, productions, reference),
            }
            cr.rollback()
    # 4. A rush order's what-if on that schedule.
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        env["mrp.schedule.run"]._schedule(company, budget=0.0)
        products = env["product.product"].search(
            [("default_code", "=", False), ("name", "=like", TAG + "product %")], limit=2
        )
        partner = env["res.partner"].create({"name": f"{TAG}rush customer"})
        quotation = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": 3}) for p in products
                ],
            }
        )
        request = env["mrp.rush.request"].create(
            {
                "sale_order_id": quotation.id,
                "reason": "benchmark",
                "date_wanted": (datetime.now() + timedelta(days=2)).date(),
            }
        )
        env.flush_all()
        queries, started = sql_db.sql_counter, time.perf_counter()
        request.action_compute_whatif()
        env.flush_all()
        result["whatif"] = {
            "seconds": round(time.perf_counter() - started, 2),
            "queries": sql_db.sql_counter - queries,
            "rush_finish": str(request.whatif_finish),
            "wanted_met": request.whatif_meets,
            "orders_delayed": request.whatif_slipped_count,
            "promises_broken": request.whatif_broken_count,
        }
        cr.rollback()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
