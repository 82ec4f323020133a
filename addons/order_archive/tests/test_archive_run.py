# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta
from unittest.mock import patch

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

    def test_purge_at_expiry_deletes_the_live_orders(self):
        """With the sales-order policy on purge: at the approved expiry the orders go, with
        their lines, close-outs, PDFs and messages; their tombstones stay in the chain and
        the history search finds them; the audit trail records the deletion."""
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
        closeouts = self.env["mrp.order.closeout"].search(
            [("sale_order_id", "in", self.orders.ids)]
        )
        lines = self.orders.order_line
        names = set(self.orders.mapped("name"))
        for order in self.orders:
            order.message_post(body="The buyer's mobile is 138 0000 0000")
        with freeze_time(f"{max(snapshots.mapped('expiry_date'))} 12:00:00"):
            purge = self.env["order.archive.purge"]._cron_request()
            purge = purge.filtered(lambda p: p.company_id == self.company)
            purge.with_user(self.manager).action_approve()
        self.assertEqual((purge.state, purge.purged_count), ("done", 3))
        self.assertFalse(self.orders.exists(), "the live orders are deleted")
        self.assertFalse(lines.exists())
        self.assertFalse(closeouts.exists(), "their close-outs with them")
        self.assertFalse(live_pdfs.exists(), "the live orders' PDFs are deleted")
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "sale.order"), ("res_id", "in", self.orders.ids)]
            )
        )
        self.assertTrue(self.recent.exists(), "the order not expired stays")
        self.assertTrue(all(snapshots.mapped("tombstone")))
        self.assertFalse(snapshots.sale_order_id)
        self.assertEqual(set(snapshots.mapped("order_ref")), names)
        found = (
            self.env["order.archive.snapshot"]
            .with_user(self.auditor)
            .search([("company_id", "=", self.company.id), ("partner_name", "ilike", "chengdu")])
        )
        self.assertEqual(set(found.mapped("order_ref")), names)
        self.env.flush_all()
        self.env.cr.flush()
        deleted = self.env["order.archive.audit.log"].search(
            [("res_model", "=", "sale.order"), ("operation", "=", "unlink")]
        )
        self.assertEqual(set(deleted.mapped("res_name")) & names, names)
        result = self.verify()
        self.assertTrue(result.ok, (result.break_reason, result.break_detail))

    def test_order_that_cannot_be_deleted_is_kept_and_named(self):
        """One order's document refuses to go: the others are deleted, that one is kept
        (anonymised) and named in the expiry's chatter."""
        self.env["order.archive.policy"].search(
            [("company_id", "=", self.company.id), ("document_type", "=", "sale_order")]
        ).expiry_action = "purge"
        self.run_archive()
        stuck = self.orders[1]
        Closeout = type(self.env["mrp.order.closeout"])
        unlink = Closeout.unlink

        def refuse(records):
            if stuck in records.sale_order_id:
                raise UserError(records.env._("kept by another application"))
            return unlink(records)

        snapshots = self.snapshots(self.orders)
        with (
            patch.object(Closeout, "unlink", refuse),
            freeze_time(f"{max(snapshots.mapped('expiry_date'))} 12:00:00"),
        ):
            purge = self.env["order.archive.purge"]._cron_request()
            purge = purge.filtered(lambda p: p.company_id == self.company)
            purge.with_user(self.manager).action_approve()
        self.assertEqual(self.orders.exists(), stuck)
        self.assertFalse(stuck.client_order_ref, "kept, anonymised")
        self.assertIn(
            f"{stuck.name} was anonymised, not deleted: kept by another application",
            " ".join(purge.message_ids.mapped("body")),
        )
        self.assertTrue(all(snapshots.mapped("tombstone")))
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
