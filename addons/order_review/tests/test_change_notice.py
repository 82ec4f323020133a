# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import re
import zoneinfo
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.order_intake.tests.common import in_extreme_time_zones

from .common_change import ChangeNoticeCase

ORDER_FIELDS = [
    "state",
    "order_revision",
    "commitment_date",
    "partner_shipping_id",
    "incoterm",
    "intake_packaging_terms",
    "intake_transport_terms",
    "amount_untaxed",
]
LINE_FIELDS = [
    "product_id",
    "product_uom_qty",
    "price_unit",
    "price_subtotal",
    "intake_promised_date",
    "qty_delivered",
    "qty_invoiced",
]
MOVE_FIELDS = [
    "product_id",
    "state",
    "product_uom_qty",
    "quantity",
    "date",
    "picking_id",
    "move_orig_ids",
]
PICKING_FIELDS = ["partner_id", "state", "scheduled_date"]
MO_FIELDS = ["product_id", "state", "product_qty", "qty_produced", "date_start"]
POL_FIELDS = ["product_id", "product_qty", "date_planned", "order_id", "move_dest_ids"]
PO_FIELDS = ["state", "amount_untaxed"]


class ChangeNoticeFlowCase(ChangeNoticeCase):
    """Helpers of the tests that apply change notices (no tests of its own)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a second made-to-order product, for swaps
        cls.made_b = cls.env["product.product"].create(
            {
                "name": "Lace bra 80B",
                "is_storable": True,
                "list_price": 85.0,
                "route_ids": [Command.set(cls.made.route_ids.ids)],
            }
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.made_b.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 3})
                ],
            }
        )

    # ------------------------------------------------------------------ helpers

    def _apply(self, notice):
        self._sign_all(notice)
        self.assertEqual(notice.state, "applied", notice.apply_error)
        return notice

    def _move(self, order, product):
        """The line's delivery moves that are not cancelled."""
        return self._line(order, product).move_ids.filtered(lambda m: m.state != "cancel")

    def _bought_for(self, order):
        """The purchase lines bought for the order's lines, in a request for quotation (linked
        to the delivery) or confirmed (linked through their receipt)."""
        ids = order.order_line.ids
        return self.env["purchase.order.line"].search(
            [
                "|",
                ("move_dest_ids.sale_line_id", "in", ids),
                ("move_ids.move_dest_ids.sale_line_id", "in", ids),
            ]
        )

    def _vendor_lines(self):
        return self.env["purchase.order.line"].search([("partner_id", "=", self.vendor.id)])

    def _other_order(self):
        """Another confirmed order, raised first: its gift boxes are on the vendor's request
        for quotation that this order's gift boxes join."""
        return self._confirmed_order([(self.made, 4, 80.0), (self.bought, 7, 5.0)])

    def _snapshot(self, *orders):
        """What the orders and everything made for them look like (read values)."""
        env = self.env
        orders = env["sale.order"].concat(*orders)
        lines = orders.order_line
        moves = env["stock.move"].search([("sale_line_id", "in", lines.ids)])
        productions = env["mrp.production"].search(
            [("move_dest_ids.sale_line_id", "in", lines.ids)]
        )
        pols = self._vendor_lines()
        env.invalidate_all()
        return {
            "orders": orders.read(ORDER_FIELDS),
            "lines": lines.read(LINE_FIELDS),
            "moves": moves.read(MOVE_FIELDS),
            "pickings": moves.picking_id.read(PICKING_FIELDS),
            "productions": productions.read(MO_FIELDS),
            "components": productions.move_raw_ids.read(["product_uom_qty", "state"]),
            "pols": pols.read(POL_FIELDS),
            "pos": pols.order_id.read(PO_FIELDS),
            "receipts": pols.move_ids.read(MOVE_FIELDS),
        }

    def _other_untouched(self, other, before):
        """The other order, its delivery and its manufacturing order are as they were."""
        after = self._snapshot(other)
        for key in ("orders", "lines", "moves", "pickings", "productions", "components"):
            self.assertEqual(after[key], before[key], key)

    def _deliver(self, order, product, qty):
        """Deliver ``qty`` of the line, the rest left on a backorder."""
        move = self._move(order, product).filtered(lambda m: m.state != "done")
        move.quantity = qty
        move.picked = True
        result = move.picking_id.button_validate()
        if isinstance(result, dict):
            wizard = Form(self.env[result["res_model"]].with_context(**result["context"])).save()
            wizard.process()
        self.assertEqual(self._line(order, product).qty_delivered, qty)

    def _impact(self, notice, kind=None):
        return notice.impact_ids.filtered(lambda i: kind in (None, i.kind))


