# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users


@tagged("post_install", "-at_install")
class TestAuditTrail(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.customer = cls.env["res.partner"].create({"name": "Audit Lyon Lingerie"})
        cls.other = cls.env["res.partner"].create({"name": "Audit Osaka Bridal"})
        cls.Log = cls.env["order.archive.audit.log"]
        cls.sale_rule = cls.env.ref("order_archive.audit_rule_sale_order")

    def entries(self, records, **filters):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        domain += [(key, "=", value) for key, value in filters.items()]
        return self.Log.search(domain, order="id")

    def flush_audit(self):
        self.env.flush_all()
        self.env.cr.flush()

    def test_create_write_unlink_with_old_and_new_values(self):
        clerk = self.users["clerk"]
        order = (
            self.env["sale.order"]
            .with_user(clerk)
            .create({"partner_id": self.customer.id, "client_order_ref": "PO-1"})
        )
        self.flush_audit()
        created = self.entries(order, operation="create")
        self.assertEqual(created.user_id, clerk)
        ref = created.filtered(lambda e: e.field_name == "client_order_ref")
        self.assertEqual((ref.old_value, ref.new_value), (False, "PO-1"))
        self.assertIn("partner_id", created.mapped("field_name"))
        self.assertEqual(ref.res_name, order.name)

        order.with_user(clerk).write(
            {"client_order_ref": "PO-2", "partner_id": self.other.id, "origin": "not audited"}
        )
        self.flush_audit()
        changed = self.entries(order, operation="write")
        self.assertEqual(
            {(e.field_description, e.old_value, e.new_value) for e in changed},
            {
                ("Customer Reference", "PO-1", "PO-2"),
                ("Customer", "Audit Lyon Lingerie", "Audit Osaka Bridal"),
            },
        )
        # writing the same value again logs nothing
        order.with_user(clerk).write({"client_order_ref": "PO-2"})
        self.flush_audit()
        self.assertEqual(len(self.entries(order, operation="write")), 2)

        name, order_id = order.name, order.id
        order.sudo().unlink()
        self.flush_audit()
        deleted = self.Log.search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "=", order_id),
                ("operation", "=", "unlink"),
            ]
        )
        self.assertTrue(deleted)
        self.assertEqual(set(deleted.mapped("res_name")), {name})
        ref = deleted.filtered(lambda e: e.field_name == "client_order_ref")
        self.assertEqual(ref.old_value, "PO-2", "the deleted values are kept")

    def test_one_insert_per_transaction_and_no_query_per_field(self):
        orders = self.env["sale.order"].create(
            [{"partner_id": self.customer.id, "client_order_ref": f"R{i}"} for i in range(3)]
        )
        twins = self.env["sale.order"].create(
            [{"partner_id": self.customer.id, "client_order_ref": f"R{i}"} for i in range(3)]
        )
        self.flush_audit()
        vals = {"client_order_ref": "X", "partner_id": self.other.id, "note": "<p>n</p>"}

        def queries_of_write(records, **context):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.with_context(**context).write(vals)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        unaudited = queries_of_write(twins, oa_audit_off=True)
        audited = queries_of_write(orders)
        self.assertLessEqual(audited, unaudited + 1, "one read of the old values per write")

        orders[0].write({"client_order_ref": "Y"})
        statements = []
        cursor_class = type(self.env.cr)
        real_execute = cursor_class.execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return real_execute(cr, query, params, log_exceptions)

        with patch.object(cursor_class, "execute", spy):
            self.env.cr.flush()
        inserts = [q for q in statements if "INSERT INTO order_archive_audit_log" in q]
        self.assertEqual(len(inserts), 1)
        self.assertEqual(len(self.entries(orders, operation="write")), 3 * 3 + 1)

    def test_rule_per_model_and_field(self):
        partner = self.env["res.partner"].create({"name": "Audit Shantou Mill"})
        partner.write({"city": "Shantou"})
        self.flush_audit()
        self.assertFalse(self.entries(partner), "no rule, no entry")
        rule = self.env["order.archive.audit.rule"].create(
            {
                "model": "res.partner",
                "field_ids": [Command.set(self.env.ref("base.field_res_partner__name").ids)],
                "log_create": False,
            }
        )
        partner.write({"name": "Audit Shantou Lace Mill", "city": "Chaozhou"})
        self.env["res.partner"].create({"name": "Audit Not Logged"})
        self.flush_audit()
        self.assertEqual(self.entries(partner).mapped("field_name"), ["name"])
        self.assertFalse(
            self.Log.search(
                [("res_model", "=", "res.partner"), ("operation", "=", "create")]
            ).filtered(lambda e: e.res_name == "Audit Not Logged")
        )
        rule.active = False
        partner.write({"name": "Audit Shantou Mill"})
        self.flush_audit()
        self.assertEqual(len(self.entries(partner)), 1)

    def test_retention_purge(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        order.write({"client_order_ref": "old"})
        self.flush_audit()
        entries = self.entries(order)
        old, recent = entries[:1], entries[1:]
        self.assertTrue(recent)
        self.sale_rule.retention_days = 30
        self.env.cr.execute(
            "UPDATE order_archive_audit_log SET date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=31), old.id],
        )
        self.env["order.archive.audit.rule"]._cron_purge()
        self.assertEqual(self.entries(order), recent)
        self.sale_rule.retention_days = 0
        self.env.cr.execute(
            "UPDATE order_archive_audit_log SET date = %s WHERE id = ANY(%s)",
            [fields.Datetime.now() - timedelta(days=5000), recent.ids],
        )
        self.env["order.archive.audit.rule"]._cron_purge()
        self.assertEqual(self.entries(order), recent, "0 days: kept forever")

    def test_access_per_group(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.flush_audit()
        for role in ("archivist", "auditor"):
            log = self.Log.with_user(self.users[role])
            self.assertTrue(
                log.search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
            )
            with self.assertRaises(AccessError):
                log.create({"res_model": "sale.order", "res_id": order.id})
            with self.assertRaises(AccessError):
                self.entries(order).with_user(self.users[role]).unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.users["clerk"]).search([])
        with self.assertRaises(AccessError):
            self.sale_rule.with_user(self.users["auditor"]).retention_days = 1
        self.sale_rule.with_user(self.users["archivist"]).retention_days = 4000
        action = order.action_oa_audit_trail()
        self.assertEqual(self.Log.search(action["domain"]), self.entries(order))
