# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, api, fields, models


class MrpPlanningRun(models.Model):
    """The demo's planning story: a purchasing history behind the supplier scores, production
    notices issued by the clerk for the confirmed orders, and the planner's MRP run. Called
    from the demo data only."""

    _inherit = "mrp.planning.run"

    @api.model
    def _demo_story(self):
        ref = self.env.ref
        admin = ref("base.user_admin")
        clerk = ref("order_intake.user_demo_clerk")
        planner = ref("order_intake.user_demo_planner")
        company = ref("base.main_company")
        elastic = ref("order_intake.demo_product_elastic_band")
        # 1. Last months' elastic: Shantou Trims late once, Xiamen Stretch on time and cheaper.
        now = fields.Datetime.now()
        for vendor, qty, price, promised in (
            ("mrp_planning.demo_supplier_trims", 800, 1.2, 4),
            ("mrp_planning.demo_supplier_trims", 600, 1.2, -6),
            ("mrp_planning.demo_supplier_elastic_alt", 1000, 1.05, 5),
        ):
            order = (
                self.env["purchase.order"]
                .with_user(admin)
                .create(
                    {
                        "partner_id": ref(vendor).id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": elastic.id,
                                    "product_qty": qty,
                                    "price_unit": price,
                                    "date_planned": now + timedelta(days=promised),
                                }
                            )
                        ],
                    }
                )
            )
            self.env["order.review"]._demo_approve("purchase.order", order.ids)
            order.button_confirm()
            self._demo_receive(order)
        self._demo_receive(ref("mrp_planning.demo_purchase_confirmed"))
        self.env["mrp.supplier.score"].with_user(planner).action_update_scores()
        # 2. The clerk issues a production notice for each confirmed order that makes bras.
        orders = self.env["sale.order"].search(
            [
                ("state", "=", "sale"),
                ("company_id", "=", company.id),
                ("order_line.product_id.bom_ids", "!=", False),
            ]
        )
        Notice = self.env["mrp.production.notice"].with_user(clerk)
        for order in orders:
            notice = Notice.create(Notice._prepare_from_order(order))
            notice.action_issue()
        # 3. The planner runs MRP: proposals to buy and make, pegged to those orders.
        self.with_user(planner).with_company(company)._run_mrp(company, trigger="manual")
        return True

    @api.model
    def _demo_receive(self, order):
        for picking in order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.button_validate()
