"""The suite's MRP run on generated data of a large factory.

Builds once (tagged products ``BMRP-``, kept for later runs): 200 vendors, 2,000 bought
components (one or two vendors each, minimum quantities), 300 sub-assemblies made of four
components, 500 finished products made of two sub-assemblies and two components (three levels
of bills of materials), stock on hand for a third of the components, and confirmed sales
orders totalling ``--demand`` lines (10 lines an order) on the finished products, each order
with an issued production notice. Then runs MRP for the company and prints one JSON line:
seconds, peak memory of the run (tracemalloc, measured in a second run: tracing slows Python
down), queries, and what it proposed.

    .venv/bin/python bench/mrp_flow.py --config .cache/odoo-test.conf --db DB --demand 10000
"""

import argparse
import json
import os
import random
import sys
import time
import tracemalloc
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry

import odoo
from odoo import Command, fields, sql_db

TAG = "BMRP-"


def build(env, demand_lines, rng):
    """The generated factory; returns the number of demand lines it has."""
    Product = env["product.product"]
    done = Product.search_count([("default_code", "=like", TAG + "FG-%")])
    if not done:
        vendors = env["res.partner"].create([{"name": f"{TAG}Vendor {n:03d}"} for n in range(200)])
        components = Product.create(
            [
                {
                    "name": f"{TAG}component {n:04d}",
                    "default_code": f"{TAG}C-{n:04d}",
                    "is_storable": True,
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": vendors[(n + k * 37) % 200].id,
                                "delay": rng.randint(3, 20),
                                "min_qty": rng.choice([0, 0, 50, 100, 500]),
                                "price": rng.uniform(0.2, 20),
                                "sequence": k,
                            }
                        )
                        for k in range(rng.randint(1, 2))
                    ],
                }
                for n in range(2000)
            ]
        )
        subs = Product.create(
            [
                {
                    "name": f"{TAG}sub-assembly {n:03d}",
                    "default_code": f"{TAG}S-{n:03d}",
                    "is_storable": True,
                }
                for n in range(300)
            ]
        )
        env["mrp.bom"].create(
            [
                {
                    "product_tmpl_id": sub.product_tmpl_id.id,
                    "produce_delay": rng.randint(1, 3),
                    "bom_line_ids": [
                        Command.create({"product_id": c.id, "product_qty": rng.choice([0.5, 1, 2])})
                        for c in rng.sample(list(components), 4)
                    ],
                }
                for sub in subs
            ]
        )
        finished = Product.create(
            [
                {
                    "name": f"{TAG}finished {n:03d}",
                    "default_code": f"{TAG}FG-{n:03d}",
                    "is_storable": True,
                    "sale_ok": True,
                    "list_price": 100,
                }
                for n in range(500)
            ]
        )
        env["mrp.bom"].create(
            [
                {
                    "product_tmpl_id": fg.product_tmpl_id.id,
                    "produce_delay": rng.randint(2, 5),
                    "bom_line_ids": [
                        Command.create({"product_id": s.id, "product_qty": 1})
                        for s in rng.sample(list(subs), 2)
                    ]
                    + [
                        Command.create({"product_id": c.id, "product_qty": rng.choice([1, 2, 3])})
                        for c in rng.sample(list(components), 2)
                    ],
                }
                for fg in finished
            ]
        )
        stock = env.ref("stock.warehouse0").lot_stock_id
        for component in components[::3]:
            env["stock.quant"]._update_available_quantity(component, stock, rng.randint(10, 400))
        env.cr.commit()
    finished = Product.search([("default_code", "=like", TAG + "FG-%")])
    lines = env["mrp.production.notice.line"].search_count([("product_id", "in", finished.ids)])
    customer = env["res.partner"].search([("name", "=", TAG + "Customer")], limit=1) or env[
        "res.partner"
    ].create({"name": TAG + "Customer"})
    Notice = env["mrp.production.notice"]
    today = fields.Date.context_today(Notice)
    while lines < demand_lines:
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": fg.id, "product_uom_qty": rng.randint(10, 300)}
                        )
                        for fg in rng.sample(list(finished), 10)
                    ],
                }
                for _n in range(min(50, (demand_lines - lines + 9) // 10))
            ]
        )
        orders.action_confirm()
        for order in orders:
            values = Notice._prepare_from_order(order)
            values["date_wanted"] = today + timedelta(days=rng.randint(10, 90))
            Notice.create(values).action_issue()
        lines += 10 * len(orders)
        env.cr.commit()
        print(f"{lines} demand lines", file=sys.stderr)
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--demand", type=int, default=10000)
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        lines = build(env, args.demand, random.Random(7))
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        Run = env["mrp.planning.run"]
        env.invalidate_all()
        queries, started = sql_db.sql_counter, time.perf_counter()
        run = Run._run_mrp(company, trigger="manual")
        env.flush_all()
        seconds = time.perf_counter() - started
        queries = sql_db.sql_counter - queries
        orders = run.planned_order_ids
        pegs = env["mrp.planning.peg"].search_count([("planned_order_id", "in", orders.ids)])
        result = {
            "demand_lines": lines,
            "demands": run.demand_count,
            "supplies": run.supply_count,
            "products": run.product_count,
            "seconds": round(seconds, 2),
            "queries": queries,
            "planned_orders": len(orders),
            "buy": len(orders.filtered(lambda o: o.kind == "buy")),
            "make": len(orders.filtered(lambda o: o.kind == "make")),
            "pegs": pegs,
            "exceptions": run.exception_count,
            "qty_buy": round(
                sum(orders.filtered(lambda o: o.kind == "buy").mapped("product_qty")), 1
            ),
            "qty_make": round(
                sum(orders.filtered(lambda o: o.kind == "make").mapped("product_qty")), 1
            ),
        }
        cr.commit()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.invalidate_all()
        tracemalloc.start()
        env["mrp.planning.run"]._run_mrp(env.ref("base.main_company"), trigger="manual")
        env.flush_all()
        result["peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
        cr.rollback()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