@tagged("post_install", "-at_install")
class TestChangeNotice(ChangeNoticeFlowCase):
    """Change notices applied to a confirmed order: the order line, its delivery, its
    manufacturing order and its purchase change in place, all or nothing."""

    # ------------------------------------------------------------------ quantities

    def test_more_on_made_to_order_line_enlarges_the_same_mo(self):
        order = self._confirmed_order()
        mo = self._productions(order)
        self.assertEqual(mo.product_qty, 10)
        notice = self._notice(order)
        self._notice_line(notice, self.made).new_qty = 15
        self._sign_all(notice)
        self.assertEqual(notice.state, "applied", notice.apply_error)
        self.assertEqual(order.order_revision, 1)
        self.assertEqual(self._productions(order), mo)
        self.assertEqual(mo.product_qty, 15)
        self.assertEqual(self._line(order, self.made).product_uom_qty, 15)

    def test_stocked_line_more_then_less(self):
        order = self._confirmed_order()
        move = self._move(order, self.stocked)
        picking = move.picking_id
        mos, pols = self._productions(order), self._purchase_lines(order)
        untouched = self._snapshot(order)

        notice = self._notice(order)
        self._notice_line(notice, self.stocked).new_qty = 15
        self.assertEqual(notice.department_ids.mapped("code"), ["WH"])
        self._apply(notice)
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 15)
        self.assertEqual(self._move(order, self.stocked), move, "the same delivery move")
        self.assertEqual(move.product_uom_qty, 15)
        self.assertEqual(move.quantity, 15, "the larger quantity is reserved")
        self.assertEqual(move.picking_id, picking)

        notice = self._notice(order)
        self._notice_line(notice, self.stocked).new_qty = 4
        self._apply(notice)
        self.assertEqual(order.order_revision, 2)
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 4)
        self.assertEqual(self._move(order, self.stocked), move)
        self.assertEqual(move.product_uom_qty, 4)
        self.assertEqual(move.quantity, 4, "the reservation follows the lower quantity")

        # nothing else moved: the other lines, their MO and purchase
        after = self._snapshot(order)
        for key in ("productions", "components", "pols", "pos"):
            self.assertEqual(after[key], untouched[key], key)
        others = [m for m in after["moves"] if m["product_id"][0] != self.stocked.id]
        self.assertEqual(
            others, [m for m in untouched["moves"] if m["product_id"][0] != self.stocked.id]
        )
        self.assertEqual(self._productions(order), mos)
        self.assertEqual(self._purchase_lines(order), pols)

    def test_made_to_order_line_more_then_less_on_the_same_mo(self):
        order = self._confirmed_order()
        mo = self._productions(order)
        move = self._move(order, self.made)
        all_mos = self.env["mrp.production"].search([])

        notice = self._notice(order)
        self._notice_line(notice, self.made).new_qty = 15
        self.assertIn("PMC", notice.department_ids.mapped("code"))
        self._apply(notice)
        self.assertEqual(self._productions(order), mo)
        self.assertEqual(mo.product_qty, 15)
        self.assertEqual(sum(mo.move_raw_ids.mapped("product_uom_qty")), 30)
        self.assertEqual(self._move(order, self.made), move)
        self.assertEqual(move.product_uom_qty, 15)
        finished = mo.move_finished_ids.filtered(
            lambda m: m.product_id == self.made and m.state != "cancel"
        )
        self.assertEqual(sum(finished.mapped("product_uom_qty")), 15)
        self.assertEqual(finished.move_dest_ids, move, "the MO still makes for this delivery")

        notice = self._notice(order)
        self._notice_line(notice, self.made).new_qty = 6
        self._apply(notice)
        self.assertEqual(self._line(order, self.made).product_uom_qty, 6)
        self.assertEqual(self._productions(order), mo)
        self.assertEqual(mo.state, "confirmed")
        self.assertEqual(mo.product_qty, 6)
        self.assertEqual(sum(mo.move_raw_ids.mapped("product_uom_qty")), 12)
        self.assertEqual(move.product_uom_qty, 6)
        self.assertEqual(self.env["mrp.production"].search([]), all_mos, "no MO added")

    def test_bought_line_more_then_less_on_the_same_rfq_line(self):
        other = self._other_order()
        other_before = self._snapshot(other)
        order = self._confirmed_order()
        pol = self._purchase_lines(order)
        self.assertEqual(len(pol), 1)
        # Odoo buys both orders' gift boxes on one line of the vendor's request
        self.assertEqual(pol, self._purchase_lines(other))
        self.assertEqual(pol.product_qty, 17)
        vendor_lines = self._vendor_lines()
        move = self._move(order, self.bought)

        notice = self._notice(order)
        self._notice_line(notice, self.bought).new_qty = 15
        self.assertIn("PUR", notice.department_ids.mapped("code"))
        self._apply(notice)
        self.assertEqual(self._line(order, self.bought).product_uom_qty, 15)
        self.assertEqual(self._purchase_lines(order), pol)
        self.assertEqual(pol.product_qty, 22, "the other order's 7 and this order's 15")
        self.assertEqual(pol.order_id.state, "draft")
        self.assertEqual(move.product_uom_qty, 15)

        notice = self._notice(order)
        self._notice_line(notice, self.bought).new_qty = 6
        self._apply(notice)
        self.assertEqual(pol.product_qty, 13)
        self.assertEqual(move.product_uom_qty, 6)
        self.assertEqual(self._vendor_lines(), vendor_lines, "no purchase line added or removed")
        self.assertIn(self._move(other, self.bought), pol.move_dest_ids)
        self._other_untouched(other, other_before)

    def test_bought_line_on_a_confirmed_purchase(self):
        other = self._other_order()
        order = self._confirmed_order()
        pol = self._purchase_lines(order)
        purchase = pol.order_id
        purchase.button_confirm()
        self.assertEqual(purchase.state, "purchase")
        other_before = self._snapshot(other)
        receipt = pol.move_ids
        self.assertEqual(sum(receipt.mapped("product_uom_qty")), 17)

        notice = self._notice(order)
        self._notice_line(notice, self.bought).new_qty = 14
        told_in_impact = self._impact(notice, "purchase").mapped("description")
        self.assertTrue(
            any("supplier is told" in d for d in told_in_impact),
            notice.impact_ids.mapped(lambda i: (i.kind, i.document, i.description)),
        )
        self._apply(notice)
        self.assertEqual(self._bought_for(order), pol)
        self.assertEqual(pol.product_qty, 21)
        pending = pol.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        self.assertEqual(sum(pending.mapped("product_uom_qty")), 21, "the receipt follows")
        self.assertEqual(pending.picking_id, receipt.picking_id, "on the same receipt")
        told = purchase.message_ids.filtered(
            lambda m: self.vendor in m.partner_ids and m.message_type == "comment"
        )
        self.assertTrue(told, "the vendor gets a message in the purchase order's chatter")
        self.assertIn(purchase.name, told[0].body)

        notice = self._notice(order)
        self._notice_line(notice, self.bought).new_qty = 6
        self._apply(notice)
        self.assertEqual(pol.product_qty, 13)
        pending = pol.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        self.assertEqual(sum(pending.mapped("product_uom_qty")), 13)
        self.assertEqual(self._move(order, self.bought).product_uom_qty, 6)
        told_again = purchase.message_ids.filtered(
            lambda m: self.vendor in m.partner_ids and m.message_type == "comment"
        )
        self.assertEqual(len(told_again), 2, "the vendor is told of each change")
        self._other_untouched(other, other_before)

    # ------------------------------------------------------------------ lines

    def test_removed_lines(self):
        order = self._confirmed_order()
        mo = self._productions(order)
        pol = self._purchase_lines(order)
        purchase = pol.order_id
        made_move, bought_move = self._move(order, self.made), self._move(order, self.bought)
        stocked_move = self._move(order, self.stocked)

        notice = self._notice(order)
        self._notice_line(notice, self.made).remove = True
        self._notice_line(notice, self.bought).remove = True
        self.assertEqual(set(notice.line_ids.mapped("change_type")), {"remove", "none"})
        self._apply(notice)
        self.assertEqual(self._line(order, self.made).product_uom_qty, 0)
        self.assertEqual(self._line(order, self.bought).product_uom_qty, 0)
        self.assertEqual(made_move.state, "cancel")
        self.assertEqual(bought_move.state, "cancel")
        self.assertEqual(self._productions(order), mo)
        self.assertEqual(mo.state, "cancel")
        self.assertFalse(pol.exists(), "the draft request's line is gone")
        self.assertFalse(purchase.order_line)
        self.assertIn(purchase.state, ("draft", "cancel"), "an emptied request may be cancelled")
        # the stocked line is untouched
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 10)
        self.assertEqual(stocked_move.state, "assigned")
        self.assertEqual(stocked_move.product_uom_qty, 10)

    def test_removed_line_keeps_what_another_order_buys(self):
        other = self._other_order()
        other_before = self._snapshot(other)
        order = self._confirmed_order()
        pol = self._purchase_lines(order)
        notice = self._notice(order)
        self._notice_line(notice, self.bought).remove = True
        self._apply(notice)
        self.assertEqual(self._line(order, self.bought).product_uom_qty, 0)
        self.assertTrue(pol.exists(), "the line also buys for the other order")
        self.assertEqual(pol.product_qty, 7)
        self.assertIn(self._move(other, self.bought), pol.move_dest_ids)
        self._other_untouched(other, other_before)

    def test_swapped_product(self):
        order = self._confirmed_order()
        mo = self._productions(order)
        old_line = self._line(order, self.made)
        old_move = self._move(order, self.made)
        all_mos = self.env["mrp.production"].search([])

        notice = self._notice(order)
        nline = self._notice_line(notice, self.made)
        nline.product_id = self.made_b
        self.assertEqual(nline.change_type, "swap")
        self._apply(notice)
        self.assertEqual(old_line.product_uom_qty, 0)
        self.assertEqual(old_line.product_id, self.made)
        self.assertEqual(old_move.state, "cancel")
        self.assertEqual(mo.state, "cancel")
        new_line = self._line(order, self.made_b)
        self.assertEqual(len(new_line), 1)
        self.assertEqual(new_line.product_uom_qty, 10)
        self.assertEqual(new_line.price_unit, 80)
        # its own procurement: a delivery and a manufacturing order of the new product
        new_move = self._move(order, self.made_b)
        self.assertEqual(new_move.product_uom_qty, 10)
        self.assertEqual(new_move.picking_id.picking_type_code, "outgoing")
        new_mos = self.env["mrp.production"].search([]) - all_mos
        self.assertEqual(len(new_mos), 1)
        self.assertEqual(new_mos.product_id, self.made_b)
        self.assertEqual(new_mos.product_qty, 10)
        self.assertEqual(new_mos.move_finished_ids.move_dest_ids, new_move)
        self.assertEqual(self._productions(order), mo | new_mos)

    def test_new_line(self):
        order = self._confirmed_order()
        mo = self._productions(order)
        old_line = self._line(order, self.made)
        all_mos = self.env["mrp.production"].search([])
        notice = self._notice(order)
        self.env["order.change.notice.line"].with_user(self.clerk).create(
            {"notice_id": notice.id, "product_id": self.made.id, "new_qty": 3, "new_price": 78.0}
        )
        self.assertTrue(
            any("procured by its routes" in d for d in notice.impact_ids.mapped("description"))
        )
        self._apply(notice)
        new_line = self._line(order, self.made) - old_line
        self.assertEqual(len(new_line), 1)
        self.assertEqual(new_line.product_uom_qty, 3)
        self.assertEqual(new_line.price_unit, 78)
        new_move = new_line.move_ids
        self.assertEqual(new_move.product_uom_qty, 3)
        self.assertEqual(new_move.picking_id.picking_type_code, "outgoing")
        new_mos = self.env["mrp.production"].search([]) - all_mos
        self.assertEqual(new_mos.product_qty, 3, "made to order by its routes")
        self.assertEqual(mo.product_qty, 10, "the first line's MO is untouched")

    # ------------------------------------------------------------------ prices

    def test_price_change(self):
        order = self._confirmed_order()
        before = self._snapshot(order)
        amount = order.amount_untaxed
        notice = self._notice(order)
        self._notice_line(notice, self.stocked).new_price = 2.5
        impact = self._impact(notice, "order_line")
        self.assertEqual(impact.mapped("department_code"), ["FIN"])
        self.assertEqual(notice.department_ids.mapped("code"), ["FIN"])
        self.assertFalse(self._impact(notice, "invoice"), "nothing invoiced yet")
        self._apply(notice)
        line = self._line(order, self.stocked)
        self.assertEqual(line.price_unit, 2.5)
        self.assertEqual(line.product_uom_qty, 10)
        self.assertAlmostEqual(order.amount_untaxed, amount - 5.0)
        after = self._snapshot(order)
        for key in ("moves", "productions", "pols"):
            self.assertEqual(after[key], before[key], key)

    def test_price_change_on_invoiced_lines(self):
        order = self._confirmed_order()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(self._line(order, self.stocked).qty_invoiced, 10)
        total = invoice.amount_total
        notice = self._notice(order)
        self._notice_line(notice, self.stocked).new_price = 2.5
        self._notice_line(notice, self.bought).new_price = 6.0
        self._notice_line(notice, self.made).new_qty = 8
        invoicing = self._impact(notice, "invoice")
        by_product = {
            product: " ".join(
                invoicing.filtered(lambda i, p=product: i.res_id == self._line(order, p).id).mapped(
                    "description"
                )
            )
            for product in (self.stocked, self.bought, self.made)
        }
        self.assertIn("credit note", by_product[self.stocked])
        self.assertIn("extra invoice", by_product[self.bought])
        self.assertIn("credit note", by_product[self.made])
        self.assertEqual(set(invoicing.mapped("department_code")), {"FIN"})
        self._apply(notice)
        self.assertEqual(self._line(order, self.stocked).price_unit, 2.5)
        self.assertEqual(self._line(order, self.bought).price_unit, 6.0)
        self.assertEqual(self._line(order, self.made).product_uom_qty, 8)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_total, total, "the posted invoice is not changed")
        self.assertTrue(self._impact(notice, "invoice"), "the applied impact names them too")

    # ------------------------------------------------------------------ terms

    def test_terms(self):
        order = self._confirmed_order()
        picking = order.picking_ids
        address = self.env["res.partner"].create(
            {"name": "Lyon Dessous Warehouse", "parent_id": self.customer.id, "type": "delivery"}
        )
        incoterm = self.env["account.incoterms"].search([], limit=1)
        before = self._snapshot(order)
        notice = self._notice(order)
        notice.write(
            {
                "new_packaging_terms": "Polybag, 12 a carton",
                "new_transport_terms": "Sea freight, consolidated",
                "new_partner_shipping_id": address.id,
                "new_incoterm_id": incoterm.id,
            }
        )
        self.assertEqual(
            self._impact(notice, "delivery").mapped(lambda i: (i.res_model, i.res_id)),
            [("stock.picking", picking.id)],
        )
        self.assertEqual(len(self._impact(notice, "order")), 4)
        said = " ".join(notice.impact_ids.mapped("description"))
        for named in (address.display_name, incoterm.display_name, "Polybag, 12 a carton"):
            self.assertIn(named, said)
        self._apply(notice)
        self.assertEqual(order.intake_packaging_terms, "Polybag, 12 a carton")
        self.assertEqual(order.intake_transport_terms, "Sea freight, consolidated")
        self.assertEqual(order.partner_shipping_id, address)
        self.assertEqual(order.incoterm, incoterm)
        self.assertEqual(picking.partner_id, address, "the pending delivery goes there")
        self.assertEqual(order.order_revision, 1)
        after = self._snapshot(order)
        for key in ("lines", "productions", "pols"):
            self.assertEqual(after[key], before[key], key)
        self.assertEqual(notice.before_values["packaging_terms"], "")
        self.assertEqual(notice.after_values["packaging_terms"], "Polybag, 12 a carton")

    # ------------------------------------------------------------------ all or nothing

    def test_below_delivered_is_refused_on_submit(self):
        order = self._confirmed_order()
        self._deliver(order, self.stocked, 8)
        notice = self._notice(order)
        self._notice_line(notice, self.stocked).new_qty = 5
        self.assertTrue(notice.impact_blocking)
        with self.assertRaisesRegex(UserError, r"8(\.0+)? already delivered"):
            notice.with_user(self.clerk).action_submit()
        self.assertEqual(notice.state, "draft")
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 10)

    def test_failure_at_apply_time_changes_nothing(self):
        order = self._confirmed_order()
        notice = self._notice(order, customer_confirmation_required=True)
        self._notice_line(notice, self.made).new_qty = 12
        self._notice_line(notice, self.bought).new_qty = 12
        self._notice_line(notice, self.stocked).new_qty = 5
        self._sign_all(notice)
        self.assertEqual(notice.state, "approved")
        # the warehouse delivers 8 after the signatures, before the customer confirms
        self._deliver(order, self.stocked, 8)
        before = self._snapshot(order)
        notice.with_user(self.clerk).write(
            {
                "customer_confirmed_by": "Mme Durand",
                "customer_confirmed_on": fields.Date.context_today(notice),
            }
        )
        with self.assertRaisesRegex(UserError, r"8(\.0+)? already delivered"):
            notice.with_user(self.clerk).action_apply()
        self.assertEqual(self._snapshot(order), before)
        self.assertEqual(notice.state, "approved")
        self.assertEqual(order.order_revision, 0)
        self.assertFalse(notice.revision)

    def test_failure_in_the_middle_of_applying_changes_nothing(self):
        order = self._confirmed_order()
        notice = self._notice(order)
        self._notice_line(notice, self.stocked).new_qty = 5
        self._notice_line(notice, self.bought).new_qty = 12
        self._notice_line(notice, self.made).remove = True
        before = self._snapshot(order)
        mo_class = type(self.env["mrp.production"])

        refusal = "The workshop refuses to cancel"  # a test's own failure, not for people

        def refuse(records):
            raise UserError(refusal)

        # the order line, the delivery moves are written before the MO is cancelled
        with patch.object(mo_class, "action_cancel", refuse):
            self._sign_all(notice)
        self.assertEqual(notice.state, "approved")
        self.assertIn("The workshop refuses to cancel", notice.apply_error)
        self.assertEqual(self._snapshot(order), before)
        self.assertEqual(order.order_revision, 0)
        # fixed: applying it again works
        notice.with_user(self.clerk).action_apply()
        self.assertEqual(notice.state, "applied")
        self.assertFalse(notice.apply_error)
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 5)
        self.assertEqual(self._productions(order).state, "cancel")

    # ------------------------------------------------------------------ impact

    def test_impact_preview_writes_nothing_and_is_what_is_applied(self):
        other = self._other_order()
        order = self._confirmed_order()
        before = self._snapshot(order, other)
        notice = self._notice(order)
        self._notice_line(notice, self.made).new_qty = 12
        self._notice_line(notice, self.bought).new_qty = 8
        stocked = self._notice_line(notice, self.stocked)
        stocked.write(
            {
                "new_qty": 6,
                "new_price": 2.8,
                "new_promised_date": self._move(order, self.stocked).date.date()
                + datetime.timedelta(days=3),
            }
        )
        notice._compute_impact()
        notice.with_user(self.clerk).action_compute_impact()
        self.assertEqual(self._snapshot(order, other), before, "the preview writes nothing")
        self.assertFalse(notice.impact_blocking)
        preview = set(notice.impact_ids.mapped(lambda i: (i.document, i.kind)))
        named = set(notice.impact_ids.mapped(lambda i: (i.res_model, i.res_id)))
        self.assertEqual(
            {kind for _doc, kind in preview}, {"order_line", "delivery", "production", "purchase"}
        )

        self._apply(notice)
        applied = set(notice.impact_ids.mapped(lambda i: (i.document, i.kind)))
        self.assertEqual(applied, preview)
        # each document that changed was named in the preview
        after = self._snapshot(order, other)
        for key, model in (
            ("moves", "stock.move"),
            ("productions", "mrp.production"),
            ("pols", "purchase.order.line"),
        ):
            old = {rec["id"]: rec for rec in before[key]}
            changed = {rec["id"] for rec in after[key] if old.get(rec["id"]) != rec}
            self.assertTrue(changed, key)
            self.assertLessEqual({(model, rid) for rid in changed}, named, key)

    # ------------------------------------------------------------------ revisions

    def test_revision_history(self):
        order = self._confirmed_order()
        first = self._notice(order)
        self._notice_line(first, self.stocked).new_qty = 15
        self._apply(first)
        second = self._notice(order, reason="The customer takes a little less")
        self.assertEqual(second.base_revision, 1)
        self.assertEqual(self._notice_line(second, self.stocked).old_qty, 15)
        self._notice_line(second, self.stocked).new_qty = 12
        self._apply(second)
        self.assertEqual(order.order_revision, 2)
        self.assertEqual((first.base_revision, first.revision), (0, 1))
        self.assertEqual((second.base_revision, second.revision), (1, 2))

        def qty(values):
            line = self._line(order, self.stocked)
            return next(ln["qty"] for ln in values["lines"] if ln["line"] == line.id)

        self.assertEqual((qty(first.before_values), qty(first.after_values)), (10, 15))
        self.assertEqual((qty(second.before_values), qty(second.after_values)), (15, 12))
        self.assertEqual(first.after_values["revision"], 1)
        self.assertEqual(second.before_values["revision"], 1)
        self.assertEqual(second.after_values["revision"], 2)

        report = self.env["ir.actions.report"]
        for notice, revision, shown in ((first, 1, "15.00"), (second, 2, "12.00")):
            html, _kind = report._render_qweb_html(
                "order_review.action_report_order_revision", notice.ids
            )
            html = html.decode()
            self.assertRegex(html, rf"Revision\s*<span>{revision}</span>")
            self.assertIn(order.name, html)
            self.assertRegex(html, rf"<span[^>]*>{re.escape(shown)}</span>\s*<span>Units</span>")

    def test_order_as_confirmed_is_printed_from_the_first_notice(self):
        order = self._confirmed_order()
        with self.assertRaisesRegex(UserError, "as confirmed"):
            order.with_user(self.clerk).action_print_as_confirmed()
        first = self._notice(order)
        self._notice_line(first, self.stocked).write({"new_qty": 15, "new_price": 2.5})
        with self.assertRaisesRegex(UserError, "not applied"):
            first.with_user(self.clerk).action_print_before()
        self._apply(first)
        second = self._notice(order, reason="The customer takes a little less")
        self._notice_line(second, self.stocked).new_qty = 12
        self._apply(second)
        self.assertEqual(order.order_revision, 2)
        report = self.env["ir.actions.report"]
        symbol = re.escape(order.currency_id.symbol)

        def printed(action, notice):
            self.assertEqual(action["report_name"], "order_review.report_order_revision")
            html, _kind = report.with_context(**action["context"])._render_qweb_html(
                action["report_name"], notice.ids
            )
            return html.decode()

        def pouch(html):
            """The silk pouch's row of the printed order."""
            return re.search(r"<td>Silk pouch</td>.*?</tr>", html, re.S).group(0)

        html = printed(order.with_user(self.clerk).action_print_as_confirmed(), first)
        self.assertRegex(html, r"Revision\s*<span>0</span>")
        self.assertIn("the order as confirmed", html)
        self.assertRegex(pouch(html), r"<span[^>]*>10\.00</span>\s*<span>Units</span>")
        self.assertRegex(pouch(html), rf'{symbol}\s<span class="oe_currency_value">3\.00</span>')
        file_name = safe_eval(
            self.env.ref("order_review.action_report_order_revision").print_report_name,
            {"object": first.with_context(order_revision_before=True), "time": time},
        )
        self.assertEqual(file_name, f"{order.name.replace('/', '-')} - Revision 0")
        # before the second notice: revision 1, as the first one left it
        html = printed(second.with_user(self.clerk).action_print_before(), second)
        self.assertRegex(html, r"Revision\s*<span>1</span>")
        self.assertNotIn("the order as confirmed", html)
        self.assertRegex(pouch(html), r"<span[^>]*>15\.00</span>\s*<span>Units</span>")
        self.assertRegex(pouch(html), rf'{symbol}\s<span class="oe_currency_value">2\.50</span>')
        # printed without the flag, a notice prints the revision it made
        html = printed(second.with_user(self.clerk).action_print_revision(), second)
        self.assertRegex(html, r"Revision\s*<span>2</span>")
        self.assertRegex(pouch(html), r"<span[^>]*>12\.00</span>\s*<span>Units</span>")

    def test_two_notices_on_the_same_order(self):
        order = self._confirmed_order()
        first = self._notice(order)
        self._notice_line(first, self.stocked).new_qty = 15
        late = self._notice(order, reason="Different colour of gift box")
        self._notice_line(late, self.made).new_qty = 12
        idle = self._notice(order, reason="Still a draft")
        self._notice_line(idle, self.bought).new_qty = 11
        self.assertEqual((first.base_revision, late.base_revision, idle.base_revision), (0, 0, 0))
        late.with_user(self.clerk).action_submit()
        self._apply(first)
        self.assertEqual(order.order_revision, 1)

        # a draft notice of revision 0 cannot be submitted any more
        with self.assertRaisesRegex(UserError, "Refresh"):
            idle.with_user(self.clerk).action_submit()
        # a notice submitted on revision 0 is signed, but cannot be applied
        for _round in range(10):
            if late.approval_state != "pending":
                break
            step = late.approval_request_id.current_step_id
            late.with_user(step.approver_user_ids[0])._approval_decide(True, "OK")
        self.assertEqual(late.state, "approved")
        self.assertIn("Refresh", late.apply_error)
        with self.assertRaisesRegex(UserError, "Refresh"):
            late.with_user(self.clerk).action_apply()
        self.assertEqual(self._line(order, self.made).product_uom_qty, 10)

        late.with_user(self.clerk).action_refresh()
        self.assertEqual(late.state, "draft")
        self.assertEqual(late.base_revision, 1)
        self.assertEqual(self._notice_line(late, self.stocked).old_qty, 15)
        self.assertEqual(self._notice_line(late, self.made).new_qty, 12, "its change is kept")
        self._apply(late)
        self.assertEqual(order.order_revision, 2)
        self.assertEqual(late.revision, 2)
        self.assertEqual(self._line(order, self.made).product_uom_qty, 12)
        self.assertEqual(
            self._line(order, self.stocked).product_uom_qty,
            15,
            "refreshing keeps the first notice's change of a line the notice did not change",
        )

    # ------------------------------------------------------------------ signatures

    def test_customer_confirmation_required(self):
        order = self._confirmed_order()
        notice = self._notice(order, customer_confirmation_required=True)
        self._notice_line(notice, self.stocked).new_qty = 12
        self._sign_all(notice)
        self.assertEqual(notice.approval_state, "approved")
        self.assertEqual(notice.state, "approved")
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 10)
        self.assertEqual(order.order_revision, 0)
        with self.assertRaisesRegex(UserError, "customer's confirmation"):
            notice.with_user(self.clerk).action_apply()
        notice.with_user(self.clerk).write(
            {
                "customer_confirmed_by": "Mme Durand",
                "customer_confirmed_on": fields.Date.context_today(notice),
            }
        )
        self.assertEqual(notice.state, "approved")
        notice.with_user(self.clerk).action_apply()
        self.assertEqual(notice.state, "applied")
        self.assertEqual(self._line(order, self.stocked).product_uom_qty, 12)
        self.assertEqual(self._move(order, self.stocked).product_uom_qty, 12)
        self.assertEqual(order.order_revision, 1)

    def test_rejection(self):
        order = self._confirmed_order()
        before = self._snapshot(order)
        notice = self._notice(order)
        self._notice_line(notice, self.made).new_qty = 20
        notice.with_user(self.clerk).action_submit()
        self.assertEqual(notice.state, "submitted")
        step = notice.approval_request_id.current_step_id
        notice.with_user(step.approver_user_ids[0])._approval_decide(
            False, "The workshop is full this month"
        )
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.approval_state, "rejected")
        self.assertFalse(notice.revision)
        self.assertEqual(order.order_revision, 0)
        self.assertEqual(self._snapshot(order), before)


