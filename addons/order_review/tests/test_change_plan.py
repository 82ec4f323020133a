# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The change notice's planner on plain dicts, without a database."""

import datetime
import itertools
import zoneinfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..services import change_plan

DAY = datetime.date(2030, 6, 10)  # any day: the planner compares dates with each other only
AT = datetime.datetime(2030, 6, 10, 9, 30)


def move(move_id, qty, state="assigned", step=1, date=AT, factor=1.0):
    return {
        "id": move_id,
        "document": f"WH/OUT/{move_id:05d}",
        "step": step,
        "state": state,
        "qty": qty,
        "date": date,
        "factor": factor,
    }


def production(mo_id=50, qty=10.0, state="confirmed", produced=0.0, consumed=False, start=AT):
    return {
        "id": mo_id,
        "document": f"WH/MO/{mo_id:05d}",
        "state": state,
        "qty": qty,
        "produced": produced,
        "consumed": consumed,
        "date_start": start,
        "factor": 1.0,
    }


def purchase(pol_id=70, qty=10.0, po_state="draft", received=0.0, planned=AT):
    return {
        "id": pol_id,
        "document": f"P{pol_id:05d}",
        "po_state": po_state,
        "qty": qty,
        "received": received,
        "date_planned": planned,
        "factor": 1.0,
    }


def line(old_qty=10.0, new_qty=10.0, **kwargs):
    vals = {
        "key": 1,
        "line_id": 7,
        "name": "Lace bra 75B",
        "document": "S00042",
        "old_qty": old_qty,
        "new_qty": new_qty,
        "delivered": 0.0,
        "invoiced": 0.0,
        "moves": [],
        "productions": [],
        "purchases": [],
    }
    vals.update(kwargs)
    return vals


def by_code(actions, code):
    return [a for a in actions if a.code == code]


def ops(actions, model=None):
    """{(op, res_id): value} of the actions that do something (of ``model``)."""
    return {(a.op, a.res_id): a.value for a in actions if a.op and model in (None, a.model)}


