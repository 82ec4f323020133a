"""Order-cycle KPI views over many orders: the pivot's read_group calls of order_archive's
``order.archive.kpi`` (a SQL view), beside Odoo's own ``sale.report`` on the same data.

Builds its own database (once; --reset to rebuild) with order_archive installed without demo
data, then writes N confirmed sales orders by SQL (two lines each, of 20 products in 10
categories, 200 customers, over 24 months): 90 % with a delivery (80 % done, a tenth of them
late), 70 % invoiced (half of those paid), 30 % reviewed, 20 % approved, 10 % with a change
notice. Each read_group runs with an empty record cache, three times; the best time is printed.
Target: 2 s per call. Prints one JSON line per (groupby, measure).
    .venv/bin/python bench/kpi_views.py --config .cache/odoo-dev.conf --orders 100000
"""

import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry

import odoo
from odoo.tools import SQL

MEASURES = (
    "order_count",
    "on_time_rate",
    "order_to_cash_days",
    "review_days",
    "approval_days",
    "change_notice_count",
    "change_notices_per_order",
)
GROUPBYS = ("partner_id", "categ_id", "date_order:month")
# the same pivot on Odoo's sales analysis: its groupby names and measures
PEER_GROUPBYS = {
    "partner_id": "partner_id",
    "categ_id": "categ_id",
    "date_order:month": "date:month",
}
PEER_MEASURES = ("price_subtotal", "product_uom_qty", "qty_delivered", "qty_invoiced")


def build_database(args):
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "odoo",
            "-d",
            "postgres",
            "-tAc",
            f"select 1 from pg_database where datname = '{args.db}'",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PGPASSWORD": "odoo"},
        check=False,
    ).stdout.strip()
    if exists and args.reset:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "odoo", args.db],
            env={**os.environ, "PGPASSWORD": "odoo"},
            check=True,
        )
        exists = ""
    if not exists:
        print(f"building {args.db} (order_archive, no demo data)", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo"), "odoo-bin"),
                "-c",
                args.config,
                "-d",
                args.db,
                "-i",
                "order_archive",
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
                f"--http-port={args.http_port}",
                f"--gevent-port={args.http_port + 3}",
            ],
            check=True,
        )


