# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    schedule_backward = fields.Boolean(
        string="Just in Time",
        help="The capacity schedule plans this order as late as its deadline allows (backward "
        "from the deadline) instead of as early as possible.",
    )
