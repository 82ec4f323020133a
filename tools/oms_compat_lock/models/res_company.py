# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Companies created later (e.g. by Odoo's own tests) lock their confirmed orders too.
    order_change_lock = fields.Boolean(default=True)
