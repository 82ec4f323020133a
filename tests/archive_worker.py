"""A separate Odoo process for tests/test_archive_kill.py: set up closed orders, run the
archive (optionally pausing after writing a batch, so that it can be killed mid-batch), check.

    python tests/archive_worker.py CONF DB setup NAME COUNT [COUNT...] -> the company ids
    python tests/archive_worker.py CONF DB run COMPANY BATCH [PAUSE [BARRIER PARTIES]]
        (with BARRIER, a folder: wait there, before the first batch, until PARTIES runs
        have planned theirs, so that parallel runs overlap whatever their start-up times)
    python tests/archive_worker.py CONF DB check COMPANY [BATCH]
        -> a JSON summary; with BATCH, then a rerun and a second summary
"""

import json
import os
import sys
import time
from datetime import timedelta

# Odoo's source tree, as scripts/test finds it (not on a registry, not in the virtualenv).
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

import odoo
from odoo import SUPERUSER_ID, Command, api, fields


def _env(cr):
    return api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})


def setup(registry, name, counts):
    for index, count in enumerate(counts):
        _setup_company(registry, f"{name} {index}", count)


def _setup_company(registry, name, count):
    with registry.cursor() as cr:
        env = _env(cr)
        company = env["res.company"].create({"name": name})
        env = env(context=dict(env.context, allowed_company_ids=company.ids))
        partner = env["res.partner"].create({"name": f"{name} customer"})
        product = env["product.product"].create(
            {"name": f"{name} service", "type": "service", "list_price": 10.0}
        )
        orders = (
            env["sale.order"]
            .with_company(company)
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 1})
                        ],
                    }
                    for _ in range(count)
                ]
            )
        )
        orders.action_confirm()
        closed = fields.Date.context_today(orders[0]) - timedelta(days=1)
        env["mrp.order.closeout"].create(
            [{"sale_order_id": o.id, "state": "closed", "date_closed": closed} for o in orders]
        )
        env["ir.attachment"].create(
            [
                {
                    "name": f"{o.name}.pdf",
                    "raw": f"%PDF-1.4 {o.name}".encode(),
                    "mimetype": "application/pdf",
                    "res_model": "sale.order",
                    "res_id": o.id,
                }
                for o in orders
            ]
        )
        company.oa_archive_orders = True
        env["order.archive.policy"].search(
            [("company_id", "=", company.id), ("document_type", "=", "sale_order")]
        ).archive_after_days = 0
        print(company.id, flush=True)


def _wait_for(barrier, parties, timeout=60):
    """Each party leaves a file in ``barrier`` and waits until ``parties`` files are there."""
    open(os.path.join(barrier, str(os.getpid())), "w").close()
    deadline = time.monotonic() + timeout
    while len(os.listdir(barrier)) < parties:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {len(os.listdir(barrier))} of {parties} runs started")
        time.sleep(0.05)


def run(registry, company_id, batch, pause, barrier=None, parties=0):
    Snapshot = registry["order.archive.snapshot"]
    append = Snapshot._append_locked
    Run = registry["order.archive.run"]
    archive_batch = Run._archive_batch
    waited = []

    def synchronised_batch(self, *args, **kwargs):
        # The run has planned its batches (and committed itself): wait for the others.
        if not waited:
            waited.append(True)
            print(f"due {self.due_count}", flush=True)
            _wait_for(barrier, parties)
        return archive_batch(self, *args, **kwargs)

    if barrier:
        Run._archive_batch = synchronised_batch

    calls = []

    def slow_append(self, *args, **kwargs):
        snapshots = append(self, *args, **kwargs)
        calls.append(len(snapshots))
        # Written, not committed yet: the parent may kill us now (from the second batch on).
        print(f"appended {len(snapshots)}", flush=True)
        if len(calls) > 1:
            time.sleep(pause)
        return snapshots

    if pause:
        Snapshot._append_locked = slow_append
    with registry.cursor() as cr:
        env = _env(cr)
        company = env["res.company"].browse(company_id)
        run = (
            env["order.archive.run"]
            .with_company(company)
            ._start(company, "manual", batch_size=batch, commit=True)
        )
        print(f"done {run.id}", flush=True)


def check(registry, company_id):
    with registry.cursor() as cr:
        env = _env(cr)
        company = env["res.company"].browse(company_id)
        orders = env["sale.order"].search([("company_id", "=", company.id)])
        cr.execute(
            "SELECT sale_order_id, sequence FROM order_archive_snapshot WHERE company_id = %s",
            [company.id],
        )
        rows = cr.fetchall()
        chain = env["order.archive.chain"]._get_local(company)
        verification = chain._verify()
        print(
            json.dumps(
                {
                    "orders": len(orders),
                    "snapshots": len(rows),
                    "distinct_orders": len({r[0] for r in rows}),
                    "sequences": sorted(r[1] for r in rows),
                    "verified": verification.ok,
                    "break": verification.break_reason or None,
                }
            ),
            flush=True,
        )


def main():
    conf, db, mode, *args = sys.argv[1:]
    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    if mode == "setup":
        setup(registry, args[0], [int(count) for count in args[1:]])
    elif mode == "run":
        pause = float(args[2]) if len(args) > 2 else 0
        barrier, parties = (args[3], int(args[4])) if len(args) > 4 else (None, 0)
        run(registry, int(args[0]), int(args[1]), pause, barrier, parties)
    elif mode == "check":
        check(registry, int(args[0]))
        if len(args) > 1:
            run(registry, int(args[0]), int(args[1]), 0)
            check(registry, int(args[0]))


if __name__ == "__main__":
    main()
