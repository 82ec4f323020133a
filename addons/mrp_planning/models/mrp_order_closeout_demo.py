# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models


class MrpOrderCloseout(models.Model):
    """The demo's close-out story: Chengdu's boutique orders 30 sports bras; they are made
    (sewing ran slower than planned), delivered and invoiced; the planner adds the freight and
    closes the order out. Called from the demo data only."""

    _inherit = "mrp.order.closeout"

    @api.model
    def _demo_story(self):
        ref = self.env.ref
        clerk = ref("order_intake.user_demo_clerk")
        planner = ref("order_intake.user_demo_planner")
        company = ref("base.main_company")
        product = ref("order_intake.demo_product_bra_sports_m")
        bom = ref("order_review.demo_bom_sports_m")
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        qty = 30
        # The components are in stock (an inventory count of what the order needs more).
        stock = warehouse.lot_stock_id
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        for line in bom.bom_line_ids:
            component = line.product_id
            on_hand = component.with_context(location=stock.id).qty_available
            Quant.create(
                {
                    "product_id": component.id,
                    "location_id": stock.id,
                    "inventory_quantity": on_hand + line.product_qty * qty,
                }
            ).action_apply_inventory()
        order = (
            self.env["sale.order"]
            .with_user(clerk)
            .with_company(company)
            .create(
                {
                    "partner_id": ref("order_intake.demo_partner_chengdu_boutique").id,
                    "warehouse_id": warehouse.id,
                    "client_order_ref": "CD-2026-118",
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": 98.0}
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        order = order.with_user(self.env.user)
        production = self.env["mrp.production"].create(
            {
                "product_id": product.id,
                "product_qty": qty,
                "bom_id": bom.id,
                "origin": order.name,
                "sale_line_id": order.order_line.id,
                "picking_type_id": warehouse.manu_type_id.id,
                "company_id": company.id,
            }
        )
        production.action_confirm()
        production.action_assign()
        production.qty_producing = qty
        production._set_qty_producing()
        for workorder in production.workorder_ids:
            # Sewing took a fifth longer than planned; the rest went as planned.
            slower = (
                1.2
                if workorder.workcenter_id == ref("order_review.demo_workcenter_sewing")
                else 1.0
            )
            workorder.duration = workorder.duration_expected * slower
        production.move_raw_ids.picked = True
        production.with_context(skip_consumption=True).button_mark_done()
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
        invoice = order._create_invoices()
        invoice.invoice_date = fields.Date.context_today(invoice)
        invoice.action_post()
        closeout = self.browse(order.with_user(planner).action_closeout()["res_id"]).with_user(
            planner
        )
        closeout.cost_ids = [
            Command.create(
                {"kind": "freight", "name": "Express freight to Chengdu", "amount": 180.0}
            )
        ]
        closeout.action_close()
        return closeout
