# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No double invoicing, and the lists of missed invoicing."""

from datetime import datetime

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AccountantCase


@tagged("post_install", "-at_install")
class TestInvoiceDouble(AccountantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bra = cls.product("Double bra", invoice_policy="delivery", list_price=50.0)
        cls.fitting = cls.product(
            "Double fitting", type="service", is_storable=False, invoice_policy="order"
        )
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": cls.bra.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "inventory_quantity": 100,
            }
        ).action_apply_inventory()
        cls.salesman = cls.env["res.users"].search([("login", "=", "oms_test_clerk")])

    def sale(self, product=None, qty=10, price=50.0):
        product = product or self.bra
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def invoice(self, order, qty, move_type="out_invoice"):
        line = order.order_line.filtered(lambda ln: not ln.display_type and not ln.is_downpayment)
        return self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.customer.id,
                "invoice_date": fields.Date.context_today(self.env.user),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "quantity": qty,
                            "price_unit": line.price_unit,
                            "tax_ids": [Command.clear()],
                            "sale_line_ids": [Command.set(line.ids)],
                        }
                    )
                ],
            }
        )

    def test_invoicing_above_delivered_is_refused(self):
        self.company.oa_invoice_double_policy = True
        order = self.sale()
        self.deliver(order, 6)
        first = order._create_invoices()
        self.assertEqual(first.invoice_line_ids.quantity, 6)
        first.with_user(self.billing).action_post()
        second = self.invoice(order, 2)
        with self.assertRaisesRegex(
            UserError, r"Double bra: invoiced 8.0 for 6.0 delivered \(2.0 too many\)"
        ):
            second.with_user(self.billing).action_post()
        self.assertTrue(second.with_user(self.controller).oa_needs_override)
        # the rest delivered: the same invoice now passes (partial deliveries add up)
        self.deliver(order, 4)
        second.with_user(self.billing).action_post()
        self.assertEqual(second.state, "posted")

    def test_credit_notes_are_deducted(self):
        self.company.oa_invoice_double_policy = True
        order = self.sale()
        self.deliver(order, 6)
        self.invoice(order, 6).action_post()
        self.invoice(order, 2, move_type="out_refund").with_user(self.billing).action_post()
        again = self.invoice(order, 2)
        again.with_user(self.billing).action_post()
        self.assertEqual(again.state, "posted", "6 - 2 + 2 = 6 delivered")
        with self.assertRaisesRegex(UserError, r"invoiced 7.0 for 6.0 delivered"):
            self.invoice(order, 1).with_user(self.billing).action_post()

    def test_service_is_limited_by_ordered_quantity_and_overridden(self):
        self.company.oa_invoice_double_policy = True
        order = self.sale(self.fitting, qty=5, price=20.0)
        self.invoice(order, 5).action_post()
        extra = self.invoice(order, 1)
        with self.assertRaisesRegex(UserError, r"invoiced 6.0 for 5.0 ordered"):
            extra.with_user(self.billing).action_post()
        with self.assertRaises(AccessError):
            extra.with_user(self.billing)._oa_override("Extra fitting agreed")
        wizard = (
            self.env["order.archive.match.override"]
            .with_user(self.controller)
            .create({"move_ids": [Command.set(extra.ids)], "reason": "Extra fitting agreed"})
        )
        self.assertIn("invoiced 6.0 for 5.0 ordered", wizard.problems)
        wizard.action_post()
        self.assertEqual(extra.state, "posted")
        self.assertEqual(extra.oa_match_override_reason, "Extra fitting agreed")

    def test_down_payment_then_final_invoice(self):
        """A down payment (an amount, ordered as 0 by Odoo) and the final invoice deducting it
        are posted; the final invoice is still held to what was delivered."""
        self.company.oa_invoice_double_policy = True
        order = self.sale()
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids, active_id=order.id)
            .create({"advance_payment_method": "percentage", "amount": 30})
        )
        wizard.create_invoices()
        down = order.invoice_ids
        self.assertEqual(down.amount_untaxed, 150.0)
        down.with_user(self.billing).action_post()
        self.assertEqual(down.state, "posted")
        self.deliver(order, 6)
        final = order._create_invoices(final=True)
        self.assertEqual(final.amount_untaxed, 300.0 - 150.0, "6 delivered less the down payment")
        final.with_user(self.billing).action_post()
        self.assertEqual(final.state, "posted")
        with self.assertRaisesRegex(UserError, r"invoiced 7.0 for 6.0 delivered"):
            self.invoice(order, 1).with_user(self.billing).action_post()

    def test_policy_off_invoices_as_odoo(self):
        self.assertFalse(self.company.oa_invoice_double_policy)
        order = self.sale()
        self.deliver(order, 6)
        over = self.invoice(order, 9)
        over.with_user(self.billing).action_post()
        self.assertEqual(over.state, "posted")

    # Missed invoicing ---------------------------------------------------------------------------
    def test_delivered_not_invoiced_and_received_not_billed(self):
        order = self.sale()
        picking = self.deliver(order, 6)
        picking.move_ids.date = datetime(2030, 6, 5, 12, 0)
        Missed = self.env["order.archive.uninvoiced"].with_user(self.billing)
        self.env.flush_all()
        rows = Missed.search([("sale_order_id", "=", order.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(
            (rows.kind, rows.qty, rows.amount, rows.partner_id, rows.user_id),
            ("sale", 6, 300.0, self.customer, self.salesman),
        )
        self.assertEqual(rows.date_done, fields.Date.to_date("2030-06-05"))
        self.assertEqual(
            rows.age_days,
            (fields.Date.context_today(rows) - fields.Date.to_date("2030-06-05")).days,
        )
        by_customer = Missed._read_group(
            [("kind", "=", "sale"), ("partner_id", "=", self.customer.id)],
            ["partner_id", "user_id"],
            ["amount:sum"],
        )
        self.assertEqual(by_customer, [(self.customer, self.salesman, 300.0)])
        before = Missed.get_tile_counts()["sale"]
        invoice = order._create_invoices()
        self.env.flush_all()
        Missed.invalidate_model()  # a SQL view: read it again
        rows = Missed.search([("sale_order_id", "=", order.id)])
        self.assertEqual(
            (rows.qty, rows.qty_draft, rows.amount),
            (6, 6, 300.0),
            "a draft invoice is not sent: still to invoice, its quantity shown beside",
        )
        self.assertFalse(Missed.search([("sale_order_id", "=", order.id), ("qty_draft", "=", 0)]))
        invoice.action_post()
        self.env.flush_all()
        self.assertFalse(Missed.search([("sale_order_id", "=", order.id)]))
        after = Missed.get_tile_counts()["sale"]
        self.assertEqual(before["orders"] - after["orders"], 1)
        self.assertAlmostEqual(before["amount"] - after["amount"], 300.0)

        lace = self.product("Missed lace", purchase_method="receive")
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create({"product_id": lace.id, "product_qty": 10, "price_unit": 10.0})
                ],
            }
        )
        purchase.button_confirm()
        self.receive(purchase, 8)
        self.env.flush_all()
        rows = Missed.search([("purchase_order_id", "=", purchase.id)])
        self.assertEqual((rows.kind, rows.qty, rows.amount), ("purchase", 8, 80.0))
        # the vendor's bill of 5 posted, a draft of 3 more: 3 received not billed, 3 in draft
        purchase.action_create_invoice()
        bill = purchase.invoice_ids
        bill.invoice_date = fields.Date.context_today(self.env.user)
        bill.invoice_line_ids.quantity = 5
        bill.action_post()
        purchase.action_create_invoice()
        self.env.flush_all()
        Missed.invalidate_model()  # a SQL view: read it again
        rows = Missed.search([("purchase_order_id", "=", purchase.id)])
        self.assertEqual((rows.qty, rows.qty_draft, rows.amount), (3, 3, 30.0))
        self.assertEqual(Missed.get_tile_counts()["purchase"]["orders"] >= 1, True)

    def test_missed_invoicing_access(self):
        for role in ("auditor", "archivist"):
            self.env["order.archive.uninvoiced"].with_user(self.users[role]).search([])
        with self.assertRaises(AccessError):
            self.env["order.archive.uninvoiced"].with_user(self.users["clerk"]).search([])
