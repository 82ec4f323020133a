# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import create_role_users, visible_menu_xmlids


@tagged("post_install", "-at_install")
class TestOrderManagementSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.customer = cls.env["res.partner"].create({"name": "Rose Lingerie Trading"})
        cls.product = cls.env["product.product"].create(
            {"name": "Bra 75B, lace", "list_price": 59.0, "type": "consu"}
        )

    def _new_order(self, user):
        return (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 12})],
                }
            )
        )

    def test_groups_form_one_category_with_their_implied_chains(self):
        category = self.env.ref("order_intake.module_category_order_management")
        groups = self.env["res.groups"].search([("category_id", "=", category.id)])
        self.assertEqual(
            set(groups.get_external_id().values()),
            {
                "order_intake.group_order_clerk",
                "order_intake.group_order_reviewer",
                "order_intake.group_order_planner",
                "order_intake.group_order_approver",
                "order_intake.group_order_archive_manager",
                "order_intake.group_order_auditor",
                "order_intake.group_order_intake_override",
            },
        )
        reviewer = self.env.ref("order_intake.group_order_reviewer")
        for role in ("planner", "approver"):
            self.assertIn(reviewer, self.users[role].groups_id, f"a {role} takes part in reviews")
        self.assertTrue(self.users["clerk"].has_group("sales_team.group_sale_salesman_all_leads"))
        # The auditor is read-only: it implies no group that may write orders.
        self.assertFalse(self.users["auditor"].has_group("sales_team.group_sale_salesman"))
        self.assertFalse(self.users["auditor"].has_group("order_intake.group_order_clerk"))

    def test_clerk_enters_orders(self):
        order = self._new_order(self.users["clerk"])
        order.with_user(self.users["clerk"]).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_reviewer_and_auditor_read_but_cannot_change_orders(self):
        order = self._new_order(self.users["clerk"])
        for role in ("reviewer", "auditor"):
            user = self.users[role]
            as_user = order.with_user(user)
            self.assertEqual(as_user.partner_id, self.customer)
            self.assertEqual(as_user.order_line.product_uom_qty, 12)
            with self.assertRaises(AccessError, msg=f"{role} must not write orders"):
                as_user.write({"client_order_ref": "changed"})
            with self.assertRaises(AccessError, msg=f"{role} must not create orders"):
                self._new_order(user)
            with self.assertRaises(AccessError, msg=f"{role} must not delete orders"):
                as_user.unlink()

    def test_plain_employee_cannot_read_orders(self):
        order = self._new_order(self.users["clerk"])
        with self.assertRaises(AccessError):
            order.with_user(self.users["employee"]).read(["name"])

    def test_intake_menu_per_group(self):
        expected = {
            "order_intake.menu_order_management_root",
            "order_intake.menu_order_intake",
            "order_intake.menu_order_intake_sale_orders",
            "order_intake.menu_order_intake_customers",
        }
        for role in ("reviewer", "planner", "approver", "auditor"):
            self.assertEqual(
                visible_menu_xmlids(self.env, self.users[role], "order_intake"),
                expected,
                f"{role} sees the intake menus",
            )
        self.assertEqual(
            visible_menu_xmlids(self.env, self.users["clerk"], "order_intake"),
            expected | {"order_intake.menu_order_intake_import"},
            "the clerk also imports orders",
        )
        self.assertNotIn(
            "order_intake.menu_order_intake",
            visible_menu_xmlids(self.env, self.users["archivist"], "order_intake"),
            "the archive manager does not see the intake section",
        )
        self.assertFalse(
            visible_menu_xmlids(self.env, self.users["employee"], "order_intake"),
            "a user of none of the suite's groups does not see the application",
        )
