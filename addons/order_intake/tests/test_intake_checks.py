# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SIGNATURE


class IntakeCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.order_intake_check_scope = "channel"
        cls.phone = cls.env.ref("order_intake.channel_phone")
        cls.email = cls.env.ref("order_intake.channel_email")
        cls.clerk = new_test_user(
            cls.env, login="intake_clerk", groups="order_intake.group_order_clerk"
        )
        cls.overrider = new_test_user(
            cls.env, login="intake_overrider", groups="order_intake.group_order_intake_override"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Suzhou Silk Boutique", "is_company": True, "customer_grade": "b"}
        )
        cls.bra = cls.env["product.product"].create(
            {
                "name": "Lace Bra 75B",
                "is_storable": True,
                "list_price": 100.0,
                "standard_price": 40.0,
            }
        )
        cls.other_bra = cls.env["product.product"].create(
            {"name": "Seamless Bra 80C", "is_storable": True, "list_price": 80.0}
        )
        stock = cls.env.ref("stock.warehouse0").lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(cls.bra, stock, 1000)
        cls.env["stock.quant"]._update_available_quantity(cls.other_bra, stock, 1000)

    def _order(self, qty=10, price=None, channel=None, partner=None, user=None, **vals):
        line = {"product_id": self.bra.id, "product_uom_qty": qty}
        if price is not None:
            line["price_unit"] = price
        values = {
            "partner_id": (partner or self.customer).id,
            "intake_channel_id": (channel or self.phone).id,
            "commitment_date": fields.Datetime.now() + timedelta(days=14),
            "order_line": [(0, 0, line)],
            **vals,
        }
        model = self.env["sale.order"]
        if user:
            model = model.with_user(user)
        return model.create(values)

    def _failing(self, order):
        return order.intake_result_ids.filtered(lambda r: not r.passed)


@tagged("post_install", "-at_install")
class TestChannelsAndTypes(IntakeCase):
    def test_channel_numbers_its_orders(self):
        first, second = self._order(qty=5), self._order(qty=6)
        self.assertTrue(first.name.startswith("TEL"), first.name)
        self.assertTrue(second.name.startswith("TEL"))
        self.assertNotEqual(first.name, second.name)
        plain = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.assertFalse(plain.name.startswith("TEL"), "orders without channel keep Odoo's numbers")
        self.assertTrue(first.copy().name.startswith("TEL"))
        self.assertNotIn(first.copy().name, (first.name, second.name))

    def test_channel_prefix_and_code_are_unique_and_plain(self):
        with self.assertRaises(ValidationError):
            self.env["order.intake.channel"].create(
                {"name": "Fax", "code": "FAX", "prefix": "FAX%(year)s"}
            )
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["order.intake.channel"].create(
                {"name": "Telephone bis", "code": "TEL2", "prefix": self.phone.prefix}
            )

    def test_order_type_brings_its_route_and_sign_off(self):
        custom = self.env.ref("order_intake.order_type_custom")
        route = self.env["stock.route"].create(
            {"name": "Custom make", "sale_selectable": True, "company_id": self.env.company.id}
        )
        custom.route_id = route
        self.env.company.portal_confirmation_sign = False
        order = self._order(qty=2, intake_type_id=custom.id)
        self.assertTrue(order.require_signature, "custom orders need the customer's sign-off")
        order.write({"signature": SIGNATURE, "signed_by": "Mr Li"})
        order.action_confirm()
        self.assertEqual(order.order_line.route_id, route)
        standard = self._order(
            qty=4, intake_type_id=self.env.ref("order_intake.order_type_standard").id
        )
        self.assertFalse(standard.require_signature, "other types keep the company's setting")
        standard.action_confirm()
        self.assertFalse(standard.order_line.route_id)

    def test_repeat_order_copies_and_links_the_original(self):
        original = self._order(qty=7, client_order_ref="PO-77")
        original.action_confirm()
        action = original.action_intake_repeat()
        repeat = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(repeat.intake_origin_order_id, original)
        self.assertEqual(repeat.intake_type_id.code, "repeat")
        self.assertEqual(repeat.order_line.product_id, self.bra)
        self.assertEqual(repeat.order_line.product_uom_qty, 7)
        self.assertFalse(repeat.client_order_ref, "the customer gives a new reference")
        self.assertEqual(repeat.state, "draft")

    def test_a_repeat_order_is_no_duplicate_of_the_order_it_repeats(self):
        duplicate = self.env.ref("order_intake.rule_duplicate")
        original = self._order(qty=12)
        original.action_confirm()
        repeat = self.env["sale.order"].browse(original.action_intake_repeat()["res_id"])
        repeat.action_intake_check()
        self.assertFalse(
            self._failing(repeat).filtered(lambda r: r.rule_id == duplicate),
            "the repeat order is meant to be like its origin",
        )
        # another order with the same lines is still the duplicate of both
        other = self._order(qty=12)
        other.action_intake_check()
        self.assertEqual(
            self._failing(other).filtered(lambda r: r.rule_id == duplicate).related_order_id,
            original | repeat,
        )


