# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import json
import zipfile

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL, mute_logger

from .archive_common import ArchiveCase


@tagged("post_install", "-at_install")
class TestArchiveChain(ArchiveCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["order.archive.run"].with_company(cls.company)._start(
            cls.company, "manual", commit=False
        )
        cls.archived = cls.env["order.archive.snapshot"].search(
            [("sale_order_id", "in", cls.orders.ids)], order="sequence"
        )

    def tamper(self, query):
        """What someone with the database owner's rights could do: the trigger off, a change."""
        self.env.flush_all()
        self.env.cr.execute(
            "ALTER TABLE order_archive_snapshot DISABLE TRIGGER order_archive_snapshot_readonly"
        )
        self.env.cr.execute(query)
        self.env.cr.execute(
            "ALTER TABLE order_archive_snapshot ENABLE TRIGGER order_archive_snapshot_readonly"
        )
        self.env.invalidate_all()

    def assertBreak(self, position, reason):
        result = self.verify()
        self.assertFalse(result.ok)
        self.assertEqual((result.break_sequence, result.break_reason), (position, reason))
        return result

    def test_read_only_for_orm_and_sql(self):
        snapshot = self.archived[0]
        with self.assertRaises(UserError):
            snapshot.write({"partner_name": "Someone else"})
        with self.assertRaises(UserError):
            snapshot.unlink()
        with self.assertRaises(UserError):
            snapshot.attachment_ids.unlink()
        for query in (
            SQL("UPDATE order_archive_snapshot SET amount_total = 1 WHERE id = %s", snapshot.id),
            SQL("DELETE FROM order_archive_snapshot WHERE id = %s", snapshot.id),
        ):
            with (
                self.assertRaises(psycopg2.errors.InsufficientPrivilege),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(query)
        self.assertTrue(self.verify().ok)

    def test_verification_names_changed_byte(self):
        second = self.archived[1]
        self.tamper(
            SQL(
                "UPDATE order_archive_snapshot SET content = replace(content, 'Chengdu',"
                " 'Chengdo') WHERE id = %s",
                second.id,
            )
        )
        self.assertBreak(2, "changed_content")

    def test_verification_names_removed_snapshot(self):
        self.tamper(SQL("DELETE FROM order_archive_snapshot WHERE id = %s", self.archived[1].id))
        self.assertBreak(3, "removed")
        # The last one removed: the head still knows how long the chain was.
        self.tamper(SQL("DELETE FROM order_archive_snapshot WHERE id = %s", self.archived[2].id))
        self.assertBreak(3, "removed")

    def test_verification_names_reordered_pair(self):
        first, second = self.archived[0], self.archived[1]
        self.tamper(
            SQL(
                "UPDATE order_archive_snapshot SET sequence = -1 WHERE id = %(first)s;"
                "UPDATE order_archive_snapshot SET sequence = 1 WHERE id = %(second)s;"
                "UPDATE order_archive_snapshot SET sequence = 2 WHERE id = %(first)s;",
                first=first.id,
                second=second.id,
            )
        )
        self.assertEqual(self.archived.sorted("sequence")[0], second)
        self.assertBreak(1, "reordered")

    def test_verification_names_changed_attachment(self):
        attachment = self.archived[2].attachment_ids
        attachment.with_context(order_archive_tombstone=True).write({"raw": b"%PDF-1.4 forged"})
        result = self.assertBreak(3, "changed_attachment")
        self.assertEqual(result.break_detail, attachment.name)
        # The printable report, in English and Chinese.
        for lang in ("en_US", "zh_CN"):
            html = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_html("order_archive.report_verification", result.ids)[0]
            )
            self.assertIn(self.archived[2].order_ref.encode(), html)

    def test_purge_with_approval_leaves_a_verifying_tombstone(self):
        expired = max(self.archived.mapped("expiry_date"))
        with freeze_time(f"{expired} 12:00:00"):
            purge = self.env["order.archive.purge"]._cron_request()
        purge = purge.filtered(lambda p: p.company_id == self.company)
        self.assertEqual(purge.snapshot_ids, self.archived)
        with self.assertRaises(AccessError):
            purge.with_user(self.auditor).action_approve()
        # a dispute: the first order goes under legal hold before the expiry is approved
        held = self.orders[0]
        self.env["order.archive.hold"].with_user(self.manager).create(
            {"scope": "order", "order_id": held.id, "reason": "Dispute over the lace colour"}
        )
        with freeze_time(f"{expired} 15:00:00"):
            purge.with_user(self.manager).action_approve()
        self.assertEqual((purge.state, purge.purged_count, purge.held_count), ("done", 2, 1))
        self.assertEqual(purge.approved_by_id, self.manager)
        kept, *purged = self.archived
        self.assertFalse(kept.tombstone)
        for snapshot in purged:
            self.assertTrue(snapshot.tombstone)
            self.assertTrue(json.loads(snapshot.content)["tombstone"])
            self.assertNotIn("Chengdu", snapshot.content)
            self.assertFalse(snapshot.attachment_ids)
            # Still found by the history search.
            self.assertEqual(snapshot.partner_name, "Chengdu Bra Wholesale")
        anonymised = purged[0].sale_order_id
        self.assertTrue(anonymised.exists(), "anonymised (the sales policy's action), not deleted")
        self.assertFalse(anonymised.client_order_ref, "the customer's reference blanked")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "sale.order"), ("res_id", "=", anonymised.id)]
            ),
            "its PDF deleted",
        )
        self.assertFalse(anonymised.message_ids, "its messages deleted")
        self.assertTrue(held.client_order_ref, "the held order is untouched")
        self.assertTrue(
            self.env["ir.attachment"].search(
                [("res_model", "=", "sale.order"), ("res_id", "=", held.id)]
            ),
            "the held order keeps its PDF",
        )
        # the customer still has live orders (the held one, one closed recently): kept as is
        self.assertEqual(self.customer.name, "Chengdu Bra Wholesale")
        self.assertEqual(self.customer.email, "buyer@chengdu.example")
        result = self.verify()
        self.assertTrue(result.ok, (result.break_reason, result.break_detail))
        with self.assertRaises(UserError):
            purge.with_user(self.manager).action_approve()

    def test_expiry_anonymises_contacts_no_live_document_uses(self):
        """A customer whose every order expired is anonymised with the orders' addresses; a
        contact another live document still names stays as it is."""
        shop = self.env["res.partner"].create(
            {"name": "Wuhan Corner Shop", "email": "owner@wuhan.example", "phone": "027 1234"}
        )
        dock = self.env["res.partner"].create(
            {"name": "Wuhan dock", "type": "delivery", "parent_id": shop.id, "street": "1 Quay"}
        )
        shared = self.env["res.partner"].create(
            {"name": "Shared invoicing office", "email": "ap@shared.example"}
        )
        order = self._closed_orders(
            [100],
            partner_id=shop.id,
            partner_shipping_id=dock.id,
            partner_invoice_id=shared.id,
        )
        other = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "partner_invoice_id": shared.id}
        )
        self.run_archive()
        snapshot = self.env["order.archive.snapshot"].search([("sale_order_id", "=", order.id)])
        with freeze_time(f"{snapshot.expiry_date} 12:00:00"):
            purge = self.env["order.archive.purge"]._cron_request()
            purge = purge.filtered(lambda p: p.company_id == self.company)
            purge.with_user(self.manager).action_approve()
        self.assertTrue(snapshot.tombstone)
        for contact in (shop, dock):
            self.assertRegex(contact.name, r"^Anonymised contact \d+$")
            self.assertFalse(contact.email or contact.phone or contact.street)
        self.assertEqual(shared.name, "Shared invoicing office", "another order names it")
        self.assertEqual(shared.email, "ap@shared.example")
        self.assertTrue(other.exists())
        self.assertEqual(snapshot.partner_name, "Wuhan Corner Shop", "the search copy stays")

    def test_export_of_an_excerpt_with_a_gap_verifies(self):
        """An auditor exports the first and the third snapshot only: the second travels as
        its digests (no content, no customer), and the imported excerpt verifies; a changed
        digest of that link is still found."""
        first, second, third = self.archived
        transfer = (
            self.env["order.archive.transfer"]
            .with_user(self.auditor)
            .create({"mode": "export", "snapshot_ids": [(6, 0, (first | third).ids)]})
        )
        transfer.action_export()
        data = base64.b64decode(transfer.data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        gap = manifest["snapshots"][1]
        self.assertEqual((gap["sequence"], gap["omitted"]), (second.sequence, True))
        self.assertNotIn("partner_name", gap)
        self.assertNotIn("file", gap)
        Transfer = self.env["order.archive.transfer"].with_user(self.manager)
        Transfer.create({"mode": "import", "data": base64.b64encode(data)}).action_import()
        imported = self.env["order.archive.chain"].search([("source_key", "=", self.chain().key)])
        result = imported.last_verification_id
        self.assertTrue(result.ok, (result.break_reason, result.break_detail))
        snapshots = imported.snapshot_ids.sorted("sequence")
        self.assertEqual(snapshots.mapped("omitted"), [False, True, False])
        self.assertFalse(snapshots[1].partner_name)
        self.assertEqual(snapshots[1].order_ref, second.order_ref)
        self.assertEqual(snapshots[2].partner_name, "Chengdu Bra Wholesale")
        # the link's digest forged: the excerpt no longer verifies
        self.tamper(
            SQL(
                "UPDATE order_archive_snapshot SET content_digest = 'forged' WHERE id = %s",
                snapshots[1].id,
            )
        )
        self.assertFalse(imported._verify().ok)

    def test_tombstone_only_through_an_approved_expiry(self):
        """Turning on the purge's setting by hand does not let SQL wipe a snapshot; a wipe
        with the trigger off is named by the verification."""
        snapshot = self.archived[1]
        self.env.flush_all()
        wipe = SQL(
            "UPDATE order_archive_snapshot SET tombstone = true, content = '{}' WHERE id = %s",
            snapshot.id,
        )

        def wipe_with_the_setting_on():
            with (
                self.assertRaises(psycopg2.errors.InsufficientPrivilege),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute("SELECT set_config('order_archive.purge', 'approved', true)")
                self.env.cr.execute(wipe)
            self.env.cr.execute("SELECT set_config('order_archive.purge', '', true)")

        wipe_with_the_setting_on()
        self.assertTrue(self.verify().ok)
        # an expiry waiting for approval (not yet carried out by an approver) is no licence
        expired = max(self.archived.mapped("expiry_date"))
        with freeze_time(f"{expired} 12:00:00"):
            self.env["order.archive.purge"]._cron_request()
        wipe_with_the_setting_on()
        # with the trigger off, the digests kept: the chain's links hold, the approval does not
        self.tamper(wipe)
        result = self.assertBreak(2, "unapproved_tombstone")
        self.assertEqual(result.snapshot_id, snapshot)

    def test_export_import_and_verify_again(self):
        transfer = (
            self.env["order.archive.transfer"]
            .with_user(self.auditor)
            .create({"mode": "export", "snapshot_ids": [(6, 0, self.archived.ids)]})
        )
        transfer.action_export()
        data = base64.b64decode(transfer.data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            self.assertEqual(
                [entry["digest"] for entry in manifest["snapshots"]], self.archived.mapped("digest")
            )
            self.assertEqual(len([n for n in archive.namelist() if n.endswith(".pdf")]), 3)
        Transfer = self.env["order.archive.transfer"].with_user(self.manager)
        Transfer.create({"mode": "import", "data": base64.b64encode(data)}).action_import()
        imported = self.env["order.archive.chain"].search([("imported", "=", True)])
        imported = imported.filtered(lambda c: c.source_key == self.chain().key)
        self.assertEqual(len(imported.snapshot_ids), 3)
        self.assertTrue(imported.last_verification_id.ok)
        self.assertEqual(imported.last_verification_id.trigger, "import")
        # Importing again adds nothing; a changed byte in a ZIP is found on import.
        Transfer.create({"mode": "import", "data": base64.b64encode(data)}).action_import()
        self.assertEqual(len(imported.snapshot_ids), 3)
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
            for name in source.namelist():
                content = source.read(name)
                if name == manifest["snapshots"][1]["file"]:
                    content = content.replace(b"Chengdu", b"Chengdo")
                target.writestr(name, content)
        other = self.env["order.archive.snapshot"].sudo()
        self.tamper(SQL("DELETE FROM order_archive_snapshot WHERE chain_id = %s", imported.id))
        imported.with_context(order_archive_append=True).sudo().unlink()
        other.flush_model()
        Transfer.create(
            {"mode": "import", "data": base64.b64encode(buffer.getvalue())}
        ).action_import()
        again = self.env["order.archive.chain"].search([("source_key", "=", self.chain().key)])
        self.assertEqual(again.last_verification_id.break_reason, "changed_content")
        self.assertEqual(again.last_verification_id.break_sequence, 2)
        with self.assertRaises(UserError):
            Transfer.create(
                {"mode": "import", "data": base64.b64encode(b"not a zip")}
            ).action_import()
