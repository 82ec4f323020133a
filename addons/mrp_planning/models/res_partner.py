# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    supplier_score_ids = fields.One2many(
        "mrp.supplier.score", "partner_id", string="Supplier Scores"
    )
    supplier_score = fields.Float(compute="_compute_supplier_score", digits=(16, 1))

    def _compute_supplier_score(self):
        scores = self.env["mrp.supplier.score"].search_read(
            [
                ("partner_id", "in", self.ids),
                ("categ_id", "=", False),
                ("company_id", "=", self.env.company.id),
            ],
            ["partner_id", "score"],
        )
        by_partner = {row["partner_id"][0]: row["score"] for row in scores}
        for partner in self:
            partner.supplier_score = by_partner.get(partner.id, 0.0)

    def action_view_supplier_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_supplier_score"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action
