# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users, visible_menu_xmlids

ARCHIVE_MENUS = {
    "order_archive.menu_order_archive",
    "order_archive.menu_order_archive_order_history",
    "order_archive.menu_order_archive_customer_invoices",
    "order_archive.menu_order_archive_vendor_bills",
    "order_archive.menu_order_archive_bills_to_check",
    "order_archive.menu_order_archive_delivered_not_invoiced",
    "order_archive.menu_order_archive_received_not_billed",
    "order_archive.menu_order_archive_kpi",
    "order_archive.menu_account_order_kpi",
    "order_archive.menu_order_archive_dashboard",
    "order_archive.menu_account_order_control",
    # the same lists in the Accounting application, for whoever reads the books
    "order_archive.menu_account_bills_to_check",
    "order_archive.menu_account_delivered_not_invoiced",
    "order_archive.menu_account_received_not_billed",
}
# The archive itself (#13): auditors read it, Archive Managers also run and import it.
ARCHIVE_READER_MENUS = {
    "order_archive.menu_order_archive_snapshots",
    "order_archive.menu_order_archive_chains",
    "order_archive.menu_order_archive_runs",
    "order_archive.menu_order_archive_verifications",
    "order_archive.menu_order_archive_purges",
    "order_archive.menu_order_archive_policies",
}
ARCHIVE_MANAGER_MENUS = ARCHIVE_READER_MENUS | {
    "order_archive.menu_order_archive_run_now",
    "order_archive.menu_order_archive_import",
}
# legal holds and the audit trail: archive managers and auditors only
HOLD_MENUS = {
    "order_archive.menu_order_archive_hold",
    "order_archive.menu_order_archive_audit_log",
    "order_archive.menu_order_archive_config",
    "order_archive.menu_order_archive_audit_rule",
}


@tagged("post_install", "-at_install")
class TestOrderArchiveSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.customer = cls.env["res.partner"].create({"name": "Hangzhou Department Store"})
        cls.order = cls.env["sale.order"].create({"partner_id": cls.customer.id})

    def test_archive_menu_per_group(self):
        for role, menus in (
            ("archivist", ARCHIVE_MENUS | ARCHIVE_MANAGER_MENUS | HOLD_MENUS),
            ("approver", ARCHIVE_MENUS),
            ("auditor", ARCHIVE_MENUS | ARCHIVE_READER_MENUS | HOLD_MENUS),
        ):
            self.assertEqual(
                visible_menu_xmlids(self.env, self.users[role], "order_archive"),
                menus,
                f"{role} sees the archive menus",
            )
        for role in ("clerk", "reviewer", "planner", "employee"):
            self.assertFalse(
                visible_menu_xmlids(self.env, self.users[role], "order_archive"),
                f"{role} does not see the archive menus",
            )

    def test_archive_manager_reads_orders_and_books_but_changes_nothing(self):
        archivist = self.users["archivist"]
        self.assertTrue(archivist.has_group("account.group_account_readonly"))
        self.assertFalse(archivist.has_group("account.group_account_invoice"))
        order = self.order.with_user(archivist)
        self.assertEqual(order.partner_id, self.customer)
        with self.assertRaises(AccessError):
            order.write({"note": "changed"})
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(archivist).create(
                {"move_type": "out_invoice", "partner_id": self.customer.id}
            )
