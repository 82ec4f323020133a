# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import create_role_users


@tagged("post_install", "-at_install")
class TestOrderIntakeMenuTour(HttpCase):
    def test_clerk_opens_every_intake_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_intake_menu_tour", login=users["clerk"].login)

    def test_auditor_opens_every_intake_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_intake_menu_tour", login=users["auditor"].login)


@tagged("post_install", "-at_install")
class TestOrderIntakeCheckTour(HttpCase):
    def test_clerk_enters_an_order_sees_it_blocked_fixes_and_confirms_it(self):
        users = create_role_users(self.env, prefix="tour_check_")
        self.env.ref("order_intake.rule_required_data").require_requested_date = False
        customer = self.env["res.partner"].create(
            {"name": "Tour Lingerie Buyer", "is_company": True, "customer_rank": 1}
        )
        self.env["product.product"].create(
            {"name": "Tour Sample Bra", "list_price": 0.0, "standard_price": 20.0}
        )
        self.start_tour(
            "/odoo/action-order_intake.action_order_intake_sale_orders",
            "order_intake_block_fix_confirm_tour",
            login=users["clerk"].login,
        )
        order = self.env["sale.order"].search([("partner_id", "=", customer.id)])
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.name.startswith("TEL"))
        self.assertEqual(order.order_line.price_unit, 59)
        self.assertEqual(order.intake_state, "confirmed")


@tagged("post_install", "-at_install")
class TestOrderAcknowledgmentTour(HttpCase):
    def test_clerk_sends_the_acknowledgment_from_the_order(self):
        users = create_role_users(self.env, prefix="tour_ack_")
        self.env.company.email = "sales@lingerie-factory.example.com"
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Acknowledged Buyer",
                "is_company": True,
                "email": "buyer@acknowledged.example.com",
                "lang": "en_US",
            }
        )
        product = self.env["product.product"].create({"name": "Tour Ack Bra", "list_price": 42})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "client_order_ref": "TOUR-ACK-1",
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 3})],
            }
        )
        self.start_tour(
            f"/odoo/action-order_intake.action_order_intake_sale_orders/{order.id}",
            "order_intake_acknowledgment_tour",
            login=users["clerk"].login,
        )
        self.assertTrue(order.intake_ack_date)
        self.assertTrue(order.order_line.intake_promised_date)
        message = order.message_ids.filtered(lambda m: "Order Acknowledgment" in (m.subject or ""))
        self.assertEqual(message.partner_ids, customer)
        self.assertTrue(message.attachment_ids)
