# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Three-way match of vendor bills: 10 lace rolls ordered at 10.00, 8 received."""

from ast import literal_eval

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import AccountantCase


@tagged("post_install", "-at_install")
class TestBillMatch(AccountantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lace = cls.product("Match lace roll", purchase_method="receive")
        cls.design = cls.product(
            "Match pattern design", type="service", is_storable=False, purchase_method="purchase"
        )

    def purchase(self, product=None, qty=10, price=10.0, received=8):
        product = product or self.lace
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "taxes_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        if received and product.type != "service":
            self.receive(order, received)
        return order

    def bill(self, order=None, qty=8, price=10.0, move_type="in_invoice", extra_lines=()):
        lines = []
        if order:
            lines.append(
                Command.create(
                    {
                        "product_id": order.order_line.product_id.id,
                        "quantity": qty,
                        "price_unit": price,
                        "purchase_line_id": order.order_line.id,
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        lines += [Command.create(vals) for vals in extra_lines]
        return self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.vendor.id,
                "invoice_date": fields.Date.context_today(self.env.user),
                "invoice_line_ids": lines,
            }
        )

    def set_policy(self, percent=0.0, amount=0.0):
        self.company.write(
            {
                "oa_bill_match_policy": True,
                "oa_bill_match_tolerance_percent": percent,
                "oa_bill_match_tolerance_amount": amount,
            }
        )

    # Statuses -------------------------------------------------------------------------------
    def test_received_quantity_at_ordered_price_matches(self):
        bill = self.bill(self.purchase())
        line = bill.invoice_line_ids
        self.assertEqual(
            (line.oa_qty_ordered, line.oa_qty_received, line.oa_qty_billed, line.oa_price_ordered),
            (10, 8, 8, 10.0),
        )
        self.assertEqual(line.oa_match_status, "matched")
        self.assertEqual(bill.oa_match_status, "matched")
        self.assertFalse(bill.oa_match_blocking)

    def test_journal_items_carry_the_number_of_the_posted_entry(self):
        """The match computed at posting must not freeze the journal items' entry number
        before Odoo gives it (Odoo's own account test of sequence concurrency checks the
        same, on entries numbered at posting: name emptied, match still to compute)."""
        journal = self.env["account.journal"].create(
            {"name": "Moulds", "code": "MLD", "type": "general"}
        )
        account = self.env["account.account"].create(
            {"code": "MLD", "name": "Moulds", "account_type": "asset_fixed"}
        )
        entries = self.env["account.move"].create(
            [
                {
                    "journal_id": journal.id,
                    "date": fields.Date.context_today(self.env.user),
                    "line_ids": [Command.create({"name": "Moulds", "account_id": account.id})],
                }
            ]
            * 2
        )
        bill = self.bill(self.purchase(), qty=10)
        moves = entries | bill
        moves.name = False
        entries[0].action_post()
        bill.action_post()
        for move in entries[0] | bill:
            self.assertTrue(move.name)
            self.assertEqual(set(move.line_ids.mapped("move_name")), {move.name})
        self.assertEqual(bill.oa_match_status, "qty_over_received")
        self.assertFalse(entries.mapped("oa_match_status")[0])

    def test_billed_over_received(self):
        bill = self.bill(self.purchase(), qty=10)
        self.assertEqual(bill.invoice_line_ids.oa_match_status, "qty_over_received")
        self.assertEqual(bill.invoice_line_ids.oa_qty_over, 2)
        self.assertEqual(bill.oa_match_status, "qty_over_received")
        self.assertIn("billed 10.0 for 8.0 received (2.0 over)", bill.oa_match_summary)

    def test_price_over_tolerance_and_its_edges(self):
        order = self.purchase()
        self.set_policy(percent=5.0)
        bill = self.bill(order, price=10.5)
        self.assertEqual(bill.oa_match_status, "matched", "5% over is within 5%")
        bill.invoice_line_ids.price_unit = 10.51
        self.assertEqual(bill.oa_match_status, "price_over_tolerance")
        self.assertAlmostEqual(bill.invoice_line_ids.oa_price_over, 0.51)
        bill.invoice_line_ids.price_unit = 9.0
        self.assertEqual(bill.oa_match_status, "matched", "cheaper than ordered matches")

    def test_amount_tolerance_in_company_currency(self):
        order = self.purchase()
        # 8 x 0.60 = 4.80 over
        self.set_policy(amount=5.0)
        bill = self.bill(order, price=10.6)
        bill.action_oa_recheck_match()
        self.assertEqual(bill.oa_match_status, "matched")
        self.company.oa_bill_match_tolerance_amount = 4.79
        bill.action_oa_recheck_match()
        self.assertEqual(bill.oa_match_status, "price_over_tolerance")

    def test_quantity_tolerance_percent(self):
        order = self.purchase()
        self.set_policy(percent=5.0)
        bill = self.bill(order, qty=8.4)
        self.assertEqual(bill.oa_match_status, "matched", "0.4 over 8 received is 5%")
        bill.invoice_line_ids.quantity = 8.5
        self.assertEqual(bill.oa_match_status, "qty_over_received")

    def test_vendor_tolerance_overrides_company(self):
        order = self.purchase()
        self.set_policy(percent=0.0)
        self.vendor.write(
            {"oa_bill_match_own_tolerance": True, "oa_bill_match_tolerance_percent": 10.0}
        )
        bill = self.bill(order, price=11.0)
        bill.action_oa_recheck_match()
        self.assertEqual(bill.oa_match_status, "matched")
        self.vendor.oa_bill_match_own_tolerance = False
        bill.action_oa_recheck_match()
        self.assertEqual(bill.oa_match_status, "price_over_tolerance")

    def test_line_without_purchase_order(self):
        self.set_policy()
        freight = self.product("Match freight", type="service", is_storable=False)
        bill = self.bill(
            self.purchase(),
            extra_lines=[{"product_id": freight.id, "quantity": 1, "price_unit": 30.0}],
        )
        statuses = bill.invoice_line_ids.sorted("oa_match_status").mapped("oa_match_status")
        self.assertEqual(statuses, ["matched", "no_po"])
        self.assertEqual(bill.oa_match_status, "no_po", "the worst of the lines")
        bill.with_user(self.billing).action_post()
        self.assertEqual(bill.state, "posted", "a line without purchase order does not block")

    def test_earlier_bills_and_refunds_are_counted(self):
        order = self.purchase()
        first = self.bill(order, qty=5)
        first.action_post()
        second = self.bill(order, qty=4)
        self.assertEqual(second.invoice_line_ids.oa_qty_billed, 9)
        self.assertEqual(second.oa_match_status, "qty_over_received")
        refund = self.bill(order, qty=2, move_type="in_refund")
        self.assertEqual(refund.invoice_line_ids.oa_match_status, "matched")
        refund.action_post()
        self.assertEqual(second.invoice_line_ids.oa_qty_billed, 7)
        self.assertEqual(second.oa_match_status, "matched")

    def test_later_bill_does_not_turn_an_accepted_bill_over(self):
        """8 received: a bill of 8 posted matches and stays matched when a second bill of 2
        is posted (policy off); the second is the one over. A refund corrects both."""
        order = self.purchase()
        first = self.bill(order, qty=8)
        first.action_post()
        self.assertEqual(first.oa_match_status, "matched")
        self.assertTrue(first.oa_posted_at)
        second = self.bill(order, qty=2)
        second.action_post()
        self.assertEqual(
            (first.oa_match_status, first.invoice_line_ids.oa_qty_billed), ("matched", 8)
        )
        self.assertEqual(
            (second.oa_match_status, second.invoice_line_ids.oa_qty_billed),
            ("qty_over_received", 10),
        )
        self.assertIn(first, self.env["account.move"].search([("oa_match_status", "=", "matched")]))
        refund = self.bill(order, qty=2, move_type="in_refund")
        refund.action_post()
        self.assertEqual(second.oa_match_status, "matched")
        self.assertEqual(first.oa_match_status, "matched")
        # the first reset to draft and posted again comes after the second: 2 billed and 2
        # refunded before it, itself 8, for 8 received
        first.button_draft()
        first.action_post()
        self.assertGreaterEqual(first.oa_posted_at, second.oa_posted_at)
        self.assertEqual((first.oa_match_status, second.oa_match_status), ("matched", "matched"))

    def test_service_is_matched_against_ordered_quantity(self):
        order = self.purchase(self.design, qty=2, price=100.0, received=0)
        bill = self.bill(order, qty=2, price=100.0)
        self.assertEqual(bill.oa_match_status, "matched")
        bill.invoice_line_ids.quantity = 3
        self.assertEqual(bill.oa_match_status, "qty_over_received")

    def test_receipt_brings_bill_back_to_match(self):
        order = self.purchase(received=8)
        bill = self.bill(order, qty=10)
        self.assertEqual(bill.oa_match_status, "qty_over_received")
        self.receive(order, 2)
        self.assertEqual(bill.invoice_line_ids.oa_qty_received, 10)
        self.assertEqual(bill.oa_match_status, "matched")

    # Posting ----------------------------------------------------------------------------------
    def test_policy_on_refuses_posting_with_lines_and_amounts(self):
        self.set_policy(percent=2.0)
        bill = self.bill(self.purchase(), qty=10, price=10.0)
        with self.assertRaisesRegex(UserError, r"Match lace roll: billed 10.0 for 8.0 received"):
            bill.with_user(self.billing).action_post()
        with self.assertRaises(UserError, msg="writing the state is refused too"):
            bill.with_user(self.billing).write({"state": "posted"})
        self.assertEqual(bill.state, "draft")
        with self.assertRaisesRegex(UserError, "Post Despite Mismatch"):
            bill.with_user(self.controller).action_post()

    def test_override_with_reason_posts_and_keeps_reason(self):
        self.set_policy()
        bill = self.bill(self.purchase(), qty=8, price=12.0)
        with self.assertRaises(AccessError):
            bill.with_user(self.billing).action_oa_match_override()
        with self.assertRaises(AccessError):
            bill.with_user(self.billing).write({"oa_match_override_reason": "I say so"})
        action = bill.with_user(self.controller).action_oa_match_override()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.controller)
            .with_context(**action["context"])
        )
        self.assertIn("price 12.00", wizard_form.problems.replace("$\xa0", "").replace("\xa0", " "))
        with self.assertRaises(AssertionError, msg="a reason is required"):
            wizard_form.save()
        with self.assertRaisesRegex(UserError, "Say why"):
            bill.with_user(self.controller)._oa_override("   ")
        wizard_form.reason = "Price rise agreed with the mill on 3 June"
        wizard_form.save().action_post()
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.oa_match_override_user_id, self.controller)
        self.assertEqual(bill.oa_match_override_reason, "Price rise agreed with the mill on 3 June")
        self.assertIn("Price rise agreed with the mill", " ".join(bill.message_ids.mapped("body")))
        # back to draft, the override is gone: a new posting needs a new reason
        bill.button_draft()
        self.assertFalse(bill.oa_match_override_reason)
        # the audit trail keeps who overrode, why, and that the reason went with the draft
        self.env.flush_all()
        self.env.cr.flush()
        entries = self.env["order.archive.audit.log"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", bill.id),
                ("field_name", "in", ("oa_match_override_reason", "oa_match_override_user_id")),
            ],
            order="id",
        )
        self.assertCountEqual(
            [(e.field_name, e.old_value or "", e.new_value or "", e.user_id) for e in entries],
            [
                (
                    "oa_match_override_reason",
                    "",
                    "Price rise agreed with the mill on 3 June",
                    self.controller,
                ),
                ("oa_match_override_user_id", "", self.controller.display_name, self.controller),
                (
                    "oa_match_override_reason",
                    "Price rise agreed with the mill on 3 June",
                    "",
                    self.env.user,
                ),
                ("oa_match_override_user_id", self.controller.display_name, "", self.env.user),
            ],
        )
        with self.assertRaises(UserError):
            bill.with_user(self.billing).action_post()

    def test_policy_off_odoo_bill_control_unchanged(self):
        """Off by default: a bill over received posts; Odoo's control on received quantities
        still bills only what was received."""
        self.assertFalse(self.company.oa_bill_match_policy)
        order = self.purchase(received=0)
        with self.assertRaisesRegex(UserError, "no invoiceable line"):
            order.action_create_invoice()
        self.receive(order, 8)
        action = order.action_create_invoice()
        created = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(created.invoice_line_ids.quantity, 8, "Odoo bills what was received")
        created.invoice_date = fields.Date.context_today(self.env.user)
        created.invoice_line_ids.write({"quantity": 10, "price_unit": 15.0})
        self.assertEqual(created.oa_match_status, "qty_over_received", "shown, not enforced")
        created.with_user(self.billing).action_post()
        self.assertEqual(created.state, "posted")

    # Access -----------------------------------------------------------------------------------
    def test_auditor_reads_bills_to_check_and_changes_nothing(self):
        bill = self.bill(self.purchase(), qty=10)
        auditor = self.users["auditor"]
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_archive.action_order_archive_bills_to_check"
        )
        found = self.env["account.move"].with_user(auditor).search(literal_eval(action["domain"]))
        self.assertIn(bill, found)
        self.assertEqual(bill.with_user(auditor).oa_match_status, "qty_over_received")
        with self.assertRaises(AccessError):
            bill.with_user(auditor).action_post()
        with self.assertRaises(AccessError):
            bill.with_user(auditor).action_oa_match_override()
        with self.assertRaises(AccessError):
            self.company.with_user(auditor).oa_bill_match_policy = True
