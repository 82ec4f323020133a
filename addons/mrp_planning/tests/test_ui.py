# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users


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
