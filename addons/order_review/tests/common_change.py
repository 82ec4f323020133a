# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class ChangeNoticeCase(TransactionCase):
    """A company that locks confirmed orders; a clerk who raises change notices; one signer
    for each department a change may touch (production/PMC, purchasing, warehouse, finance)
    and one leader; three products: made to order (a bill of materials), bought to order
    (a vendor) and delivered from stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = env.company
        cls.company.write(
            {
                "order_change_lock": True,
                "order_review_enabled": False,
                "order_approval_sale": False,
                "order_approval_purchase": False,
            }
        )
        env["order.approval.policy"].search([("model", "=", "order.change.notice")]).active = False

        def user(login, groups, name):
            return new_test_user(
                env,
                login=login,
                groups=groups,
                name=name,
                lang="en_US",
                email=f"{login}@example.com",
            )

        cls.clerk = user(
            "cn_clerk", "sales_team.group_sale_salesman,order_intake.group_order_clerk", "Clerk Lin"
        )
        cls.pmc = user("cn_pmc", "order_intake.group_order_planner,mrp.group_mrp_user", "PMC Chen")
        cls.buyer = user("cn_buyer", "purchase.group_purchase_user", "Buyer Huang")
        cls.storekeeper = user("cn_wh", "stock.group_stock_user", "Storekeeper Wu")
        cls.finance = user("cn_fin", "account.group_account_invoice", "Finance Zhao")
        cls.leader = user("cn_boss", "order_intake.group_order_approver", "GM Wang")
        env.ref("order_intake.group_order_approver").users = cls.leader
        Department = env["order.review.department"]
        signers = {"PMC": cls.pmc, "PUR": cls.buyer, "WH": cls.storekeeper, "FIN": cls.finance}
        for code, signer in signers.items():
            department = Department.search(
                [("code", "=", code), ("company_id", "in", [cls.company.id, False])], limit=1
            )
            if department:
                department.write({"leader_id": signer.id, "member_ids": [Command.set(signer.ids)]})
            else:
                Department.create(
                    {
                        "name": code,
                        "code": code,
                        "leader_id": signer.id,
                        "member_ids": [Command.set(signer.ids)],
                    }
                )

        warehouse = env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.warehouse = warehouse
        cls.stock = warehouse.lot_stock_id
        mto = env.ref("stock.route_warehouse0_mto")
        mto.active = True
        manufacture = env.ref("mrp.route_warehouse0_manufacture")
        buy = env.ref("purchase_stock.route_warehouse0_buy")
        cls.component = env["product.product"].create(
            {"name": "Chantilly lace", "is_storable": True}
        )
        env["stock.quant"]._update_available_quantity(cls.component, cls.stock, 10000)
        cls.made = env["product.product"].create(
            {
                "name": "Lace bra 75B",
                "is_storable": True,
                "list_price": 80.0,
                "route_ids": [Command.set([mto.id, manufacture.id])],
            }
        )
        env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.made.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 2})
                ],
            }
        )
        cls.vendor = env["res.partner"].create({"name": "Suzhou Lace Mill"})
        cls.bought = env["product.product"].create(
            {
                "name": "Gift box",
                "is_storable": True,
                "list_price": 5.0,
                "route_ids": [Command.set([mto.id, buy.id])],
                "seller_ids": [Command.create({"partner_id": cls.vendor.id, "price": 2.0})],
            }
        )
        cls.stocked = env["product.product"].create(
            {"name": "Silk pouch", "is_storable": True, "list_price": 3.0}
        )
        env["stock.quant"]._update_available_quantity(cls.stocked, cls.stock, 1000)
        cls.customer = env["res.partner"].create({"name": "Lyon Dessous Import", "lang": "en_US"})

    @classmethod
    def _confirmed_order(cls, lines=None):
        """A confirmed order of (product, qty, price) lines; 10 of each product by default."""
        lines = lines or [(cls.made, 10, 80.0), (cls.bought, 10, 5.0), (cls.stocked, 10, 3.0)]
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "price_unit": price}
                    )
                    for product, qty, price in lines
                ],
            }
        )
        order.action_confirm()
        return order

    def _line(self, order, product):
        return order.order_line.filtered(lambda ln: ln.product_id == product)

    def _notice_line(self, notice, product):
        return notice.line_ids.filtered(lambda ln: ln.old_product_id == product)

    def _productions(self, order):
        return self.env["mrp.production"].search(
            [("move_dest_ids.sale_line_id", "in", order.order_line.ids)]
        )

    def _purchase_lines(self, order):
        return self.env["purchase.order.line"].search(
            [
                "|",
                ("move_dest_ids.sale_line_id", "in", order.order_line.ids),
                ("move_ids.move_dest_ids.sale_line_id", "in", order.order_line.ids),
            ]
        )

    def _notice(self, order, reason="Customer asks for a change", **vals):
        return (
            self.env["order.change.notice"]
            .with_user(self.clerk)
            .create(dict({"order_id": order.id, "reason": reason}, **vals))
        )

    def _sign_all(self, notice):
        """Submit as the clerk, then each level signs in turn as its first approver."""
        notice.with_user(self.clerk).action_submit()
        for _round in range(10):
            if notice.approval_state != "pending":
                break
            step = notice.approval_request_id.current_step_id
            notice.with_user(step.approver_user_ids[0])._approval_decide(True, "OK")
        return notice
