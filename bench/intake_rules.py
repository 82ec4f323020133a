"""Cost of each intake rule: milliseconds and queries per order, one order at a time.

Run by bench/run after the order-to-cash flow. Standalone:
    .venv/bin/python bench/intake_rules.py --config .cache/odoo-test.conf --db DB --orders 30
Prints one line per rule. Everything the benchmark writes is rolled back.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry, order_vals, prepare

import odoo


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--orders", type=int, default=30)
    args = parser.parse_args()
    with open_registry(args).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        partner, products = prepare(env)
        orders = env["sale.order"].create(
            [order_vals(partner, products, index) for index in range(args.orders)]
        )
        env.flush_all()
        rules = env["order.intake.rule"].search([])
        print(f"{'rule':24}{'ms/order':>10}{'queries/order':>15}")
        for rule in rules:
            rule._evaluate(orders[:1])  # warm the caches
            elapsed, queries = 0.0, 0
            for order in orders:
                env.invalidate_all()
                before = cr.sql_log_count
                start = time.perf_counter()
                rule._evaluate(order)
                elapsed += time.perf_counter() - start
                queries += cr.sql_log_count - before
            print(
                f"{rule.name:24}{1000 * elapsed / len(orders):>10.2f}{queries / len(orders):>15.1f}"
            )
        cr.rollback()


if __name__ == "__main__":
    main()
