# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MrpDelayAlert(models.Model):
    """The demo's late items: one run of the delay alerts over the demo company as it stands
    after the capacity story (the company's setting stays off: nothing more is raised until
    it is turned on), and the planner explains the first of them. Called from the demo data
    only."""

    _inherit = "mrp.delay.alert"

    @api.model
    def _demo_late_items(self):
        company = self.env.ref("base.main_company")
        alerts = self._raise_delay_alerts(company)
        planner = self.env.ref("order_intake.user_demo_planner")
        first = alerts.sorted(lambda a: (-a.days_late, a.id))[:1]
        if first:
            first.with_user(planner).write(
                {
                    "reason": "capacity",
                    "action_taken": "Packing works Saturday this week; the customer is told.",
                }
            )
