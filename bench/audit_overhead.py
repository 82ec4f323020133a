"""Audit trail overhead: the suite's audit (order_archive) beside no audit and OCA's auditlog.

On a benchmark database of its own (built once, no demo data; --reset rebuilds) holding
order_archive and OCA's ``auditlog`` 18.0 (AGPL-3: a benchmark peer only, installed from its
PyPI wheel with ``pip install --no-deps`` into a throwaway directory and added to this
benchmark's addons path, never a dependency of the suite), the same job runs three times on
sales orders, with:

- ``none``: no audit (order_archive's rule of sales orders off, auditlog's rule draft);
- ``ours``: order_archive's audit of the five written fields (rule on, one INSERT per
  transaction);
- ``auditlog``: OCA auditlog's rule on sales orders subscribed (``fast`` log type, its
  cheapest; ``--auditlog-type full`` for the other).

The job: create N orders (batches of 1,000, a commit per batch), write five fields of each
order one order at a time (a commit per 1,000 orders, as a job does), unlink them (batches of
1,000). After a small warm-up job of each variant, the job runs ``--rounds`` times per
variant (interleaved), the best time of each phase kept. Prints seconds per phase side by
side, the overhead over no audit in percent, and the log rows written. Target: ours at most
10 % over no audit.

    .venv/bin/python bench/audit_overhead.py --config CONF [--records 10000] [--rounds 2]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry

import odoo
from odoo import Command

AUDITLOG_SPEC = "odoo-addon-auditlog>=18.0,<18.1"
FIELDS = ("client_order_ref", "origin", "reference", "validity_date", "note")
BATCH = 1000
PG = {**os.environ, "PGPASSWORD": "odoo"}


def psql(sql, db="postgres"):
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "odoo", "-d", db, "-tAc", sql],
        capture_output=True,
        text=True,
        env=PG,
        check=False,
    ).stdout.strip()


def auditlog_addons(target):
    """The addons directory of OCA's auditlog wheel, installed into ``target`` if missing."""
    addons = os.path.join(target, "odoo", "addons")
    if not os.path.isdir(os.path.join(addons, "auditlog")):
        print(f"installing {AUDITLOG_SPEC} into {target} (--no-deps)", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "--no-deps",
                "--only-binary=:all:",
                "--target",
                target,
                AUDITLOG_SPEC,
            ],
            check=True,
        )
    return addons


def bench_config(config, addons):
    """A copy of ``config`` with auditlog's directory appended to its addons path."""
    lines = []
    with open(config, encoding="utf-8") as source:
        for line in source:
            if line.startswith("addons_path"):
                lines.append(line.rstrip("\n") + "," + addons + "\n")
            else:
                lines.append(line)
    handle, path = tempfile.mkstemp(prefix="bench-audit-", suffix=".conf")
    with os.fdopen(handle, "w", encoding="utf-8") as target:
        target.writelines(lines)
    return path


def build_database(args, config):
    exists = psql(f"select 1 from pg_database where datname = '{args.db}'")
    if exists and args.reset:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "odoo", args.db], env=PG, check=True)
        exists = ""
    if not exists:
        print(f"building {args.db} (order_archive and auditlog, no demo data)", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                os.path.join(os.environ.get("ODOO_SRC", "/opt/odoo"), "odoo-bin"),
                "-c",
                config,
                "-d",
                args.db,
                "-i",
                "order_archive,auditlog",
                "--without-demo=all",
                "--stop-after-init",
                "--log-level=warn",
                f"--http-port={args.http_port}",
                f"--gevent-port={args.http_port + 3}",
            ],
            check=True,
        )


def set_variant(env, variant, auditlog_type):
    """Turn on the audit of sales orders of ``variant`` only."""
    ours = env.ref("order_archive.audit_rule_sale_order")
    ours.write(
        {
            "active": variant == "ours",
            "field_ids": [
                Command.set(
                    env["ir.model.fields"]
                    .search([("model", "=", "sale.order"), ("name", "in", FIELDS)])
                    .ids
                )
            ],
        }
    )
    # the other rules of order_archive (order lines...) are off in every variant
    others = env["order.archive.audit.rule"].search([("id", "!=", ours.id)])
    others.active = False
    Rule = env["auditlog.rule"]
    rule = Rule.search([("model_id.model", "=", "sale.order")])
    if not rule:
        rule = Rule.create(
            {
                "name": "Sales orders (benchmark)",
                "model_id": env["ir.model"]._get_id("sale.order"),
                "log_create": True,
                "log_write": True,
                "log_unlink": True,
                "log_read": False,
                "log_type": auditlog_type,
            }
        )
    if variant == "auditlog" and rule.state != "subscribed":
        rule.log_type = auditlog_type
        rule.subscribe()
    elif variant != "auditlog" and rule.state == "subscribed":
        rule.unsubscribe()
    env.cr.commit()