@tagged("post_install", "-at_install")
@in_extreme_time_zones
class TestChangeNoticeDates(ChangeNoticeFlowCase):
    """New dates moving the documents of the order, with everyone in Shanghai (UTC+8, whose day
    is not UTC's from 16:00 UTC), and again at both ends of the world's day: a day is the
    users' day, a delivery lands on the promised day at its own hour there."""

    tz = "Asia/Shanghai"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz=cls.tz))
        cls.env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write(
            {"tz": cls.tz}
        )

    def _local(self, value):
        """A stored (UTC) datetime as the users see it."""
        return value.replace(tzinfo=datetime.UTC).astimezone(zoneinfo.ZoneInfo(self.tz))

    def _day(self, value):
        return self._local(value).date()

    def test_new_promised_date_moves_the_line_documents(self):
        order = self._confirmed_order()
        made_move = self._move(order, self.made)
        bought_move = self._move(order, self.bought)
        stocked_move = self._move(order, self.stocked)
        mo, pol = self._productions(order), self._purchase_lines(order)
        move_date, mo_start, planned = made_move.date, mo.date_start, pol.date_planned
        stocked_date = stocked_move.date
        new_day = self._day(made_move.date) + datetime.timedelta(days=10)
        shift = datetime.timedelta(days=10)

        notice = self._notice(order)
        self._notice_line(notice, self.made).new_promised_date = new_day
        self._notice_line(notice, self.bought).new_promised_date = new_day
        self.assertEqual(set(notice.department_ids.mapped("code")), {"PMC", "PUR", "WH"})
        self._apply(notice)
        self.assertEqual(self._line(order, self.made).intake_promised_date, new_day)
        self.assertEqual(self._line(order, self.bought).intake_promised_date, new_day)
        for move in made_move | bought_move:
            self.assertEqual(self._day(move.date), new_day, move.product_id.name)
        self.assertEqual(made_move.date, move_date + shift, "the promised day, at the same hour")
        self.assertEqual(mo.date_start, mo_start + shift)
        self.assertEqual(pol.date_planned, planned + shift)
        self.assertEqual(stocked_move.date, stocked_date, "the stocked line keeps its date")
        self.assertFalse(self._line(order, self.stocked).intake_promised_date)

    def test_new_commitment_date_moves_every_delivery(self):
        order = self._confirmed_order()
        moves = order.order_line.move_ids
        mo, pol = self._productions(order), self._purchase_lines(order)
        mo_start, planned = mo.date_start, pol.date_planned
        old_day = self._day(moves[0].date)
        self.assertEqual(len(set(moves.mapped(lambda m: self._day(m.date)))), 1)

        notice = self._notice(order)
        commitment = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=7)
        notice.new_commitment_date = commitment
        new_day = self._day(commitment)
        days = datetime.timedelta(days=(new_day - old_day).days)
        self._apply(notice)
        self.assertEqual(order.commitment_date, commitment)
        for move in moves:
            self.assertEqual(self._day(move.date), new_day, move.product_id.name)
        self.assertEqual(self._day(moves.picking_id.scheduled_date), new_day)
        self.assertEqual(mo.date_start, mo_start + days)
        self.assertEqual(pol.date_planned, planned + days)

    def test_new_date_moves_the_receipt_of_a_confirmed_purchase(self):
        order = self._confirmed_order()
        pol = self._purchase_lines(order)
        pol.order_id.button_confirm()
        receipt = pol.move_ids.picking_id
        self.assertEqual(receipt.picking_type_code, "incoming")
        planned = pol.date_planned
        self.assertEqual(receipt.scheduled_date, planned)
        new_day = self._day(self._move(order, self.bought).date) + datetime.timedelta(days=10)
        shift = datetime.timedelta(days=10)

        notice = self._notice(order)
        self._notice_line(notice, self.bought).new_promised_date = new_day
        self.assertTrue(
            any("receipt" in d for d in self._impact(notice, "purchase").mapped("description")),
            notice.impact_ids.mapped("description"),
        )
        self._apply(notice)
        self.assertEqual(pol.date_planned, planned + shift)
        pending = pol.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        self.assertEqual(pending.picking_id, receipt, "the same receipt")
        self.assertEqual(pending.mapped("date"), [planned + shift], "its moves are rescheduled")
        self.assertEqual(receipt.scheduled_date, planned + shift)
        self.assertEqual(self._day(receipt.scheduled_date), self._day(planned) + shift)
        self.assertIn(notice.name, receipt.message_ids[:1].body, "a note names the notice")
