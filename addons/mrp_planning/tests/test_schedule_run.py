# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The capacity schedule on a database: work orders read, placed and written back."""

from contextlib import closing
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.order_intake.tests.common import create_role_users

from ..models.mrp_schedule_run import SCHEDULE_LOCK_KEY

# A Monday; the clock is frozen there (06:00 UTC) for the whole class.
MONDAY = date(2030, 6, 10)


def at(day, hour, minute=0):
    """``day`` days after MONDAY at ``hour`` UTC (the work centers' calendar is in UTC)."""
    return datetime(2030, 6, 10 + day, hour, minute)


@tagged("post_install", "-at_install")
class ScheduleCase(TransactionCase):
    """Two sewing lines (the second the first's alternative) and a cutting table, working
    08:00-12:00 and 13:00-17:00 UTC on weekdays; bras made by cutting then sewing."""

    freeze_time = "2030-06-10 06:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.planner = cls.users["planner"]
        cls.company = cls.env.company
        cls.company.mrp_schedule_budget = 0.0
        # The database's other open manufacturing orders (demo data) are not this test's.
        cls.env["mrp.production"].search(
            [("state", "in", ("confirmed", "progress", "to_close"))]
        ).action_cancel()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Two halves",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {half}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": half,
                        }
                    )
                    for day in range(5)
                    for half, hour_from, hour_to in (("morning", 8, 12), ("afternoon", 13, 17))
                ],
            }
        )

        def center(name, **vals):
            return cls.env["mrp.workcenter"].create(
                {
                    "name": name,
                    "resource_calendar_id": cls.calendar.id,
                    "time_start": 0,
                    "time_stop": 0,
                    "time_efficiency": 100,
                    "default_capacity": 1,
                    **vals,
                }
            )

        cls.cutting = center("Test cutting")
        cls.sewing_2 = center("Test sewing 2")
        cls.sewing = center("Test sewing", alternative_workcenter_ids=[Command.set([])])
        cls.customer = cls.env["res.partner"].create({"name": "Lyon Lingerie"})
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Osaka Inner", "customer_grade": "a"}
        )
        cls.fabric = cls.env["product.product"].create({"name": "Test fabric", "is_storable": True})
        cls.bra = cls.env["product.product"].create({"name": "Test bra", "is_storable": True})
        cls.bra_bom = cls.bom(cls.bra, [(cls.sewing, 120)])
        cls.set_bra = cls.env["product.product"].create({"name": "Test set", "is_storable": True})
        cls.set_bom = cls.bom(cls.set_bra, [(cls.cutting, 60), (cls.sewing, 180)])

    @classmethod
    def bom(cls, product, operations, components=()):
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "operation_ids": [
                    Command.create(
                        {
                            "name": f"Op {index}",
                            "workcenter_id": wc.id,
                            "time_mode": "manual",
                            "time_cycle_manual": minutes,
                            "sequence": index,
                        }
                    )
                    for index, (wc, minutes) in enumerate(operations)
                ],
                "bom_line_ids": [
                    Command.create({"product_id": comp.id, "product_qty": qty})
                    for comp, qty in components
                ],
            }
        )

    def production(self, bom=None, deadline=None, **vals):
        bom = bom or self.bra_bom
        production = self.env["mrp.production"].create(
            {
                "product_id": bom.product_tmpl_id.product_variant_id.id,
                "product_qty": vals.pop("product_qty", 1),
                "bom_id": bom.id,
                "date_deadline": deadline,
                **vals,
            }
        )
        production.action_confirm()
        return production

    def schedule(self, user=None, budget=0.0):
        return (
            self.env["mrp.schedule.run"]
            .with_user(user or self.planner)
            ._schedule(self.company, budget=budget)
        )

    def span(self, production):
        workorders = production.workorder_ids.sorted("sequence")
        return [(wo.workcenter_id, wo.date_start, wo.date_finished) for wo in workorders]


