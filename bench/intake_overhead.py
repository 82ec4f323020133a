"""The intake checks' cost against stock Odoo's order-to-cash flow, measured finely
interleaved in one process: blocks of a few orders run in turn in stock Odoo, in the suite
with the checks off and in the suite checking every order (their orders on a channel that
checks), each block in a transaction of its own rolled back, both databases vacuumed after
each round (rolled-back rows would otherwise bloat the tables and slow every later block),
so that the three flows meet the same state and the machine's drift touches them alike.

Run by bench/run. Standalone:
    .venv/bin/python bench/intake_overhead.py --config .cache/odoo-test.conf \\
        --stock oms_bench_stock --suite oms_bench_suite [--blocks 15] [--orders 20]
Prints one JSON line: per flow, wall and CPU milliseconds per order (median of the blocks)
and the median, quartiles and extremes of the per-block ratios, by wall time and by CPU time.
CPU time is this process's plus its PostgreSQL backend's (read from /proc: the server runs on
this machine), the work the flow costs whatever else the machine is doing; wall time is what
a user waits. Nothing is committed.
"""

import argparse
import gc
import json
import logging
import os
import statistics
import sys
import time

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import order_to_cash, prepare

import odoo
from odoo import sql_db
from odoo.tools import config

TICKS = os.sysconf("SC_CLK_TCK")


class Lane:
    """One flow: its own cursor on its database; each block a transaction rolled back."""

    def __init__(self, name, registry, checks):
        self.name, self.checks, self.db = name, checks, registry.db_name
        self.cr = registry.cursor()
        self.env = odoo.api.Environment(self.cr, odoo.SUPERUSER_ID, {})
        self.cr.execute("SELECT pg_backend_pid()")
        self.backend = self.cr.fetchone()[0]
        self.seconds, self.cpu, self.queries = [], [], []
        self.index = 0
        # the time spent inside the checks themselves at confirmation
        # (sale.order._intake_check_confirmable: promised dates, every rule, the results
        # stored, the hold decided), measured around the method
        self.inside = [0.0, 0]
        self.check_seconds = []
        if checks:
            lane = self
            model = registry["sale.order"]
            run = model._intake_check_confirmable

            def timed_run(records, *args, **kwargs):
                start, queries = time.perf_counter(), sql_db.sql_counter
                try:
                    return run(records, *args, **kwargs)
                finally:
                    lane.inside[0] += time.perf_counter() - start
                    lane.inside[1] += sql_db.sql_counter - queries

            model._intake_check_confirmable = timed_run

    def cpu_time(self):
        """CPU seconds of this process and of this lane's PostgreSQL backend."""
        with open(f"/proc/{self.backend}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        backend = (int(fields[11]) + int(fields[12])) / TICKS
        return time.process_time() + backend

    def block(self, orders):
        """``orders`` orders to cash from the prepared state: seconds, CPU seconds and
        queries per order."""
        cr, env = self.cr, self.env
        try:
            partner, products = prepare(env)
            extra = {}
            if "order.intake.channel" in env:
                # both suite flows take their orders on the same channel, which checks them
                # in one flow only
                channel = env["order.intake.channel"].search([], limit=1)
                channel.intake_checks = self.checks
                extra = {"intake_channel_id": channel.id}
            env.flush_all()
            gc.collect()
            self.inside = [0.0, 0]
            queries = sql_db.sql_counter
            cpu = self.cpu_time()
            start = time.perf_counter()
            for _ in range(orders):
                self.index += 1
                order = order_to_cash(env, partner, products, self.index, **extra)
            env.flush_all()
            seconds = (time.perf_counter() - start) / orders
            cpu = (self.cpu_time() - cpu) / orders
            queries = (sql_db.sql_counter - queries) / orders
            inside = self.inside[0] / orders
            if order.invoice_status != "invoiced":
                raise SystemExit(f"{self.name}: the flow did not complete")
            if self.checks and not order.intake_result_ids:
                raise SystemExit(f"{self.name}: the intake checks did not run")
        finally:
            cr.rollback()
            env.invalidate_all()
        return seconds, cpu, queries, inside

    def close(self):
        self.cr.rollback()
        self.cr.close()


def vacuum(db):
    """VACUUM ANALYZE ``db`` (outside any transaction, as PostgreSQL requires)."""
    _name, info = sql_db.connection_info_for(db)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        connection.close()


def summary(values):
    values = sorted(values)
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return {
        "median": round(statistics.median(values), 4),
        "q1": round(quartiles[0], 4),
        "q3": round(quartiles[2], 4),
        "min": round(values[0], 4),
        "max": round(values[-1], 4),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--stock", required=True, help="database of stock Odoo")
    parser.add_argument("--suite", required=True, help="database with the suite")
    parser.add_argument("--blocks", type=int, default=15)
    parser.add_argument("--orders", type=int, default=20, help="orders per block")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    logging.getLogger("odoo").setLevel(logging.WARNING)
    stock = odoo.modules.registry.Registry(args.stock)
    suite = odoo.modules.registry.Registry(args.suite)
    lanes = [
        Lane("stock", stock, checks=False),
        Lane("suite, checks off", suite, checks=False),
        Lane("suite, every order checked", suite, checks=True),
    ]
    try:
        for lane in lanes:  # warm-up: the first orders of a process are slower
            lane.block(max(2, args.orders // 4))
        for _ in range(args.blocks):
            for db in (args.stock, args.suite):
                vacuum(db)
            for lane in lanes:
                seconds, cpu, queries, inside = lane.block(args.orders)
                lane.check_seconds.append(inside)
                lane.seconds.append(seconds)
                lane.cpu.append(cpu)
                lane.queries.append(queries)
    finally:
        for lane in lanes:
            lane.close()
    stock_lane, off, checked = lanes

    def ratios(measure):
        values = {lane.name: getattr(lane, measure) for lane in lanes}
        pairs = {
            "checks_off_to_stock": (off.name, stock_lane.name),
            "checked_to_stock": (checked.name, stock_lane.name),
            "checked_to_checks_off": (checked.name, off.name),
        }
        return {
            key: summary([a / b for a, b in zip(values[x], values[y], strict=True)])
            for key, (x, y) in pairs.items()
        }

    result = {
        "blocks": args.blocks,
        "orders_per_block": args.orders,
        "flows": {
            lane.name: {
                "wall_ms_per_order": round(1000 * statistics.median(lane.seconds), 1),
                "cpu_ms_per_order": round(1000 * statistics.median(lane.cpu), 1),
                "queries_per_order": round(statistics.median(lane.queries), 1),
            }
            for lane in lanes
        },
        "blocks_ms": {lane.name: [round(1000 * x) for x in lane.seconds] for lane in lanes},
        "checks_inside": {
            "ms_per_order": summary([1000 * x for x in checked.check_seconds]),
            "share_of_stock_flow": summary(
                [x / y for x, y in zip(checked.check_seconds, stock_lane.seconds, strict=True)]
            ),
        },
        "wall_ratios": ratios("seconds"),
        "cpu_ratios": ratios("cpu"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
