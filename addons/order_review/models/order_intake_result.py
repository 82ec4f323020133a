# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class OrderIntakeResult(models.Model):
    _inherit = "order.intake.result"

    def _holding(self):
        """An approved review of the order answers the checks that asked for review; checks
        that block still hold the order."""
        holding = super()._holding()
        return holding.filtered(
            lambda r: not (r.severity == "review" and r.order_id.review_state == "approved")
        )
