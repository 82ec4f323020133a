# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order-cycle KPIs on two known orders, both confirmed on 10 June 2030."""

from datetime import datetime

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccountantCase


@tagged("post_install", "-at_install")
class TestOrderKpi(AccountantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ = cls.env["product.category"].create({"name": "KPI Bras"})
        cls.other_categ = cls.env["product.category"].create({"name": "KPI Straps"})
        cls.bra = cls.product("KPI bra", categ_id=cls.categ.id, invoice_policy="delivery")
        cls.strap = cls.product("KPI strap", categ_id=cls.other_categ.id)
        stock = cls.warehouse.lot_stock_id
        for product in (cls.bra, cls.strap):
            cls.env["stock.quant"]._update_available_quantity(product, stock, 100)

    def order(self, commitment, delivered_on):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "commitment_date": commitment,
                "order_line": [
                    Command.create(
                        {"product_id": self.bra.id, "product_uom_qty": 5, "price_unit": 40.0}
                    ),
                    Command.create(
                        {"product_id": self.strap.id, "product_uom_qty": 5, "price_unit": 2.0}
                    ),
                ],
            }
        )
        order.action_confirm()
        picking = self.deliver(order, 5)
        picking.date_done = delivered_on
        return order

    def test_kpi_figures_on_known_orders(self):
        on_time = self.order(datetime(2030, 6, 20, 10), datetime(2030, 6, 15, 10))
        late = self.order(datetime(2030, 6, 12, 10), datetime(2030, 6, 14, 10))
        invoice = on_time._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": "2030-06-25"})._create_payments()
        late._create_invoices().action_post()  # invoiced, not paid
        review = self.env["order.review"].create({"order_id": on_time.id})
        review.write({"submitted_on": datetime(2030, 6, 1, 8), "done_on": datetime(2030, 6, 3, 8)})
        self.env["order.approval.request"].create(
            {
                "res_model": "sale.order",
                "res_id": on_time.id,
                "company_id": self.company.id,
                "submitted_on": datetime(2030, 6, 4, 8),
                "done_on": datetime(2030, 6, 5, 20),
            }
        )
        self.env["order.change.notice"].create(
            [{"order_id": late.id, "reason": "Colour changed"}] * 2
        )
        self.env.flush_all()

        Kpi = self.env["order.archive.kpi"].with_user(self.users["auditor"])
        rows = {row.order_id: row for row in Kpi.search([("order_id", "in", (on_time | late).ids)])}
        first, second = rows[on_time], rows[late]
        self.assertEqual(first.categ_id, self.categ, "the main line is the largest amount")
        self.assertEqual(first.date_order, fields.Date.to_date("2030-06-10"))
        self.assertEqual(first.date_delivered, fields.Date.to_date("2030-06-15"))
        self.assertEqual((first.on_time_rate, second.on_time_rate), (100.0, 0.0))
        self.assertEqual(first.date_paid, fields.Date.to_date("2030-06-25"))
        self.assertEqual(first.order_to_cash_days, 15)
        self.assertFalse(second.order_to_cash_days, "not paid yet")
        self.assertEqual(first.review_days, 2.0)
        self.assertEqual(first.approval_days, 1.5)
        self.assertEqual((first.change_notice_count, second.change_notice_count), (0, 2))

        [(partner, orders, rate, notices, per_order)] = Kpi._read_group(
            [("order_id", "in", (on_time | late).ids)],
            ["partner_id"],
            [
                "order_count:sum",
                "on_time_rate:avg",
                "change_notice_count:sum",
                "change_notices_per_order:avg",
            ],
        )
        self.assertEqual(
            (partner, orders, rate, notices, per_order), (self.customer, 2, 50.0, 2, 1.0)
        )
        by_month = Kpi._read_group(
            [("order_id", "in", (on_time | late).ids)], ["date_order:month"], ["order_count:sum"]
        )
        self.assertEqual(len(by_month), 1)

    def test_kpi_access(self):
        self.env["order.archive.kpi"].with_user(self.users["approver"]).search([])
        with self.assertRaises(AccessError):
            self.env["order.archive.kpi"].with_user(self.users["clerk"]).search([])

    def test_dashboard_tiles(self):
        """The Order Control tiles move with the documents: an order delivered and not
        invoiced, then invoiced; a clerk sees no figure."""
        Tile = self.env["order.archive.dashboard"].with_user(self.users["auditor"])

        def tile(kind):
            found = Tile.search([("kind", "=", kind)])
            found.invalidate_recordset()
            return found

        before = tile("uninvoiced")
        count, amount = before.count, before.amount
        order = self.order(datetime(2030, 6, 20, 10), datetime(2030, 6, 15, 10))
        self.env.flush_all()
        after = tile("uninvoiced")
        self.assertTrue(after.available)
        self.assertEqual((after.count, after.amount), (count + 1, amount + 210.0))
        order._create_invoices().action_post()
        self.env.flush_all()
        self.assertEqual((tile("uninvoiced").count, tile("uninvoiced").amount), (count, amount))
        action = tile("uninvoiced").action_open()
        self.assertEqual(action["res_model"], "order.archive.uninvoiced")
        on_time = tile("on_time")
        self.assertTrue(0.0 <= on_time.rate <= 100.0 and on_time.count >= 1)
        clerk_tiles = self.env["order.archive.dashboard"].with_user(self.users["clerk"]).search([])
        self.assertEqual(len(clerk_tiles), 5)
        self.assertEqual(
            clerk_tiles.filtered("available").mapped("kind"),
            ["bills_to_check"],
            "the clerk reads invoices (as a salesperson), not the controls' lists",
        )

    def test_dashboard_tile_across_companies(self):
        """With two companies selected, the tile adds the other company's amount not
        invoiced converted to the current company's currency at today's rate, not its
        figure in another currency."""
        currency = self.company.currency_id
        euro, dollar = self.env.ref("base.EUR"), self.env.ref("base.USD")
        other_currency = dollar if currency == euro else euro
        other_currency.active = True
        Rate = self.env["res.currency.rate"]
        for cur, rate in ((currency, 1.0), (other_currency, 2.0)):
            Rate.create(
                {
                    "currency_id": cur.id,
                    "rate": rate,
                    "name": "2030-06-01",
                    "company_id": self.company.id,
                }
            )
        branch = self.env["res.company"].create(
            {"name": "KPI Branch", "currency_id": other_currency.id}
        )
        auditor = self.users["auditor"]
        auditor.company_ids |= branch
        branch_stock = self.env["stock.warehouse"].search([("company_id", "=", branch.id)])
        self.env["stock.quant"]._update_available_quantity(self.bra, branch_stock.lot_stock_id, 10)
        both = auditor.with_context(allowed_company_ids=[self.company.id, branch.id])
        Tile = self.env["order.archive.dashboard"].with_user(both)

        def uninvoiced():
            tile = Tile.search([("kind", "=", "uninvoiced")])
            tile.invalidate_recordset()
            return tile.count, tile.amount, tile.currency_id

        count, amount, tile_currency = uninvoiced()
        self.assertEqual(tile_currency, currency)
        order = (
            self.env["sale.order"]
            .with_company(branch)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": branch.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.bra.id, "product_uom_qty": 5, "price_unit": 42.0}
                        )
                    ],
                }
            )
        )
        self.assertEqual(order.currency_id, other_currency)
        order.action_confirm()
        self.deliver(order, 5)
        self.env.flush_all()
        self.assertEqual(
            uninvoiced(),
            (count + 1, amount + 105.0, currency),
            "210 of the branch's currency at 2 per unit of the company's currency",
        )
        branch_only = Tile.with_context(allowed_company_ids=[branch.id]).search(
            [("kind", "=", "uninvoiced")]
        )
        self.assertEqual(
            (branch_only.count, branch_only.amount, branch_only.currency_id),
            (1, 210.0, other_currency),
        )
