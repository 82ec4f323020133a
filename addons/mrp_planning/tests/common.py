# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase

from odoo.addons.order_intake.tests.common import create_role_users


class PlanningCase(TransactionCase):
    """A bra made of fabric and lace; fabric from one vendor, lace from two; a warehouse of
    its own so that nothing else of the database takes part in the run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.planner = cls.users["planner"]
        cls.clerk = cls.users["clerk"]
        company = cls.env.company
        company.write({"po_lead": 1, "days_to_purchase": 0, "manufacturing_lead": 1})
        cls.warehouse = cls.env["stock.warehouse"].create({"name": "Planning WH", "code": "PLN"})
        cls.vendor_fabric = cls.env["res.partner"].create({"name": "Shaoxing Fabric"})
        cls.vendor_lace = cls.env["res.partner"].create({"name": "Chaozhou Lace"})
        cls.vendor_lace_2 = cls.env["res.partner"].create({"name": "Shantou Lace"})
        cls.customer = cls.env["res.partner"].create({"name": "Lyon Lingerie"})
        cls.customer_2 = cls.env["res.partner"].create({"name": "Osaka Inner"})

        def product(name, **vals):
            return cls.env["product.product"].create({"name": name, "is_storable": True, **vals})

        cls.fabric = product(
            "Test fabric",
            seller_ids=[
                Command.create(
                    {"partner_id": cls.vendor_fabric.id, "delay": 5, "min_qty": 50, "price": 3}
                )
            ],
        )
        cls.lace = product(
            "Test lace",
            seller_ids=[
                Command.create(
                    {"partner_id": cls.vendor_lace.id, "delay": 2, "price": 1, "sequence": 1}
                ),
                Command.create(
                    {"partner_id": cls.vendor_lace_2.id, "delay": 4, "price": 0.9, "sequence": 2}
                ),
            ],
        )
        cls.bra = product("Test bra", sale_ok=True, list_price=80)
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bra.product_tmpl_id.id,
                "product_qty": 1,
                "produce_delay": 3,
                "bom_line_ids": [
                    Command.create({"product_id": cls.fabric.id, "product_qty": 2}),
                    Command.create({"product_id": cls.lace.id, "product_qty": 1}),
                ],
            }
        )

    @classmethod
    def day(cls, n):
        """``n`` days after the planner's today, the day the run plans from (read when
        called: the class may have moved the users to another time zone since set-up)."""
        today = fields.Date.context_today(cls.env["mrp.planning.run"].with_user(cls.planner))
        return today + timedelta(days=n)

    @classmethod
    def confirmed_order(cls, qty, partner=None, product=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    Command.create({"product_id": (product or cls.bra).id, "product_uom_qty": qty})
                ],
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def issue_notice(cls, order, days=30):
        notice = cls.env["mrp.production.notice"].create(
            cls.env["mrp.production.notice"]._prepare_from_order(order)
        )
        notice.date_wanted = cls.day(days)
        notice.action_issue()
        return notice

    def run_mrp(self, user=None):
        return (
            self.env["mrp.planning.run"].with_user(user or self.planner)._run_mrp(self.env.company)
        )

    def proposals(self, product=None):
        domain = [("state", "=", "proposed"), ("warehouse_id", "=", self.warehouse.id)]
        if product:
            domain.append(("product_id", "=", product.id))
        return self.env["mrp.planning.order"].search(domain)

    def put_in_stock(self, product, qty):
        self.env["stock.quant"]._update_available_quantity(
            product, self.warehouse.lot_stock_id, qty
        )
