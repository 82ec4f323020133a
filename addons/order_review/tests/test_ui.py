# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.order_intake.tests.common import create_role_users


@tagged("post_install", "-at_install")
class TestOrderReviewMenuTour(HttpCase):
    def test_reviewer_opens_every_review_menu(self):
        users = create_role_users(self.env, prefix="tour_")
        self.start_tour("/odoo", "order_review_menu_tour", login=users["reviewer"].login)
