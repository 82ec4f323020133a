"""A year of generated production, for the benchmarks that read production history.

``build(env)`` makes (once, tagged ``BDR-``; later calls find it and return its summary):
20 work centers on a two-shift calendar (06:00-22:00 Asia/Shanghai, Monday to Saturday),
also the company's calendar, and 50,000 work orders over the last 365 days and the next
few, in manufacturing orders of one to four operations. Each work order has a planned
start and finish in the shifts; the past ones are mostly done (as Odoo keeps them: the real
finish in ``date_finished``, the planned start in ``date_start`` unless started earlier),
with their working time logged (a productive time log, or the output records of a team
leader with their time logs, for about a third), some started late, some cancelled, some
left unfinished; scrap and notes on a few outputs.

The manufacturing orders and work orders are copies of one template made through the ORM,
written by multi-row SQL (a few seconds), so that every column Odoo needs is filled as the
ORM fills it. Import it from another benchmark::

    sys.path.insert(0, "bench")
    from production_year import build
    summary = build(env)            # {"workcenter_ids": [...], "first_day": ..., ...}
"""

import random
from datetime import datetime, time, timedelta

import pytz
from psycopg2.extras import execute_values

from odoo import Command

TAG = "BDR-"
TZ = "Asia/Shanghai"


def _summary(env):
    centers = env["mrp.workcenter"].search([("name", "=like", TAG + "%")], order="name")
    env.cr.execute(
        """SELECT COUNT(*), MIN(wo.date_start), MAX(wo.date_finished)
             FROM mrp_workorder wo JOIN mrp_production mp ON mp.id = wo.production_id
            WHERE mp.origin = %s""",
        [TAG],
    )
    count, first, last = env.cr.fetchone()
    env.cr.execute(
        """SELECT COUNT(*) FROM mrp_workcenter_productivity p
             JOIN mrp_workorder wo ON wo.id = p.workorder_id
             JOIN mrp_production mp ON mp.id = wo.production_id WHERE mp.origin = %s""",
        [TAG],
    )
    logs = env.cr.fetchone()[0]
    env.cr.execute(
        "SELECT COUNT(*) FROM mrp_workorder_output o JOIN mrp_production mp"
        " ON mp.id = o.production_id WHERE mp.origin = %s",
        [TAG],
    )
    outputs = env.cr.fetchone()[0]
    return {
        "workcenter_ids": centers.ids,
        "workorders": count,
        "time_logs": logs,
        "outputs": outputs,
        "first_day": first and first.date(),
        "last_day": last and last.date(),
        "tz": TZ,
    }


