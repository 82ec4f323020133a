# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import in_extreme_time_zones


class FulfilmentCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env.ref("stock.warehouse0")
        cls.stock = cls.warehouse.lot_stock_id
        cls.key_account = cls.env["res.partner"].create(
            {"name": "Hangzhou Flagship Store", "is_company": True, "customer_grade": "a"}
        )
        cls.regular = cls.env["res.partner"].create(
            {"name": "Ningbo Corner Shop", "is_company": True, "customer_grade": "b"}
        )
        cls.bra = cls.env["product.product"].create(
            {"name": "Wireless Bra 70A", "is_storable": True, "list_price": 60.0}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.bra, cls.stock, 10)

    def _confirmed(self, partner, qty, **vals):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": self.bra.id, "product_uom_qty": qty})],
                **vals,
            }
        )
        order.action_confirm()
        return order

    @staticmethod
    def _reserved(order):
        return sum(order.picking_ids.move_ids.mapped("quantity"))


@tagged("post_install", "-at_install")
class TestPriorityReservation(FulfilmentCase):
    def test_no_policy_no_priority(self):
        """Out of the box an A-grade order is an order like any other (Odoo's behaviour)."""
        self.assertEqual(self.env.company.order_intake_priority_grades, "none")
        first = self._confirmed(self.regular, 8)
        second = self._confirmed(self.key_account, 6)
        self.assertFalse(second.intake_priority)
        self.assertEqual(self._reserved(first), 8)
        self.assertEqual(self._reserved(second), 2)
        self.assertEqual(second.picking_ids.priority, "0")

    def test_priority_order_takes_back_unpicked_stock(self):
        self.env.company.order_intake_priority_grades = "a"
        first = self._confirmed(self.regular, 8)
        second = self._confirmed(self.key_account, 6)
        self.assertTrue(second.intake_priority)
        self.assertFalse(first.intake_priority)
        self.assertEqual(self._reserved(second), 6, "the A-grade order has all it needs")
        self.assertEqual(second.picking_ids.state, "assigned")
        self.assertEqual(second.picking_ids.priority, "1", "its delivery is starred")
        self.assertEqual(self._reserved(first), 4, "the other order keeps what is left")
        self.assertIn(
            second.name,
            first.picking_ids.message_ids.mapped("body")[0],
            "the delivery that lost stock says to which order",
        )

    def test_a_sales_clerk_confirms_a_priority_order(self):
        self.env.company.order_intake_priority_grades = "a"
        first = self._confirmed(self.regular, 8)
        clerk = new_test_user(
            self.env, login="intake_priority_clerk", groups="order_intake.group_order_clerk"
        )
        order = (
            self.env["sale.order"]
            .with_user(clerk)
            .create(
                {
                    "partner_id": self.key_account.id,
                    "order_line": [(0, 0, {"product_id": self.bra.id, "product_uom_qty": 6})],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(self._reserved(order.sudo()), 6)
        self.assertEqual(self._reserved(first), 4)

    def test_picked_stock_is_not_taken(self):
        self.env.company.order_intake_priority_grades = "ab"
        # a C-grade order, already picked in the warehouse, keeps its goods
        walk_in = self.env["res.partner"].create({"name": "Walk-in", "customer_grade": "c"})
        first = self._confirmed(walk_in, 8)
        first.picking_ids.move_ids.picked = True
        second = self._confirmed(self.regular, 6)
        self.assertTrue(second.intake_priority)
        self.assertEqual(self._reserved(first), 8)
        self.assertEqual(self._reserved(second), 2)

    def test_priority_reserves_despite_manual_reservation(self):
        self.env.company.order_intake_priority_grades = "a"
        self.warehouse.out_type_id.reservation_method = "manual"
        normal = self._confirmed(self.regular, 2)
        self.assertEqual(self._reserved(normal), 0, "Odoo's manual reservation")
        priority = self._confirmed(self.key_account, 3)
        self.assertEqual(self._reserved(priority), 3)

    def test_priority_by_hand(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.regular.id,
                "order_line": [(0, 0, {"product_id": self.bra.id, "product_uom_qty": 1})],
            }
        )
        with Form(order) as form:
            form.intake_priority = True
        order.action_confirm()
        self.assertEqual(order.picking_ids.priority, "1")


@tagged("post_install", "-at_install")
class TestPartialDelivery(FulfilmentCase):
    def _deliver(self, order, qty):
        picking = order.picking_ids
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        return picking.button_validate()

    def test_single_shipment_refuses_a_backorder(self):
        self.regular.intake_no_partial_delivery = True
        order = self._confirmed(self.regular, 10)
        self.assertTrue(order.intake_no_partial_delivery, "taken from the customer")
        self.assertEqual(order.picking_policy, "one")
        with self.assertRaisesRegex(UserError, "one shipment"):
            self._deliver(order, 4)
        self.assertEqual(len(order.picking_ids), 1, "no backorder")
        self.assertNotEqual(order.picking_ids.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 0, "nothing was delivered")
        # the "no backorder" choice of the wizard is a partial delivery as well
        with self.assertRaisesRegex(UserError, "one shipment"):
            order.picking_ids.with_context(cancel_backorder=True)._action_done()
        self._deliver(order, 10)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 10)

    def test_warehouse_user_who_cannot_see_the_order(self):
        """A stock manager who is a salesman of his own orders only validates the delivery of
        somebody else's order: the rule holds without an access error."""
        self.regular.intake_no_partial_delivery = True
        order = self._confirmed(self.regular, 10)
        keeper = new_test_user(
            self.env,
            login="intake_keeper",
            groups="stock.group_stock_manager,sales_team.group_sale_salesman",
        )
        picking = order.picking_ids.with_user(keeper)
        self.assertTrue(picking.intake_no_partial_delivery, "shown on the delivery")
        picking.move_ids.write({"quantity": 4, "picked": True})
        with self.assertRaisesRegex(UserError, "one shipment"):
            picking.button_validate()
        picking.move_ids.write({"quantity": 10, "picked": True})
        picking.button_validate()
        self.assertEqual(order.picking_ids.state, "done")

    def test_partial_delivery_allowed_by_default(self):
        order = self._confirmed(self.regular, 10)
        self.assertFalse(order.intake_no_partial_delivery)
        self.assertEqual(order.picking_policy, "direct")
        action = self._deliver(order, 4)
        wizard = Form.from_action(self.env, action).save()
        wizard.process()
        self.assertEqual(len(order.picking_ids), 2, "a backorder for the rest")
        self.assertEqual(order.order_line.qty_delivered, 4)

    def test_flag_set_on_the_order_after_confirmation(self):
        order = self._confirmed(self.regular, 10)
        order.intake_no_partial_delivery = True
        with self.assertRaises(UserError):
            self._deliver(order, 4)


class RoutedCase(FulfilmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a product replenished from a supplier's consignment location in 5 days
        cls.consignment = cls.env["stock.location"].create(
            {"name": "Consignment", "usage": "internal", "location_id": cls.stock.id}
        )
        route = cls.env["stock.route"].create(
            {
                "name": "From consignment",
                "product_selectable": True,
                "rule_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Consignment -> Stock",
                            "action": "pull",
                            "procure_method": "make_to_stock",
                            "picking_type_id": cls.warehouse.int_type_id.id,
                            "location_src_id": cls.consignment.id,
                            "location_dest_id": cls.stock.id,
                            "delay": 5,
                        },
                    )
                ],
            }
        )
        cls.lace = cls.env["product.product"].create(
            {
                "name": "Lace Bralette",
                "is_storable": True,
                "sale_delay": 2,
                "route_ids": [(6, 0, route.ids)],
            }
        )


