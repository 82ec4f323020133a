# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users


@tagged("post_install", "-at_install")
class TestMrpPlanningMenuTour(HttpCase):
    def test_planner_opens_every_planning_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "mrp_planning_menu_tour", login=users["planner"].login)
