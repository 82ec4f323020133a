"""Order-to-cash throughput on one database: create, confirm, deliver and invoice sales orders.

Run by bench/run, which compares stock Odoo with the suite installed. Standalone:
    .venv/bin/python bench/order_flow.py --config .cache/odoo-test.conf --db DB --orders 50
With --intake-checks every order is checked by the intake rules. Prints one JSON line: orders,
seconds, orders_per_second, queries_per_order. Everything the benchmark writes is rolled back.
"""

import argparse
import json
import logging
import os
import sys
import time
from datetime import datetime, timedelta

sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

import odoo
from odoo import sql_db
from odoo.tools import config


def prepare(env):
    """A customer and storable products with enough stock for every order."""
    partner = env["res.partner"].create({"name": "Bench Customer", "is_company": True})
    products = env["product.product"].create(
        [
            {"name": f"Bench Bra {size}", "is_storable": True, "list_price": 50.0 + i}
            for i, size in enumerate(("75B", "80C", "85D"))
        ]
    )
    stock = env.ref("stock.warehouse0").lot_stock_id
    for product in products:
        env["stock.quant"]._update_available_quantity(product, stock, 1_000_000)
    return partner, products


def order_vals(partner, products, index):
    """A sales order of every product; quantities vary with ``index`` so that no order
    repeats another (the duplicate rule would hold it)."""
    return {
        "partner_id": partner.id,
        "commitment_date": datetime.now() + timedelta(days=7),
        "order_line": [
            (0, 0, {"product_id": p.id, "product_uom_qty": 10 + index}) for p in products
        ],
    }


def open_registry(args):
    """The registry of ``args.db``, configured from ``args.config``, Odoo's logging quiet."""
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"])
    logging.getLogger("odoo").setLevel(logging.WARNING)
    return odoo.modules.registry.Registry(args.db)


def order_to_cash(env, partner, products, index, **extra):
    order = env["sale.order"].create({**order_vals(partner, products, index), **extra})
    order.action_confirm()
    for picking in order.picking_ids:
        picking.move_ids.picked = True
        picking.button_validate()
    invoice = order._create_invoices()
    invoice.action_post()
    return order


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--intake-checks",
        action="store_true",
        help="check every order with the intake rules (the suite must be installed)",
    )
    args = parser.parse_args()
    with open_registry(args).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if args.intake_checks:
            env.company.order_intake_check_scope = "all"
        partner, products = prepare(env)
        for index in range(args.warmup):
            order_to_cash(env, partner, products, index)
        env.flush_all()
        queries = sql_db.sql_counter
        start = time.perf_counter()
        for index in range(args.warmup, args.warmup + args.orders):
            order = order_to_cash(env, partner, products, index)
        env.flush_all()
        seconds = time.perf_counter() - start
        queries = sql_db.sql_counter - queries
        if order.invoice_status != "invoiced" or order.picking_ids.state != "done":
            raise SystemExit(f"the flow did not complete: {order.name} {order.invoice_status}")
        if args.intake_checks and not order.intake_result_ids:
            raise SystemExit("the intake checks did not run")
        cr.rollback()
    print(
        json.dumps(
            {
                "db": args.db,
                "intake_checks": args.intake_checks,
                "orders": args.orders,
                "seconds": round(seconds, 3),
                "orders_per_second": round(args.orders / seconds, 2),
                "queries_per_order": round(queries / args.orders, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