@in_extreme_time_zones
@tagged("post_install", "-at_install")
class TestPromisedDates(RoutedCase):
    def test_promised_from_stock_or_lead_times(self):
        today = fields.Date.context_today(self.env["sale.order"])
        later = today + timedelta(days=30)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.regular.id,
                "order_line": [
                    (0, 0, {"product_id": self.bra.id, "product_uom_qty": 4}),
                    (0, 0, {"product_id": self.bra.id, "product_uom_qty": 4, "sequence": 20}),
                    (0, 0, {"product_id": self.lace.id, "product_uom_qty": 1, "sequence": 30}),
                    (
                        0,
                        0,
                        {
                            "product_id": self.bra.id,
                            "product_uom_qty": 1,
                            "sequence": 40,
                            "intake_requested_date": later,
                        },
                    ),
                ],
            }
        )
        order._intake_promise_dates()
        first, second, lace, requested = order.order_line
        self.assertEqual(first.intake_promised_date, today)
        self.assertEqual(second.intake_promised_date, today, "10 free cover 4 + 4")
        self.assertEqual(
            lace.intake_promised_date,
            today + timedelta(days=7),
            "no stock: 5 days to replenish + 2 days customer lead time",
        )
        self.assertEqual(requested.intake_promised_date, later)
        # a date set by hand is kept; cleared, it is computed again
        first.intake_promised_date = today + timedelta(days=3)
        order._intake_promise_dates()
        self.assertEqual(first.intake_promised_date, today + timedelta(days=3))
        first.intake_promised_date = False
        order._intake_promise_dates()
        self.assertEqual(first.intake_promised_date, today)


