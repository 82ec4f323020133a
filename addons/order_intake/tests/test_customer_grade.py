# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerGrade(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {"name": "Shenzhen Silk Road Retail", "is_company": True, "customer_grade": "a"}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Ms. Huang, buyer", "parent_id": cls.company.id}
        )
        cls.product = cls.env["product.product"].create({"name": "Bra 80C", "list_price": 65.0})

    def test_contacts_share_the_grade_of_their_company(self):
        self.assertEqual(self.buyer.customer_grade, "a")
        self.company.customer_grade = "c"
        self.assertEqual(self.buyer.customer_grade, "c", "a grade change reaches the contacts")

    def test_order_shows_the_grade_and_filters_by_it(self):
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.buyer
            with form.order_line.new() as line:
                line.product_id = self.product
                line.product_uom_qty = 24
        order = form.save()
        self.assertEqual(order.customer_grade, "a")
        other = self.env["sale.order"].create(
            {"partner_id": self.env["res.partner"].create({"name": "Walk-in"}).id}
        )
        self.assertFalse(other.customer_grade)
        a_orders = self.env["sale.order"].search([("customer_grade", "=", "a")])
        self.assertIn(order, a_orders)
        self.assertNotIn(other, a_orders)
        # The stored grade follows a later change of the customer's grade.
        self.company.customer_grade = "b"
        self.assertEqual(order.customer_grade, "b")
        self.assertIn(order, self.env["sale.order"].search([("customer_grade", "=", "b")]))
