# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class ArchiveCase(TransactionCase):
    """A company of its own (so that no demo order is archived beside the test's), archiving
    closed orders: three orders closed out 100 days ago (due: the sales policy archives 90
    days after closing), one closed 10 days ago (not due), an Archive Manager and an Auditor."""

    freeze_time = "2030-06-10 06:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create(
            {"name": "Archive Test Lingerie", "currency_id": cls.env.company.currency_id.id}
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls.manager = cls._user("oa_test_archivist", "order_intake.group_order_archive_manager")
        cls.auditor = cls._user("oa_test_auditor", "order_intake.group_order_auditor")
        cls.clerk = cls._user("oa_test_clerk", "order_intake.group_order_clerk")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Chengdu Bra Wholesale", "email": "buyer@chengdu.example", "phone": "028"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Lace Bra Sample Service", "type": "service", "list_price": 25.0}
        )
        cls.today = fields.Date.context_today(cls.env.user.with_company(cls.company))
        cls.orders = cls._closed_orders([100, 100, 100])
        cls.recent = cls._closed_orders([10])
        cls.company.oa_archive_orders = True

    @classmethod
    def _user(cls, login, group):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,{group}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            name=login,
        )

    @classmethod
    def _closed_orders(cls, days_ago, **vals):
        orders = (
            cls.env["sale.order"]
            .with_company(cls.company)
            .create(
                [
                    {
                        "partner_id": cls.customer.id,
                        **vals,
                        "company_id": cls.company.id,
                        "client_order_ref": f"PO-{index}",
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": cls.product.id,
                                    "product_uom_qty": 4 + index,
                                    "price_unit": 25.0,
                                }
                            )
                        ],
                    }
                    for index, _days in enumerate(days_ago)
                ]
            )
        )
        orders.action_confirm()
        cls.env["mrp.order.closeout"].create(
            [
                {
                    "sale_order_id": order.id,
                    "state": "closed",
                    "date_closed": cls.today - timedelta(days=days),
                }
                for order, days in zip(orders, days_ago, strict=True)
            ]
        )
        cls.env["ir.attachment"].create(
            [
                {
                    "name": f"{order.name}.pdf",
                    "raw": f"%PDF-1.4 order {order.name} {order.id}".encode(),
                    "mimetype": "application/pdf",
                    "res_model": "sale.order",
                    "res_id": order.id,
                }
                for order in orders
            ]
        )
        return orders

    def run_archive(self, **kwargs):
        return (
            self.env["order.archive.run"]
            .with_company(self.company)
            ._start(self.company, "manual", commit=False, **kwargs)
        )

    def snapshots(self, orders=None):
        return self.env["order.archive.snapshot"].search(
            [("sale_order_id", "in", (orders or self.orders | self.recent).ids)], order="sequence"
        )

    def chain(self):
        return self.env["order.archive.chain"]._get_local(self.company)

    def verify(self):
        return self.chain()._verify()