def _clone(cr, table, template_id, columns, rows):
    """Insert ``rows`` (tuples of ``columns``) into ``table``, every other column copied
    from its row ``template_id``; returns the new ids in the order of ``rows``."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        [table],
    )
    all_columns = [name for (name,) in cr.fetchall() if name != "id"]
    select = ", ".join(f"v.{c}" if c in columns else f"t.{c}" for c in all_columns)
    values = ", ".join(columns)
    # execute_values fills one VALUES list per page: ask for the ids page by page
    ids = []
    for offset in range(0, len(rows), 5000):
        page = rows[offset : offset + 5000]
        sql = (
            f"INSERT INTO {table} ({', '.join(all_columns)}) "
            f"SELECT {select} FROM (VALUES %s) AS v(__rank, {values}) "
            f"JOIN {table} t ON t.id = {int(template_id)} ORDER BY v.__rank RETURNING id"
        )
        result = execute_values(
            cr,
            sql,
            [(rank, *row) for rank, row in enumerate(page)],
            page_size=len(page),
            fetch=True,
        )
        ids.extend(row[0] for row in result)
    return ids


def build(env, workcenters=20, workorders=50_000, days=365, seed=12):
    """Make the year of production (once) and return its summary."""
    if env["mrp.production"].search_count([("origin", "=", TAG)], limit=1):
        return _summary(env)
    rng = random.Random(seed)
    company = env.company
    tz = pytz.timezone(TZ)
    calendar = env["resource.calendar"].create(
        {
            "name": f"{TAG}two shifts",
            "tz": TZ,
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
    company.resource_calendar_id = calendar
    centers = env["mrp.workcenter"].create(
        [
            {
                "name": f"{TAG}center {n:02d}",
                "resource_calendar_id": calendar.id,
                "time_start": 0,
                "time_stop": 0,
                "costs_hour": 30 + n,
            }
            for n in range(workcenters)
        ]
    )
    product = env["product.product"].create({"name": f"{TAG}product", "is_storable": True})
    bom = env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "operation_ids": [
                Command.create(
                    {"name": "op", "workcenter_id": centers[0].id, "time_cycle_manual": 10}
                )
            ],
        }
    )
    template = env["mrp.production"].create(
        {"product_id": product.id, "bom_id": bom.id, "product_qty": 1, "origin": f"{TAG}tpl"}
    )
    template.action_confirm()
    template_wo = template.workorder_ids
    env.flush_all()
    loss = env["mrp.workcenter.productivity.loss"].search(
        [("loss_type", "=", "productive")], limit=1
    )
    user_id = env.uid

    today = datetime.now(tz).date()
    first = today - timedelta(days=days)

    def utc(day, minutes):
        local = tz.localize(datetime.combine(day, time.min) + timedelta(minutes=minutes))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def working_day(n):
        day = first + timedelta(days=n)
        return day if day.weekday() < 6 else day + timedelta(days=1)

    # The manufacturing orders and their work orders, spread evenly over the period
    # (a few days ahead included: planned, not started).
    span = days + 5
    plans = []  # (production index, center, start, finish, qty, expected minutes)
    productions = []
    while len(plans) < workorders:
        day = working_day(rng.randrange(span))
        qty = rng.randint(10, 200)
        productions.append((f"{TAG}{len(productions):06d}", qty))
        minute = rng.randint(6 * 60, 16 * 60)
        for center in rng.sample(list(centers), rng.randint(1, 4)):
            if len(plans) >= workorders:
                break
            expected = rng.choice([30, 45, 60, 90, 120, 180, 240])
            start = utc(day, minute)
            plans.append((len(productions) - 1, center.id, start, expected, qty))
            minute = min(minute + expected, 22 * 60 - 30)
    now = datetime.now(pytz.utc).replace(tzinfo=None)
    production_ids = _clone(
        env.cr,
        "mrp_production",
        template.id,
        ["name", "origin", "product_qty", "product_uom_qty", "state", "date_start"],
        [(name, TAG, qty, qty, "progress", now) for name, qty in productions],
    )
    wo_rows, logs, outputs = [], [], []
    for index, center_id, start, expected, qty in plans:
        finish = start + timedelta(minutes=expected)
        state, qty_produced, date_start, date_finished = "ready", 0.0, start, finish
        actual = None
        if finish < now - timedelta(hours=2):
            roll = rng.random()
            if roll < 0.03:
                state = "cancel"
            elif roll < 0.05:
                state = "progress"  # started late, not finished
                actual = start + timedelta(minutes=rng.randint(30, 240))
            else:
                state, qty_produced = "done", qty
                delay = rng.choice([-20, 0, 0, 0, 10, 30, 90])
                actual = start + timedelta(minutes=delay)
                worked = expected * rng.uniform(0.8, 1.3)
                date_finished = actual + timedelta(minutes=worked)
                date_start = min(start, actual)
        wo_rows.append(
            (
                production_ids[index],
                center_id,
                f"op {len(wo_rows) % 7}",
                state,
                date_start,
                date_finished,
                float(expected),
                qty_produced,
            )
        )
        if actual is not None:
            end = date_finished if state == "done" else actual + timedelta(minutes=expected / 2)
            if state == "done" and rng.random() < 0.33:
                # a team leader recorded it in two outputs
                middle = actual + (end - actual) / 2
                half = qty // 2
                scrap = rng.choice([0, 0, 0, 1, 2])
                note = rng.choice(["", "", "", "machine stop", "lace short", "rework"])
                outputs.append((len(wo_rows) - 1, middle, half, 0, actual, center_id, ""))
                outputs.append((len(wo_rows) - 1, end, qty - half, scrap, middle, center_id, note))
            else:
                logs.append((len(wo_rows) - 1, center_id, actual, end))
    wo_ids = _clone(
        env.cr,
        "mrp_workorder",
        template_wo.id,
        [
            "production_id",
            "workcenter_id",
            "name",
            "state",
            "date_start",
            "date_finished",
            "duration_expected",
            "qty_produced",
        ],
        wo_rows,
    )
    env.cr.execute("UPDATE mrp_workorder SET leave_id = NULL WHERE id = ANY(%s)", [wo_ids])
    log_rows = [
        (
            wo_ids[i],
            center,
            company.id,
            loss.id,
            loss.loss_type,
            user_id,
            start,
            end,
            (end - start).total_seconds() / 60,
        )
        for i, center, start, end in logs
    ]
    output_logs = [
        (
            wo_ids[i],
            center,
            company.id,
            loss.id,
            loss.loss_type,
            user_id,
            start,
            end,
            (end - start).total_seconds() / 60,
        )
        for i, end, _q, _s, start, center, _n in outputs
    ]
    insert_log = (
        "INSERT INTO mrp_workcenter_productivity (workorder_id, workcenter_id, company_id,"
        " loss_id, loss_type, user_id, date_start, date_end, duration) VALUES %s RETURNING id"
    )
    execute_values(env.cr, insert_log, log_rows, page_size=5000)
    productivity_ids = []
    for offset in range(0, len(output_logs), 5000):
        page = output_logs[offset : offset + 5000]
        productivity_ids += [
            row[0]
            for row in execute_values(env.cr, insert_log, page, page_size=len(page), fetch=True)
        ]
    execute_values(
        env.cr,
        "INSERT INTO mrp_workorder_output (workorder_id, production_id, workcenter_id,"
        " product_id, company_id, date, quantity, scrap_qty, hours, note, user_id,"
        " productivity_id, create_uid, write_uid, create_date, write_date) VALUES %s",
        [
            (
                wo_ids[i],
                production_ids[plans[i][0]],
                center,
                product.id,
                company.id,
                end,
                qty,
                scrap,
                (end - start).total_seconds() / 3600,
                note or None,
                user_id,
                productivity_id,
                user_id,
                user_id,
                now,
                now,
            )
            for (i, end, qty, scrap, start, center, note), productivity_id in zip(
                outputs, productivity_ids, strict=True
            )
        ],
        page_size=5000,
    )
    env.cr.execute("ANALYZE mrp_workorder")
    env.cr.execute("ANALYZE mrp_workcenter_productivity")
    env.cr.execute("ANALYZE mrp_workorder_output")
    env.cr.execute("ANALYZE mrp_production")
    env.invalidate_all()
    return _summary(env)
