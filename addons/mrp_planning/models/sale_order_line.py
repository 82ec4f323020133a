# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    planned_peg_ids = fields.One2many(
        "mrp.planning.peg", "sale_line_id", string="Planned Orders Serving It", readonly=True
    )

    def action_view_planned_orders(self):
        """The planned orders, at every level, that serve this line."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_planning_order"
        )
        action["domain"] = [("peg_ids.sale_line_id", "=", self.id)]
        action["name"] = self.env._("Planned orders for %(line)s", line=self.display_name)
        return action