@tagged("post_install", "-at_install")
class TestIntakeRules(IntakeCase):
    def test_standard_orders_are_not_checked_until_the_company_turns_it_on(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.bra.id, "price_unit": 0.0})],
            }
        )
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.intake_result_ids)
        self.env.company.order_intake_check_scope = "all"
        other = order.copy()
        with self.assertRaises(UserError):
            other.action_confirm()

    def test_check_button_stores_every_result_with_its_reason(self):
        order = self._order(price=0.0)
        self.assertEqual(order.intake_state, "pending")
        order.action_intake_check()
        rules = order.intake_result_ids.rule_id
        self.assertIn(self.env.ref("order_intake.rule_required_data"), rules)
        self.assertIn(self.env.ref("order_intake.rule_credit_limit"), rules)
        failing = self._failing(order)
        self.assertEqual(failing.rule_id, self.env.ref("order_intake.rule_required_data"))
        self.assertIn("zero price", failing.message)
        self.assertEqual(order.intake_state, "hold")

    def test_block_stops_confirmation_listing_every_failing_rule(self):
        self.customer.intake_credit_hold = True
        order = self._order(price=0.0)
        with self.assertRaises(UserError) as error:
            order.action_confirm()
        message = str(error.exception)
        self.assertIn("Required data", message)
        self.assertIn("Credit limit", message)
        self.assertIn("credit hold", message)
        self.assertEqual(order.state, "draft")

    def test_zero_price_with_a_reason_passes(self):
        order = self._order(price=0.0)
        order.order_line.intake_zero_reason = "Free sample for the new collection"
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.intake_state, "confirmed")

    def test_requested_dates_are_required_per_line_or_order(self):
        order = self._order(commitment_date=False)
        order.action_intake_check()
        self.assertIn("No requested date", self._failing(order).message)
        order.order_line.intake_requested_date = fields.Date.context_today(order) + timedelta(
            days=10
        )
        order.action_intake_check()
        self.assertFalse(self._failing(order))

    def test_channel_may_require_the_customer_reference(self):
        order = self._order(channel=self.email)
        order.action_intake_check()
        self.assertIn("customer's reference", self._failing(order).message)
        order.client_order_ref = "PO-2026-118"
        self.assertFalse(self._failing(order), "the change reran the checks")
        self.assertEqual(order.intake_state, "ready")

    def test_price_far_below_the_pricelist_needs_review(self):
        order = self._order(price=85.0)
        order.action_intake_check()
        failing = self._failing(order)
        self.assertEqual(failing.rule_id, self.env.ref("order_intake.rule_price_deviation"))
        self.assertEqual(failing.severity, "review")
        self.assertIn("15.0 %", failing.message)
        self.assertEqual(order.intake_state, "hold")
        order.order_line.price_unit = 95.0
        order.action_intake_check()
        self.assertFalse(self._failing(order))

    def test_price_below_cost_needs_review(self):
        rule = self.env.ref("order_intake.rule_price_deviation")
        rule.max_discount_percent = 90
        order = self._order(price=30.0)
        order.action_intake_check()
        self.assertIn("below its cost", self._failing(order).message)

    def test_same_customer_reference_is_a_duplicate(self):
        first = self._order(qty=3, client_order_ref="PO-9")
        second = self._order(qty=4, client_order_ref="PO-9")
        second.action_intake_check()
        failing = self._failing(second)
        self.assertEqual(failing.rule_id, self.env.ref("order_intake.rule_duplicate"))
        self.assertEqual(failing.related_order_id, first)

    def test_same_lines_within_the_window_is_a_duplicate(self):
        first = self._order(qty=12)
        second = self._order(qty=12)
        third = self._order(qty=13)
        (second | third).action_intake_check()
        self.assertEqual(self._failing(second).related_order_id, first)
        self.assertFalse(self._failing(third))
        first.action_cancel()
        second.action_intake_check()
        self.assertFalse(self._failing(second), "a cancelled order is no duplicate")

    def test_stock_shortage_warns_without_stopping(self):
        order = self._order(qty=5000)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        warning = self._failing(order)
        self.assertEqual(warning.severity, "warn")
        self.assertIn("5000.0", warning.message)
        self.assertIn("replenish", warning.message)

    def test_inactive_or_other_channel_rules_do_not_apply(self):
        required = self.env.ref("order_intake.rule_required_data")
        required.channel_ids = self.email
        order = self._order(price=0.0)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        required.channel_ids = False
        required.active = False
        self._order(qty=2, price=0.0).action_confirm()

    def test_rule_parameters_are_validated(self):
        with self.assertRaises(ValidationError):
            self.env.ref("order_intake.rule_price_deviation").max_discount_percent = 120
        with self.assertRaises(ValidationError):
            self.env.ref("order_intake.rule_duplicate").duplicate_days = -1


