# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Confirmed orders of a company that locks them change through change notices only: on
every path (ORM, one2many commands, the form, JSON-RPC), while what Odoo itself writes on a
confirmed order (deliveries, invoices, down payments, tokens, messages) still works. Two
users applying or signing at the same moment get one change; each group has its rights."""

import json
from contextlib import closing
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.sql_db import db_connect
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .common_change import ChangeNoticeCase

NOTICE_MESSAGE = "(?i)change notice"


@tagged("post_install", "-at_install")
class TestChangeLock(ChangeNoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._confirmed_order()
        cls.made_line = cls.order.order_line.filtered(lambda ln: ln.product_id == cls.made)
        cls.stocked_line = cls.order.order_line.filtered(lambda ln: ln.product_id == cls.stocked)
        cls.other_address = cls.env["res.partner"].create(
            {
                "name": "Lyon Dessous, Marseille depot",
                "parent_id": cls.customer.id,
                "type": "delivery",
            }
        )

    def _as_clerk(self, records):
        return records.with_user(self.clerk)

    def _clear_promised_date(self, line):
        """A line confirmed without a promised date (set aside the write under test)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE sale_order_line SET intake_promised_date = NULL WHERE id = %s", line.id)
        )
        line.invalidate_recordset(["intake_promised_date"])

    def _promise(self, line):
        """The line's promised date, filled where empty (as the acknowledgment does)."""
        if not line.intake_promised_date:
            line.intake_promised_date = fields.Date.today() + timedelta(days=20)
        return line.intake_promised_date

    # ------------------------------------------------------------------ locked

    def test_line_fields_locked_through_write(self):
        line = self._as_clerk(self.made_line)
        promised = self._promise(self.made_line)
        self.assertTrue(self.order.change_locked)
        for vals in (
            {"product_uom_qty": 12},
            {"price_unit": 70.0},
            {"discount": 5.0},
            {"product_id": self.stocked.id},
            {"intake_promised_date": promised + timedelta(days=3)},
            {"process_requirements": "Double stitching"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                line.write(vals)
        self.assertEqual(self.made_line.product_uom_qty, 10)
        self.assertEqual(self.made_line.price_unit, 80.0)
        self.assertEqual(self.made_line.product_id, self.made)
        self.assertEqual(self.made_line.intake_promised_date, promised)
        self.assertFalse(self.made_line.process_requirements)

    def test_line_fields_locked_through_the_order(self):
        order = self._as_clerk(self.order)
        for vals in ({"product_uom_qty": 12}, {"price_unit": 70.0}, {"process_requirements": "x"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                order.write({"order_line": [Command.update(self.made_line.id, vals)]})
        self.assertEqual(self.made_line.product_uom_qty, 10)

    def test_line_locked_through_the_form(self):
        form = Form(self._as_clerk(self.order))
        index = self.order.order_line.sorted(lambda ln: (ln.sequence, ln.id)).ids.index(
            self.made_line.id
        )
        with form.order_line.edit(index) as line_form:
            line_form.product_uom_qty = 12
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            form.save()
        self.assertEqual(self.made_line.product_uom_qty, 10)
        form = Form(self._as_clerk(self.order))
        with form.order_line.new() as line_form:
            line_form.product_id = self.stocked
            line_form.product_uom_qty = 4
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            form.save()
        self.assertEqual(len(self.order.order_line), 3)

    def test_lines_cannot_be_added_or_removed(self):
        order = self._as_clerk(self.order)
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            order.write(
                {
                    "order_line": [
                        Command.create({"product_id": self.stocked.id, "product_uom_qty": 5})
                    ]
                }
            )
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            self.env["sale.order.line"].with_user(self.clerk).create(
                {"order_id": self.order.id, "product_id": self.stocked.id, "product_uom_qty": 5}
            )
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            self._as_clerk(self.stocked_line).unlink()
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            order.write({"order_line": [Command.delete(self.stocked_line.id)]})
        self.assertEqual(len(self.order.order_line), 3)

    def test_line_added_without_quantity_is_refused(self):
        """Odoo gives a new line a quantity of 1 when none is given: it is a product line
        added to the order all the same."""
        order = self._as_clerk(self.order)
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            order.write({"order_line": [Command.create({"product_id": self.stocked.id})]})
        self.assertEqual(len(self.order.order_line), 3)

    def test_line_of_a_quotation_cannot_be_moved_into_a_locked_order(self):
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create({"product_id": self.stocked.id, "product_uom_qty": 5})
                ],
            }
        )
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            self._as_clerk(quotation.order_line).write({"order_id": self.order.id})
        self.assertEqual(len(self.order.order_line), 3)

    def test_order_terms_locked(self):
        order = self._as_clerk(self.order)
        for vals in (
            {"commitment_date": fields.Datetime.now() + timedelta(days=30)},
            {"partner_shipping_id": self.other_address.id},
            {"incoterm": self.env.ref("account.incoterm_EXW").id},
            {"payment_term_id": self.env.ref("account.account_payment_term_30days").id},
            {"intake_packaging_terms": "Polybag, 12 a carton"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                order.write(vals)
        self.assertFalse(self.order.commitment_date)
        self.assertEqual(self.order.partner_shipping_id, self.customer)

    def test_engine_fields_cannot_be_written(self):
        with self.assertRaises(AccessError):
            self._as_clerk(self.order).write({"order_revision": 5})
        self.assertEqual(self.order.order_revision, 0)
        notice = self._notice(self.order)
        for vals in ({"state": "approved"}, {"state": "applied"}, {"base_revision": 3}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                notice.with_user(self.clerk).write(vals)
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.base_revision, 0)

    def test_a_flag_in_the_context_does_not_unlock(self):
        """Only a notice record in the context unlocks (no RPC call can send one)."""
        for flag in (1, True, "1", {"id": 1}):
            with self.subTest(flag=flag):
                line = self._as_clerk(self.made_line).with_context(order_change_notice=flag)
                with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                    line.write({"product_uom_qty": 12})
                order = self._as_clerk(self.order).with_context(order_change_notice=flag)
                with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                    order.write({"commitment_date": fields.Datetime.now()})
                with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                    order.write(
                        {
                            "order_line": [
                                Command.create(
                                    {"product_id": self.stocked.id, "product_uom_qty": 1}
                                )
                            ]
                        }
                    )
                with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
                    self._as_clerk(self.stocked_line).with_context(
                        order_change_notice=flag
                    ).unlink()
                with self.assertRaises(AccessError):
                    order.write({"order_revision": 7})
        self.assertEqual(self.made_line.product_uom_qty, 10)
        self.assertEqual(self.order.order_revision, 0)

    # ------------------------------------------------------------------ incidental

    def test_incidental_writes_still_work(self):
        order = self._as_clerk(self.order)
        order.write({"client_order_ref": "PO-LYON-77", "note": "Deliver in the morning"})
        self.assertEqual(self.order.client_order_ref, "PO-LYON-77")
        token = order._portal_ensure_token()
        self.assertTrue(token)
        self.assertEqual(self.order.access_token, token)
        message = order.message_post(body="Customer called", message_type="comment")
        self.assertIn(message, self.order.message_ids)
        self._as_clerk(self.made_line).write({"name": "Lace bra 75B, ivory"})
        self.assertEqual(self.made_line.name, "Lace bra 75B, ivory")
        # writing a locked field its own value changes nothing
        self._as_clerk(self.made_line).write(
            {
                "product_uom_qty": self.made_line.product_uom_qty,
                "price_unit": self.made_line.price_unit,
                "product_id": self.made.id,
                "process_requirements": False,
            }
        )
        order.write({"order_line": [Command.update(self.made_line.id, {"product_uom_qty": 10})]})
        order.write({"partner_shipping_id": self.order.partner_shipping_id.id})
        # a section and a note may be added; a zero-quantity line too (Odoo adds one for a
        # product delivered beyond the order)
        order.write(
            {
                "order_line": [
                    Command.create({"display_type": "line_section", "name": "Accessories"}),
                    Command.create({"display_type": "line_note", "name": "Pack by size"}),
                ]
            }
        )
        self.assertEqual(len(self.order.order_line.filtered("display_type")), 2)
        # Odoo's own lock
        self.order.action_lock()
        self.assertTrue(self.order.locked)
        self.order.action_unlock()
        self.assertFalse(self.order.locked)

    def test_empty_promised_date_can_be_filled(self):
        line = self.stocked_line
        self._clear_promised_date(line)
        day = fields.Date.today() + timedelta(days=9)
        self._as_clerk(line).write({"intake_promised_date": day})
        self.assertEqual(line.intake_promised_date, day)
        with self.assertRaisesRegex(UserError, NOTICE_MESSAGE):
            self._as_clerk(line).write({"intake_promised_date": day + timedelta(days=1)})
        # the suite's own filling (the acknowledgment) where empty
        self._clear_promised_date(line)
        self.order._intake_promise_dates()
        self.assertTrue(line.intake_promised_date)

    def test_delivery_invoice_and_down_payment(self):
        order = self._confirmed_order([(self.stocked, 10, 3.0)])
        line = order.order_line
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.write({"quantity": 10, "picked": True})
        self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")
        self.assertEqual(line.qty_delivered, 10)
        # a down payment on the next order (as Odoo's wizard makes it)
        other = self._confirmed_order([(self.made, 10, 80.0)])
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=other.ids, active_id=other.id)
            .create({"advance_payment_method": "percentage", "amount": 30})
        )
        wizard.create_invoices()
        down_payment = other.order_line.filtered("is_downpayment")
        self.assertTrue(down_payment)
        other.invoice_ids.action_post()
        self.assertEqual(other.invoice_ids.state, "posted")
        # the invoice of the delivered order
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(line.qty_invoiced, 10)
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertTrue(order.change_locked, "still locked: what was delivered stays")

    # ------------------------------------------------------------------ not locked

    def test_quotation_is_never_locked(self):
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create({"product_id": self.stocked.id, "product_uom_qty": 5})
                ],
            }
        )
        self.assertFalse(quotation.change_locked)
        quotation = self._as_clerk(quotation)
        quotation.order_line.write({"product_uom_qty": 8, "price_unit": 2.5})
        quotation.write(
            {
                "commitment_date": fields.Datetime.now() + timedelta(days=10),
                "partner_shipping_id": self.other_address.id,
                "order_line": [Command.create({"product_id": self.made.id, "product_uom_qty": 2})],
            }
        )
        self.assertEqual(len(quotation.order_line), 2)
        quotation.order_line.filtered(lambda ln: ln.product_id == self.made).unlink()
        self.assertEqual(quotation.order_line.product_uom_qty, 8)

    def test_policy_off_edits_as_standard_odoo(self):
        self.company.order_change_lock = False
        self.order.invalidate_recordset(["change_locked"])
        self.assertFalse(self.order.change_locked)
        order = self._as_clerk(self.order)
        self._as_clerk(self.stocked_line).write({"product_uom_qty": 12, "price_unit": 2.8})
        self.assertEqual(self.stocked_line.product_uom_qty, 12)
        order.write(
            {
                "commitment_date": fields.Datetime.now() + timedelta(days=30),
                "partner_shipping_id": self.other_address.id,
                "order_line": [
                    Command.create({"product_id": self.stocked.id, "product_uom_qty": 3})
                ],
            }
        )
        self.assertEqual(self.order.partner_shipping_id, self.other_address)
        self.assertEqual(len(self.order.order_line), 4)


