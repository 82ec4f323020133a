"""The suite's daily production report against Odoo's own reporting, on a year of production.

Builds once (bench/production_year.py: 20 work centers, 50,000 work orders with their time
logs and output records over a year, kept for later runs). Then, in transactions rolled
back afterwards, side by side in one run:

1. the suite: the daily report (``mrp.daily.report``) of one day, made as the morning cron
   or a planner makes it (figures of the day and of the day before, per work center, lines
   written); then the reports of 30 consecutive days;
2. Odoo: what a production manager gets from Manufacturing > Reporting for the same days:
   the work center's time logs grouped per work center (the OEE/productivity analysis) and
   the work orders finished on the day grouped per work center (the work orders analysis:
   quantity produced, expected and real duration), each for the day and the day before,
   with ``_read_group`` as the views read them.

Prints one JSON line: per side the seconds and queries of one day and of the 30 days (with
the least and most queries of one day, to show they do not grow with the work orders of a
day), and a few figures of the chosen day from both to show they read the same production.

    .venv/bin/python bench/daily_report_flow.py --config .cache/odoo-test.conf --db DB
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
from odoo import sql_db


def measure(function):
    queries, started = sql_db.sql_counter, time.perf_counter()
    result = function()
    return result, time.perf_counter() - started, sql_db.sql_counter - queries


def odoo_figures(env, company, day):
    """Manufacturing > Reporting, per work center, for ``day`` and the day before."""
    from odoo.addons.mrp_planning.services import daily_report

    tz = env["mrp.daily.report"]._company_tz(company)
    figures = {}
    for label, which in (("day", day), ("previous", day - timedelta(days=1))):
        start, end = daily_report.day_bounds(which, tz)
        hours = env["mrp.workcenter.productivity"]._read_group(
            [
                ("company_id", "=", company.id),
                ("date_start", ">=", start),
                ("date_start", "<", end),
                ("loss_type", "in", ("productive", "performance")),
            ],
            ["workcenter_id"],
            ["duration:sum"],
        )
        done = env["mrp.workorder"]._read_group(
            [
                ("production_id.company_id", "=", company.id),
                ("date_finished", ">=", start),
                ("date_finished", "<", end),
                ("state", "!=", "cancel"),
            ],
            ["workcenter_id", "state"],
            ["qty_produced:sum", "duration_expected:sum", "duration:sum", "__count"],
        )
        late = env["mrp.workorder"]._read_group(
            [
                ("production_id.company_id", "=", company.id),
                ("date_start", ">=", start),
                ("date_start", "<", end),
                ("state", "not in", ("done", "cancel")),
            ],
            ["workcenter_id"],
            ["__count"],
        )
        figures[label] = {
            "hours": sum(minutes for _wc, minutes in hours) / 60,
            "done_qty": sum(qty for _wc, state, qty, *_rest in done if state == "done"),
            "planned_hours": sum(expected for _wc, _s, _q, expected, *_rest in done) / 60,
            "not_started": sum(count for _wc, count in late),
        }
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--workorders", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=30)
    args = parser.parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        started = time.perf_counter()
        summary = build(env, workorders=args.workorders)
        built = time.perf_counter() - started
        cr.commit()
    result = {
        "workorders": summary["workorders"],
        "workcenters": len(summary["workcenter_ids"]),
        "time_logs": summary["time_logs"],
        "outputs": summary["outputs"],
        "build_seconds": round(built, 1),
    }
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        Report = env["mrp.daily.report"].with_company(company)
        yesterday = Report._company_today(company) - timedelta(days=1)
        days = [yesterday - timedelta(days=n) for n in range(args.days)]
        # warm-up (registry caches, the first prepared statements), not measured
        Report.create({"company_id": company.id, "date": days[-1] - timedelta(days=1)})
        odoo_figures(env, company, days[-1] - timedelta(days=1))
        env.flush_all()
        env.invalidate_all()

        # 1. The suite: one day, then each of the days.
        def one(day):
            report = Report.create({"company_id": company.id, "date": day})
            env.flush_all()
            return report

        report, seconds, queries = measure(lambda: one(days[0]))
        lines = report.line_ids.filtered(
            lambda line: line.workcenter_id.id in summary["workcenter_ids"]
        )
        suite_day = {
            "hours": round(sum(lines.mapped("done_hours")), 1),
            "done_qty": sum(lines.mapped("done_qty")),
            "planned_hours": round(sum(lines.mapped("planned_hours")), 1),
            "late_started": sum(lines.mapped("late_started_count")),
            "unfinished": sum(lines.mapped("unfinished_count")),
            "scrap": sum(lines.mapped("scrap_qty")),
        }
        per_day, total_seconds, workorders_per_day = [], 0.0, []
        for day in days[1:]:
            env.invalidate_all()
            _report, s, q = measure(lambda day=day: one(day))
            start, end = _report.date_from, _report.date_to
            cr.execute(
                "SELECT COUNT(*) FROM mrp_workorder WHERE date_finished >= %s"
                " AND date_finished < %s",
                [start, end],
            )
            workorders_per_day.append(cr.fetchone()[0])
            per_day.append(q)
            total_seconds += s
        result["suite"] = {
            "day_seconds": round(seconds, 3),
            "day_queries": queries,
            "days_seconds": round(total_seconds + seconds, 2),
            "days_queries": sum(per_day) + queries,
            "queries_per_day_min": min([queries, *per_day]),
            "queries_per_day_max": max([queries, *per_day]),
            "workorders_per_day_min": min(workorders_per_day),
            "workorders_per_day_max": max(workorders_per_day),
            "figures": suite_day,
        }
        cr.rollback()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        env["mrp.workorder"]._read_group([], ["workcenter_id"], ["__count"])  # warm-up
        env.invalidate_all()
        figures, seconds, queries = measure(lambda: odoo_figures(env, company, days[0]))
        per_day, total_seconds = [], 0.0
        for day in days[1:]:
            env.invalidate_all()
            _f, s, q = measure(lambda day=day: odoo_figures(env, company, day))
            per_day.append(q)
            total_seconds += s
        result["odoo"] = {
            "day_seconds": round(seconds, 3),
            "day_queries": queries,
            "days_seconds": round(total_seconds + seconds, 2),
            "days_queries": sum(per_day) + queries,
            "queries_per_day_min": min([queries, *per_day]),
            "queries_per_day_max": max([queries, *per_day]),
            "figures": {key: round(value, 1) for key, value in figures["day"].items()},
        }
        cr.rollback()
    result["day"] = str(days[0])
    result["days"] = len(days)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
