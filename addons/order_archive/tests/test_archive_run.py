# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

import psycopg2

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.order_archive.models import order_archive_snapshot as snapshot_model
from odoo.addons.order_archive.services import archive_chain
from odoo.addons.queue_job.tests.common import trap_jobs

from .archive_common import ArchiveCase


@tagged("post_install", "-at_install")
class TestArchiveRun(ArchiveCase):
    def test_policy_selection_and_timing(self):
        Run = self.env["order.archive.run"].with_company(self.company)
        self.company.oa_archive_orders = False
        with self.assertRaises(UserError):
            Run.with_user(self.manager).action_run_archive()
        Run._cron_archive()
        self.assertFalse(self.snapshots(), "nothing is archived while the company's setting is off")
        self.company.oa_archive_orders = True
        policy = self.env["order.archive.policy"].search(
            [("company_id", "=", self.company.id), ("document_type", "=", "sale_order")]
        )
        self.assertEqual(policy.archive_after_days, 90)
        self.assertEqual(
            len(self.env["order.archive.policy"].search([("company_id", "=", self.company.id)])),
            9,
            "a company turning the archive on gets a policy per document type",
        )
        run = self.run_archive(batch_size=2)
        self.assertEqual(run.due_count, 3)
        self.assertEqual(self.snapshots().sale_order_id, self.orders, "the recent one waits")
        self.assertEqual(self.snapshots().mapped("sequence"), [1, 2, 3])
        # 10 days after closing the order is due under a 7-day policy; it is kept as long as
        # its longest-kept document: the close-out's policy, 12 years here.
        self.env["order.archive.policy"].search(
            [("company_id", "=", self.company.id), ("document_type", "=", "closeout")]
        ).keep_years = 12
        policy.archive_after_days = 7
        self.run_archive()
        self.assertEqual(self.snapshots().sale_order_id, self.orders | self.recent)
        snapshot = self.snapshots(self.recent)
        self.assertEqual(snapshot.date_closed, self.today - timedelta(10))
        self.assertEqual(snapshot.expiry_date.year, snapshot.date_closed.year + 12)
        first = self.snapshots(self.orders)[0]
        self.assertEqual(first.expiry_date.year, first.date_closed.year + 10, "archived before")
        self.assertTrue(self.verify().ok)

    def test_snapshot_content_rerun_and_search(self):
        self.run_archive()
        snapshots = self.snapshots()
        self.assertEqual(len(snapshots), 3)
        order = self.orders[0]
        snapshot = snapshots.filtered(lambda s: s.sale_order_id == order)
        document = json.loads(snapshot.content)
        self.assertEqual(document["order"]["name"], order.name)
        self.assertEqual(document["order"]["amount_total"], "100.000000")
        self.assertEqual(document["customer"]["name"], "Chengdu Bra Wholesale")
        self.assertEqual(len(document["lines"]), 1)
        self.assertEqual(document["closeouts"][0]["date_closed"], str(snapshot.date_closed))
        self.assertEqual(len(document["attachments"]), 1)
        self.assertEqual(
            snapshot.attachment_ids.raw, f"%PDF-1.4 order {order.name} {order.id}".encode()
        )
        self.assertEqual(
            document["attachments"][0]["sha256"], archive_chain.sha256(snapshot.attachment_ids.raw)
        )
        self.assertEqual(snapshot.content_digest, archive_chain.sha256(snapshot.content.encode()))
        self.assertIn("Chengdu Bra Wholesale", snapshot.content_html)
        # Stable: the same order read again gives the same bytes.
        rebuilt = self.env["order.archive.snapshot"]._build_documents(order)[order.id][0]
        self.assertEqual(archive_chain.canonical_json(rebuilt).decode(), snapshot.content)
        # A rerun adds nothing.
        rerun = self.run_archive()
        self.assertEqual((rerun.due_count, len(self.snapshots())), (0, 3))
        # History search by customer, product, number and amount.
        Snapshot = self.env["order.archive.snapshot"].with_user(self.auditor)
        # the test company's (the demo archives a Chengdu order of its own)
        ours = [("company_id", "=", self.company.id)]
        self.assertEqual(len(Snapshot.search([*ours, ("partner_name", "ilike", "chengdu")])), 3)
        self.assertEqual(len(Snapshot.search([*ours, ("product_names", "ilike", "lace bra")])), 3)
        self.assertEqual(Snapshot.search([("order_ref", "=", order.name)]), snapshot)
        self.assertEqual(Snapshot.search([("amount_total", "=", 100.0)]), snapshot)

    def test_purge_at_expiry_removes_the_live_pdfs(self):
        policy = self.env["order.archive.policy"].search(
            [("company_id", "=", self.company.id), ("document_type", "=", "sale_order")]
        )
        policy.expiry_action = "purge"
        self.run_archive()
        snapshots = self.snapshots(self.orders)
        self.assertEqual(set(snapshots.mapped("expiry_action")), {"purge"})
        live_pdfs = self.env["ir.attachment"].search(
            [("res_model", "=", "sale.order"), ("res_id", "in", self.orders.ids)]
        )
        self.assertEqual(len(live_pdfs), 3)
        with freeze_time(f"{max(snapshots.mapped('expiry_date'))} 12:00:00"):
            purge = self.env["order.archive.purge"]._cron_request()
            purge = purge.filtered(lambda p: p.company_id == self.company)
            purge.with_user(self.manager).action_approve()
        self.assertFalse(live_pdfs.exists(), "the live orders' PDFs are purged")
        self.assertTrue(all(snapshots.mapped("tombstone")))
        self.assertEqual(set(snapshots.mapped("order_ref")), set(self.orders.mapped("name")))
        result = self.verify()
        self.assertTrue(result.ok, (result.break_reason, result.break_detail))

    def test_background_jobs_keep_the_chain(self):
        self.company.oa_archive_in_background = True
        with trap_jobs() as trap:
            run = self.run_archive(batch_size=1)
            trap.assert_jobs_count(3, only=self.env["order.archive.run"]._archive_batch_job)
            self.assertFalse(self.snapshots())
            # The jobs in reverse order, each one twice (a retried job): one snapshot per order.
            for job in reversed(trap.enqueued_jobs):
                job.perform()
                job.perform()
        self.assertEqual(run.snapshot_count, 3)
        self.assertEqual(self.snapshots().mapped("sequence"), [1, 2, 3])
        self.assertTrue(self.verify().ok)


@tagged("post_install", "-at_install")
class TestArchiveParallelAppend(ArchiveCase):
    def test_second_connection_holding_the_chain_makes_the_append_wait(self):
        """Two database connections: while another one appends to the company's chain (it
        holds the chain's lock), this one waits (here: gives up after 200 ms, nothing
        written); once the other is done, it appends after it."""
        chain = self.chain()
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute(
                "SELECT pg_advisory_lock(%s, %s)", (snapshot_model.LOCK_NAMESPACE, chain.id)
            )
            Run = self.env["order.archive.run"].with_company(self.company)
            with (
                self.assertRaises(psycopg2.errors.LockNotAvailable),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute("SET LOCAL lock_timeout = '200ms'")
                Run._start(self.company, "manual", commit=False)
            self.assertFalse(self.snapshots(), "nothing written while the other appends")
            other.execute(
                "SELECT pg_advisory_unlock(%s, %s)", (snapshot_model.LOCK_NAMESPACE, chain.id)
            )
        finally:
            other.close()
        self.env.cr.execute("SET LOCAL lock_timeout = 0")
        self.run_archive()
        self.assertEqual(self.snapshots().mapped("sequence"), [1, 2, 3])
        self.assertTrue(self.verify().ok)