class TestSchedule(ScheduleCase):
    def test_one_work_center_runs_one_order_at_a_time(self):
        first = self.production(deadline=at(0, 17))
        second = self.production(deadline=at(1, 17))
        run = self.schedule()
        self.assertEqual(self.span(first), [(self.sewing, at(0, 8), at(0, 10))])
        self.assertEqual(self.span(second), [(self.sewing, at(0, 10), at(0, 12))])
        self.assertEqual((run.workorder_count, run.late_count), (2, 0))
        # As Odoo's own planning: a calendar slot per work order, the orders planned.
        leave = first.workorder_ids.leave_id
        self.assertEqual(
            (leave.resource_id, leave.date_from, leave.date_to, leave.time_type),
            (self.sewing.resource_id, at(0, 8), at(0, 10), "other"),
        )
        self.assertTrue(first.is_planned)
        self.assertEqual((first.date_start, first.date_finished), (at(0, 8), at(0, 10)))

    def test_work_runs_across_the_lunch_break_and_the_night(self):
        production = self.production(bom=self.bom(self.bra, [(self.sewing, 600)]))
        self.schedule()
        # 4 h in the morning, 4 h in the afternoon, 2 h the next morning.
        self.assertEqual(self.span(production), [(self.sewing, at(0, 8), at(1, 10))])

    def test_operations_follow_each_other(self):
        production = self.production(bom=self.set_bom)
        self.schedule()
        self.assertEqual(
            self.span(production),
            [(self.cutting, at(0, 8), at(0, 9)), (self.sewing, at(0, 9), at(0, 12))],
        )

    def test_capacity_two_runs_two_at_once(self):
        self.sewing.default_capacity = 2
        productions = [self.production() for _i in range(3)]
        self.schedule()
        spans = sorted(self.span(p)[0][1:] for p in productions)
        self.assertEqual(
            spans, [(at(0, 8), at(0, 10)), (at(0, 8), at(0, 10)), (at(0, 10), at(0, 12))]
        )

    def test_an_order_of_many_pieces_takes_every_unit(self):
        # Two sewing machines: two pieces sew on both at once (Odoo's 2 h halves to 1 cycle),
        # so the next order waits for a free machine; one piece leaves the other machine free.
        self.sewing.default_capacity = 2
        pair = self.production(product_qty=2)
        single = self.production()
        other = self.production()
        self.schedule()
        self.assertEqual(pair.workorder_ids.duration_expected, 120, "one cycle of two pieces")
        self.assertEqual(self.span(pair), [(self.sewing, at(0, 8), at(0, 10))])
        self.assertEqual(self.span(single), [(self.sewing, at(0, 10), at(0, 12))])
        self.assertEqual(self.span(other), [(self.sewing, at(0, 10), at(0, 12))])

    def test_alternative_work_center_takes_the_overflow(self):
        self.sewing.alternative_workcenter_ids = self.sewing_2
        first, second = self.production(), self.production()
        self.schedule()
        self.assertEqual(self.span(first), [(self.sewing, at(0, 8), at(0, 10))])
        self.assertEqual(self.span(second), [(self.sewing_2, at(0, 8), at(0, 10))])
        self.assertEqual(second.workorder_ids.duration_expected, 120)

    def test_rush_and_grade_a_before_an_earlier_deadline(self):
        ordinary = self.production(deadline=at(0, 12))
        grade_a = self.production(deadline=at(3, 17))
        rush = self.production(deadline=at(4, 17), priority="1")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_a.id,
                "order_line": [Command.create({"product_id": self.bra.id})],
            }
        )
        grade_a.procurement_group_id = self.env["procurement.group"].create(
            {"name": "A", "sale_id": order.id}
        )
        run = self.schedule()
        self.assertEqual(self.span(rush)[0][1], at(0, 8))
        self.assertEqual(self.span(grade_a)[0][1], at(0, 10))
        self.assertEqual(self.span(ordinary)[0][1], at(0, 13))
        self.assertEqual(run.late_count, 1, "the ordinary order misses its noon deadline")
        self.assertAlmostEqual(run.weighted_lateness, 3.0, msg="15:00 - 12:00, weight 1")

    def test_backward_order_finishes_at_its_deadline(self):
        production = self.production(deadline=at(2, 17), schedule_backward=True)
        self.schedule()
        self.assertEqual(self.span(production), [(self.sewing, at(2, 15), at(2, 17))])

    def test_work_waits_for_its_components(self):
        bom = self.bom(self.bra, [(self.sewing, 120)], components=[(self.fabric, 2)])
        production = self.production(bom=bom)
        # The fabric comes with a receipt on Wednesday 10:00.
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company.id)], limit=1
        )
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "scheduled_date": at(2, 10),
                "move_ids": [
                    Command.create(
                        {
                            "name": "fabric",
                            "product_id": self.fabric.id,
                            "product_uom_qty": 10,
                            "product_uom": self.fabric.uom_id.id,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                            "date": at(2, 10),
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        run = self.schedule()
        start = self.span(production)[0][1]
        self.assertGreaterEqual(start, at(2, 10))
        self.assertEqual(self.span(production), [(self.sewing, at(2, 10), at(2, 12))])
        self.assertEqual(run.no_material_date_count, 0)

    def test_components_nothing_brings_are_counted(self):
        bom = self.bom(self.bra, [(self.sewing, 120)], components=[(self.fabric, 2)])
        self.production(bom=bom)
        run = self.schedule()
        self.assertEqual(run.no_material_date_count, 1)

    def test_rerun_replaces_the_slots(self):
        production = self.production()
        self.schedule()
        old_leave = production.workorder_ids.leave_id
        self.production(deadline=at(0, 10), priority="1")
        self.schedule()
        self.assertFalse(old_leave.exists(), "the previous slot is gone")
        self.assertEqual(self.span(production), [(self.sewing, at(0, 10), at(0, 12))])
        leaves = self.env["resource.calendar.leaves"].search(
            [("resource_id", "=", self.sewing.resource_id.id), ("time_type", "=", "other")]
        )
        self.assertEqual(len(leaves), 2)

    def test_odoo_plan_button_respects_the_schedule(self):
        first = self.production()
        self.schedule()
        other = self.env["mrp.production"].create(
            {"product_id": self.bra.id, "product_qty": 1, "bom_id": self.bra_bom.id}
        )
        other.action_confirm()
        other.button_plan()
        self.assertGreaterEqual(other.workorder_ids.date_start, first.workorder_ids.date_finished)

    def test_load_against_capacity(self):
        self.production()
        self.production(bom=self.set_bom)
        run = self.schedule()
        Load = self.env["mrp.schedule.load"]
        groups = Load._read_group(
            [("run_id", "=", run.id), ("workcenter_id", "=", self.sewing.id)],
            ["date:day"],
            ["load_hours:sum", "capacity_hours:sum"],
        )
        by_day = {day: (load, capacity) for day, load, capacity in groups}
        self.assertEqual(by_day[MONDAY], (5.0, 8.0), "2 h of bra and 3 h of set on 8 h")
        self.assertEqual(by_day[date(2030, 6, 15)], (0.0, 0.0), "Saturday: no capacity")
        rows = Load.search([("run_id", "=", run.id), ("workorder_id", "!=", False)])
        self.assertEqual(len(rows), 3)
        self.assertFalse(Load.search([("run_id", "=", run.id), ("overload", "=", True)]))

    def test_load_per_local_day(self):
        # Shanghai (UTC+8): Monday 13:00-17:00 UTC is Monday 21:00 - Tuesday 01:00 there.
        self.calendar.tz = "Asia/Shanghai"
        self.production(bom=self.bom(self.bra, [(self.sewing, 480)]))
        run = self.schedule()
        rows = self.env["mrp.schedule.load"].search(
            [("run_id", "=", run.id), ("workorder_id", "!=", False)]
        )
        hours = {row.date: row.load_hours for row in rows}
        self.assertEqual(sum(hours.values()), 8.0)
        self.assertTrue(all(day.weekday() < 5 for day in hours))

    def test_promise_check_names_late_orders(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.bra.id, "intake_promised_date": date(2030, 6, 10)}
                    )
                ],
            }
        )
        line = order.order_line
        # 10 h of sewing; the four others are due first.
        productions = [self.production(deadline=at(0, 12)) for _i in range(4)]
        productions.append(self.production())
        group = self.env["procurement.group"].create({"name": order.name, "sale_id": order.id})
        last = productions[-1]
        last.procurement_group_id = group
        # The last order's output goes to the customer's delivery (make to order).
        delivery_move = self.env["stock.move"].create(
            {
                "name": "delivery",
                "product_id": self.bra.id,
                "product_uom_qty": 1,
                "product_uom": self.bra.uom_id.id,
                "location_id": last.location_dest_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "sale_line_id": line.id,
            }
        )
        last.move_finished_ids.move_dest_ids = delivery_move
        run = self.schedule()
        promise = self.env["mrp.schedule.promise"].search([("run_id", "=", run.id)])
        self.assertEqual(promise.sale_line_id, line)
        self.assertEqual(promise.production_ids, last)
        self.assertEqual(promise.planned_finish, at(1, 10), "8 h on Monday, the last 2 h Tuesday")
        self.assertEqual((promise.days_late, promise.late), (1, True))
        self.assertEqual(run.promise_late_count, 1)
        self.assertEqual(order.schedule_days_late, 1)
        self.assertEqual(order.schedule_finish, at(1, 10))

    def test_work_center_without_hours_is_refused(self):
        self.production()
        self.sewing.resource_calendar_id = False
        with self.assertRaisesRegex(UserError, "Test sewing"):
            self.schedule()

    def test_nothing_to_schedule(self):
        run = self.schedule()
        self.assertEqual((run.workorder_count, run.late_count), (0, 0))

    def test_optimiser_never_makes_it_worse(self):
        for day in range(4):
            self.production(deadline=at(day, 12))
            self.production(bom=self.set_bom, deadline=at(day, 17))
        run = self.schedule(budget=2.0)
        self.assertTrue(run.solver_status)
        self.assertLessEqual(run.weighted_lateness, run.heuristic_weighted_lateness)