@tagged("post_install", "-at_install")
class TestCreditLimit(IntakeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.credit_limit = 2000.0

    def test_order_above_the_limit_is_blocked(self):
        order = self._order(qty=25)  # 2500 before taxes
        with self.assertRaisesRegex(UserError, "Credit limit of Suzhou Silk Boutique exceeded"):
            order.action_confirm()
        within = self._order(qty=15)
        within.action_confirm()
        self.assertEqual(within.state, "sale")

    def test_confirmed_orders_not_invoiced_count(self):
        self._order(qty=15).action_confirm()  # 1500 confirmed, not invoiced
        order = self._order(qty=6)  # + 600 > 2000
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_open_receivables_count(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Old delivery", "quantity": 1, "price_unit": 1900.0})
                ],
            }
        )
        invoice.action_post()
        order = self._order(qty=2)  # 200 + 1900 open > 2000
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_contacts_orders_count_for_their_company(self):
        buyer = self.env["res.partner"].create(
            {"name": "Ms. Wu", "parent_id": self.customer.id, "type": "contact"}
        )
        self._order(qty=15, partner=buyer).action_confirm()
        with self.assertRaises(UserError):
            self._order(qty=6, partner=buyer).action_confirm()

    def test_every_path_meets_the_check(self):
        # as a clerk through the ORM, as RPC does
        order = self._order(qty=30, user=self.clerk)
        with self.assertRaisesRegex(UserError, "Credit limit of Suzhou Silk Boutique exceeded"):
            order.with_user(self.clerk).action_confirm()
        # a salesman who sees only his own orders is stopped by the orders of others too
        salesman = new_test_user(
            self.env, login="own_docs_salesman", groups="sales_team.group_sale_salesman"
        )
        self._order(qty=15).action_confirm()  # 1500 confirmed by someone else
        small = self._order(qty=6, user=salesman)
        with self.assertRaisesRegex(UserError, "Credit limit"):
            small.with_user(salesman).action_confirm()
        # copy of an old quotation
        with self.assertRaisesRegex(UserError, "Credit limit"):
            order.copy().action_confirm()
        # through the form
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.customer
            form.intake_channel_id = self.phone
            form.commitment_date = fields.Datetime.now() + timedelta(days=3)
            with form.order_line.new() as line:
                line.product_id = self.bra
                line.product_uom_qty = 40
        with self.assertRaisesRegex(UserError, "Credit limit"):
            form.record.action_confirm()

    def test_credit_hold_blocks_contacts_too(self):
        self.customer.intake_credit_hold = True
        buyer = self.env["res.partner"].create({"name": "Mr. Lu", "parent_id": self.customer.id})
        self.assertTrue(buyer.intake_credit_hold)
        with self.assertRaisesRegex(UserError, "credit hold"):
            self._order(qty=1, partner=buyer).action_confirm()


