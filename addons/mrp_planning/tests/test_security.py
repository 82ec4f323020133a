# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.order_intake.tests.common import create_role_users, visible_menu_xmlids

PLANNING_MENUS = {
    "mrp_planning.menu_mrp_planning",
    "mrp_planning.menu_mrp_planning_notices",
    "mrp_planning.menu_mrp_planning_planned_orders",
    "mrp_planning.menu_mrp_planning_exceptions",
    "mrp_planning.menu_mrp_planning_runs",
    "mrp_planning.menu_mrp_planning_scores",
    "mrp_planning.menu_mrp_planning_productions",
    "mrp_planning.menu_mrp_planning_boms",
    "mrp_planning.menu_mrp_planning_workcenters",
    "mrp_planning.menu_mrp_planning_load",
    "mrp_planning.menu_mrp_planning_promises",
    "mrp_planning.menu_mrp_planning_rush",
    "mrp_planning.menu_mrp_planning_outsourcing",
    "mrp_planning.menu_mrp_planning_schedules",
    "mrp_planning.menu_mrp_planning_late_items",
    "mrp_planning.menu_mrp_planning_delay_analysis",
    "mrp_planning.menu_mrp_planning_closeouts",
    "mrp_planning.menu_mrp_planning_closeout_costs",
    "mrp_planning.menu_mrp_planning_daily_report",
    "mrp_planning.menu_mrp_planning_daily_reports",
}
# What production (operators, team leaders) has in the Manufacturing app; planners too.
PRODUCTION_MENUS = {
    "mrp_planning.menu_mrp_record_output",
    "mrp_planning.menu_mrp_daily_report",
}
RUN_MENUS = {
    "mrp_planning.menu_mrp_planning_run_mrp",
    "mrp_planning.menu_mrp_planning_update_scores",
    "mrp_planning.menu_mrp_planning_schedule",
    "mrp_planning.menu_mrp_planning_config",
    "mrp_planning.menu_mrp_planning_delay_thresholds",
    "mrp_planning.menu_mrp_planning_record_output",
    *PRODUCTION_MENUS,
}


@tagged("post_install", "-at_install")
class TestMrpPlanningSecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.workcenter = cls.env["mrp.workcenter"].create({"name": "Sewing line 1"})
        cls.bra = cls.env["product.product"].create({"name": "Lace Bra 75B", "is_storable": True})
        cls.supplier = cls.env["res.partner"].create({"name": "Foshan Elastic Co."})

    def test_planning_menu_per_group(self):
        for role in ("planner", "approver", "auditor"):
            self.assertEqual(
                visible_menu_xmlids(self.env, self.users[role], "mrp_planning") - RUN_MENUS,
                PLANNING_MENUS,
                f"{role} sees the planning menus",
            )
        self.assertEqual(
            visible_menu_xmlids(self.env, self.users["planner"], "mrp_planning") & RUN_MENUS,
            RUN_MENUS,
            "the planner runs MRP and updates the scores",
        )
        for role in ("approver", "auditor"):
            self.assertFalse(
                visible_menu_xmlids(self.env, self.users[role], "mrp_planning") & RUN_MENUS,
                f"{role} runs nothing",
            )
        self.assertEqual(
            visible_menu_xmlids(self.env, self.users["clerk"], "mrp_planning"),
            {
                "mrp_planning.menu_order_intake_production_notices",
                "mrp_planning.menu_order_intake_rush",
                "mrp_planning.menu_order_intake_late_items",
            },
            "a clerk issues production notices and files rush orders from the intake menu",
        )
        operator = new_test_user(
            self.env, login="menu_operator", groups="base.group_user,mrp.group_mrp_user"
        )
        self.assertEqual(
            visible_menu_xmlids(self.env, operator, "mrp_planning"),
            PRODUCTION_MENUS,
            "an operator records output and reads the daily report from Manufacturing",
        )
        for role in ("reviewer", "archivist", "employee"):
            self.assertFalse(
                visible_menu_xmlids(self.env, self.users[role], "mrp_planning"),
                f"{role} does not see the planning menus",
            )

    def test_planner_runs_manufacturing_and_purchasing(self):
        planner = self.users["planner"]
        for group in (
            "mrp.group_mrp_user",
            "purchase.group_purchase_user",
            "stock.group_stock_user",
        ):
            self.assertTrue(planner.has_group(group), group)
        production = (
            self.env["mrp.production"]
            .with_user(planner)
            .create({"product_id": self.bra.id, "product_qty": 50})
        )
        production.action_confirm()
        self.assertEqual(production.state, "confirmed")
        rfq = (
            self.env["purchase.order"]
            .with_user(planner)
            .create(
                {
                    "partner_id": self.supplier.id,
                    "order_line": [(0, 0, {"product_id": self.bra.id, "product_qty": 10})],
                }
            )
        )
        self.assertEqual(rfq.state, "draft")

    def test_approver_and_auditor_only_read_the_plan(self):
        for role in ("approver", "auditor"):
            workcenter = self.workcenter.with_user(self.users[role])
            self.assertEqual(workcenter.name, "Sewing line 1")
            with self.assertRaises(AccessError, msg=f"{role} must not change work centers"):
                workcenter.write({"name": "changed"})
