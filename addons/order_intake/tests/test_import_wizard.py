# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

CSV_HEADER = "customer,customer_reference,product,quantity,price,requested_date\n"


@tagged("post_install", "-at_install")
class TestImportWizard(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env, login="import_clerk", groups="order_intake.group_order_clerk"
        )
        cls.channel = cls.env.ref("order_intake.channel_email")
        cls.customer = cls.env["res.partner"].create({"name": "Nanjing Bridal", "ref": "NJB"})
        cls.env["product.product"].create(
            [
                {"name": "Bridal Bra 75B", "default_code": "BRI-75B", "list_price": 150.0},
                {"name": "Bridal Bra 80C", "default_code": "BRI-80C", "list_price": 150.0},
            ]
        )

    def _wizard(self, content, filename="orders.csv"):
        data = content.encode() if isinstance(content, str) else content
        return (
            self.env["order.intake.import.wizard"]
            .with_user(self.clerk)
            .create(
                {
                    "channel_id": self.channel.id,
                    "file": base64.b64encode(data),
                    "filename": filename,
                }
            )
        )

    def _orders(self):
        return self.env["sale.order"].search([("partner_id", "=", self.customer.id)])

    def test_good_rows_become_orders_bad_rows_come_back_with_their_reason(self):
        wizard = self._wizard(
            CSV_HEADER
            + "NJB,PO-1,BRI-75B,20,,2030-05-01\n"
            + "NJB,PO-1,BRI-80C,10,,2030-05-01\n"
            + "NJB,PO-2,BRI-75B,5,,2030-05-01\n"
            + "NJB,PO-2,NO-SUCH,5,,2030-05-01\n"
            + "NOBODY,PO-3,BRI-75B,5,,2030-05-01\n"
            + "NJB,PO-4,BRI-80C,abc,,2030-05-01\n"
        )
        wizard.action_import()
        rows = {line.row: line for line in wizard.line_ids}
        self.assertEqual(sorted(rows), [2, 3, 4, 5, 6, 7], "every row comes back")
        created = self._orders()
        self.assertEqual(created.mapped("client_order_ref"), ["PO-1"])
        self.assertEqual(len(created.order_line), 2)
        self.assertTrue(created.name.startswith("EM"))
        self.assertEqual(rows[2].status, "created")
        self.assertEqual(rows[2].order_id, created)
        self.assertEqual(rows[5].status, "failed")
        self.assertIn("NO-SUCH", rows[5].message)
        self.assertEqual(rows[4].status, "failed", "an order is created whole or not at all")
        self.assertIn("row 5", rows[4].message)
        self.assertIn("Unknown customer", rows[6].message)
        self.assertIn("quantity", rows[7].message)
        self.assertEqual((wizard.created_count, wizard.failed_count), (2, 4))

    def test_xlsx_file(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Customer", "Customer_Reference", "Product", "Quantity", "Price"])
        sheet.append(["NJB", "X-1", "BRI-75B", 3, 140])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self._wizard(buffer.getvalue(), filename="orders.xlsx")
        wizard.action_import()
        self.assertEqual(wizard.line_ids.status, "created")
        self.assertEqual(self._orders().order_line.price_unit, 140)

    def test_unusable_files_are_refused_clearly(self):
        with self.assertRaisesRegex(UserError, "Columns missing in the file: quantity"):
            self._wizard("customer,product\nNJB,BRI-75B\n").action_import()
        with self.assertRaisesRegex(UserError, "no row"):
            self._wizard(CSV_HEADER).action_import()
        with self.assertRaisesRegex(UserError, ".csv or .xlsx"):
            self._wizard("x", filename="orders.pdf").action_import()
        self.assertFalse(self._orders())

    def test_only_clerks_import(self):
        employee = new_test_user(self.env, login="import_employee", groups="base.group_user")
        with self.assertRaises(UserError):  # AccessError
            self.env["order.intake.import.wizard"].with_user(employee).create(
                {"channel_id": self.channel.id, "file": base64.b64encode(b"x")}
            )
