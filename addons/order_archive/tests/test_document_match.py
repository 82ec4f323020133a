# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The matching rules in plain Python."""

from odoo.tests import BaseCase, tagged

from ..services.document_match import (
    BillLineCheck,
    Tolerance,
    check_bill_line,
    invoiced_over,
    worst_status,
)


@tagged("post_install", "-at_install")
class TestDocumentMatchService(BaseCase):
    def test_statuses(self):
        exact = Tolerance()
        self.assertEqual(check_bill_line(None, exact).status, "no_po")
        self.assertEqual(check_bill_line(BillLineCheck(8, 8, 10, 10), exact).status, "matched")
        result = check_bill_line(BillLineCheck(8, 10, 10, 10), exact)
        self.assertEqual((result.status, result.qty_over), ("qty_over_received", 2))
        result = check_bill_line(BillLineCheck(8, 8, 10, 10.5), exact)
        self.assertEqual((result.status, result.price_over), ("price_over_tolerance", 0.5))
        self.assertEqual(check_bill_line(BillLineCheck(8, 8, 10, 9), exact).status, "matched")

    def test_tolerance_edges(self):
        percent = Tolerance(percent=5)
        self.assertEqual(check_bill_line(BillLineCheck(8, 8, 10, 10.5), percent).status, "matched")
        self.assertEqual(
            check_bill_line(BillLineCheck(8, 8, 10, 10.51), percent).status,
            "price_over_tolerance",
        )
        # 8 x 0.5 = 4.00 over, in company currency at 2 per unit of bill currency: 8.00
        amount = Tolerance(amount=8)
        self.assertEqual(
            check_bill_line(BillLineCheck(8, 8, 10, 10.5, 2.0), amount).status, "matched"
        )
        self.assertEqual(
            check_bill_line(BillLineCheck(8, 8, 10, 10.5, 2.01), amount).status,
            "price_over_tolerance",
        )

    def test_amount_tolerance_weighs_this_bills_quantity(self):
        """8 billed before at the ordered 10, this bill 2 more at 10.5: 2 x 0.5 = 1.00 over on
        this bill, within an amount tolerance of 2 (all 10 at 0.5 would be 5.00)."""
        amount = Tolerance(amount=2)
        later = BillLineCheck(10, 10, 10, 10.5, quantity=2)
        self.assertEqual(check_bill_line(later, amount).status, "matched")
        bigger = BillLineCheck(10, 10, 10, 10.5, quantity=5)
        self.assertEqual(check_bill_line(bigger, amount).status, "price_over_tolerance")

    def test_worst_and_invoiced_over(self):
        self.assertEqual(worst_status(["matched", "no_po"]), "no_po")
        self.assertEqual(
            worst_status(["price_over_tolerance", "qty_over_received", "matched"]),
            "qty_over_received",
        )
        self.assertFalse(worst_status([False]))
        self.assertEqual(invoiced_over(6, 8), 2)
        self.assertEqual(invoiced_over(6, 6.004, rounding=0.01), 0.0)
