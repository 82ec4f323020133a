# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import create_role_users


@tagged("post_install", "-at_install")
class TestOrderIntakeMenuTour(HttpCase):
    def test_clerk_opens_every_intake_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_intake_menu_tour", login=users["clerk"].login)

    def test_auditor_opens_every_intake_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_intake_menu_tour", login=users["auditor"].login)
