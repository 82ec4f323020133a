# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def action_view_closeout_costs(self):
        """The product's actual costs in the orders closed out, month by month."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_order_closeout_line"
        )
        action["domain"] = [("product_tmpl_id", "=", self.id), ("state", "=", "closed")]
        action["context"] = {"search_default_groupby_month": 1}
        action["name"] = self.env._("Actual costs of %(product)s", product=self.display_name)
        return action
