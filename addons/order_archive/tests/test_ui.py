# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.order_intake.tests.common import create_role_users


@tagged("post_install", "-at_install")
class TestOrderArchiveMenuTour(HttpCase):
    def test_archive_manager_opens_every_archive_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_archive_menu_tour", login=users["archivist"].login)


@tagged("post_install", "-at_install")
class TestBillMatchTour(HttpCase):
    def test_accountant_overrides_bill_outside_tolerance(self):
        company = self.env.company
        company.write({"oa_bill_match_policy": True, "order_approval_purchase": False})
        accountant = new_test_user(
            self.env,
            login="tour_controller",
            groups="order_archive.group_bill_match_override",
            name="Tour Controller",
        )
        vendor = self.env["res.partner"].create({"name": "Tour Lace Mill"})
        lace = self.env["product.product"].create(
            {"name": "Tour lace roll", "is_storable": True, "purchase_method": "receive"}
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": lace.id,
                            "product_qty": 10,
                            "price_unit": 10.0,
                            "taxes_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        order.picking_ids.move_ids.quantity = 8
        order.picking_ids.move_ids.picked = True
        order.picking_ids._action_done()
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": vendor.id,
                "invoice_date": fields.Date.context_today(accountant),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": lace.id,
                            "quantity": 10,
                            "price_unit": 10.0,
                            "purchase_line_id": order.order_line.id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        self.assertEqual(bill.oa_match_status, "qty_over_received")
        self.start_tour(
            f"/odoo/action-account.action_move_in_invoice_type/{bill.id}",
            "order_archive_bill_match_tour",
            login=accountant.login,
        )
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.oa_match_override_user_id, accountant)
        self.assertEqual(
            bill.oa_match_override_reason, "Two rolls delivered straight to the workshop"
        )

    def test_accountant_ages_receipts_not_billed(self):
        accountant = new_test_user(
            self.env,
            login="tour_ageing",
            groups="account.group_account_invoice",
            name="Tour Ageing Accountant",
        )
        self.env.company.order_approval_purchase = False
        vendor = self.env["res.partner"].create({"name": "Tour Ageing Mill"})
        lace = self.env["product.product"].create(
            {"name": "Tour ageing lace", "is_storable": True, "purchase_method": "receive"}
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create({"product_id": lace.id, "product_qty": 4, "price_unit": 3.0})
                ],
            }
        )
        order.button_confirm()
        moves = order.picking_ids.move_ids
        moves.quantity = 4
        moves.picked = True
        order.picking_ids._action_done()
        # received 45 days before the accountant's today: far from both thresholds, whatever
        # the hour and the time zone
        Uninvoiced = self.env["order.archive.uninvoiced"].with_user(accountant)
        received = fields.Date.context_today(Uninvoiced) - timedelta(days=45)
        moves.date = datetime.combine(received, time(12))
        self.env.flush_all()
        line = Uninvoiced.search([("purchase_order_id", "=", order.id)])
        self.assertEqual((line.qty, line.date_done, line.age_days), (4, received, 45))
        self.start_tour(
            "/odoo/action-order_archive.action_order_archive_received_not_billed",
            "order_archive_ageing_tour",
            login=accountant.login,
        )


@tagged("post_install", "-at_install")
class TestArchiveSnapshotTour(HttpCase):
    def test_archive_manager_runs_searches_and_verifies(self):
        company = self.env["res.company"].create({"name": "Tour Archive Company"})
        manager = new_test_user(
            self.env,
            login="tour_archive_manager",
            groups="base.group_user,order_intake.group_order_archive_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            name="Tour Archive Manager",
        )
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        customer = env["res.partner"].create({"name": "Tour Archive Customer"})
        product = env["product.product"].create({"name": "Tour Archive Bra", "type": "service"})
        order = (
            env["sale.order"]
            .with_company(company)
            .create(
                {
                    "name": "TOUR-ARCHIVED-1",
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "order_line": [Command.create({"product_id": product.id, "price_unit": 9})],
                }
            )
        )
        disputed = order.copy({"name": "TOUR-DISPUTED-1"})
        orders = order | disputed
        orders.action_confirm()
        env["mrp.order.closeout"].create(
            [
                {
                    "sale_order_id": closed.id,
                    "state": "closed",
                    "date_closed": fields.Date.subtract(
                        fields.Date.context_today(manager), days=100
                    ),
                }
                for closed in orders
            ]
        )
        company.oa_archive_orders = True
        self.start_tour("/odoo", "order_archive_snapshot_tour", login=manager.login)
        hold = env["order.archive.hold"].search([("order_id", "=", disputed.id)])
        self.assertEqual((hold.state, hold.placed_by_id), ("active", manager))
        self.assertEqual(hold.reason, "The customer disputes the delivery")
        # held orders are archived too (a snapshot keeps them); only deletion is refused
        snapshots = env["order.archive.snapshot"].search([("sale_order_id", "in", orders.ids)])
        self.assertEqual(len(snapshots), 2)
        self.assertEqual(snapshots.chain_id.last_verification_id.ok, True)
        with self.assertRaisesRegex(UserError, hold.name):
            disputed.with_context(disable_cancel_warning=True).action_cancel()
            disputed.unlink()
