# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models


class OrderArchiveDemo(models.AbstractModel):
    """The demo's accountants' story (called from the demo data only): Shantou's lace mill
    bills 200 m of lace at 7.20 for 180 m received at 6.80 ordered (a bill to check, left in
    draft: the company's match policy stays off in the demo); Hangzhou's shop received 20 lace
    bras not yet invoiced."""

    _name = "order.archive.demo"
    _description = "Order Archive Demo Story"

    @api.model
    def _oa_demo_story(self):
        ref = self.env.ref
        company = ref("base.main_company")
        lace = ref("order_intake.demo_product_lace_chantilly")
        bra = ref("order_intake.demo_product_bra_lace_75b")
        mill = ref("order_archive.demo_partner_shantou_mill")
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        lace.product_tmpl_id.purchase_method = "receive"
        purchase = (
            self.env["purchase.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": mill.id,
                    "order_line": [
                        Command.create(
                            {"product_id": lace.id, "product_qty": 200, "price_unit": 6.80}
                        )
                    ],
                }
            )
        )
        purchase.button_confirm()
        receipt = purchase.picking_ids
        receipt.move_ids.quantity = 180
        receipt.move_ids.picked = True
        receipt.with_context(cancel_backorder=True)._action_done()
        self.env["account.move"].with_company(company).create(
            {
                "move_type": "in_invoice",
                "partner_id": mill.id,
                "ref": "SLM-2026-0412",
                "invoice_date": fields.Date.context_today(self),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": lace.id,
                            "quantity": 200,
                            "price_unit": 7.20,
                            "purchase_line_id": purchase.order_line.id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        stock = warehouse.lot_stock_id
        on_hand = bra.with_context(location=stock.id).qty_available
        self.env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": bra.id, "location_id": stock.id, "inventory_quantity": on_hand + 20}
        ).action_apply_inventory()
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": ref("order_intake.demo_partner_hangzhou_shop").id,
                    "client_order_ref": "HZ-ARCHIVE-DEMO",
                    "user_id": ref("order_intake.user_demo_clerk").id,
                    "order_line": [
                        Command.create(
                            {"product_id": bra.id, "product_uom_qty": 20, "price_unit": 129.0}
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        delivery = order.picking_ids
        delivery.move_ids.quantity = 20
        delivery.move_ids.picked = True
        delivery._action_done()

    @api.model
    def _oa_demo_archive(self):
        """The archive's story: the archivist archives the closed orders (Chengdu's order
        closed out by the planner) ahead of the sales policy's 90 days, as a first run, and
        verifies the chain. The company's Archive Closed Orders stays off: the nightly run
        archives nothing until it is turned on."""
        ref = self.env.ref
        company = ref("base.main_company")
        archivist = ref("order_intake.user_demo_archive_manager")
        due = self.env["sale.order"]._oa_due_orders(company, 0)
        if not due:
            return
        run = self.env["order.archive.run"].create(
            {
                "name": self.env._("First archive of %(company)s", company=company.name),
                "company_id": company.id,
                "trigger": "manual",
                "date_start": fields.Datetime.now(),
                "due_count": len(due),
            }
        )
        orders = self.env["sale.order"].browse(list(due)).with_company(company)
        self.env["order.archive.snapshot"]._append(company, orders, due, run=run)
        chain = self.env["order.archive.chain"]._get_local(company)
        chain.with_user(archivist).with_company(company)._verify()

    @api.model
    def _oa_demo_legal_hold(self):
        """Hangzhou's shop disputes the 20 lace bras delivered: the clerk records the shop's
        claim reference on the order (an audit trail entry, old and new value) and Liu Fang,
        the archive manager, places a legal hold on the order until the dispute is settled
        (nothing of it may be deleted, purged or anonymised meanwhile)."""
        ref = self.env.ref
        order = self.env["sale.order"].search(
            [("client_order_ref", "=", "HZ-ARCHIVE-DEMO")], limit=1
        )
        if not order:
            return
        order.with_user(ref("order_intake.user_demo_clerk")).write(
            {"client_order_ref": "HZ-ARCHIVE-DEMO / CLAIM HZ-1203"}
        )
        self.env["order.archive.hold"].with_user(
            ref("order_intake.user_demo_archive_manager")
        ).with_company(order.company_id).create(
            {
                "scope": "order",
                "order_id": order.id,
                "company_id": order.company_id.id,
                "reason": "Hangzhou Department Store disputes the quantity of the 20 lace bras "
                "delivered (claim HZ-1203 of 3 December); keep every record of the order until "
                "the dispute is settled.",
            }
        )