@in_extreme_time_zones
@tagged("post_install", "-at_install")
class TestReplenishShortage(RoutedCase):
    def _quotation(self, *lines):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.regular.id,
                "intake_channel_id": self.env.ref("order_intake.channel_phone").id,
                "commitment_date": fields.Datetime.now() + timedelta(days=10),
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        order.action_intake_check()
        return order

    def test_shortage_goes_to_the_products_route(self):
        order = self._quotation((self.lace, 3), (self.bra, 4))
        self.assertTrue(order.intake_stock_short, "the stock check found the lace short")
        order.action_intake_replenish()
        moves = self.env["stock.move"].search([("origin", "=", order.name)])
        self.assertEqual(moves.product_id, self.lace, "only what stock does not cover")
        self.assertEqual(moves.product_uom_qty, 3)
        self.assertEqual(moves.location_id, self.consignment)
        self.assertTrue(order.intake_replenish_date)
        self.assertIn("Lace Bralette", order.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "already triggered"):
            order.action_intake_replenish()
        self.assertEqual(self.env["stock.move"].search_count([("origin", "=", order.name)]), 1)

    def test_nothing_short_nothing_to_replenish(self):
        order = self._quotation((self.bra, 4))
        self.assertFalse(order.intake_stock_short)
        with self.assertRaisesRegex(UserError, "nothing to replenish"):
            order.action_intake_replenish()

    def test_failed_replenishment_writes_nothing(self):
        order = self._quotation((self.lace, 3))
        messages = len(order.message_ids)
        with (
            patch.object(
                self.registry["procurement.group"],
                "run",
                side_effect=UserError("No rule has been found to replenish Lace Bralette"),
            ),
            self.assertRaisesRegex(UserError, "No rule"),
        ):
            order.action_intake_replenish()
        self.assertFalse(order.intake_replenish_date)
        self.assertEqual(len(order.message_ids), messages)

    def test_confirmed_orders_replenish_through_the_warehouse(self):
        order = self._quotation((self.lace, 1))
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "confirmed or cancelled"):
            order.action_intake_replenish()


@in_extreme_time_zones
@tagged("post_install", "-at_install")
class TestStockByRequestedDate(FulfilmentCase):
    """The stock check counts what arrives before the customer wants the goods."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.silk = cls.env["product.product"].create(
            {"name": "Silk Slip Dress", "is_storable": True}
        )
        suppliers = cls.env.ref("stock.stock_location_suppliers")
        in_three_days = fields.Datetime.now() + timedelta(days=3)
        receipt = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.in_type_id.id,
                "location_id": suppliers.id,
                "location_dest_id": cls.stock.id,
                "scheduled_date": in_three_days,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Silk Slip Dress",
                            "product_id": cls.silk.id,
                            "product_uom_qty": 50,
                            "product_uom": cls.silk.uom_id.id,
                            "location_id": suppliers.id,
                            "location_dest_id": cls.stock.id,
                            "date": in_three_days,
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()

    def _stock_warning(self, qty, days):
        # the user's day, as the stock check counts days (not the UTC day of Date.today())
        today = fields.Date.context_today(self.env["sale.order"])
        order = self.env["sale.order"].create(
            {
                "partner_id": self.regular.id,
                "intake_channel_id": self.env.ref("order_intake.channel_phone").id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.silk.id,
                            "product_uom_qty": qty,
                            "intake_requested_date": today + timedelta(days=days),
                        },
                    )
                ],
            }
        )
        order.action_intake_check()
        return order.intake_result_ids.filtered(
            lambda r: r.rule_id.check_type == "stock" and not r.passed
        )

    def test_receipt_before_the_requested_date_covers_the_line(self):
        self.assertFalse(self._stock_warning(30, days=10))

    def test_wanted_before_the_receipt(self):
        warning = self._stock_warning(30, days=1)
        self.assertTrue(warning)
        self.assertIn("0.0 forecast", warning.message, "nothing arrives by tomorrow")

    def test_more_than_the_receipt_brings(self):
        warning = self._stock_warning(80, days=10)
        self.assertIn("80.0", warning.message)
        self.assertIn("50.0 forecast", warning.message)
