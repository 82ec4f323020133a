# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    review_non_standard = fields.Boolean(
        string="Non-standard Product",
        help="Made to a special specification (非标): orders of it are reviewed when a review "
        "policy on non-standard products is active.",
    )
