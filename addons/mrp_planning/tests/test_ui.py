# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.order_intake.tests.common import create_role_users

from ..services import daily_report


@tagged("post_install", "-at_install")
class TestMrpPlanningMenuTour(HttpCase):
    def test_planner_opens_every_planning_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "mrp_planning_menu_tour", login=users["planner"].login)


@tagged("post_install", "-at_install")
class TestMrpPlanningRunTour(HttpCase):
    def test_planner_runs_mrp_switches_vendor_and_confirms(self):
        env = self.env
        users = create_role_users(env, prefix="tour_")
        one = env["res.partner"].create({"name": "Tour Lace One"})
        two = env["res.partner"].create({"name": "Tour Lace Two"})
        lace = env["product.product"].create(
            {
                "name": "Tour lace",
                "is_storable": True,
                "seller_ids": [
                    Command.create({"partner_id": one.id, "delay": 3, "sequence": 1}),
                    Command.create({"partner_id": two.id, "delay": 2, "sequence": 2}),
                ],
            }
        )
        bra = env["product.product"].create({"name": "Tour bra", "is_storable": True})
        env["mrp.bom"].create(
            {
                "product_tmpl_id": bra.product_tmpl_id.id,
                "bom_line_ids": [Command.create({"product_id": lace.id, "product_qty": 2})],
            }
        )
        order = env["sale.order"].create(
            {
                "partner_id": env["res.partner"].create({"name": "Tour Lingerie"}).id,
                "order_line": [Command.create({"product_id": bra.id, "product_uom_qty": 5})],
            }
        )
        order.action_confirm()
        notice = env["mrp.production.notice"].create(
            env["mrp.production.notice"]._prepare_from_order(order)
        )
        notice.date_wanted = fields.Date.context_today(notice) + timedelta(days=40)
        notice.action_issue()
        self.start_tour(
            "/odoo",
            "mrp_planning_run_tour",
            login=users["planner"].login,
        )
        planned = env["mrp.planning.order"].search([("product_id", "=", lace.id)])
        self.assertEqual(
            (planned.state, planned.partner_id, planned.vendor_reason),
            ("confirmed", two, "Faster this month"),
        )
        self.assertEqual(planned.purchase_id.partner_id, two)
        self.assertEqual(planned.purchase_id.order_line.product_qty, 10)
        self.assertIn(order.name, planned.purchase_id.origin)


@tagged("post_install", "-at_install")
class TestRushOrderTour(HttpCase):
    """The planner reads the load, the clerk files a rush request, leadership approves it,
    the owner of the order it delays has an activity."""

    def test_rush_order_across_users(self):
        env = self.env
        users = create_role_users(env, prefix="tour_")
        # The database's other open manufacturing orders (demo data) are not this test's.
        env["mrp.production"].search(
            [("state", "in", ("confirmed", "progress", "to_close"))]
        ).action_cancel()
        always = env["resource.calendar"].create(
            {
                "name": "Tour: always",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"day {day} {half}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": half,
                        }
                    )
                    for day in range(7)
                    for half, start, stop in (("morning", 0, 12), ("afternoon", 12, 24))
                ],
            }
        )
        sewing = env["mrp.workcenter"].create(
            {"name": "Tour sewing", "resource_calendar_id": always.id, "time_start": 0}
        )
        bra = env["product.product"].create({"name": "Tour bra", "is_storable": True})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": bra.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Sew", "workcenter_id": sewing.id, "time_cycle_manual": 600}
                    )
                ],
            }
        )
        owner = users["reviewer"]
        paris = env["res.partner"].create({"name": "Tour Paris"})
        osaka = env["res.partner"].create({"name": "Tour Osaka", "customer_grade": "a"})

        def made(partner, days, user=None):
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": (user or users["clerk"]).id,
                    "order_line": [Command.create({"product_id": bra.id})],
                }
            )
            production = env["mrp.production"].create(
                {
                    "product_id": bra.id,
                    "bom_id": bom.id,
                    "date_deadline": fields.Datetime.now() + timedelta(days=days),
                    "procurement_group_id": env["procurement.group"]
                    .create({"name": order.name, "sale_id": order.id})
                    .id,
                }
            )
            production.action_confirm()
            return order, production

        paris_order, paris_mo = made(paris, 5, user=owner)
        osaka_order, _osaka_mo = made(osaka, 30)
        osaka.customer_grade = "b"  # A-grade would go first anyway: the rush makes it so
        env["mrp.schedule.run"].with_user(users["planner"])._schedule(env.company, budget=0.0)
        finish_before = paris_mo.date_finished
        self.start_tour(
            "/odoo/action-mrp_planning.action_server_open_load",
            "mrp_planning_load_tour",
            login=users["planner"].login,
        )
        self.start_tour(
            f"/odoo/sale.order/{osaka_order.id}",
            "mrp_planning_rush_file_tour",
            login=users["clerk"].login,
        )
        request = env["mrp.rush.request"].search([("sale_order_id", "=", osaka_order.id)])
        self.assertEqual(request.state, "submitted")
        self.start_tour(
            f"/odoo/mrp.rush.request/{request.id}",
            "mrp_planning_rush_approve_tour",
            login=users["approver"].login,
        )
        self.assertEqual(request.state, "applied")
        self.assertGreater(paris_mo.date_finished, finish_before, "Paris waits for the rush")
        activity = env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", paris_order.id)]
        )
        self.assertEqual(activity.user_id, owner)
        self.assertIn(osaka_order.name, activity.summary)


