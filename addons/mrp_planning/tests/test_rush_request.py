# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rush orders (紧急插单): the what-if, leadership's decision and what it replans."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .test_schedule_run import ScheduleCase, at

# What a what-if must leave as it was: the factory's plan and the customers' orders.
WATCHED_TABLES = (
    "mrp_workorder",
    "mrp_production",
    "resource_calendar_leaves",
    "stock_move",
    "sale_order",
    "sale_order_line",
    "mrp_schedule_run",
    "mrp_schedule_load",
    "mrp_schedule_promise",
    "mail_activity",
)


@tagged("post_install", "-at_install")
class TestRushRequest(ScheduleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls.users["clerk"]
        cls.approver = cls.users["approver"]
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Shenzhen Retail", "customer_grade": "b"}
        )

    def order(self, partner, promised, qty=1, confirm=False):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": self.clerk.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.bra.id,
                            "product_uom_qty": qty,
                            "intake_promised_date": promised,
                        }
                    )
                ],
            }
        )
        return order

    def made_for(self, order, deadline=None, bom=None):
        """A manufacturing order making the order's bra, its output for the order's line."""
        production = self.production(bom=bom, deadline=deadline)
        line = order.order_line
        move = self.env["stock.move"].create(
            {
                "name": "delivery",
                "product_id": self.bra.id,
                "product_uom_qty": 1,
                "product_uom": self.bra.uom_id.id,
                "location_id": production.location_dest_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "sale_line_id": line.id,
            }
        )
        production.move_finished_ids.move_dest_ids = move
        production.procurement_group_id = self.env["procurement.group"].create(
            {"name": order.name, "sale_id": order.id}
        )
        return production

    def setUp(self):
        super().setUp()
        # Two orders of Lyon already planned on Monday morning (promised Monday and Tuesday),
        # then Shenzhen (B-grade) asks for a rush order by Monday.
        self.lyon_1 = self.order(self.customer, date(2030, 6, 10))
        self.lyon_2 = self.order(self.customer, date(2030, 6, 11))
        self.mo_1 = self.made_for(self.lyon_1, deadline=at(0, 17))
        self.mo_2 = self.made_for(self.lyon_2, deadline=at(1, 17))
        self.schedule()
        self.osaka = self.order(self.customer_b, date(2030, 6, 12))
        self.rush_mo = self.made_for(self.osaka, deadline=at(2, 17))

    def request(self, **vals):
        return (
            self.env["mrp.rush.request"]
            .with_user(self.clerk)
            .create(
                {
                    "sale_order_id": self.osaka.id,
                    "reason": "Sample for a trade fair",
                    "date_wanted": date(2030, 6, 10),
                    **vals,
                }
            )
        )

    def dump(self):
        rows = {}
        for table in WATCHED_TABLES:
            self.env.cr.execute(SQL("SELECT * FROM %s ORDER BY id", SQL.identifier(table)))
            rows[table] = self.env.cr.fetchall()
        return rows

    def test_whatif_leaves_the_factory_as_it_was(self):
        request = self.request()
        self.env.flush_all()
        before = self.dump()
        request.action_compute_whatif()
        self.env.flush_all()
        self.assertEqual(self.dump(), before)
        self.assertTrue(request.whatif_origin)

    def test_whatif_shows_who_slips(self):
        request = self.request()
        request.action_compute_whatif()
        self.assertEqual(request.whatif_finish, at(0, 10), "first on the sewing line")
        self.assertTrue(request.whatif_meets)
        self.assertEqual(request.rush_hours, 2.0)
        impacts = request.impact_ids.sorted("finish_before")
        self.assertEqual(impacts.production_id, self.mo_1 | self.mo_2)
        self.assertEqual(
            [(i.finish_before, i.finish_after) for i in impacts],
            [(at(0, 10), at(0, 12)), (at(0, 12), at(0, 15))],
        )
        self.assertEqual(impacts.mapped("days_slipped"), [0, 0])
        self.assertEqual(impacts.mapped("breaks_promise"), [False, False])
        self.assertEqual(request.whatif_slipped_count, 2)

    def test_whatif_names_a_broken_promise(self):
        # A third Lyon order finishing at Monday's end now moves to Tuesday, its promise
        # being Monday.
        lyon_3 = self.order(self.customer, date(2030, 6, 10))
        # Five hours of sewing (a bill of its own, archived so that nothing else finds it).
        long_bom = self.bom(self.bra, [(self.sewing, 300)])
        mo_3 = self.made_for(lyon_3, deadline=at(0, 17), bom=long_bom)
        long_bom.active = False
        self.schedule()
        request = self.request()
        request.action_compute_whatif()
        broken = request.impact_ids.filtered("breaks_promise")
        self.assertEqual(broken.production_id, mo_3)
        self.assertEqual((broken.days_slipped, broken.promised_date), (1, date(2030, 6, 10)))
        self.assertEqual(request.whatif_broken_count, 1)

    def test_approval_applies_exactly_the_whatif(self):
        request = self.request()
        request.action_submit()
        self.assertEqual(request.state, "submitted")
        shown = {i.production_id: i.finish_after for i in request.impact_ids}
        request.with_user(self.approver)._approval_decide(True)
        self.assertEqual(request.state, "applied")
        self.assertEqual(request.applied_run_id.trigger, "rush")
        for production, finish in shown.items():
            self.assertEqual(production.workorder_ids.date_finished, finish)
        self.assertEqual(self.rush_mo.workorder_ids.date_start, at(0, 8))
        # The owners of the delayed orders are told; the customers' dates wait for them.
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", self.lyon_2.id)]
        )
        self.assertEqual(activity.user_id, self.clerk)
        self.assertIn(request.sale_order_id.name, activity.summary)
        self.assertEqual(self.lyon_2.order_line.intake_promised_date, date(2030, 6, 11))
        # Later schedules keep the rush order first.
        self.assertTrue(self.osaka.rush)
        self.schedule()
        self.assertEqual(self.rush_mo.workorder_ids.date_start, at(0, 8))

    def test_customer_agrees_to_the_new_date(self):
        lyon_3 = self.order(self.customer, date(2030, 6, 10))
        # Five hours of sewing (a bill of its own, archived so that nothing else finds it).
        long_bom = self.bom(self.bra, [(self.sewing, 300)])
        self.made_for(lyon_3, deadline=at(0, 17), bom=long_bom)
        long_bom.active = False
        self.schedule()
        request = self.request()
        request.action_submit()
        impact = request.impact_ids.filtered("breaks_promise")
        with self.assertRaisesRegex(UserError, "not approved"):
            impact.with_user(self.clerk).action_confirm_new_date()
        request.with_user(self.approver)._approval_decide(True)
        impact.with_user(self.clerk).action_confirm_new_date()
        self.assertEqual(lyon_3.order_line.intake_promised_date, date(2030, 6, 11))
        self.assertEqual(impact.customer_confirmed_by_id, self.clerk)
        with self.assertRaisesRegex(UserError, "already recorded"):
            impact.with_user(self.clerk).action_confirm_new_date()

    def test_locked_order_changes_its_promise_through_a_change_notice(self):
        lyon_3 = self.order(self.customer, date(2030, 6, 10))
        long_bom = self.bom(self.bra, [(self.sewing, 300)])
        self.made_for(lyon_3, deadline=at(0, 17), bom=long_bom)
        long_bom.active = False
        self.company.order_review_enabled = False  # confirmed without review here
        lyon_3.action_confirm()
        self.company.order_change_lock = True
        self.schedule()
        request = self.request()
        request.action_submit()
        request.with_user(self.approver)._approval_decide(True)
        impact = request.impact_ids.filtered("breaks_promise")
        self.assertEqual(impact.sale_order_id, lyon_3)
        with self.assertRaisesRegex(UserError, "change notice"):
            impact.with_user(self.clerk).action_confirm_new_date()
        self.assertEqual(lyon_3.order_line.intake_promised_date, date(2030, 6, 10))

    def test_changed_since_the_whatif_asks_again(self):
        request = self.request()
        request.action_submit()
        first_round = request.approval_request_id
        placed = self.mo_1.workorder_ids.date_start
        # Meanwhile another order arrives.
        self.production(deadline=at(0, 12))
        request.with_user(self.approver)._approval_decide(True)
        self.assertEqual(request.state, "submitted", "leadership decides again")
        self.assertNotEqual(request.approval_request_id, first_round)
        self.assertEqual(self.mo_1.workorder_ids.date_start, placed, "nothing replanned")
        self.assertFalse(request.applied_run_id)
        self.assertEqual(request.whatif_slipped_count, 3, "the what-if is the new one")

    def test_rejection_changes_nothing(self):
        request = self.request()
        request.action_submit()
        self.env.flush_all()
        before = self.dump()
        request.with_user(self.approver)._approval_decide(False, comment="Not now")
        self.env.flush_all()
        after = self.dump()
        after.pop("mail_activity")
        before.pop("mail_activity")  # the approver's to-do is done
        self.assertEqual(after, before)
        self.assertEqual(request.state, "rejected")
        self.assertFalse(self.osaka.rush)

    def test_dedicated_line_only_for_permitted_grades(self):
        self.sewing.alternative_workcenter_ids = self.sewing_2
        with self.assertRaisesRegex(ValidationError, "grade A"):
            self.request(dedicated=True, dedicated_workcenter_ids=[Command.set(self.sewing_2.ids)])
        tokyo = self.order(self.customer_a, date(2030, 6, 12))
        tokyo_mo = self.made_for(tokyo, deadline=at(2, 17))
        request = self.request(
            sale_order_id=tokyo.id,
            dedicated=True,
            dedicated_workcenter_ids=[Command.set(self.sewing_2.ids)],
        )
        request.action_submit()
        request.with_user(self.approver)._approval_decide(True)
        self.assertEqual(tokyo_mo.workorder_ids.workcenter_id, self.sewing_2)
        # The others keep off the reserved line even when their own one is busier.
        for _i in range(3):
            self.production()
        self.schedule()
        others = self.env["mrp.workorder"].search(
            [
                ("production_id", "!=", tokyo_mo.id),
                ("production_id.product_id", "=", self.bra.id),
                ("state", "in", ("pending", "waiting", "ready")),
            ]
        )
        self.assertEqual(others.workcenter_id, self.sewing)
        self.assertEqual(tokyo_mo.workorder_ids.workcenter_id, self.sewing_2)
        self.company.mrp_rush_dedicated_grades = "none"
        with self.assertRaises(ValidationError):
            self.request(
                sale_order_id=tokyo.id,
                dedicated=True,
                dedicated_workcenter_ids=[Command.set(self.sewing_2.ids)],
            )

    def test_rush_quotation_reserves_the_work_of_its_lines(self):
        quotation = self.order(self.customer_b, date(2030, 6, 12), qty=2)
        request = self.request(sale_order_id=quotation.id)
        request.action_compute_whatif()
        # Two bras of 2 hours each, before everything else.
        self.assertEqual(request.whatif_finish, at(0, 12))
        self.assertEqual(request.rush_hours, 4.0)
        self.assertEqual(request.whatif_slipped_count, 3)

    def test_rights_and_engine_fields(self):
        request = self.request()
        with self.assertRaises(AccessError):
            request.with_user(self.clerk).write({"state": "applied"})
        with self.assertRaises(AccessError):
            request.with_user(self.clerk).write({"whatif_meets": True})
        with self.assertRaises(AccessError):
            request.with_user(self.approver).write({"reason": "mine"})
        request.action_submit()
        with self.assertRaisesRegex(UserError, "someone else"):
            request.with_user(self.clerk)._approval_decide(True)
        with self.assertRaisesRegex(UserError, "draft"):
            request.with_user(self.clerk).write({"reason": "changed"})
        with self.assertRaisesRegex(UserError, "stays on record"):
            request.with_user(self.clerk).unlink()
        with self.assertRaises(UserError):
            self.env["mrp.rush.impact"].with_user(self.clerk).create(
                {"request_id": request.id, "production_id": self.mo_1.id}
            )
