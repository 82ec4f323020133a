"""OCA's mrp_multi_level beside the suite's MRP run, on the same generated factory.

Runs in a copy of bench/mrp_flow.py's database where OCA's ``mrp_multi_level`` is installed
(bench/mrp_run does both; the addon is a benchmark peer only, never a dependency of the
suite). Every generated product gets the route that says how it is supplied (Manufacture with
a bill of materials, Buy otherwise) and its ``product.mrp.area`` in the warehouse's area, then
both runs plan the same demand: the suite's ``mrp.planning.run`` and OCA's
``mrp.multi.level`` wizard. Prints one JSON line: seconds and queries of each run, their
planned orders, and the totals to buy and to make per product compared.

    .venv/bin/python bench/mrp_oca.py --config CONF --db DB
"""

import argparse
import json
import os
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from mrp_flow import TAG
from order_flow import open_registry

import odoo
from odoo import sql_db


def measure(env, run):
    env.invalidate_all()
    queries, started = sql_db.sql_counter, time.perf_counter()
    result = run()
    env.flush_all()
    return result, round(time.perf_counter() - started, 2), sql_db.sql_counter - queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        area = env.ref("mrp_multi_level.mrp_area_stock_wh0")
        products = env["product.product"].search([("default_code", "=like", TAG + "%")])
        # Routes say how each product is supplied, as both MRPs read them: manufactured when
        # it has a bill of materials, bought otherwise (mrp_multi_level plans nothing below a
        # product it does not know to manufacture).
        warehouse = env.ref("stock.warehouse0")
        made = products.filtered("bom_ids")
        made.route_ids = [(6, 0, warehouse.manufacture_pull_id.route_id.ids)]
        (products - made).route_ids = [(6, 0, warehouse.buy_pull_id.route_id.ids)]
        have = set(env["product.mrp.area"].search([("mrp_area_id", "=", area.id)]).product_id.ids)
        env["product.mrp.area"].create(
            [{"mrp_area_id": area.id, "product_id": p.id} for p in products if p.id not in have]
        )
        cr.commit()

        company = env.ref("base.main_company")
        ours, our_seconds, our_queries = measure(
            env, lambda: env["mrp.planning.run"]._run_mrp(company, trigger="manual")
        )
        cr.commit()
        wizard = env["mrp.multi.level"].create({"mrp_area_ids": [(6, 0, area.ids)]})
        _action, oca_seconds, oca_queries = measure(env, wizard.run_mrp_multi_level)
        cr.commit()

        def totals(rows):
            out = defaultdict(float)
            for product_id, kind, qty in rows:
                out[(product_id, kind)] += qty
            return out

        mine = totals(
            (o.product_id.id, o.kind, o.product_qty)
            for o in ours.planned_order_ids.filtered("product_id")
        )
        planned = env["mrp.planned.order"].search([("mrp_area_id", "=", area.id)])
        kind = {"buy": "buy", "manufacture": "make"}
        theirs = totals(
            (o.product_id.id, kind.get(o.mrp_action, o.mrp_action), o.mrp_qty) for o in planned
        )
        keys = set(mine) | set(theirs)
        same = [
            k
            for k in keys
            if abs(mine.get(k, 0) - theirs.get(k, 0)) <= 1e-6 * max(1, mine.get(k, 0))
        ]
        result = {
            "ours": {
                "seconds": our_seconds,
                "queries": our_queries,
                "planned_orders": len(ours.planned_order_ids),
                "qty_buy": round(sum(v for (_p, k), v in mine.items() if k == "buy"), 1),
                "qty_make": round(sum(v for (_p, k), v in mine.items() if k == "make"), 1),
            },
            "oca": {
                "seconds": oca_seconds,
                "queries": oca_queries,
                "planned_orders": len(planned),
                "qty_buy": round(sum(v for (_p, k), v in theirs.items() if k == "buy"), 1),
                "qty_make": round(sum(v for (_p, k), v in theirs.items() if k == "make"), 1),
            },
            "products_compared": len(keys),
            "products_same_total": len(same),
            "only_ours": len([k for k in keys if k not in theirs]),
            "only_oca": len([k for k in keys if k not in mine]),
        }
        print(json.dumps(result))


if __name__ == "__main__":
    main()