def generate(env, orders):
    """``orders`` confirmed orders and their deliveries, invoices, payments, reviews,
    approvals and change notices, written by SQL."""
    cr = env.cr
    company = env.company
    categories = env["product.category"].create([{"name": f"KPI Cat {i}"} for i in range(10)])
    products = env["product.product"].create(
        [
            {"name": f"KPI Product {i}", "categ_id": categories[i % 10].id, "list_price": 10 + i}
            for i in range(20)
        ]
    )
    partners = env["res.partner"].create([{"name": f"KPI Customer {i}"} for i in range(200)])
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    out_type = warehouse.out_type_id
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    income = journal.default_account_id
    env.flush_all()
    params = {
        "n": orders,
        "company": company.id,
        "currency": company.currency_id.id,
        "partners": partners.ids,
        "products": products.ids,
        "user": env.uid,
        "out_type": out_type.id,
        "src": out_type.default_location_src_id.id,
        "dest": env.ref("stock.stock_location_customers").id,
        "journal": journal.id,
        "receivable": receivable.id,
        "income": income.id,
        "uom": env.ref("uom.product_uom_unit").id,
    }
    statements = [
        # orders: confirmed over 24 months, promised 10 days later
        """
        INSERT INTO sale_order (name, state, company_id, partner_id, partner_invoice_id,
               partner_shipping_id, date_order, commitment_date, picking_policy, approval_state,
               user_id, currency_id, currency_rate, create_date, write_date, create_uid, write_uid)
        SELECT 'KPI' || i, 'sale', %(company)s, p, p, p,
               timestamp '2028-01-01' + (i %% 730) * interval '1 day',
               timestamp '2028-01-11' + (i %% 730) * interval '1 day',
               'direct', 'none', %(user)s, %(currency)s, 1, now(), now(), 1, 1
          FROM generate_series(1, %(n)s) i,
               LATERAL (SELECT (%(partners)s::int[])[1 + i %% 200] AS p) partner
        """,
        """
        INSERT INTO sale_order_line (order_id, name, product_id, product_uom, product_uom_qty,
               price_unit, price_subtotal, customer_lead, company_id, currency_id, state,
               qty_delivered, qty_invoiced, create_date, write_date, create_uid, write_uid)
        SELECT so.id, 'line', (%(products)s::int[])[1 + (so.id * 7 + k) %% 20], %(uom)s,
               5 + k, 10 + k * 5, (5 + k) * (10 + k * 5), 0, so.company_id, so.currency_id,
               'sale', 0, 0, now(), now(), 1, 1
          FROM sale_order so, generate_series(0, 1) k
         WHERE so.name LIKE 'KPI%%'
        """,
        # deliveries: 90 %% of orders, 80 %% done, one in ten done late
        """
        INSERT INTO stock_picking (name, sale_id, picking_type_id, location_id,
               location_dest_id, move_type, state, scheduled_date, date_done, company_id,
               partner_id, create_date, write_date, create_uid, write_uid)
        SELECT 'KPI/OUT/' || so.id, so.id, %(out_type)s, %(src)s, %(dest)s, 'direct',
               CASE WHEN so.id %% 10 < 8 THEN 'done' ELSE 'assigned' END,
               so.commitment_date,
               CASE WHEN so.id %% 10 < 8
                    THEN so.date_order + ((5 + so.id %% 7) + (so.id %% 10 = 0)::int * 10)
                         * interval '1 day' END,
               so.company_id, so.partner_id, now(), now(), 1, 1
          FROM sale_order so
         WHERE so.name LIKE 'KPI%%' AND so.id %% 10 < 9
        """,
        # invoices: 70 %% of orders, half of them paid
        """
        INSERT INTO account_move (name, move_type, state, payment_state, journal_id,
               currency_id, company_id, partner_id, commercial_partner_id, date, invoice_date,
               auto_post, amount_total, amount_total_signed, invoice_origin,
               create_date, write_date, create_uid, write_uid)
        SELECT 'KPI/INV/' || so.id, 'out_invoice', 'posted',
               CASE WHEN so.id %% 10 < 4 THEN 'paid' ELSE 'not_paid' END,
               %(journal)s, so.currency_id, so.company_id, so.partner_id, so.partner_id,
               so.date_order::date + 12, so.date_order::date + 12, 'no', 100, 100, so.name,
               now(), now(), 1, 1
          FROM sale_order so
         WHERE so.name LIKE 'KPI%%' AND so.id %% 10 < 7
        """,
        """
        INSERT INTO account_move_line (move_id, name, account_id, journal_id, company_id,
               currency_id, company_currency_id, display_type, partner_id, product_id,
               quantity, price_unit, balance, amount_currency, debit, credit, parent_state,
               date, create_date, write_date, create_uid, write_uid)
        SELECT am.id, kind, CASE WHEN kind = 'product' THEN %(income)s ELSE %(receivable)s END,
               am.journal_id, am.company_id, am.currency_id, am.currency_id, kind,
               am.partner_id, NULL, 1, 100,
               CASE WHEN kind = 'product' THEN -100 ELSE 100 END,
               CASE WHEN kind = 'product' THEN -100 ELSE 100 END,
               CASE WHEN kind = 'product' THEN 0 ELSE 100 END,
               CASE WHEN kind = 'product' THEN 100 ELSE 0 END,
               'posted', am.date, now(), now(), 1, 1
          FROM account_move am, unnest(ARRAY['product', 'payment_term']) kind
         WHERE am.name LIKE 'KPI/INV/%%'
        """,
        """
        INSERT INTO sale_order_line_invoice_rel (invoice_line_id, order_line_id)
        SELECT aml.id, sol.id
          FROM account_move am
          JOIN account_move_line aml ON aml.move_id = am.id AND aml.display_type = 'product'
          JOIN sale_order so ON so.name = am.invoice_origin
          JOIN sale_order_line sol ON sol.order_id = so.id
         WHERE am.name LIKE 'KPI/INV/%%'
        """,
        """
        INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, amount,
               debit_amount_currency, credit_amount_currency, company_id, max_date,
               debit_currency_id, credit_currency_id, create_date, write_date, create_uid,
               write_uid)
        SELECT term.id, prod.id, 100, 100, 100, am.company_id,
               am.date + (am.id %% 40), am.currency_id, am.currency_id, now(), now(), 1, 1
          FROM account_move am
          JOIN account_move_line term ON term.move_id = am.id
               AND term.display_type = 'payment_term'
          JOIN account_move_line prod ON prod.move_id = am.id AND prod.display_type = 'product'
         WHERE am.name LIKE 'KPI/INV/%%' AND am.payment_state = 'paid'
        """,
        # reviews (30 %%), approvals (20 %%), change notices (10 %%)
        """
        INSERT INTO order_review (name, order_id, company_id, state, mode, approval_state,
               sample_state, submitted_on, done_on, lead_days, create_date, write_date,
               create_uid, write_uid)
        SELECT 'KPI/REV/' || so.id, so.id, so.company_id, 'done', 'standard', 'none', 'none',
               so.date_order - interval '3 days',
               so.date_order - interval '3 days' + (so.id %% 5) * interval '1 day',
               so.id %% 5, now(), now(), 1, 1
          FROM sale_order so
         WHERE so.name LIKE 'KPI%%' AND so.id %% 10 < 3
        """,
        """
        INSERT INTO order_approval_request (res_model, res_id, company_id, state,
               submitted_on, done_on, lead_days, create_date, write_date, create_uid,
               write_uid)
        SELECT 'sale.order', so.id, so.company_id, 'approved',
               so.date_order - interval '1 day',
               so.date_order - interval '1 day' + (so.id %% 3) * interval '12 hours',
               (so.id %% 3) * 0.5, now(), now(), 1, 1
          FROM sale_order so
         WHERE so.name LIKE 'KPI%%' AND so.id %% 10 IN (3, 4)
        """,
        """
        INSERT INTO order_change_notice (name, order_id, company_id, state, requested_by,
               approval_state, reason, create_date, write_date, create_uid, write_uid)
        SELECT 'KPI/CN/' || so.id, so.id, so.company_id, 'applied', 'customer', 'none',
               'bench', now(), now(), 1, 1
          FROM sale_order so
         WHERE so.name LIKE 'KPI%%' AND so.id %% 10 = 5
        """,
    ]
    for statement in statements:
        cr.execute(statement, params)
        # fresh statistics, or the planner takes the filled tables for empty ones
        cr.execute("ANALYZE")


