# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order close-out (结案): a bra order made to order, delivered and invoiced, costed."""

from datetime import UTC, datetime, time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.order_intake.tests.common import create_role_users


@tagged("post_install", "-at_install")
class TestOrderCloseout(TransactionCase):
    """10 bras at 80, made to order: 2 fabric (cost 3) and 1 lace (cost 1) each, 20 minutes of
    sewing each at 60 an hour (planned 70 of materials, 200 of labour)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.planner = cls.users["planner"]
        cls.company = cls.env.company
        cls.company.order_approval_purchase = False
        cls.manager = new_test_user(
            cls.env, login="oms_test_mrp_manager", groups="mrp.group_mrp_manager", name="Manager"
        )
        cls.salesman = new_test_user(
            cls.env,
            login="oms_test_salesman",
            groups="sales_team.group_sale_salesman",
            name="Salesman",
        )
        cls.warehouse = cls.env["stock.warehouse"].create({"name": "Close-out WH", "code": "CLO"})
        mto = cls.env.ref("stock.route_warehouse0_mto")
        mto.active = True
        manufacture = cls.env.ref("mrp.route_warehouse0_manufacture")
        cls.customer = cls.env["res.partner"].create({"name": "Lyon Lingerie"})
        cls.vendor = cls.env["res.partner"].create({"name": "Huizhou Sewing Co."})

        def product(name, cost, **vals):
            return cls.env["product.product"].create(
                {"name": name, "is_storable": True, "standard_price": cost, **vals}
            )

        cls.fabric = product("Close-out fabric", 3.0)
        cls.lace = product("Close-out lace", 1.0)
        cls.bra = product(
            "Close-out bra",
            30.0,
            list_price=80.0,
            route_ids=[Command.set([mto.id, manufacture.id])],
        )
        cls.sewing = cls.env["mrp.workcenter"].create(
            {"name": "Close-out sewing", "costs_hour": 60.0, "time_start": 0, "time_stop": 0}
        )
        cls.bom = cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bra.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.fabric.id, "product_qty": 2}),
                    Command.create({"product_id": cls.lace.id, "product_qty": 1}),
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Sew",
                            "workcenter_id": cls.sewing.id,
                            "time_mode": "manual",
                            "time_cycle_manual": 20.0,
                        }
                    )
                ],
            }
        )
        stock = cls.warehouse.lot_stock_id
        for component in (cls.fabric, cls.lace):
            cls.env["stock.quant"].with_context(inventory_mode=True).create(
                {"product_id": component.id, "location_id": stock.id, "inventory_quantity": 100}
            ).action_apply_inventory()
        cls.service = cls.env["product.product"].create(
            {"name": "Embroidery (bought)", "type": "service", "purchase_ok": True}
        )

    # The order's life -------------------------------------------------------------------------
    def confirmed_order(self, qty=10):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.bra.id,
                            "product_uom_qty": qty,
                            "price_unit": 80.0,
                            "tax_id": False,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def produce(self, order, minutes=300):
        production = order.mrp_production_ids
        self.assertEqual(len(production), 1, "made to order: one manufacturing order")
        production.action_assign()
        form = Form(production)
        form.qty_producing = production.product_qty
        production = form.save()
        production.workorder_ids.duration = minutes
        production.move_raw_ids.picked = True
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        return production

    def deliver(self, order, qty=None):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.action_assign()
        picking.move_ids.quantity = qty if qty is not None else picking.move_ids.product_uom_qty
        picking.move_ids.picked = True
        result = picking.button_validate()
        if isinstance(result, dict):  # a partial delivery: no backorder
            wizard = self.env[result["res_model"]].with_context(**result["context"])
            Form(wizard).save().process_cancel_backorder()
        return picking

    def invoice(self, order, post=True):
        invoice = order._create_invoices()
        if post:
            invoice.action_post()
        return invoice

    def buy_service(self, order, price, qty=10):
        """A service bought for the order's line (sale_purchase's link), billed."""
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.service.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "sale_line_id": order.order_line.id,
                            "taxes_id": False,
                        }
                    )
                ],
            }
        )
        purchase.button_confirm()
        purchase.order_line.qty_received = qty
        purchase.action_create_invoice()
        purchase.invoice_ids.invoice_date = fields.Date.context_today(purchase)
        purchase.invoice_ids.action_post()
        return purchase

    def finished_order(self):
        order = self.confirmed_order()
        self.produce(order)
        self.deliver(order)
        self.invoice(order)
        return order

    def closeout(self, order, user=None):
        action = order.with_user(user or self.planner).action_closeout()
        return self.env["mrp.order.closeout"].browse(action["res_id"])

    # Tests --------------------------------------------------------------------------------------
    def test_figures_of_a_closed_order(self):
        order = self.finished_order()
        self.buy_service(order, price=2.0)
        closeout = self.closeout(order)
        self.assertEqual(closeout.state, "draft")
        closeout.with_user(self.planner).cost_ids = [
            Command.create({"kind": "freight", "name": "Sea freight to Lyon", "amount": 30.0})
        ]
        closeout.with_user(self.planner).action_close()
        self.assertEqual(closeout.state, "closed")
        # the planner's day (his time zone), not the superuser's: they differ near midnight
        self.assertEqual(
            closeout.date_closed, fields.Date.context_today(closeout.with_user(self.planner))
        )
        self.assertEqual(closeout.closed_by_id, self.planner)
        self.assertEqual(closeout.revenue, 800.0)
        self.assertEqual(closeout.material, 70.0, "10 x (2 fabric at 3 + 1 lace at 1)")
        self.assertEqual(closeout.labour, 300.0, "5 h of sewing at 60")
        self.assertEqual(closeout.purchase, 20.0, "the embroidery bought for the order")
        self.assertEqual(closeout.extra, 30.0)
        self.assertEqual(closeout.total_cost, 420.0)
        self.assertEqual(closeout.margin, 380.0)
        self.assertEqual(closeout.margin_percent, 47.5)
        self.assertEqual(closeout.planned_material, 70.0)
        self.assertEqual(closeout.planned_labour, 200.0, "20 min a bra at 60 an hour")
        self.assertEqual(closeout.variance_material, 0.0)
        self.assertEqual(closeout.variance_labour, 100.0)
        self.assertEqual(closeout.variance, 150.0, "cost 420 against 270 planned")
        line = closeout.line_ids
        self.assertEqual(line.product_id, self.bra)
        self.assertEqual(line.qty, 10.0)
        self.assertAlmostEqual(line.unit_cost, 42.0)
        self.assertEqual(closeout.production_ids, order.mrp_production_ids)
        # Closed: locked with the order.
        self.assertTrue(order.locked)
        self.assertEqual(order.closeout_state, "closed")
        with self.assertRaisesRegex(UserError, "closed out"):
            order.action_unlock()
        with self.assertRaisesRegex(UserError, "closed"):
            closeout.with_user(self.planner).cost_ids.amount = 10.0
        with self.assertRaisesRegex(UserError, "closed"):
            closeout.with_user(self.planner).action_compute()
        with self.assertRaisesRegex(UserError, "already closed"):
            closeout.with_user(self.planner).action_close()

    def test_materials_at_their_valued_cost(self):
        """A fabric valued first in, first out: 4 in stock at 3, then 100 at 7. The 20
        consumed cost what their stock valuation layers say (4 x 3 + 16 x 7 = 124), not 20
        times the fabric's cost at close-out (7)."""
        fifo = self.env["product.category"].create(
            {"name": "Close-out FIFO fabrics", "property_cost_method": "fifo"}
        )
        fabric = self.env["product.product"].create(
            {
                "name": "Close-out FIFO fabric",
                "is_storable": True,
                "standard_price": 3.0,
                "categ_id": fifo.id,
            }
        )
        stock = self.warehouse.lot_stock_id
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        Quant.create(
            {"product_id": fabric.id, "location_id": stock.id, "inventory_quantity": 4}
        ).action_apply_inventory()
        fabric.standard_price = 7.0
        Quant.create(
            {"product_id": fabric.id, "location_id": stock.id, "inventory_quantity": 104}
        ).action_apply_inventory()
        self.assertEqual(fabric.quantity_svl, 104)
        self.assertEqual(fabric.value_svl, 4 * 3 + 100 * 7)
        self.bom.bom_line_ids.filtered(
            lambda line: line.product_id == self.fabric
        ).product_id = fabric
        order = self.finished_order()
        closeout = self.closeout(order)
        self.assertEqual(closeout.material, 124.0 + 10.0, "fabric 4 x 3 + 16 x 7, lace 10 x 1")
        self.assertEqual(fabric.standard_price, 7.0)
        self.assertEqual(closeout.planned_material, 10 * (2 * 7.0 + 1.0), "bill at confirmation")
        self.assertEqual(closeout.variance_material, 134.0 - 150.0)

    def test_subcontracting_of_its_manufacturing_order(self):
        """Leadership approved outsourcing the sewing at 5 a bra; the bill is posted."""
        order = self.confirmed_order()
        production = order.mrp_production_ids
        request = (
            self.env["mrp.outsource.request"]
            .with_user(self.planner)
            .create(
                {
                    "production_id": production.id,
                    "workorder_ids": [Command.set(production.workorder_ids.ids)],
                    "reason": "capacity",
                    "partner_id": self.vendor.id,
                    "product_id": self.service.id,
                    "price_unit": 5.0,
                    "lead_days": 2,
                }
            )
        )
        request.action_submit()
        request.with_user(self.users["approver"])._approval_decide(True)
        purchase = self.env["purchase.order"].browse(request.purchase_id.id)
        purchase.order_line.taxes_id = False
        purchase.button_confirm()
        purchase.order_line.qty_received = 10
        purchase.action_create_invoice()
        purchase.invoice_ids.invoice_date = fields.Date.context_today(purchase)
        purchase.invoice_ids.action_post()
        self.produce(order, minutes=0)
        self.deliver(order)
        self.invoice(order)
        closeout = self.closeout(order)
        closeout.with_user(self.planner).action_close()
        self.assertEqual(closeout.subcontract, 50.0)
        self.assertEqual(closeout.labour, 0.0, "the sewing was done outside")
        self.assertEqual(closeout.total_cost, 120.0)
        self.assertEqual(closeout.purchase_line_ids, purchase.order_line)

    def test_credit_note_reduces_revenue(self):
        """The customer is refunded and invoiced again at 76: revenue is 760."""
        order = self.confirmed_order()
        self.produce(order)
        self.deliver(order)
        invoice = self.invoice(order)
        invoice._reverse_moves(cancel=True)
        again = self.invoice(order, post=False)
        again.invoice_line_ids.price_unit = 76.0
        again.action_post()
        closeout = self.closeout(order)
        closeout.with_user(self.planner).action_close()
        self.assertEqual(closeout.revenue, 760.0)
        self.assertEqual(closeout.margin, 760.0 - 370.0)

    def test_partial_delivery_refused(self):
        order = self.confirmed_order()
        self.produce(order)
        self.deliver(order, qty=6)
        self.invoice(order)
        closeout = self.closeout(order)
        with self.assertRaisesRegex(UserError, r"6\.0 of 10\.0"):
            closeout.with_user(self.planner).action_close()
        self.assertEqual(closeout.state, "draft")
        self.assertFalse(order.locked)

    def test_open_invoice_refused(self):
        order = self.confirmed_order()
        self.produce(order)
        self.deliver(order)
        invoice = self.invoice(order, post=False)
        closeout = self.closeout(order)
        with self.assertRaises(UserError) as caught:
            closeout.with_user(self.planner).action_close()
        self.assertIn(invoice.display_name, str(caught.exception))
        self.assertEqual(closeout.state, "draft")

    def test_uninvoiced_and_open_production_refused(self):
        order = self.confirmed_order()
        closeout = self.closeout(order)
        with self.assertRaises(UserError) as caught:
            closeout.with_user(self.planner).action_close()
        message = str(caught.exception)
        self.assertIn("0.0 of 10.0", message)
        self.assertIn(order.mrp_production_ids.name, message)
        self.assertIn("manufacturing orders still open", message)
        self.assertEqual(closeout.material, 0.0, "nothing consumed yet")
        self.assertEqual(closeout.planned_cost, 270.0)

    def test_quotation_is_not_closed_out(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.bra.id})],
            }
        )
        with self.assertRaisesRegex(UserError, "not confirmed"):
            order.with_user(self.planner).action_closeout()
        self.assertFalse(self.env["mrp.order.closeout"].search([("sale_order_id", "=", order.id)]))

    def test_one_closeout_per_order(self):
        order = self.confirmed_order()
        first = self.closeout(order)
        self.assertEqual(self.closeout(order), first, "the order's close-out is opened again")

    def test_planned_cost_fixed_at_confirmation(self):
        """Fixed when a salesperson (without manufacturing rights) confirms the order."""
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.bra.id, "product_uom_qty": 10, "tax_id": False}
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        order = order.with_user(self.env.user)
        line = order.order_line
        self.assertTrue(line.closeout_planned_set)
        self.assertEqual(line.closeout_planned_material, 70.0)
        self.assertEqual(line.closeout_planned_labour, 200.0)
        self.fabric.standard_price = 5.0
        self.produce(order)
        self.deliver(order)
        self.invoice(order)
        closeout = self.closeout(order)
        self.assertEqual(closeout.planned_material, 70.0, "the plan of the confirmation")
        self.assertEqual(closeout.material, 110.0, "fabric consumed at its new cost 5")
        self.assertEqual(closeout.variance_material, 40.0)
        self.assertFalse(closeout.planned_estimated)

    def test_planned_labour_as_the_work_orders_expect_it(self):
        """Two bras sewn at once: 5 cycles of 20 minutes for 10 bras, as the work order."""
        self.sewing.default_capacity = 2
        order = self.confirmed_order()
        self.assertEqual(order.order_line.closeout_planned_labour, 100.0)
        self.assertEqual(order.mrp_production_ids.workorder_ids.duration_expected, 100.0)

    def test_reopen_by_managers_only(self):
        order = self.finished_order()
        closeout = self.closeout(order)
        closeout.with_user(self.planner).action_close()
        wizard = (
            self.env["mrp.order.closeout.reopen"]
            .with_user(self.manager)
            .create(
                {"closeout_ids": [Command.set(closeout.ids)], "reason": "Freight bill came late"}
            )
        )
        with self.assertRaisesRegex(UserError, "production manager"):
            closeout.with_user(self.planner)._reopen("no")
        wizard.action_reopen()
        self.assertEqual(closeout.state, "draft")
        self.assertEqual(closeout.reopen_reason, "Freight bill came late")
        self.assertIn("Freight bill came late", closeout.message_ids[:1].body)
        closeout.with_user(self.planner).cost_ids = [
            Command.create({"kind": "freight", "name": "Late freight bill", "amount": 40.0})
        ]
        closeout.with_user(self.planner).action_close()
        self.assertEqual(closeout.extra, 40.0)
        self.assertEqual(closeout.total_cost, 410.0)

    def test_last_actual_cost_shown_when_quoting_again(self):
        order = self.finished_order()
        self.closeout(order).with_user(self.planner).action_close()
        quotation = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.bra.id})],
                }
            )
        )
        self.assertAlmostEqual(quotation.order_line.closeout_last_unit_cost, 37.0)
        action = self.bra.product_tmpl_id.with_user(self.salesman).action_view_closeout_costs()
        lines = (
            self.env["mrp.order.closeout.line"].with_user(self.salesman).search(action["domain"])
        )
        self.assertEqual(lines.sale_order_id, order)

    def test_reports_by_customer_product_month(self):
        order = self.finished_order()
        self.closeout(order).with_user(self.planner).action_close()
        groups = self.env["mrp.order.closeout.line"]._read_group(
            [("product_id", "=", self.bra.id)],
            ["partner_id", "product_id", "date_closed:month"],
            ["revenue:sum", "total_cost:sum", "margin:sum"],
        )
        self.assertEqual(len(groups), 1)
        partner, product, _month, revenue, cost, margin = groups[0]
        self.assertEqual((partner, product), (self.customer, self.bra))
        self.assertEqual((revenue, cost, margin), (800.0, 370.0, 430.0))

    def test_rights(self):
        order = self.finished_order()
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_closeout()
        closeout = self.closeout(order)
        self.assertEqual(closeout.with_user(self.salesman).margin, closeout.margin)
        for role in ("auditor", "approver"):
            user = self.users[role]
            self.assertTrue(closeout.with_user(user).read(["margin"]))
            with self.assertRaises(AccessError):
                closeout.with_user(user).action_close()
        with self.assertRaises(AccessError):
            self.env["mrp.order.closeout.cost"].with_user(self.users["auditor"]).create(
                {"closeout_id": closeout.id, "name": "x", "amount": 1.0}
            )
        with self.assertRaises(AccessError):
            closeout.line_ids.with_user(self.planner).write({"revenue": 1.0})
        accountant = new_test_user(
            self.env, login="oms_test_accountant", groups="account.group_account_manager"
        )
        closeout.with_user(accountant).action_close()
        self.assertEqual(closeout.state, "closed")

    def test_negative_cost_refused(self):
        closeout = self.closeout(self.confirmed_order())
        with self.assertRaisesRegex(UserError, "negative"):
            closeout.with_user(self.planner).cost_ids = [
                Command.create({"name": "Refund of freight", "amount": -5.0})
            ]


@tagged("post_install", "-at_install")
class TestOrderCloseoutNearMidnight(TestOrderCloseout):
    """The same close-outs at 23:49 UTC, when the superuser (Brussels) already lives the next
    day and the test users (UTC) do not: a close-out is dated with its closer's day."""

    allow_inherited_tests_method = True
    freeze_time = datetime.combine(datetime.now(UTC).date(), time(23, 49))