@tagged("post_install", "-at_install")
class TestChangePlan(BaseCase):
    """What a change notice plans for one order line and the documents made for it."""

    # ------------------------------------------------------------------ deliveries

    def test_more_goes_on_the_first_pending_move(self):
        moves = [move(1, 4.0, state="done"), move(2, 4.0), move(3, 2.0, state="confirmed")]
        actions = change_plan.plan_line(line(10.0, 15.0, delivered=4.0, moves=moves))
        self.assertFalse(change_plan.blocking(actions))
        self.assertEqual(ops(actions, "stock.move"), {("move_qty", 2): 9.0})
        self.assertEqual(
            by_code(actions, "line_qty")[0].params,
            {"product": "Lace bra 75B", "old": 10.0, "new": 15.0},
        )

    def test_less_is_taken_from_the_last_moves_and_an_emptied_move_is_cancelled(self):
        moves = [move(1, 6.0), move(2, 3.0), move(3, 1.0)]
        actions = change_plan.plan_line(line(10.0, 5.0, moves=moves))
        self.assertFalse(change_plan.blocking(actions))
        self.assertEqual(
            ops(actions, "stock.move"),
            {("move_cancel", 3): None, ("move_cancel", 2): None, ("move_qty", 1): 5.0},
        )
        self.assertEqual(by_code(actions, "move_cancel")[0].params, {"old": 1.0})

    def test_less_within_the_last_move_keeps_the_others(self):
        moves = [move(1, 6.0), move(2, 4.0)]
        actions = change_plan.plan_line(line(10.0, 8.0, moves=moves))
        self.assertEqual(ops(actions, "stock.move"), {("move_qty", 2): 2.0})

    def test_quantities_of_a_move_are_in_its_own_unit(self):
        # the order line in units, its delivery in dozens
        moves = [move(1, 10.0 / 12, factor=1.0 / 12)]
        actions = change_plan.plan_line(line(10.0, 16.0, moves=moves))
        self.assertFalse(change_plan.blocking(actions))
        planned = ops(actions, "stock.move")
        self.assertEqual(set(planned), {("move_qty", 1)})
        self.assertAlmostEqual(planned[("move_qty", 1)], 16.0 / 12)

    def test_a_step_with_nothing_pending_is_not_forgotten(self):
        # two-step delivery: the pick step (1) moved all 10, the ship step (2) waits for them;
        # 6 more ordered must reach the pick step too, or the plan must say it cannot
        # Odoo's procurement makes that chain (a new pick, and the ship move enlarged by the
        # merge): the plan procures the 6 and enlarges no move itself, or 12 would be shipped
        moves = [move(1, 10.0, state="done", step=1), move(2, 10.0, step=2)]
        actions = change_plan.plan_line(line(10.0, 16.0, moves=moves))
        self.assertEqual(ops(actions, "stock.move"), {})
        self.assertEqual([a.params["qty"] for a in by_code(actions, "procure")], [6.0])
        self.assertFalse(change_plan.blocking(actions))

    def test_below_delivered_is_blocking_and_said_once(self):
        moves = [move(1, 8.0, state="done"), move(2, 2.0)]
        actions = change_plan.plan_line(line(10.0, 5.0, delivered=8.0, moves=moves))
        blockers = change_plan.blocking(actions)
        self.assertEqual([a.code for a in blockers], ["below_delivered"])
        self.assertEqual(blockers[0].params["delivered"], 8.0)
        self.assertEqual(blockers[0].params["qty"], 5.0)
        self.assertFalse(by_code(actions, "step_below_done"))

    def test_a_step_below_what_it_moved_is_blocking(self):
        # nothing delivered to the customer yet, but the pick step already moved 8
        moves = [move(1, 8.0, state="done", step=1), move(2, 10.0, step=2)]
        actions = change_plan.plan_line(line(10.0, 5.0, moves=moves))
        self.assertEqual([a.code for a in change_plan.blocking(actions)], ["step_below_done"])

    def test_more_when_everything_was_delivered_procures_anew(self):
        moves = [move(1, 10.0, state="done")]
        actions = change_plan.plan_line(line(10.0, 12.0, delivered=10.0, moves=moves))
        self.assertFalse(change_plan.blocking(actions))
        self.assertEqual(ops(actions), {("procure", 7): None})
        self.assertEqual(by_code(actions, "procure")[0].params, {"qty": 2.0})

    def test_the_same_quantity_plans_no_move(self):
        actions = change_plan.plan_line(line(10.0, 10.0, moves=[move(1, 10.0)]))
        self.assertEqual(actions, [])

    # ------------------------------------------------------------------ manufacturing

    def test_the_open_mo_is_enlarged(self):
        actions = change_plan.plan_line(
            line(10.0, 15.0, moves=[move(1, 10.0, state="waiting")], productions=[production()])
        )
        self.assertFalse(change_plan.blocking(actions))
        self.assertEqual(ops(actions, "mrp.production"), {("mo_qty", 50): 15.0})
        self.assertEqual(ops(actions, "stock.move"), {("move_qty", 1): 15.0})
        # an open MO means no new procurement
        self.assertFalse(by_code(actions, "procure"))

    def test_the_open_mo_is_reduced(self):
        actions = change_plan.plan_line(
            line(10.0, 4.0, productions=[production(state="progress", produced=2.0)])
        )
        self.assertFalse(change_plan.blocking(actions))
        self.assertEqual(ops(actions, "mrp.production"), {("mo_qty", 50): 4.0})
        self.assertEqual(by_code(actions, "mo_qty")[0].params["produced"], 2.0)

    def test_only_the_last_open_mo_changes(self):
        mos = [production(50, qty=4.0, state="done", produced=4.0), production(51, qty=6.0)]
        actions = change_plan.plan_line(line(10.0, 8.0, productions=mos))
        self.assertEqual(ops(actions, "mrp.production"), {("mo_qty", 51): 4.0})

    def test_an_mo_at_zero_is_cancelled(self):
        actions = change_plan.plan_line(line(10.0, 0.0, remove=True, productions=[production()]))
        self.assertFalse(change_plan.blocking(actions))
        self.assertEqual(ops(actions, "mrp.production"), {("mo_cancel", 50): None})
        self.assertTrue(by_code(actions, "line_remove"))

    def test_a_done_mo_blocks(self):
        mo = production(state="done", produced=10.0)
        actions = change_plan.plan_line(line(10.0, 12.0, productions=[mo]))
        self.assertEqual([a.code for a in change_plan.blocking(actions)], ["mo_done"])
        self.assertFalse(ops(actions, "mrp.production"))

    def test_an_mo_below_produced_blocks(self):
        mo = production(state="progress", produced=6.0)
        actions = change_plan.plan_line(line(10.0, 5.0, productions=[mo]))
        blockers = change_plan.blocking(actions)
        self.assertEqual([a.code for a in blockers], ["mo_below_produced"])
        self.assertEqual(blockers[0].params, {"qty": 5.0, "produced": 6.0})

    def test_a_started_mo_cannot_be_cancelled(self):
        for mo in (
            production(state="progress"),
            production(state="confirmed", consumed=True),
        ):
            with self.subTest(mo=mo):
                actions = change_plan.plan_line(line(10.0, 0.0, remove=True, productions=[mo]))
                self.assertEqual([a.code for a in change_plan.blocking(actions)], ["mo_started"])
                self.assertFalse(by_code(actions, "mo_cancel"))

    def test_less_on_an_mo_that_consumed_components_warns(self):
        mo = production(state="progress", consumed=True)
        actions = change_plan.plan_line(line(10.0, 7.0, productions=[mo]))
        self.assertFalse(change_plan.blocking(actions))
        self.assertTrue(by_code(actions, "mo_consumed"))
        self.assertIsNone(by_code(actions, "mo_consumed")[0].op)

    # ------------------------------------------------------------------ purchases

    def test_the_purchase_line_follows(self):
        for po_state in ("draft", "purchase"):
            with self.subTest(po_state=po_state):
                actions = change_plan.plan_line(
                    line(10.0, 13.0, purchases=[purchase(po_state=po_state)])
                )
                self.assertEqual(ops(actions, "purchase.order.line"), {("pol_qty", 70): 13.0})
                self.assertEqual(
                    by_code(actions, "pol_qty")[0].params["confirmed"], po_state == "purchase"
                )

    def test_a_draft_purchase_line_at_zero_is_removed(self):
        actions = change_plan.plan_line(line(10.0, 0.0, remove=True, purchases=[purchase()]))
        self.assertEqual(ops(actions, "purchase.order.line"), {("pol_remove", 70): None})

    def test_a_confirmed_purchase_line_at_zero_stays_at_zero(self):
        actions = change_plan.plan_line(
            line(10.0, 0.0, remove=True, purchases=[purchase(po_state="purchase")])
        )
        self.assertEqual(ops(actions, "purchase.order.line"), {("pol_qty", 70): 0.0})

    def test_a_purchase_line_below_received_blocks(self):
        pol = purchase(po_state="purchase", received=8.0)
        actions = change_plan.plan_line(line(10.0, 5.0, purchases=[pol]))
        blockers = change_plan.blocking(actions)
        self.assertEqual([a.code for a in blockers], ["pol_below_received"])
        self.assertEqual(blockers[0].params, {"qty": 5.0, "received": 8.0})
        self.assertFalse(ops(actions, "purchase.order.line"))

    def test_a_closed_purchase_blocks_a_change_of_quantity(self):
        pol = purchase(po_state="done", received=10.0)
        actions = change_plan.plan_line(line(10.0, 12.0, purchases=[pol]))
        self.assertEqual([a.code for a in change_plan.blocking(actions)], ["po_closed"])

    # ------------------------------------------------------------------ dates

    def test_a_new_date_shifts_everything_by_the_same_days(self):
        later = DAY + datetime.timedelta(days=5)
        actions = change_plan.plan_line(
            line(
                moves=[move(1, 7.0, state="waiting"), move(2, 3.0, state="done")],
                productions=[production(start=AT - datetime.timedelta(days=3))],
                purchases=[purchase(planned=AT - datetime.timedelta(days=6))],
                new_date=later,
                old_date=DAY,
            )
        )
        self.assertFalse(change_plan.blocking(actions))
        planned = ops(actions)
        # the pending delivery on the new day, at the same time of day; a done move stays
        self.assertEqual(planned[("move_date", 1)], datetime.datetime(2030, 6, 15, 9, 30))
        self.assertNotIn(("move_date", 2), planned)
        # the MO's start: a number of days, shifted by the executor
        self.assertEqual(planned[("mo_date", 50)], 5)
        self.assertEqual(
            by_code(actions, "mo_date")[0].params["new"], AT + datetime.timedelta(days=2)
        )
        self.assertEqual(planned[("pol_date", 70)], AT - datetime.timedelta(days=1))
        self.assertEqual(
            {a.department for a in actions if a.op and a.op.endswith("_date")},
            {"WH", "PMC", "PUR"},
        )

    def test_days_are_those_of_the_time_zone_the_dates_are_given_in(self):
        # 02:00 in Shanghai is 18:00 UTC the day before: the move's day is the 10th there
        shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
        at = datetime.datetime(2030, 6, 10, 2, 0, tzinfo=shanghai)
        actions = change_plan.plan_line(
            line(
                moves=[move(1, 10.0, date=at)],
                purchases=[purchase(planned=at)],
                new_date=datetime.date(2030, 6, 20),
                old_date=at.date(),
            )
        )
        planned = ops(actions)
        moved = planned[("move_date", 1)]
        self.assertEqual(moved, datetime.datetime(2030, 6, 20, 2, 0, tzinfo=shanghai))
        utc = datetime.datetime(2030, 6, 19, 18, 0, tzinfo=datetime.UTC)
        self.assertEqual(moved.astimezone(datetime.UTC), utc)
        self.assertEqual(
            by_code(actions, "move_date")[0].params,
            {"old": datetime.date(2030, 6, 10), "new": datetime.date(2030, 6, 20)},
        )
        self.assertEqual(planned[("pol_date", 70)], at + datetime.timedelta(days=10))

    def test_an_earlier_date_shifts_back(self):
        earlier = DAY - datetime.timedelta(days=2)
        actions = change_plan.plan_line(
            line(
                moves=[move(1, 10.0)],
                productions=[production()],
                purchases=[purchase()],
                new_date=earlier,
                old_date=DAY,
            )
        )
        planned = ops(actions)
        self.assertEqual(planned[("move_date", 1)], AT - datetime.timedelta(days=2))
        self.assertEqual(planned[("mo_date", 50)], -2)
        self.assertEqual(planned[("pol_date", 70)], AT - datetime.timedelta(days=2))

    def test_done_and_cancelled_documents_keep_their_dates(self):
        actions = change_plan.plan_line(
            line(
                moves=[move(1, 10.0, state="done")],
                productions=[production(state="done", produced=10.0)],
                purchases=[purchase(po_state="cancel")],
                new_date=DAY + datetime.timedelta(days=1),
                old_date=DAY,
            )
        )
        self.assertEqual(ops(actions), {})

    # ------------------------------------------------------------------ invoices and prices

    def test_a_credit_note_when_less_than_invoiced(self):
        actions = change_plan.plan_line(
            line(10.0, 6.0, invoiced=10.0, moves=[move(1, 10.0)], old_price=5.0, new_price=5.0)
        )
        notes = by_code(actions, "credit_note_qty")
        self.assertEqual(len(notes), 1)
        self.assertEqual(notes[0].params, {"qty": 4.0, "invoiced": 10.0})
        self.assertEqual(notes[0].department, "FIN")
        self.assertFalse(change_plan.blocking(actions))

    def test_no_credit_note_while_invoiced_is_kept(self):
        actions = change_plan.plan_line(line(10.0, 8.0, invoiced=5.0, moves=[move(1, 10.0)]))
        self.assertFalse(by_code(actions, "credit_note_qty"))

    def test_a_price_change_on_invoiced_goods(self):
        lower = change_plan.plan_line(line(invoiced=4.0, old_price=5.0, new_price=4.5))
        self.assertEqual([a.code for a in lower if a.kind == "invoice"], ["credit_note_price"])
        self.assertEqual(by_code(lower, "credit_note_price")[0].params, {"qty": 4.0, "diff": 0.5})
        higher = change_plan.plan_line(line(invoiced=4.0, old_price=5.0, new_price=6.0))
        self.assertEqual([a.code for a in higher if a.kind == "invoice"], ["extra_invoice_price"])
        price = by_code(higher, "line_price")[0]
        self.assertEqual((price.kind, price.department), ("order_line", "FIN"))

    def test_a_price_change_on_nothing_invoiced_needs_no_invoice(self):
        actions = change_plan.plan_line(
            line(old_price=5.0, new_price=6.0, write_vals={"price_unit": 6.0})
        )
        self.assertFalse([a for a in actions if a.kind == "invoice"])
        self.assertEqual(ops(actions), {("line_write", 7): {"price_unit": 6.0}})
        self.assertEqual(change_plan.departments(actions), ["FIN"])

    # ------------------------------------------------------------------ new lines, order

    def test_a_new_line_is_created_and_procured_by_its_routes(self):
        create_vals = {"order_id": 3, "product_id": 9, "product_uom_qty": 4.0, "price_unit": 2.0}
        actions = change_plan.plan_line(
            {
                "key": 5,
                "add": True,
                "name": "Gift box",
                "document": "S00042",
                "new_qty": 4.0,
                "new_price": 2.0,
                "routes": "Buy, Replenish on Order (MTO)",
                "create_vals": create_vals,
            }
        )
        self.assertEqual([a.code for a in actions], ["line_add", "line_add_routes"])
        self.assertEqual(ops(actions), {("line_create", None): create_vals})
        self.assertEqual(actions[0].params, {"product": "Gift box", "qty": 4.0, "price": 2.0})
        self.assertEqual({a.line_key for a in actions}, {5})
        self.assertFalse(change_plan.blocking(actions))

    def test_a_removed_line_without_documents(self):
        actions = change_plan.plan_line(
            line(10.0, 10.0, remove=True, write_vals={"product_uom_qty": 0.0})
        )
        self.assertEqual(by_code(actions, "line_remove")[0].params["old"], 10.0)
        self.assertFalse(by_code(actions, "line_qty"))
        self.assertEqual(ops(actions), {("line_write", 7): {"product_uom_qty": 0.0}})

    def test_the_order_header(self):
        actions = change_plan.plan(
            [],
            {
                "order_id": 3,
                "document": "S00042",
                "changes": [("Incoterm", "EXW", "FOB")],
                "order_vals": {"incoterm": 4},
                "pickings": [
                    {"id": 11, "document": "WH/OUT/1", "old": "A", "new": "B", "partner_id": 8}
                ],
            },
        )
        self.assertEqual(
            [(a.kind, a.code, a.op) for a in actions],
            [
                ("order", "order_field", None),
                ("order", "order_write", "order_write"),
                ("delivery", "picking_partner", "picking_partner"),
            ],
        )
        self.assertEqual(
            ops(actions), {("order_write", 3): {"incoterm": 4}, ("picking_partner", 11): 8}
        )
        self.assertEqual(change_plan.departments(actions), ["WH"])
        self.assertEqual(change_plan.plan([], None), [])

    def test_departments_in_a_stable_order(self):
        actions = change_plan.plan_line(
            line(
                10.0,
                12.0,
                old_price=5.0,
                new_price=6.0,
                moves=[move(1, 10.0, state="waiting")],
                productions=[production()],
                purchases=[purchase()],
            )
        )
        self.assertEqual(change_plan.departments(actions), ["PMC", "PUR", "WH", "FIN"])
        self.assertEqual(
            change_plan.departments(list(reversed(actions))), ["PMC", "PUR", "WH", "FIN"]
        )
        self.assertEqual(
            change_plan.departments(change_plan.plan_line(line(10.0, 12.0, moves=[move(1, 10.0)]))),
            ["WH"],
        )
        self.assertEqual(change_plan.departments([]), [])

    # ------------------------------------------------------------------ property

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        old_q=st.integers(min_value=0, max_value=400),
        new_q=st.integers(min_value=0, max_value=400),
        done_q=st.integers(min_value=0, max_value=400),
        cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=4),
        cancelled=st.booleans(),
        told_delivered=st.booleans(),
    )
    def test_moves_after_the_plan_hold_what_is_left_to_deliver(
        self, old_q, new_q, done_q, cuts, cancelled, told_delivered
    ):
        """For any quantities (quarters of a unit) and any split of the pending moves, what
        the pending moves hold after the plan is the new quantity less what was done (never
        negative), unless the plan says it cannot be done."""
        old_qty, new_qty = old_q / 4, new_q / 4
        done = min(done_q, old_q) / 4
        open_q = old_q - min(done_q, old_q)
        # split what is still to deliver over one to five pending moves
        bounds = sorted({0, open_q, *(min(c, open_q) for c in cuts)})
        parts = [b - a for a, b in itertools.pairwise(bounds)] or [0]
        moves = [move(100, done, state="done")] if done else []
        if cancelled:
            moves.append(move(101, 3.0, state="cancel"))
        moves += [
            move(200 + i, q / 4, state="confirmed" if i else "assigned")
            for i, q in enumerate(parts)
        ]
        moves = [m for m in moves if m["qty"] or m["state"] != "done"]
        actions = change_plan.plan_line(
            line(old_qty, new_qty, delivered=done if told_delivered else 0.0, moves=moves)
        )
        if change_plan.blocking(actions):
            self.assertLess(new_qty, done)
            return
        self.assertGreaterEqual(new_qty, done)
        after = {m["id"]: m["qty"] for m in moves if m["state"] not in ("done", "cancel")}
        for action in actions:
            if action.op == "move_qty":
                self.assertIn(action.res_id, after)
                self.assertGreater(action.value, 0)
                after[action.res_id] = action.value
            elif action.op == "move_cancel":
                self.assertIn(action.res_id, after)
                after[action.res_id] = 0.0
            elif action.model == "stock.move":
                self.assertIsNone(action.op)
        self.assertTrue(all(qty >= 0 for qty in after.values()))
        self.assertAlmostEqual(sum(after.values()), new_qty - done)