@tagged("post_install", "-at_install")
class TestChangeLockOverRpc(HttpCase, ChangeNoticeCase):
    """What a web client or an integration sends: JSON-RPC calls of the clerk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._confirmed_order([(cls.stocked, 10, 3.0)])
        cls.line = cls.order.order_line

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        return response.json()

    def assertRpcRefused(self, reply, pattern=NOTICE_MESSAGE):
        self.assertIn("error", reply, f"refused: {reply}")
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.UserError")
        self.assertRegex(reply["error"]["data"]["message"], pattern)

    def test_json_rpc(self):
        self.authenticate("cn_clerk", "cn_clerk")
        with mute_logger("odoo.http"):
            self.assertRpcRefused(
                self._call_kw("sale.order.line", "write", [[self.line.id], {"product_uom_qty": 12}])
            )
            self.assertRpcRefused(
                self._call_kw(
                    "sale.order",
                    "write",
                    [
                        [self.order.id],
                        {"order_line": [[1, self.line.id, {"price_unit": 2.0}]]},
                    ],
                )
            )
            self.assertRpcRefused(
                self._call_kw(
                    "sale.order",
                    "write",
                    [[self.order.id], {"commitment_date": "2030-01-01 08:00:00"}],
                )
            )
            # a context flag sent by the client does not unlock
            self.assertRpcRefused(
                self._call_kw(
                    "sale.order.line",
                    "write",
                    [[self.line.id], {"product_uom_qty": 12}],
                    {"context": {"order_change_notice": 1}},
                )
            )
        reply = self._call_kw(
            "sale.order.line", "write", [[self.line.id], {"name": "Silk pouch, red"}]
        )
        self.assertIs(reply.get("result"), True, reply)
        self.env.invalidate_all()
        self.assertEqual(self.line.name, "Silk pouch, red")
        self.assertEqual(self.line.product_uom_qty, 10)
        self.assertEqual(self.line.price_unit, 3.0)
        self.assertFalse(self.order.commitment_date)


@tagged("post_install", "-at_install")
class TestChangeNoticeRights(ChangeNoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._confirmed_order()
        cls.employee = new_test_user(cls.env, login="cn_employee", groups="base.group_user")
        cls.auditor = new_test_user(
            cls.env, login="cn_auditor", groups="order_intake.group_order_auditor"
        )
        cls.other_company = cls.env["res.company"].create({"name": "Shenzhen Intimates Ltd"})
        cls.other_clerk = new_test_user(
            cls.env,
            login="cn_other_clerk",
            groups="sales_team.group_sale_salesman,order_intake.group_order_clerk",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )

    def _changed_notice(self):
        notice = self._notice(self.order)
        self._notice_line(notice, self.made).with_user(self.clerk).new_qty = 15
        return notice

    def test_employee_reads_but_cannot_raise(self):
        notice = self._changed_notice()
        data = notice.with_user(self.employee).read(["name", "state", "reason"])
        self.assertEqual(data[0]["state"], "draft")
        with self.assertRaises(AccessError):
            self.env["order.change.notice"].with_user(self.employee).create(
                {"order_id": self.order.id, "reason": "x"}
            )
        with self.assertRaises(AccessError):
            notice.with_user(self.employee).write({"reason": "y"})
        with self.assertRaises(AccessError):
            notice.with_user(self.employee).action_submit()

    def test_clerk_raises_and_submits(self):
        notice = self._changed_notice()
        self.assertEqual(notice.create_uid, self.clerk)
        notice.with_user(self.clerk).action_submit()
        self.assertEqual(notice.state, "submitted")
        self.assertEqual(notice.approval_state, "pending")
        self.assertEqual(notice.approval_request_id.submitted_by_id, self.clerk)

    def test_only_the_current_level_signs(self):
        notice = self._changed_notice()
        notice.with_user(self.clerk).action_submit()
        request = notice.approval_request_id
        step = request.current_step_id
        self.assertGreater(len(request.step_ids), 1)
        later = (request.step_ids - step).approver_user_ids - step.approver_user_ids
        self.assertTrue(later, "the signers of the later levels")
        for user in later:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                notice.with_user(user)._approval_decide(True, "not my turn")
        self.assertEqual(step.state, "pending")
        self.assertEqual(request.current_step_id, step)

    def test_submitter_cannot_sign_his_own_notice(self):
        # the clerk belongs to the production department and to leadership too
        Department = self.env["order.review.department"]
        Department.search([("code", "=", "PMC")]).member_ids = [Command.link(self.clerk.id)]
        self.env.ref("order_intake.group_order_approver").users = [Command.link(self.clerk.id)]
        notice = self._changed_notice()
        notice.with_user(self.clerk).action_submit()
        request = notice.approval_request_id
        self.assertNotIn(self.clerk, request.step_ids.approver_user_ids)
        step = request.current_step_id
        with self.assertRaisesRegex(UserError, "someone else"):
            notice.with_user(self.clerk)._approval_decide(True, "my own")
        # not even when named on the level afterwards
        step.sudo().approver_user_ids = [Command.link(self.clerk.id)]
        with self.assertRaisesRegex(UserError, "someone else"):
            notice.with_user(self.clerk)._approval_decide(True, "my own")
        self.assertEqual(step.state, "pending")

    def test_auditor_reads_but_cannot_write(self):
        draft = self._changed_notice()
        with self.assertRaises(AccessError):
            draft.with_user(self.auditor).write({"reason": "audited"})
        with self.assertRaises(AccessError):
            draft.line_ids.with_user(self.auditor).write({"new_qty": 20})
        with self.assertRaises(AccessError):
            draft.with_user(self.auditor).action_submit()
        with self.assertRaises(AccessError):
            self.env["order.change.notice"].with_user(self.auditor).create(
                {"order_id": self.order.id, "reason": "x"}
            )
        notice = self._changed_notice()
        notice.with_user(self.clerk).action_submit()
        auditor_notice = notice.with_user(self.auditor)
        self.assertEqual(auditor_notice.state, "submitted")
        self.assertEqual(auditor_notice.reason, "Customer asks for a change")
        self.assertEqual(self._notice_line(auditor_notice, self.made).new_qty, 15)
        self.assertTrue(auditor_notice.approval_step_ids)
        for action in ("action_cancel", "action_draft", "action_refresh"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(auditor_notice, action)()
        self.assertEqual(notice.state, "submitted")
        self.assertEqual(draft.reason, "Customer asks for a change")

    def test_only_a_signed_notice_is_applied(self):
        notice = self._changed_notice()
        for state in ("draft", "submitted"):
            if state == "submitted":
                notice.with_user(self.clerk).action_submit()
            with self.subTest(state=state), self.assertRaisesRegex(UserError, "not signed"):
                notice.with_user(self.clerk)._apply(raise_error=False)
            self.assertEqual(notice.state, state)
            self.assertEqual(self._line(self.order, self.made).product_uom_qty, 10)
            self.assertEqual(self.order.order_revision, 0)

    def test_values_before_cannot_be_written(self):
        notice = self._changed_notice()
        line = self._notice_line(notice, self.made)
        clerk_line = line.with_user(self.clerk)
        for vals in (
            {"old_qty": 99.0},
            {"old_price": 1.0, "new_price": 70.0},
            {"old_product_id": self.stocked.id},
            {"old_promised_date": fields.Date.to_date("2030-01-31")},
            {"old_process": "hand-sewn"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "before"):
                clerk_line.write(vals)
        with self.assertRaisesRegex(AccessError, "before"):
            notice.with_user(self.clerk).write(
                {"line_ids": [Command.update(line.id, {"old_qty": 99.0})]}
            )
        with self.assertRaisesRegex(AccessError, "before"):
            notice.with_user(self.clerk).write({"old_packaging_terms": "Loose, no carton"})
        self.assertEqual(
            (line.old_qty, line.old_price, line.old_product_id, line.new_price),
            (10.0, 80.0, self.made, 80.0),
        )
        self.assertFalse(notice.old_packaging_terms)
        # the proposed values stay the clerk's to write
        clerk_line.write({"new_qty": 12.0, "new_price": 78.0})
        self.assertEqual((line.old_qty, line.new_qty, line.new_price), (10.0, 12.0, 78.0))
        # a new line of the order had nothing before, whatever the client sends
        added = (
            self.env["order.change.notice.line"]
            .with_user(self.clerk)
            .create(
                {
                    "notice_id": notice.id,
                    "product_id": self.stocked.id,
                    "new_qty": 5,
                    "new_price": 3.0,
                    "old_qty": 40.0,
                    "old_product_id": self.made.id,
                }
            )
        )
        self.assertEqual(
            (added.change_type, added.old_qty, added.old_product_id),
            ("add", 0.0, self.env["product.product"]),
        )

    def test_other_company_cannot_read(self):
        notice = self._changed_notice()
        Notice = self.env["order.change.notice"].with_user(self.other_clerk)
        self.assertFalse(Notice.search([("id", "=", notice.id)]))
        with self.assertRaises(AccessError):
            notice.with_user(self.other_clerk).read(["name", "reason"])
        with self.assertRaises(AccessError):
            notice.line_ids.with_user(self.other_clerk).read(["new_qty"])


# no e-mail is sent from the committed fixture (the test server has no outgoing mail)
QUIET = {"mail_notify_force_send": False, "mail_activity_quick_update": True}
COMPANY_FLAGS = ("order_change_lock", "order_review_enabled", "order_approval_sale")


@tagged("post_install", "-at_install")
class TestConcurrentChangeNotices(TransactionCase):
    """Two users act on change notices of the same order at the same moment, on two real
    database connections: the order changes once. The fixture is committed (and removed
    afterwards); the test's own transaction writes nothing, so that it holds no lock."""

    def _commit_fixture(self, new_qtys, customer_confirms=False):
        """A confirmed order of 10 made-to-order bras (one manufacturing order), one notice
        per quantity of ``new_qtys`` submitted by a clerk to one level that either of two
        leaders signs; with ``customer_confirms`` the notices are signed (by the first leader)
        and confirmed by the customer, ready to apply."""
        dbname = self.env.cr.dbname
        with closing(db_connect(dbname).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(QUIET, tracking_disable=True))
            company = env.company
            mto = env.ref("stock.route_warehouse0_mto")
            saved = {"flags": {f: company[f] for f in COMPANY_FLAGS}, "mto": mto.active}
            company.write(
                {
                    "order_change_lock": True,
                    "order_review_enabled": False,
                    "order_approval_sale": False,
                }
            )
            mto.active = True
            group = env["res.groups"].create({"name": "Change notice signers (test)"})
            Users = env["res.users"].with_context(no_reset_password=True)
            clerk = Users.create(
                {
                    "name": "Clerk Concurrent",
                    "login": "cnc_clerk",
                    "groups_id": [Command.set([env.ref("order_intake.group_order_clerk").id])],
                }
            )
            approvers = Users.create(
                [
                    {
                        "name": name,
                        "login": f"cnc_{name.lower().replace(' ', '_')}",
                        "groups_id": [
                            Command.set([env.ref("order_intake.group_order_approver").id, group.id])
                        ],
                    }
                    for name in ("Leader One", "Leader Two")
                ]
            )
            policy = env["order.approval.policy"].create(
                {
                    "name": "Change notices (concurrent test)",
                    "model": "order.change.notice",
                    "company_id": company.id,
                    "level_ids": [
                        Command.create({"name": "Leadership (test)", "group_id": group.id})
                    ],
                }
            )
            component = env["product.product"].create(
                {"name": "Concurrent lace", "is_storable": True}
            )
            made = env["product.product"].create(
                {
                    "name": "Concurrent bra",
                    "is_storable": True,
                    "list_price": 80.0,
                    "route_ids": [
                        Command.set([mto.id, env.ref("mrp.route_warehouse0_manufacture").id])
                    ],
                }
            )
            bom = env["mrp.bom"].create(
                {
                    "product_tmpl_id": made.product_tmpl_id.id,
                    "product_qty": 1,
                    "bom_line_ids": [
                        Command.create({"product_id": component.id, "product_qty": 2})
                    ],
                }
            )
            partner = env["res.partner"].create({"name": "Concurrent customer", "lang": "en_US"})
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": made.id, "product_uom_qty": 10, "price_unit": 80.0}
                        )
                    ],
                }
            )
            order.action_confirm()
            productions = self._productions(env, order)
            self.assertEqual(productions.product_qty, 10)
            notices = env["order.change.notice"]
            for qty in new_qtys:
                notice = (
                    env["order.change.notice"]
                    .with_user(clerk)
                    .create(
                        {
                            "order_id": order.id,
                            "reason": f"Customer wants {qty}",
                            "customer_confirmation_required": customer_confirms,
                        }
                    )
                )
                notice.line_ids.new_qty = qty
                notice.action_submit()
                notices |= notice
            if customer_confirms:
                for notice in notices:
                    notice.with_user(approvers[0])._approval_decide(True, "signed")
                    notice.write(
                        {
                            "customer_confirmed_by": "Mme Lefèvre",
                            "customer_confirmed_on": fields.Date.today(),
                        }
                    )
                    self.assertEqual(notice.state, "approved")
            # a real commit: the other connections must see it (cleaned up below)
            cr.commit()  # pylint: disable=invalid-commit
            return {
                "saved": saved,
                "order": order.id,
                "notices": notices.ids,
                "clerk": clerk.id,
                "approvers": approvers.ids,
                "group": group.id,
                "policy": policy.id,
                "products": (made | component).ids,
                "bom": bom.id,
                "partner": partner.id,
            }

    @staticmethod
    def _productions(env, order):
        return env["mrp.production"].search(
            [
                "|",
                ("procurement_group_id.sale_id", "=", order.id),
                ("move_dest_ids.sale_line_id", "in", order.order_line.ids),
            ]
        )

    def _cleanup(self, ids):
        with closing(db_connect(self.env.cr.dbname).cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(QUIET, tracking_disable=True))
            notices = env["order.change.notice"].browse(ids["notices"])
            # the trail cannot be deleted through the ORM, by design
            cr.execute(
                SQL(
                    "DELETE FROM order_approval_step WHERE request_id IN (SELECT id FROM "
                    "order_approval_request WHERE res_model = 'order.change.notice' AND res_id "
                    "IN %s)",
                    tuple(notices.ids),
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM order_approval_request WHERE res_model = 'order.change.notice' "
                    "AND res_id IN %s",
                    tuple(notices.ids),
                )
            )
            env.invalidate_all()
            notices.write({"state": "cancel"})
            notices.unlink()
            order = env["sale.order"].browse(ids["order"])
            productions = self._productions(env, order)
            productions.action_cancel()
            productions.unlink()
            order.picking_ids.action_cancel()
            order.picking_ids.unlink()
            order._action_cancel()
            groups = env["procurement.group"].search([("sale_id", "=", order.id)])
            order.unlink()
            groups.unlink()
            products = env["product.product"].browse(ids["products"])
            moves = env["stock.move"].search([("product_id", "in", products.ids)])
            moves._action_cancel()
            moves.unlink()
            env["mrp.bom"].browse(ids["bom"]).unlink()
            products.product_tmpl_id.unlink()
            env["order.approval.policy"].browse(ids["policy"]).unlink()
            users = env["res.users"].browse([ids["clerk"], *ids["approvers"]])
            partners = users.partner_id | env["res.partner"].browse(ids["partner"])
            users.unlink()
            partners.unlink()
            env["res.groups"].browse(ids["group"]).unlink()
            env.company.write(ids["saved"]["flags"])
            env.ref("stock.route_warehouse0_mto").active = ids["saved"]["mto"]
            # the clean-up is committed too, like the fixture
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_leaders_sign_the_last_level_at_once(self):
        dbname = self.env.cr.dbname
        ids = self._commit_fixture([15])
        notice_id = ids["notices"][0]
        try:
            with (
                closing(db_connect(dbname).cursor()) as cr1,
                closing(db_connect(dbname).cursor()) as cr2,
            ):
                env1 = api.Environment(cr1, ids["approvers"][0], QUIET)
                env2 = api.Environment(cr2, ids["approvers"][1], QUIET)
                env1["order.change.notice"].browse(notice_id)._approval_decide(True, "first")
                with self.assertRaisesRegex(UserError, "at this very moment"):
                    env2["order.change.notice"].browse(notice_id)._approval_decide(True, "second")
                cr2.rollback()
                cr1.commit()  # pylint: disable=invalid-commit
                env2.invalidate_all()
                with self.assertRaisesRegex(UserError, "already approved by Leader One"):
                    env2["order.change.notice"].browse(notice_id)._approval_decide(True, "second")
                cr2.rollback()
            with closing(db_connect(dbname).cursor()) as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                notice = env["order.change.notice"].browse(notice_id)
                order = notice.order_id
                self.assertEqual(notice.state, "applied", notice.apply_error)
                self.assertEqual(notice.revision, 1)
                self.assertEqual(order.order_revision, 1)
                self.assertEqual(order.order_line.product_uom_qty, 15)
                productions = self._productions(env, order)
                self.assertEqual(len(productions), 1)
                self.assertEqual(productions.product_qty, 15)
                self.assertEqual(len(notice.approval_step_ids), 1)
                self.assertEqual(notice.approval_step_ids.done_by_id.name, "Leader One")
                applied = notice.message_ids.filtered(lambda m: "Applied" in (m.body or ""))
                self.assertEqual(len(applied), 1)
        finally:
            self._cleanup(ids)

    def test_two_notices_of_one_order_applied_at_once(self):
        dbname = self.env.cr.dbname
        ids = self._commit_fixture([15, 12], customer_confirms=True)
        first_id, second_id = ids["notices"]
        try:
            with (
                closing(db_connect(dbname).cursor()) as cr1,
                closing(db_connect(dbname).cursor()) as cr2,
            ):
                env1 = api.Environment(cr1, ids["clerk"], QUIET)
                env2 = api.Environment(cr2, ids["clerk"], QUIET)
                # the first user's transaction is changing the order
                cr1.execute(SQL("SELECT id FROM sale_order WHERE id = %s FOR UPDATE", ids["order"]))
                # (a sub-test: what follows is checked whatever the answer here)
                with self.subTest("the second user is told the order is busy"):
                    try:
                        with self.assertRaisesRegex(UserError, "being changed by someone else"):
                            env2["order.change.notice"].browse(second_id).action_apply()
                    finally:
                        cr2.rollback()
                        env2.invalidate_all()
                env1["order.change.notice"].browse(first_id).action_apply()
                cr1.commit()  # pylint: disable=invalid-commit
                env2.invalidate_all()
                with self.assertRaisesRegex(UserError, "Refresh"):
                    env2["order.change.notice"].browse(second_id).action_apply()
                cr2.rollback()
            with closing(db_connect(dbname).cursor()) as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                first, second = env["order.change.notice"].browse([first_id, second_id])
                order = first.order_id
                self.assertEqual(first.state, "applied", first.apply_error)
                self.assertEqual(second.state, "approved")
                self.assertEqual(order.order_revision, 1)
                self.assertEqual(order.order_line.product_uom_qty, 15)
                self.assertEqual(self._productions(env, order).product_qty, 15)
        finally:
            self._cleanup(ids)
