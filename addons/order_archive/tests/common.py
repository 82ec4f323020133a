# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.order_intake.tests.common import create_role_users


class AccountantCase(TransactionCase):
    """A company with accountants of each kind, a vendor and a customer; nothing taxed."""

    freeze_time = "2030-06-10 06:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.order_approval_purchase = False
        cls.company.order_approval_sale = False
        cls.users = create_role_users(cls.env)
        cls.billing = new_test_user(
            cls.env,
            login="oms_test_billing",
            groups="account.group_account_invoice",
            name="Billing Clerk",
        )
        cls.controller = new_test_user(
            cls.env,
            login="oms_test_controller",
            groups="order_archive.group_bill_match_override",
            name="Controller",
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Shantou Lace Mill"})
        cls.customer = cls.env["res.partner"].create({"name": "Lyon Lingerie"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )

    @classmethod
    def product(cls, name, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
                **vals,
            }
        )

    def receive(self, order, qty):
        """Receive ``qty`` of the single line of purchase ``order``, the rest on backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=False)._action_done()
        return picking

    def deliver(self, order, qty):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.move_ids.quantity = qty
        picking.move_ids.picked = True
        picking._action_done()
        return picking
