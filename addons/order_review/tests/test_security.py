# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users, visible_menu_xmlids

REVIEW_MENUS = {
    "order_review.menu_order_review",
    "order_review.menu_order_review_quotations",
    "order_review.menu_order_review_purchase_orders",
}


@tagged("post_install", "-at_install")
class TestOrderReviewSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.supplier = cls.env["res.partner"].create({"name": "Guangzhou Lace Works"})
        cls.lace = cls.env["product.product"].create({"name": "Lace trim 3 cm", "type": "consu"})
        cls.purchase = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier.id,
                "order_line": [
                    (0, 0, {"product_id": cls.lace.id, "product_qty": 500, "price_unit": 0.8})
                ],
            }
        )

    def test_review_menu_per_group(self):
        for role in ("reviewer", "planner", "approver", "auditor"):
            self.assertEqual(
                visible_menu_xmlids(self.env, self.users[role], "order_review"),
                REVIEW_MENUS,
                f"{role} sees the review menus",
            )
        for role in ("clerk", "archivist", "employee"):
            self.assertFalse(
                visible_menu_xmlids(self.env, self.users[role], "order_review"),
                f"{role} does not see the review menus",
            )

    def test_reviewers_read_purchase_orders_without_changing_them(self):
        for role in ("reviewer", "auditor"):
            purchase = self.purchase.with_user(self.users[role])
            self.assertEqual(purchase.order_line.product_qty, 500)
            with self.assertRaises(AccessError, msg=f"{role} must not change purchase orders"):
                purchase.write({"partner_ref": "changed"})
        with self.assertRaises(AccessError):
            self.purchase.with_user(self.users["clerk"]).read(["name"])