def log_rows(env):
    env.cr.execute("SELECT count(*) FROM order_archive_audit_log")
    ours = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM auditlog_log_line")
    lines = env.cr.fetchone()[0]
    return ours, lines


def run_job(env, partners, records):
    """Seconds of each phase of the job."""
    SaleOrder = env["sale.order"]
    seconds = {}
    started = time.perf_counter()
    orders = SaleOrder
    for start in range(0, records, BATCH):
        orders |= SaleOrder.create(
            [
                {
                    "partner_id": partners[i % len(partners)],
                    "client_order_ref": f"BENCH-{i}",
                    "origin": "bench",
                }
                for i in range(start, min(start + BATCH, records))
            ]
        )
        env.cr.commit()
    seconds["create"] = time.perf_counter() - started
    env.invalidate_all()

    started = time.perf_counter()
    for index, order in enumerate(orders):
        order.write(
            {
                "client_order_ref": f"BENCH-{index}-2",
                "origin": f"origin {index}",
                "reference": f"REF{index}",
                "validity_date": f"2031-01-{index % 28 + 1:02d}",
                "note": f"<p>note {index}</p>",
            }
        )
        if index % BATCH == BATCH - 1:
            env.cr.commit()
    env.cr.commit()
    seconds["write"] = time.perf_counter() - started
    env.invalidate_all()

    started = time.perf_counter()
    ids = orders.ids
    for start in range(0, len(ids), BATCH):
        SaleOrder.browse(ids[start : start + BATCH]).unlink()
        env.cr.commit()
    seconds["unlink"] = time.perf_counter() - started
    env.invalidate_all()
    seconds["total"] = sum(seconds.values())
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", default="oms_bench_audit")
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs")
    parser.add_argument("--auditlog-target", default="/tmp/auditlog-wheel")
    parser.add_argument("--auditlog-type", default="fast", choices=("fast", "full"))
    parser.add_argument("--http-port", type=int, default=8189)
    parser.add_argument("--reset", action="store_true")
    args = parser.parse_args()
    config = bench_config(args.config, auditlog_addons(args.auditlog_target))
    try:
        build_database(args, config)
        args.config = config
        registry = open_registry(args)
    finally:
        os.unlink(config)
    variants = ("none", "ours", "auditlog")
    best = {}
    rows = {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        partners = env["res.partner"].search([("name", "=like", "Audit Bench %")]).ids
        if not partners:
            partners = (
                env["res.partner"].create([{"name": f"Audit Bench {i}"} for i in range(50)]).ids
            )
            cr.commit()
        # warm up (caches, compiled code): a small job of each variant, not measured
        for variant in variants:
            set_variant(env, variant, args.auditlog_type)
            run_job(env, partners, min(args.records, 300))
        for __ in range(args.rounds):
            for variant in variants:
                set_variant(env, variant, args.auditlog_type)
                before = log_rows(env)
                seconds = run_job(env, partners, args.records)
                after = log_rows(env)
                rows[variant] = (after[0] - before[0], after[1] - before[1])
                kept = best.setdefault(variant, seconds)
                for phase, value in seconds.items():
                    kept[phase] = min(kept[phase], value)
                print(
                    json.dumps(
                        {"variant": variant, **{k: round(v, 2) for k, v in seconds.items()}}
                    ),
                    file=sys.stderr,
                )
        set_variant(env, "none", args.auditlog_type)
        env.ref("order_archive.audit_rule_sale_order").active = True
        cr.commit()

    print(f"Audit overhead on {args.records} sales orders (best of {args.rounds}, seconds)")
    print(f"  {'phase':<8}{'no audit':>10}{'ours':>10}{'+%':>8}{'auditlog':>10}{'+%':>8}")
    for phase in ("create", "write", "unlink", "total"):
        base = best["none"][phase]
        ours = best["ours"][phase]
        oca = best["auditlog"][phase]
        print(
            f"  {phase:<8}{base:>10.2f}{ours:>10.2f}{(ours / base - 1) * 100:>+7.1f}%"
            f"{oca:>10.2f}{(oca / base - 1) * 100:>+7.1f}%"
        )
    overhead = (best["ours"]["total"] / best["none"]["total"] - 1) * 100
    print(
        f"  log rows written: ours {rows['ours'][0]} (order_archive_audit_log), auditlog "
        f"{rows['auditlog'][1]} (auditlog_log_line, {args.auditlog_type})"
    )
    print(
        f"  ours over no audit: {overhead:+.1f} % (target at most +10 %: "
        f"{'met' if overhead <= 10 else 'MISSED'})"
    )
    print(
        json.dumps(
            {
                "records": args.records,
                "seconds": {v: {k: round(s, 2) for k, s in best[v].items()} for v in variants},
                "ours_overhead_percent": round(overhead, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
