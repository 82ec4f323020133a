# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    order_intake_check_scope = fields.Selection(
        related="company_id.order_intake_check_scope", readonly=False
    )
    order_intake_priority_grades = fields.Selection(
        related="company_id.order_intake_priority_grades", readonly=False
    )
    order_intake_custom_mto = fields.Boolean(
        string="Custom Orders Made to Order",
        help="Activates the warehouse's Replenish on Order (MTO) route and gives it to the "
        "custom order types: their lines are manufactured or bought for the order. Turning "
        "it off takes the route off the custom order types; the route stays available.",
    )

    @api.model
    def _order_intake_mto_route(self, company):
        """The Make To Order route of ``company``'s warehouse (Odoo's "Replenish on Order
        (MTO)", archived in a new database), archived or not; empty when there is none."""
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        route = warehouse.mto_pull_id.route_id
        if not route:
            try:
                route = self.env["stock.warehouse"]._find_or_create_global_route(
                    "stock.route_warehouse0_mto", "Replenish on Order (MTO)", create=False
                )
            except UserError:
                route = self.env["stock.route"]
        return route

    @api.model
    def _order_intake_custom_types(self):
        return self.env["order.intake.type"].search([("code", "=", "custom")])

    @api.model
    def get_values(self):
        res = super().get_values()
        route = self._order_intake_mto_route(self.env.company)
        res["order_intake_custom_mto"] = bool(
            route.active and route in self._order_intake_custom_types().route_id
        )
        return res

    def set_values(self):
        was_on = self.default_get(["order_intake_custom_mto"])["order_intake_custom_mto"]
        super().set_values()
        if self.order_intake_custom_mto == was_on:
            return
        route = self._order_intake_mto_route(self.company_id)
        if not route:
            raise UserError(
                self.env._(
                    "The warehouse of %(company)s has no Make To Order route.",
                    company=self.company_id.display_name,
                )
            )
        custom_types = self._order_intake_custom_types()
        if self.order_intake_custom_mto:
            # Odoo's own way to activate the route (its Unarchive action), which also
            # activates the route's rules
            route.action_unarchive()
            custom_types.route_id = route
        else:
            custom_types.filtered(lambda t: t.route_id == route).route_id = False