@tagged("post_install", "-at_install")
class TestOverride(IntakeCase):
    def test_clerk_cannot_override(self):
        order = self._order(price=0.0, user=self.clerk)
        order.action_intake_check()
        with self.assertRaises(AccessError):
            order.with_user(self.clerk).action_intake_override()
        wizard = self.env["order.intake.override.wizard"].create(
            {"order_ids": [(6, 0, order.ids)], "reason": "I say so"}
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.clerk).action_override()
        self.assertEqual(order.intake_state, "hold")

    def test_override_with_reason_confirms_and_is_logged(self):
        order = self._order(price=0.0, user=self.clerk)
        order.action_intake_check()
        action = order.with_user(self.overrider).action_intake_override()
        wizard = (
            self.env["order.intake.override.wizard"]
            .with_user(self.overrider)
            .with_context(**action["context"])
            .create({"reason": "Replacement for a faulty delivery, agreed with the customer"})
        )
        self.assertIn("zero price", wizard.hold_reason)
        wizard.action_override()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.intake_override_user_id, self.overrider)
        self.assertTrue(order.intake_override_date)
        log = order.message_ids.filtered(lambda m: "overridden" in (m.body or ""))
        self.assertIn("faulty delivery", log.body)
        self.assertIn("Required data", log.body)

    def test_override_by_a_user_without_an_email_address(self):
        overrider = new_test_user(
            self.env,
            login="intake_overrider_no_mail",
            groups="order_intake.group_order_intake_override",
            email=False,
        )
        order = self._order(price=0.0, user=self.clerk)
        order.action_intake_check()
        wizard = (
            self.env["order.intake.override.wizard"]
            .with_user(overrider)
            .create({"order_ids": [(6, 0, order.ids)], "reason": "Samples for the trade fair"})
        )
        wizard.action_override()
        self.assertEqual(order.state, "sale")
        log = order.message_ids.filtered(lambda m: "overridden" in (m.body or ""))
        self.assertEqual(log.author_id, overrider.partner_id)
        self.assertIn("Samples for the trade fair", log.body)

    def test_override_needs_a_reason_and_a_held_order(self):
        order = self._order(price=0.0)
        order.action_intake_check()
        with self.assertRaises(UserError):
            order.with_user(self.overrider)._intake_override("   ")
        ready = self._order(qty=3)
        ready.action_intake_check()
        with self.assertRaises(UserError):
            ready.with_user(self.overrider)._intake_override("no reason to")

    def test_a_change_after_the_override_withdraws_it(self):
        order = self._order(price=0.0)
        order.action_intake_check()
        order.with_user(self.overrider)._intake_override("Sample")
        self.assertEqual(order.intake_state, "ready")
        order.write({"order_line": [(0, 0, {"product_id": self.other_bra.id, "price_unit": 0})]})
        self.assertFalse(order.intake_override_user_id)
        self.assertEqual(order.intake_state, "hold")
        with self.assertRaises(UserError):
            order.action_confirm()


@tagged("post_install", "-at_install")
class TestIntakeQueries(IntakeCase):
    def test_checks_cost_as_many_queries_for_one_line_as_for_many(self):
        products = self.env["product.product"].create(
            [
                {"name": f"Bra size {size}", "is_storable": True, "list_price": 50.0 + i}
                for i, size in enumerate(("70A", "70B", "75A", "75C", "80B", "80D", "85C", "90D"))
            ]
        )
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        for product in products:
            self.env["stock.quant"]._update_available_quantity(product, stock, 100)
        small = self._order(qty=3)
        big = self._order(qty=4)
        big.write(
            {
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 5}) for product in products
                ]
            }
        )
        counts = {}
        for order in (small, big, small, big):  # the first round warms the caches
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            order._intake_run()
            counts[order] = self.cr.sql_log_count - before
        self.assertEqual(len(big.order_line), 9)
        self.assertEqual(counts[small], counts[big], f"no query per line: {counts}")

    def test_short_stock_costs_as_many_queries_for_one_line_as_for_many(self):
        """Short lines bring the forecast at the requested date and the replenishment lead
        times into the check: read once for all the products of the order."""
        stock = self.env.ref("stock.warehouse0").lot_stock_id
        workshop = self.env["stock.location"].create(
            {"name": "Workshop", "usage": "internal", "location_id": stock.id}
        )
        route = self.env["stock.route"].create(
            {
                "name": "From the workshop",
                "product_selectable": True,
                "rule_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Workshop -> Stock",
                            "action": "pull",
                            "procure_method": "make_to_stock",
                            "picking_type_id": self.env.ref("stock.picking_type_internal").id,
                            "location_src_id": workshop.id,
                            "location_dest_id": stock.id,
                            "delay": 4,
                        },
                    )
                ],
            }
        )
        products = self.env["product.product"].create(
            [
                {"name": f"Made-to-order bra {i}", "is_storable": True, "route_ids": route.ids}
                for i in range(9)
            ]
        )
        small = self._order(qty=3)
        small.order_line.product_id = products[0]
        big = self._order(qty=4)
        big.order_line.product_id = products[1]
        big.write(
            {
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 5})
                    for product in products[2:]
                ]
            }
        )
        counts = {}
        for order in (small, big, small, big):  # the first round warms the caches
            order.order_line.intake_promised_date = False
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            order._intake_run()
            counts[order] = self.cr.sql_log_count - before
        self.assertEqual(len(big.order_line), 8)
        self.assertTrue(all(big.order_line.mapped("intake_promised_date")))
        self.assertTrue(big.intake_stock_short)
        self.assertEqual(counts[small], counts[big], f"no query per line: {counts}")
