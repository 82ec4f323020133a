# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An order with its whole life (production notice, delivery, invoice, payment, close-out)
archived, then expired and purged: what goes, what stays, and the chain."""

import json
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestArchiveExpiry(TransactionCase):
    """A bra order of the main company (whose journals an invoice needs): 6 delivered,
    invoiced and paid, closed out 100 days ago, archived on its own."""

    freeze_time = "2030-06-10 06:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = company = cls.env.company
        cls.manager = new_test_user(
            cls.env,
            login="oa_test_expiry_archivist",
            groups="base.group_user,order_intake.group_order_archive_manager",
            name="Expiry Archivist",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Chongqing Lingerie", "email": "wang@chongqing.example"}
        )
        cls.bra = cls.env["product.product"].create(
            {
                "name": "Expiry lace bra",
                "is_storable": True,
                "list_price": 80.0,
                "invoice_policy": "delivery",
                "taxes_id": [Command.clear()],
            }
        )
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": cls.bra.id,
                "location_id": warehouse.lot_stock_id.id,
                "inventory_quantity": 10,
            }
        ).action_apply_inventory()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": warehouse.id,
                "client_order_ref": "CQ-2030-17",
                "note": "Call Mr. Wang on 138 0000 0000 before delivery",
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.bra.id,
                            "product_uom_qty": 6,
                            "price_unit": 80.0,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order = cls.order
        order.action_confirm()
        Notice = cls.env["mrp.production.notice"]
        cls.notice = Notice.create(Notice._prepare_from_order(order))
        cls.notice.action_issue()
        cls.picking = order.picking_ids
        cls.picking.move_ids.quantity = 6
        cls.picking.move_ids.picked = True
        cls.picking.button_validate()
        cls.invoice = order._create_invoices()
        cls.invoice.narration = "Pay to Mr. Wang's account"
        cls.invoice.action_post()
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice.ids)
            .create({})
            ._create_payments()
        )
        cls.env["ir.attachment"].create(
            {
                "name": f"{cls.invoice.name}.pdf",
                "raw": b"%PDF-1.4 the invoice as sent",
                "mimetype": "application/pdf",
                "res_model": "account.move",
                "res_id": cls.invoice.id,
            }
        )
        cls.closed_on = fields.Date.context_today(cls.manager) - timedelta(days=100)
        cls.closeout = cls.env["mrp.order.closeout"].create(
            {"sale_order_id": order.id, "state": "closed", "date_closed": cls.closed_on}
        )
        for document in (order, cls.picking, cls.invoice):
            document.message_post(body="Mr. Wang asked for the lace colour again")

    def expire(self, snapshot):
        with freeze_time(f"{snapshot.expiry_date} 12:00:00"):
            purge = self.env["order.archive.purge"]._cron_request()
            purge = purge.filtered(lambda p: p.company_id == self.company)
            self.assertIn(snapshot, purge.snapshot_ids)
            purge.with_user(self.manager).action_approve()
        return purge

    def snapshot(self):
        return self.env["order.archive.snapshot"]._append(
            self.company, self.order, {self.order.id: self.closed_on}
        )

    def verify(self):
        return self.env["order.archive.chain"]._get_local(self.company)._verify()

    def test_snapshot_holds_the_whole_order(self):
        snapshot = self.snapshot()
        document = json.loads(snapshot.content)
        self.assertEqual(document["order"]["client_order_ref"], "CQ-2030-17")
        self.assertEqual(document["customer"]["email"], "wang@chongqing.example")
        self.assertEqual([d["name"] for d in document["deliveries"]], [self.picking.name])
        self.assertEqual([i["name"] for i in document["invoices"]], [self.invoice.name])
        self.assertEqual(len(document["payments"]), 1)
        self.assertEqual(float(document["payments"][0]["amount"]), 480.0)
        self.assertEqual(len(document["closeouts"]), 1)
        self.assertEqual(
            [a["source"] for a in document["attachments"]],
            [f"account.move,{self.invoice.id}"],
            "the invoice's PDF copied onto the snapshot",
        )
        self.assertEqual(len(snapshot.attachment_ids), 1)

    def test_purge_deletes_the_order_and_keeps_the_books_and_stock(self):
        self.env["order.archive.policy"].search(
            [("company_id", "=", self.company.id), ("document_type", "=", "sale_order")]
        ).expiry_action = "purge"
        snapshot = self.snapshot()
        purge = self.expire(snapshot)
        self.assertEqual(purge.state, "done")
        self.assertFalse(
            purge.message_ids.filtered(lambda m: "not deleted" in (m.body or "")),
            "every order deleted",
        )
        # the order and what hangs on it are gone
        self.assertFalse(self.order.exists())
        self.assertFalse(self.notice.exists(), "its production notice with it")
        self.assertFalse(self.closeout.exists())
        # the stock's and the books' history stays, without the personal data and files
        for document in (self.picking, self.invoice, self.payment):
            self.assertTrue(document.exists(), document)
        self.assertEqual((self.invoice.state, self.invoice.amount_total), ("posted", 480.0))
        self.assertEqual(self.picking.state, "done")
        self.assertFalse(self.invoice.narration)
        for document in (self.picking, self.invoice):
            self.assertFalse(
                document.message_ids.filtered(lambda m: "Wang" in (m.body or "")), document
            )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "account.move"), ("res_id", "=", self.invoice.id)]
            )
        )
        # the archive keeps its tombstone and the chain verifies
        self.assertTrue(snapshot.tombstone)
        self.assertFalse(snapshot.sale_order_id)
        self.assertNotIn("Wang", snapshot.content)
        result = self.verify()
        self.assertTrue(result.ok, (result.break_reason, result.break_detail))

    def test_anonymise_keeps_the_order_without_its_personal_data(self):
        """The sales policy anonymises; the close-outs' own policy purges: the order stays
        without its personal data, its close-out goes."""
        self.env["order.archive.policy"].search(
            [("company_id", "=", self.company.id), ("document_type", "=", "closeout")]
        ).expiry_action = "purge"
        snapshot = self.snapshot()
        self.assertEqual(snapshot.expiry_action, "anonymise")
        self.expire(snapshot)
        self.assertTrue(self.order.exists())
        self.assertFalse(self.closeout.exists(), "the close-out's policy purges")
        self.assertFalse(self.order.client_order_ref or self.order.note)
        self.assertTrue(self.notice.exists())
        self.assertFalse(self.order.message_ids.filtered(lambda m: "Wang" in (m.body or "")))
        self.assertEqual(self.order.amount_total, 480.0, "the figures stay")
        self.assertEqual(fields.Date.to_date(snapshot.purged_on), snapshot.expiry_date)
