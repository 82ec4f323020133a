"""Archive run over many closed orders: orders per second and peak memory, at two sizes.

Builds its own database (once; --reset to rebuild) with order_archive installed without demo
data. For each size (5,000 and 20,000 by default) it makes a company of its own with that
many closed orders written by SQL (two lines each, a customer of 200, a close-out closed a
year ago, a one-page PDF on one order in ten), turns its archive on (archive 0 days after
closing), then runs the archive in a fresh process (batches of 200, a commit per batch, as the
cron does): wall time, orders/s, queries per order and the process's peak memory (RSS), side
by side, then verifies the chain. Memory must not grow with the count; target 100 orders/s.
    .venv/bin/python bench/archive_run.py --config .cache/odoo-dev.conf --sizes 5000,20000
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from kpi_views import build_database
from order_flow import open_registry

import odoo
from odoo.tools import SQL


def generate(env, name, orders):
    """A company with ``orders`` closed orders, written by SQL; returns its id."""
    company = env["res.company"].create({"name": name})
    partners = env["res.partner"].create([{"name": f"{name} customer {i}"} for i in range(200)])
    products = env["product.product"].create(
        [{"name": f"{name} bra {i}", "type": "service", "list_price": 10 + i} for i in range(20)]
    )
    env.flush_all()
    params = {
        "n": orders,
        "prefix": f"AR{company.id}-",
        "company": company.id,
        "currency": company.currency_id.id,
        "partners": partners.ids,
        "products": products.ids,
        "uom": env.ref("uom.product_uom_unit").id,
    }
    for statement in (
        """
        INSERT INTO sale_order (name, state, company_id, partner_id, partner_invoice_id,
               partner_shipping_id, date_order, picking_policy, approval_state, currency_id,
               currency_rate, amount_untaxed, amount_tax, amount_total, invoice_status,
               create_date, write_date, create_uid, write_uid)
        SELECT %(prefix)s || i, 'sale', %(company)s, p, p, p,
               now() - interval '400 days' + mod(i, 30) * interval '1 day', 'direct', 'none',
               %(currency)s, 1, 100, 0, 100, 'invoiced', now(), now(), 1, 1
          FROM generate_series(1, %(n)s) i,
               LATERAL (SELECT (%(partners)s::int[])[1 + mod(i, 200)] AS p) partner
        """,
        """
        INSERT INTO sale_order_line (order_id, name, product_id, product_uom, product_uom_qty,
               price_unit, price_subtotal, price_total, customer_lead, company_id, currency_id,
               state, qty_delivered, qty_invoiced, create_date, write_date, create_uid,
               write_uid)
        SELECT so.id, 'line', (%(products)s::int[])[1 + mod(so.id * 7 + k, 20)], %(uom)s, 5, 10,
               50, 50, 0, so.company_id, so.currency_id, 'sale', 5, 5, now(), now(), 1, 1
          FROM sale_order so, generate_series(0, 1) k
         WHERE so.company_id = %(company)s
        """,
        """
        INSERT INTO mrp_order_closeout (name, sale_order_id, partner_id, company_id, state,
               date_closed, create_date, write_date, create_uid, write_uid)
        SELECT so.name, so.id, so.partner_id, so.company_id, 'closed',
               (now() - interval '365 days')::date, now(), now(), 1, 1
          FROM sale_order so WHERE so.company_id = %(company)s
        """,
    ):
        env.cr.execute(SQL(statement, **params))
    env.cr.execute(
        SQL(
            "SELECT id, name FROM sale_order WHERE company_id = %s AND mod(id, 10) = 0",
            company.id,
        )
    )
    env["ir.attachment"].create(
        [
            {
                "name": f"{order_name}.pdf",
                "raw": f"%PDF-1.4 {order_name}".encode(),
                "mimetype": "application/pdf",
                "res_model": "sale.order",
                "res_id": order_id,
            }
            for order_id, order_name in env.cr.fetchall()
        ]
    )
    company.oa_archive_orders = True
    env["order.archive.policy"].search(
        [("company_id", "=", company.id), ("document_type", "=", "sale_order")]
    ).archive_after_days = 0
    return company.id


def archive(args):
    """In its own process: run the archive of ``args.company`` and print the figures."""
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env["res.company"].browse(args.company)
        queries_before = cr.sql_log_count
        started = time.perf_counter()
        run = (
            env["order.archive.run"]
            .with_company(company)
            ._start(company, "cron", batch_size=args.batch, commit=True)
        )
        elapsed = time.perf_counter() - started
        count = run.snapshot_count
        queries = cr.sql_log_count - queries_before
        run_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        verification = env["order.archive.chain"]._get_local(company)._verify()
        verify_time = time.perf_counter() - started
        verified = verification.ok
        cr.commit()
    print(
        json.dumps(
            {
                "orders": count,
                "seconds": round(elapsed, 1),
                "orders_per_s": round(count / elapsed, 1) if elapsed else None,
                "queries_per_order": round(queries / count, 1) if count else None,
                "peak_rss_run_mb": round(run_rss / 1024),
                "peak_rss_verify_mb": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                ),
                "verify_seconds": round(verify_time, 1),
                "verified": verified,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", default="oms_bench_archive")
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--http-port", type=int, default=8695)
    parser.add_argument("--reset", action="store_true", help="rebuild the database")
    parser.add_argument("--company", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.company:
        return archive(args)
    build_database(args)
    registry = open_registry(args)
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            started = time.perf_counter()
            company = generate(env, f"Archive bench {size} {int(time.time())}", size)
            cr.commit()
            print(
                f"{size} orders generated in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
        out = subprocess.run(
            [sys.executable, __file__, *sys.argv[1:], "--company", str(company)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[size] = json.loads(out.strip().splitlines()[-1])
    keys = next(iter(results.values())).keys()
    print(f"{'':22}" + "".join(f"{size:>12}" for size in results))
    for key in keys:
        print(f"{key:22}" + "".join(f"{r[key]!s:>12}" for r in results.values()))


if __name__ == "__main__":
    main()