def timed_read_group(env, model, groupby, measures, rounds):
    best = None
    for _ in range(rounds):
        env.invalidate_all()
        start = time.perf_counter()
        env[model].read_group([], list(measures), [groupby], lazy=False)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", default="acct_kpi_bench")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--http-port", type=int, default=8692)
    parser.add_argument("--reset", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    build_database(args)
    with open_registry(args).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT count(*) FROM sale_order WHERE name LIKE 'KPI%'")
        existing = cr.fetchone()[0]
        if existing != args.orders:
            if existing:
                raise SystemExit(
                    f"{args.db} holds {existing} bench orders, not {args.orders}: use --reset"
                )
            start = time.perf_counter()
            generate(env, args.orders)
            cr.commit()
            print(
                f"generated {args.orders} orders in {time.perf_counter() - start:.1f} s",
                file=sys.stderr,
            )
        cr.execute(SQL("SELECT count(*) FROM order_archive_kpi"))
        rows = cr.fetchone()[0]
        for groupby in GROUPBYS:
            peer = timed_read_group(
                env, "sale.report", PEER_GROUPBYS[groupby], PEER_MEASURES, args.rounds
            )
            every = timed_read_group(env, "order.archive.kpi", groupby, MEASURES, args.rounds)
            for measure in MEASURES:
                seconds = timed_read_group(
                    env, "order.archive.kpi", groupby, (measure,), args.rounds
                )
                print(
                    json.dumps(
                        {
                            "kpi_rows": rows,
                            "groupby": groupby,
                            "measure": measure,
                            "seconds": round(seconds, 3),
                            "all_measures_seconds": round(every, 3),
                            "peer_sale_report_seconds": round(peer, 3),
                            "within_2s": seconds <= 2.0 and every <= 2.0,
                        }
                    ),
                    flush=True,
                )
        cr.rollback()


if __name__ == "__main__":
    main()