@tagged("post_install", "-at_install")
class TestDelayAlertTour(HttpCase):
    def test_planner_explains_a_late_item(self):
        env = self.env
        users = create_role_users(env, prefix="tour_")
        env.company.mrp_delay_alerts = True
        sewing = env["mrp.workcenter"].create({"name": "Tour sewing", "time_start": 0})
        bra = env["product.product"].create({"name": "Tour bra", "is_storable": True})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": bra.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Sew", "workcenter_id": sewing.id, "time_cycle_manual": 60}
                    )
                ],
            }
        )
        production = env["mrp.production"].create(
            {"product_id": bra.id, "bom_id": bom.id, "user_id": users["planner"].id}
        )
        production.action_confirm()
        now = fields.Datetime.now()
        production.workorder_ids.with_context(bypass_duration_calculation=True).write(
            {"date_start": now - timedelta(days=3), "date_finished": now + timedelta(days=2)}
        )
        env["mrp.delay.alert"]._cron_raise_delay_alerts()
        alert = env["mrp.delay.alert"].search(
            [("res_model", "=", "mrp.workorder"), ("res_id", "=", production.workorder_ids.id)]
        )
        self.assertEqual((alert.stage, alert.state), ("production_start", "open"))
        self.start_tour("/odoo", "mrp_planning_delay_tour", login=users["planner"].login)
        self.assertEqual(
            (alert.state, alert.reason, alert.action_taken),
            ("explained", "machine_breakdown", "Motor replaced, the order runs on Saturday"),
        )


@tagged("post_install", "-at_install")
class TestDailyReportTour(HttpCase):
    """A production manager opens yesterday's daily report from Manufacturing and prints it
    for the morning meeting."""

    def test_manager_prints_the_daily_report(self):
        env = self.env
        manager = new_test_user(
            env, login="tour_daily_manager", groups="base.group_user,mrp.group_mrp_manager"
        )
        Report = env["mrp.daily.report"]
        company = env.company
        day = Report._company_today(company) - timedelta(days=1)
        start, end = daily_report.day_bounds(day, Report._company_tz(company))
        sewing = env["mrp.workcenter"].create({"name": "Tour sewing", "time_start": 0})
        bra = env["product.product"].create({"name": "Tour bra", "is_storable": True})
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": bra.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {"name": "Sew", "workcenter_id": sewing.id, "time_cycle_manual": 60}
                    )
                ],
            }
        )
        production = env["mrp.production"].create(
            {"product_id": bra.id, "bom_id": bom.id, "product_qty": 5}
        )
        production.action_confirm()
        env["mrp.workorder.output"].create(
            {
                "workorder_id": production.workorder_ids.id,
                "date": start + (end - start) / 2,
                "quantity": 3,
                "hours": 2,
                "note": "Tour: lace late",
            }
        )
        printed = []
        render = IrActionsReport._render_qweb_pdf

        def spy(self, report_ref, res_ids=None, data=None):
            printed.append((report_ref, list(res_ids or [])))
            return render(self, report_ref, res_ids=res_ids, data=data)

        # the demo data's report of that day was made before this test's work center
        Report.search([("company_id", "=", company.id), ("date", "=", day)]).unlink()
        with patch.object(IrActionsReport, "_render_qweb_pdf", spy):
            self.start_tour("/odoo", "mrp_planning_daily_report_tour", login=manager.login)
        report = Report.search([("company_id", "=", company.id), ("date", "=", day)])
        self.assertEqual(report.line_ids.filtered(lambda x: x.workcenter_id == sewing).done_qty, 3)
        self.assertIn(("mrp_planning.report_daily_production", report.ids), printed)