class TestScheduleRights(ScheduleCase):
    def test_only_planners_schedule(self):
        self.production()
        for role in ("clerk", "reviewer", "approver", "auditor"):
            with self.assertRaises(UserError, msg=role):
                self.schedule(user=self.users[role])
        self.assertTrue(self.schedule())

    def test_other_roles_read_the_load_and_promises(self):
        self.production()
        run = self.schedule()
        for role in ("reviewer", "approver", "auditor"):
            user = self.users[role]
            rows = self.env["mrp.schedule.load"].with_user(user).search([("run_id", "=", run.id)])
            self.assertTrue(rows.read(["workcenter_id", "load_hours"]), role)
            with self.assertRaises(AccessError, msg=role):
                rows.with_user(user).write({"load_hours": 0})
            self.assertTrue(self.env["mrp.schedule.promise"].with_user(user).has_access("read"))

    def test_salespeople_and_portal_read_the_order_without_planning_rights(self):
        # Odoo's own salespeople and portal customers read the order's rush flag and planned
        # finish without any right on the schedules or the rush requests.
        self.production()
        self.schedule()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.bra.id})],
            }
        )
        salesman = new_test_user(
            self.env, login="plain_salesman", groups="sales_team.group_sale_salesman"
        )
        portal = new_test_user(self.env, login="plain_portal", groups="base.group_portal")
        order.write({"partner_id": portal.partner_id.id, "user_id": salesman.id})
        order.message_subscribe(portal.partner_id.ids)
        for user in (salesman, portal):
            values = order.with_user(user).read(["rush", "schedule_finish", "schedule_days_late"])
            self.assertEqual(
                (values[0]["rush"], values[0]["schedule_finish"], values[0]["schedule_days_late"]),
                (False, False, 0),
                user.login,
            )

    def test_concurrent_schedule_refused(self):
        self.production()
        with closing(db_connect(self.env.cr.dbname).cursor()) as other:
            other.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", SCHEDULE_LOCK_KEY, self.company.id)
            )
            with self.assertRaisesRegex(UserError, "being scheduled"):
                self.schedule()
            other.rollback()
        self.assertTrue(self.schedule(), "schedules again once the other is done")

    def test_query_count_does_not_grow_with_the_orders(self):
        def queries():
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self.schedule()
            return self.env.cr.sql_log_count - start

        self.production()
        queries()  # warms Odoo's caches (sequences)
        few = queries()
        for _i in range(6):
            self.production(bom=self.set_bom)
        many = queries()
        self.assertLessEqual(many, few + 14, f"{few} queries for 1 order, {many} for 7")
