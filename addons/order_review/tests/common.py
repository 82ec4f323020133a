# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class OrderReviewCase(TransactionCase):
    """A company with order review and approvals on, its own departments and policies (the
    shipped ones archived, so that the tests do not depend on them), a clerk, one reviewer per
    department, two approvers, and a bra made of two components."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company.write(
            {
                "order_review_enabled": True,
                "order_review_days": 3,
                "order_approval_sale": True,
                "order_approval_purchase": True,
            }
        )
        env["order.review.policy"].search([]).active = False
        env["order.approval.policy"].search([]).active = False

        def user(login, groups, name):
            return new_test_user(
                env,
                login=login,
                groups=groups,
                name=name,
                lang="en_US",
                email=f"{login}@example.com",
            )

        cls.clerk = user("rv_clerk", "order_intake.group_order_clerk", "Clerk Lin")
        cls.sales_reviewer = user("rv_sales", "order_intake.group_order_reviewer", "Sales Zhou")
        cls.pmc_reviewer = user("rv_pmc", "order_intake.group_order_planner", "PMC Chen")
        cls.approver = user("rv_boss", "order_intake.group_order_approver", "GM Wang")
        cls.approver2 = user("rv_boss2", "order_intake.group_order_approver", "Deputy Li")
        cls.purchase_lead = user(
            "rv_buyer",
            "purchase.group_purchase_manager,order_intake.group_order_reviewer",
            "Buyer Huang",
        )
        cls.purchase_user = user("rv_purchaser", "purchase.group_purchase_user", "Purchaser Ma")
        cls.auditor_user = user("rv_auditor", "order_intake.group_order_auditor", "Auditor Sun")
        # the Approver group of the test: only the two approvers above decide
        approver_group = env.ref("order_intake.group_order_approver")
        cls.approvers = cls.approver | cls.approver2
        approver_group.users = cls.approvers

        Department = env["order.review.department"]
        cls.dept_sales = Department.create(
            {
                "name": "Sales",
                "code": "T-SALES",
                "member_ids": [Command.set(cls.sales_reviewer.ids)],
            }
        )
        cls.dept_pmc = Department.create(
            {"name": "PMC", "code": "T-PMC", "member_ids": [Command.set(cls.pmc_reviewer.ids)]}
        )
        cls.type_custom = env.ref("order_intake.order_type_custom")
        cls.type_repeat = env.ref("order_intake.order_type_repeat")
        cls.type_standard = env.ref("order_intake.order_type_standard")
        Policy = env["order.review.policy"]
        cls.policy_custom = Policy.create(
            {
                "name": "Custom orders (test)",
                "trigger": "order_type",
                "order_type_ids": [Command.set(cls.type_custom.ids)],
                "department_ids": [Command.set((cls.dept_sales | cls.dept_pmc).ids)],
            }
        )
        cls.policy_repeat = Policy.create(
            {
                "name": "Repeat orders (test)",
                "trigger": "order_type",
                "order_type_ids": [Command.set(cls.type_repeat.ids)],
                "outcome": "leadership",
            }
        )

        cls.customer = env["res.partner"].create({"name": "Lyon Dessous Import", "lang": "en_US"})
        cls.fabric = env["product.product"].create(
            {
                "name": "Modal fabric",
                "type": "consu",
                "uom_id": env.ref("uom.product_uom_meter").id,
                "uom_po_id": env.ref("uom.product_uom_meter").id,
            }
        )
        cls.lace = env["product.product"].create({"name": "Chantilly lace", "type": "consu"})
        cls.bra = env["product.product"].create(
            {"name": "Lace bra 75B", "type": "consu", "list_price": 80.0}
        )
        env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bra.product_tmpl_id.id,
                "product_qty": 10,
                "bom_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.fabric.id,
                            "product_qty": 3.5,
                            "product_uom_id": env.ref("uom.product_uom_meter").id,
                        }
                    ),
                    Command.create({"product_id": cls.lace.id, "product_qty": 20}),
                ],
            }
        )

    @classmethod
    def _order(cls, order_type=None, qty=100, price=80.0, partner=None, user=None):
        env = cls.env(user=user) if user else cls.env
        return env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "intake_type_id": (order_type or cls.type_custom).id,
                "order_line": [
                    Command.create(
                        {"product_id": cls.bra.id, "product_uom_qty": qty, "price_unit": price}
                    )
                ],
            }
        )

    def _verdict(self, review, department):
        return review.verdict_ids.filtered(lambda v: v.department_id == department)
