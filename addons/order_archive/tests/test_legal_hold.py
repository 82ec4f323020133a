# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

import psycopg2

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from .common import AccountantCase


class HoldCase(AccountantCase):
    """Three customers' orders dated in March and May 2030 (Shanghai time), in draft (Odoo
    lets anyone with the right delete those: only the hold refuses it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.archivist = cls.users["archivist"]
        cls.auditor = cls.users["auditor"]
        cls.clerk = cls.users["clerk"]
        cls.admin = cls.env.ref("base.user_admin")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Lyon Buyer", "parent_id": cls.customer.id, "type": "contact"}
        )
        cls.other = cls.env["res.partner"].create({"name": "Osaka Bridal"})
        cls.fitting = cls.product("Hold fitting", type="service", is_storable=False)
        cls.order_a = cls.order(cls.customer, "2030-03-10 04:00:00")
        cls.order_b = cls.order(cls.contact, "2030-03-31 15:30:00")  # 23:30 in Shanghai
        cls.order_c = cls.order(cls.other, "2030-03-31 16:30:00")  # 1 April in Shanghai
        cls.orders = cls.order_a | cls.order_b | cls.order_c
        cls.Hold = cls.env["order.archive.hold"].with_user(cls.archivist)

    @classmethod
    def order(cls, partner, date_order):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "date_order": date_order,
                "order_line": [
                    Command.create(
                        {"product_id": cls.fitting.id, "product_uom_qty": 1, "price_unit": 80}
                    )
                ],
            }
        )

    def place(self, **vals):
        vals.setdefault("reason", "Dispute over the spring delivery")
        return self.Hold.with_context(tz="Asia/Shanghai").create(vals)


@tagged("post_install", "-at_install")
class TestLegalHold(HoldCase):
    def test_order_hold_refuses_unlink_by_anyone_until_released(self):
        hold = self.place(scope="order", order_id=self.order_a.id)
        self.assertEqual(hold.state, "active")
        self.assertEqual(hold.placed_by_id, self.archivist)
        self.assertEqual(hold.held_order_count, 1)
        self.assertEqual(self.order_a.oa_hold_name, hold.name)
        self.assertFalse(self.order_c.oa_hold_name)
        for records in (
            self.order_a.with_user(self.admin),
            self.order_a.order_line.with_user(self.admin),
            self.order_a.sudo(),
        ):
            with self.assertRaisesRegex(UserError, hold.name):
                records.unlink()
        self.assertTrue(self.order_a.exists())
        # the order of another customer is deleted as in standard Odoo
        self.order_c.with_user(self.admin).unlink()
        self.assertFalse(self.order_c.exists())

        hold.release_reason = "Settlement signed"
        hold.action_release()
        self.assertEqual(hold.state, "released")
        self.assertEqual(hold.released_by_id, self.archivist)
        self.assertFalse(self.order_a.oa_hold_name)
        self.order_a.with_user(self.admin).unlink()
        self.assertFalse(self.order_a.exists())

    def test_sql_delete_refused_by_trigger(self):
        hold = self.place(scope="order", order_id=self.order_a.id)
        self.env.flush_all()
        cr = self.env.cr
        for query, ids in (
            ("DELETE FROM sale_order_line WHERE id = ANY(%s)", self.order_a.order_line.ids),
            ("DELETE FROM sale_order WHERE id = ANY(%s)", self.order_a.ids),
        ):
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaisesRegex(psycopg2.errors.RaiseException, hold.name),
                cr.savepoint(),
            ):
                cr.execute(query, [ids])
        # not held: deleted by SQL as before
        with cr.savepoint():
            cr.execute("DELETE FROM sale_order_line WHERE order_id = %s", [self.order_c.id])
            cr.execute("DELETE FROM sale_order WHERE id = %s", [self.order_c.id])
            self.assertEqual(cr.rowcount, 1)
        # nor is an active hold deleted by SQL
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(psycopg2.errors.RaiseException, "is active"),
            cr.savepoint(),
        ):
            cr.execute("DELETE FROM order_archive_hold WHERE id = %s", [hold.id])
        hold.release_reason = "Case closed"
        hold.action_release()
        self.env.flush_all()
        cr.execute("DELETE FROM sale_order_line WHERE order_id = %s", [self.order_a.id])
        cr.execute("DELETE FROM sale_order WHERE id = %s", [self.order_a.id])
        self.assertEqual(cr.rowcount, 1)

    def test_customer_hold_covers_its_contacts_orders(self):
        with self.assertRaisesRegex(ValidationError, "customer's company"):
            self.place(scope="partner", partner_id=self.contact.id)
        self.place(scope="partner", partner_id=self.customer.id)
        SaleOrder = self.env["sale.order"]
        self.assertEqual(SaleOrder._oa_filter_not_held(self.orders), self.order_c)
        self.assertEqual(self.Hold._get_held_sale_orders(self.orders), self.order_a | self.order_b)
        with self.assertRaisesRegex(UserError, "legal hold"):
            self.order_b.unlink()

    def test_date_range_hold_in_the_placers_days(self):
        hold = self.place(scope="date_range", date_from="2030-03-01", date_to="2030-03-31")
        self.assertEqual(hold.tz, "Asia/Shanghai")
        # order_b is 31 March 23:30 in Shanghai (held), order_c 1 April 00:30 (not held)
        self.assertEqual(self.Hold._get_held_sale_orders(self.orders), self.order_a | self.order_b)
        self.assertEqual(
            self.env["sale.order"].search(hold._oa_order_domain()) & self.orders,
            self.order_a | self.order_b,
        )
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.place(scope="date_range", date_from="2030-04-01", date_to="2030-03-01")

    def test_documents_of_the_order_are_held(self):
        order = self.order_a
        order.action_confirm()
        invoice = order._create_invoices()
        production = self.env["mrp.production"].create(
            {
                "product_id": self.product("Hold bra").id,
                "product_qty": 1,
                "procurement_group_id": self.env["procurement.group"]
                .create({"name": order.name, "sale_id": order.id})
                .id,
            }
        )
        Hold = self.Hold
        self.assertFalse(Hold._get_held_records(invoice))
        self.place(scope="order", order_id=order.id)
        self.assertEqual(Hold._get_held_records(invoice), invoice)
        self.assertEqual(Hold._get_held_records(production), production)
        with self.assertRaisesRegex(UserError, "legal hold"):
            invoice.unlink()
        with self.assertRaisesRegex(UserError, "legal hold"):
            production.unlink()
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.RaiseException),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute("DELETE FROM account_move WHERE id = %s", [invoice.id])

    def test_payments_and_planning_documents_are_held(self):
        """The payment of a held order's invoice (and its journal entry), the order's
        production notice and its rush request are kept too: refused through the ORM and by
        SQL while the hold is active, deleted as in standard Odoo once it is released."""
        bra = self.product("Hold lace bra", invoice_policy="order")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create({"product_id": bra.id, "product_uom_qty": 2, "price_unit": 50})
                ],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": "2030-06-10"})
            ._create_payments()
        )
        self.assertTrue(payment.move_id, "the payment has its journal entry")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"), "reconciled with it")
        Notice = self.env["mrp.production.notice"]
        notice = Notice.create(Notice._prepare_from_order(order))
        rush = self.env["mrp.rush.request"].create(
            {
                "sale_order_id": order.id,
                "reason": "The buyer's trade fair",
                "date_wanted": fields.Date.to_date("2030-06-20"),
            }
        )
        documents = [payment, payment.move_id, notice, notice.line_ids, rush]
        Hold = self.Hold
        for records in documents:
            self.assertFalse(Hold._get_held_records(records), records._name)
        hold = self.place(scope="order", order_id=order.id)
        for records in documents:
            self.assertEqual(Hold._get_held_records(records), records, records._name)
        for records in (notice, rush):  # drafts, which their clerk may delete
            with self.assertRaisesRegex(UserError, hold.name):
                records.with_user(self.clerk).unlink()
        self.env.flush_all()
        cr = self.env.cr
        for table, record in (
            ("account_payment", payment),
            ("account_move", payment.move_id),
            ("mrp_production_notice", notice),
            ("mrp_rush_request", rush),
        ):
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaisesRegex(psycopg2.errors.RaiseException, hold.name),
                cr.savepoint(),
            ):
                cr.execute(SQL("DELETE FROM %s WHERE id = %s", SQL.identifier(table), record.id))
        hold.release_reason = "Settlement signed"
        hold.action_release()
        notice.with_user(self.clerk).unlink()
        rush.with_user(self.clerk).unlink()
        self.assertFalse(notice.exists() or rush.exists())

    def test_placing_and_releasing_is_logged(self):
        hold = self.place(scope="order", order_id=self.order_a.id)
        self.assertIn("placed by", hold.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "Release Reason"):
            hold.action_release()
        with self.assertRaisesRegex(UserError, "cannot be changed once placed"):
            hold.write({"order_id": self.order_c.id})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            hold.sudo().unlink()
        hold.release_reason = "Court order lifted"
        hold.action_release()
        self.assertIn("Court order lifted", hold.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "already released"):
            hold.action_release()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            hold.release_reason = "Other"
        self.env.cr.flush()
        entries = self.env["order.archive.audit.log"].search(
            [("res_model", "=", "order.archive.hold"), ("res_id", "=", hold.id)]
        )
        self.assertEqual(
            set(entries.mapped("operation")), {"create", "write"}, "placed and released"
        )
        state = entries.filtered(lambda e: e.field_name == "state" and e.operation == "write")
        self.assertEqual((state.old_value, state.new_value), ("Active", "Released"))
        self.assertEqual(state.user_id, self.archivist)

    def test_access_per_group(self):
        hold = self.place(scope="order", order_id=self.order_a.id)
        self.assertEqual(hold.with_user(self.auditor).reason, "Dispute over the spring delivery")
        with self.assertRaises(AccessError):
            self.env["order.archive.hold"].with_user(self.auditor).create(
                {"scope": "order", "order_id": self.order_c.id, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            hold.with_user(self.auditor).write({"release_reason": "x"})
        with self.assertRaises(AccessError):
            hold.with_user(self.clerk).read(["reason"])
        # the clerk sees that the order is held, not why
        self.order_a.user_id = self.clerk
        self.assertEqual(self.order_a.with_user(self.clerk).oa_hold_name, hold.name)
        self.assertTrue(fields.Datetime.now() >= hold.placed_on)


@tagged("post_install", "-at_install")
class TestLegalHoldRpc(HttpCase, HoldCase):
    freeze_time = None  # the HTTP server's sessions live in real time

    def test_admin_unlink_over_json_rpc_refused(self):
        hold = self.place(scope="order", order_id=self.order_a.id)
        self.admin.password = "hold-admin"
        uid = self.admin.id

        def execute_kw(model, method, args):
            payload = {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [self.env.cr.dbname, uid, "hold-admin", model, method, args],
                },
            }
            response = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
            return response.json()

        with mute_logger("odoo.http"):
            reply = execute_kw("sale.order", "unlink", [self.order_a.ids])
        self.assertIn("error", reply)
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn(hold.name, reply["error"]["data"]["message"])
        self.assertTrue(self.order_a.exists())
        reply = execute_kw("sale.order", "unlink", [self.order_c.ids])
        self.assertTrue(reply.get("result"), reply)
        self.assertFalse(self.order_c.exists())
