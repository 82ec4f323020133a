"""The suite's delay alert cron against Odoo's own "late" filters, on a year of production.

Builds once (bench/production_year.py: 20 work centers, 50,000 work orders over a year, kept
for later runs), turns the company's delay alerts on, then, in a transaction rolled back
afterwards, side by side in one run:

1. the suite: the alert cron's first run (every late work order, receipt, delivery, review
   and approval level raised, with its To-Do activity), then a second run the next morning
   (the steady state: days late brought up to date, nothing raised twice), seconds and queries;
   the queries are counted again with a tenth of the work orders late, to show that they do
   not grow with them;
2. Odoo: what a planner has in stock Odoo to find the same: the "Late" filters of the
   manufacturing orders, work orders and transfers (search and count, as the list views).

Prints one JSON line.

    .venv/bin/python bench/delay_alerts_flow.py --config .cache/odoo-test.conf --db DB
"""

import argparse
import json
import os
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry
from production_year import build

import odoo
from odoo import fields, sql_db


def measure(function):
    queries, started = sql_db.sql_counter, time.perf_counter()
    result = function()
    return result, time.perf_counter() - started, sql_db.sql_counter - queries


def odoo_late(env, company, now):
    """The late filters of Odoo's lists: manufacturing orders, work orders, transfers."""
    productions = env["mrp.production"].search_count(
        [
            ("company_id", "=", company.id),
            ("state", "in", ("confirmed", "progress", "to_close")),
            "|",
            ("date_deadline", "<", now),
            ("date_start", "<", now),
        ]
    )
    workorders = env["mrp.workorder"].search_count(
        [
            ("production_id.company_id", "=", company.id),
            ("state", "in", ("pending", "waiting", "ready", "progress")),
            ("date_start", "<", now),
        ]
    )
    pickings = env["stock.picking"].search_count(
        [
            ("company_id", "=", company.id),
            ("state", "in", ("assigned", "waiting", "confirmed")),
            "|",
            ("scheduled_date", "<", now),
            ("date_deadline", "<", now),
        ]
    )
    return {"productions": productions, "workorders": workorders, "pickings": pickings}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--workorders", type=int, default=50_000)
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        summary = build(env, workorders=args.workorders)
        cr.commit()
    result = {"workorders": summary["workorders"], "workcenters": len(summary["workcenter_ids"])}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        company.mrp_delay_alerts = True
        Alert = env["mrp.delay.alert"].with_company(company)
        now = fields.Datetime.now()
        env.flush_all()
        # each generated order gets a responsible planner, who gets the activities
        cr.execute(
            "UPDATE mrp_production SET user_id = %s WHERE origin = 'BDR-'",
            [env.ref("base.user_admin").id],
        )
        cr.execute("SELECT COUNT(*) FROM mrp_workorder WHERE state NOT IN ('done', 'cancel')")
        result["open_workorders"] = cr.fetchone()[0]
        _r, first_s, first_q = measure(
            lambda: (Alert._raise_delay_alerts(company, now), env.flush_all())
        )
        cr.execute("SELECT stage, COUNT(*) FROM mrp_delay_alert GROUP BY stage ORDER BY stage")
        result["raised"] = dict(cr.fetchall())
        cr.execute("SELECT COUNT(*) FROM mail_activity WHERE res_model = 'mrp.delay.alert'")
        result["activities"] = cr.fetchone()[0]
        env.invalidate_all()
        later = now + timedelta(days=1)
        _r, second_s, second_q = measure(
            lambda: (Alert._raise_delay_alerts(company, later), env.flush_all())
        )
        cr.execute("SELECT COUNT(*) FROM mrp_delay_alert")
        result["alerts_after_second_run"] = cr.fetchone()[0]
        result["suite"] = {
            "first_seconds": round(first_s, 2),
            "first_queries": first_q,
            "second_seconds": round(second_s, 2),
            "second_queries": second_q,
        }
        cr.rollback()
    # The same first run with nine in ten of the open work orders finished: far fewer late.
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        company.mrp_delay_alerts = True
        env.flush_all()
        cr.execute(
            "UPDATE mrp_production SET user_id = %s WHERE origin = 'BDR-'",
            [env.ref("base.user_admin").id],
        )
        cr.execute(
            "UPDATE mrp_workorder SET state = 'done' WHERE state NOT IN ('done', 'cancel')"
            " AND id % 10 <> 0"
        )
        Alert = env["mrp.delay.alert"].with_company(company)
        now = fields.Datetime.now()
        _r, few_s, few_q = measure(
            lambda: (Alert._raise_delay_alerts(company, now), env.flush_all())
        )
        cr.execute("SELECT COUNT(*) FROM mrp_delay_alert")
        result["suite"]["tenth_late_alerts"] = cr.fetchone()[0]
        result["suite"]["tenth_late_seconds"] = round(few_s, 2)
        result["suite"]["tenth_late_queries"] = few_q
        cr.rollback()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        now = fields.Datetime.now()
        odoo_late(env, company, now)  # warm-up
        env.invalidate_all()
        counts, seconds, queries = measure(lambda: odoo_late(env, company, now))
        result["odoo"] = {"seconds": round(seconds, 3), "queries": queries, "counts": counts}
        cr.rollback()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
