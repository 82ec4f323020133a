# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .archive_common import ArchiveCase


@tagged("post_install", "-at_install")
class TestArchiveAccess(ArchiveCase):
    def test_access_per_group(self):
        # The manager runs the archive with the button.
        action = (
            self.env["order.archive.run"]
            .with_user(self.manager)
            .with_company(self.company)
            .action_run_archive()
        )
        run = self.env["order.archive.run"].browse(action["res_id"])
        self.assertEqual(run.snapshot_count, 3)
        snapshots = self.snapshots()
        # Auditors read, change nothing, run nothing.
        as_auditor = snapshots.with_user(self.auditor)
        self.assertEqual(len(as_auditor.read(["order_ref", "content"])), 3)
        self.assertTrue(as_auditor.attachment_ids.with_user(self.auditor).read(["raw"]))
        with self.assertRaises(AccessError):
            self.env["order.archive.run"].with_user(self.auditor).action_run_archive()
        with self.assertRaises(AccessError):
            self.env["order.archive.policy"].with_user(self.auditor).create(
                {"name": "x", "company_id": self.company.id, "document_type": "invoice"}
            )
        self.assertTrue(as_auditor.chain_id.with_user(self.auditor).action_verify())
        # Other users do not read the archive.
        with self.assertRaises(AccessError):
            snapshots.with_user(self.clerk).read(["order_ref"])
        # An Archive Manager of another company does not see this company's archive; an
        # auditor of another company does (auditors read the whole archive).
        other = self.env["res.company"].create({"name": "Archive Other Co"})
        foreign_manager = new_test_user(
            self.env,
            login="oa_test_foreign_manager",
            groups="base.group_user,order_intake.group_order_archive_manager",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        foreign_auditor = new_test_user(
            self.env,
            login="oa_test_foreign_auditor",
            groups="base.group_user,order_intake.group_order_auditor",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        Snapshot = self.env["order.archive.snapshot"]
        domain = [("id", "in", snapshots.ids)]
        as_other = Snapshot.with_context(allowed_company_ids=other.ids)
        self.assertFalse(as_other.with_user(foreign_manager).search(domain))
        self.assertEqual(as_other.with_user(foreign_auditor).search(domain), snapshots)
