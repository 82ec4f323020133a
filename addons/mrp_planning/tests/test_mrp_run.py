# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import closing
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import Form, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.order_intake.tests.common import in_extreme_time_zones

from ..models.mrp_planning_run import RUN_LOCK_KEY
from .common import PlanningCase


@in_extreme_time_zones
@tagged("post_install", "-at_install")
class TestMrpRun(PlanningCase):
    def test_stock_first_then_buy_and_make_with_lead_times(self):
        self.put_in_stock(self.bra, 4)
        self.put_in_stock(self.fabric, 5)
        order = self.confirmed_order(10)
        self.issue_notice(order, days=30)
        run = self.run_mrp()
        bra = self.proposals(self.bra)
        self.assertEqual((bra.kind, bra.product_qty), ("make", 6), "10 ordered, 4 in stock")
        self.assertEqual(bra.need_date, self.day(30))
        self.assertEqual(
            bra.release_date, self.day(26), "3 days to make + 1 day manufacturing security"
        )
        fabric = self.proposals(self.fabric)
        self.assertEqual(
            fabric.product_qty, 50, "12 needed, 5 in stock: 7 to buy, the vendor's minimum is 50"
        )
        self.assertEqual(fabric.partner_id, self.vendor_fabric)
        lace = self.proposals(self.lace)
        self.assertEqual((lace.product_qty, lace.partner_id), (6, self.vendor_lace))
        self.assertEqual(lace.need_date, self.day(26))
        self.assertEqual(lace.release_date, self.day(23), "vendor delay 2 + purchase security 1")
        mine = run.planned_order_ids.filtered(lambda p: p.warehouse_id == self.warehouse)
        self.assertEqual(mine, bra | fabric | lace)

    def test_pegging_both_ways(self):
        order_1 = self.confirmed_order(10)
        order_2 = self.confirmed_order(5, partner=self.customer_2)
        self.issue_notice(order_1, days=30)
        self.issue_notice(order_2, days=30)
        self.run_mrp()
        lace = self.proposals(self.lace)
        self.assertEqual(lace.product_qty, 15)
        self.assertEqual(
            lace.sale_order_ids, order_1 | order_2, "the lace is for both customer orders"
        )
        self.assertEqual(lace.partner_customer_ids, self.customer | self.customer_2)
        by_order = {peg.sale_order_id: peg.qty for peg in lace.peg_ids}
        self.assertEqual(by_order, {order_1: 10, order_2: 5})
        self.assertEqual(
            lace.peg_ids.parent_id, self.proposals(self.bra), "through the bras' planned order"
        )
        # From the order line: every planned order serving it, at every level.
        action = order_1.order_line.action_view_planned_orders()
        serving = self.env["mrp.planning.order"].with_user(self.clerk).search(action["domain"])
        self.assertEqual(serving.product_id, self.bra | self.fabric | self.lace)

    def test_open_supply_and_safety_stock(self):
        self.env["stock.warehouse.orderpoint"].create(
            {
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_id": self.lace.id,
                "product_min_qty": 8,
                "product_max_qty": 8,
                "trigger": "manual",
            }
        )
        rfq = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor_lace.id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.lace.id, "product_qty": 5, "date_planned": self.day(5)}
                    )
                ],
            }
        )
        rfq.button_confirm()
        order = self.confirmed_order(10)
        self.issue_notice(order, days=30)
        self.run_mrp()
        lace = self.proposals(self.lace)
        self.assertEqual(
            sum(lace.mapped("product_qty")), 13, "10 for the bras + 8 kept - 5 already ordered"
        )
        self.assertTrue(lace.peg_ids.filtered("safety_stock"), "part of it keeps the minimum stock")

    def test_lot_sizes_bom_batches_order_multiples_and_purchase_units(self):
        """Quantities as Odoo's records state them: a bill of materials making 10 at a time,
        a vendor selling by the dozen with a minimum of 5 dozen, a reorder rule's multiple of
        25 units; the request for quotation in the vendor's unit."""
        dozen = self.env.ref("uom.product_uom_dozen")
        hooks = self.env["product.product"].create(
            {
                "name": "Test hooks",
                "is_storable": True,
                "uom_po_id": dozen.id,
                "seller_ids": [
                    Command.create(
                        {"partner_id": self.vendor_lace.id, "delay": 2, "min_qty": 5, "price": 6}
                    )
                ],
            }
        )
        self.env["stock.warehouse.orderpoint"].create(
            {
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_id": hooks.id,
                "product_min_qty": 0,
                "product_max_qty": 0,
                "qty_multiple": 25,
                "trigger": "manual",
            }
        )
        cup = self.env["product.product"].create(
            {"name": "Test moulded cup", "is_storable": True, "sale_ok": True}
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": cup.product_tmpl_id.id,
                "product_qty": 10,
                "produce_delay": 2,
                "bom_line_ids": [Command.create({"product_id": hooks.id, "product_qty": 20})],
            }
        )
        order = self.confirmed_order(7, product=cup)
        self.issue_notice(order, days=30)
        self.run_mrp()
        made = self.proposals(cup)
        self.assertEqual((made.kind, made.product_qty), ("make", 10), "7 ordered, made by 10")
        bought = self.proposals(hooks)
        self.assertEqual(
            bought.product_qty,
            75,
            "20 hooks for the batch; at least 5 dozen (60) from the vendor; by 25 (the rule)",
        )
        self.assertEqual(bought.peg_ids.sale_order_id, order)
        bought.with_user(self.planner).action_confirm()
        line = bought.purchase_id.order_line
        self.assertEqual(
            (line.product_id, line.product_uom, line.product_qty),
            (hooks, dozen, 6.25),
            "75 units are 6.25 of the vendor's dozens",
        )

    def test_rerun_keeps_confirmed_and_replaces_the_rest(self):
        order = self.confirmed_order(10)
        self.issue_notice(order, days=30)
        self.run_mrp()
        bra = self.proposals(self.bra)
        old_components = self.proposals(self.fabric) | self.proposals(self.lace)
        bra.with_user(self.planner).action_confirm()
        self.assertEqual(bra.state, "confirmed")
        production = bra.production_id
        self.assertEqual((production.product_qty, production.state), (10, "confirmed"))
        self.assertIn(order.name, production.origin)
        self.run_mrp()
        self.assertTrue(bra.exists(), "a confirmed planned order is kept")
        self.assertFalse(old_components.exists(), "proposals not confirmed are replaced")
        self.assertFalse(self.proposals(self.bra), "the manufacturing order covers the bras now")
        lace = self.proposals(self.lace)
        self.assertEqual(lace.product_qty, 10, "the order's components are still to buy")
        self.assertEqual(
            lace.peg_ids.production_id, production, "pegged to the manufacturing order's component"
        )

    def test_confirm_groups_requests_for_quotation_by_vendor(self):
        order_1 = self.confirmed_order(10)
        other_bra = self.env["product.product"].create({"name": "Test bra 2", "is_storable": True})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": other_bra.product_tmpl_id.id,
                "produce_delay": 3,
                "bom_line_ids": [
                    Command.create({"product_id": self.fabric.id, "product_qty": 2}),
                    Command.create({"product_id": self.lace.id, "product_qty": 1}),
                ],
            }
        )
        order_2 = self.confirmed_order(4, partner=self.customer_2, product=other_bra)
        self.issue_notice(order_1, days=30)
        self.issue_notice(order_2, days=31)
        self.run_mrp()
        to_buy = self.proposals().filtered(lambda p: p.kind == "buy")
        self.assertEqual(
            len(to_buy), 3, "lace for each bra; fabric once: the vendor's minimum covers both"
        )
        to_buy.with_user(self.planner).action_confirm()
        purchases = to_buy.purchase_id
        self.assertEqual(len(purchases), 2, "one request per vendor within the window")
        lace_rfq = purchases.filtered(lambda po: po.partner_id == self.vendor_lace)
        self.assertEqual(len(lace_rfq.order_line), 2)
        self.assertEqual(sorted(lace_rfq.order_line.mapped("product_qty")), [4, 10])
        self.assertEqual(lace_rfq.state, "draft")
        self.assertIn(order_1.name, lace_rfq.origin)
        self.assertIn(order_2.name, lace_rfq.origin)
        self.assertEqual(lace_rfq.picking_type_id, self.warehouse.in_type_id)
        with self.assertRaisesRegex(UserError, "Already confirmed"):
            to_buy.with_user(self.planner).action_confirm()
        # The requests count as supply at the next run: nothing bought twice.
        self.run_mrp()
        self.assertFalse(self.proposals(self.lace) | self.proposals(self.fabric))

    def test_switching_vendor_needs_a_reason(self):
        order = self.confirmed_order(10)
        self.issue_notice(order, days=30)
        self.run_mrp()
        lace = self.proposals(self.lace).with_user(self.planner)
        with self.assertRaisesRegex(ValidationError, "Say why"):
            lace.write({"partner_id": self.vendor_lace_2.id})
        with self.assertRaisesRegex(ValidationError, "sells no"):
            lace.write({"partner_id": self.vendor_fabric.id, "vendor_reason": "cheaper"})
        lace.write({"partner_id": self.vendor_lace_2.id, "vendor_reason": "Chaozhou is on holiday"})
        lace.action_confirm()
        self.assertEqual(lace.purchase_id.partner_id, self.vendor_lace_2)
        self.assertEqual(lace.proposed_partner_id, self.vendor_lace)
        with self.assertRaisesRegex(UserError, "written by the MRP run"):
            lace.write({"product_qty": 1})

    def test_exceptions_reported(self):
        glue = self.env["product.product"].create({"name": "Test glue", "is_storable": True})
        self.bom.write(
            {"bom_line_ids": [Command.create({"product_id": glue.id, "product_qty": 1})]}
        )
        order = self.confirmed_order(10)
        self.issue_notice(order, days=2)
        run = self.run_mrp()
        # the run is the company's: the database's other warehouses have findings of their own
        exceptions = run.exception_ids.filtered(lambda x: x.warehouse_id == self.warehouse)
        missing = exceptions.filtered(lambda x: x.kind == "no_source")
        self.assertEqual(missing.product_id, glue)
        self.assertIn("neither a vendor nor a bill of materials", missing.message)
        self.assertFalse(self.proposals(glue))
        late = exceptions.filtered(lambda x: x.kind == "late" and x.product_id == self.bra)
        self.assertEqual(late.date_possible, self.day(4), "made in 3 days + 1 from today")
        self.assertTrue(self.proposals(self.bra).late)
        zh = missing.with_context(lang="zh_CN")
        zh.invalidate_recordset(["message"])
        self.assertNotIn("neither a vendor", zh.message, "read in the reader's language")
        self.assertIn("Test glue", zh.message)

    def test_interrupted_run_leaves_the_previous_proposals(self):
        order = self.confirmed_order(10)
        self.issue_notice(order, days=30)
        self.run_mrp()
        before = self.proposals()
        self.put_in_stock(self.bra, 10)
        with (
            patch.object(
                type(self.env["mrp.planning.exception"]),
                "_insert_from_engine",
                side_effect=RuntimeError("power cut"),
            ),
            self.assertRaises(RuntimeError),
            self.env.cr.savepoint(),
        ):
            self.run_mrp()
        self.env.invalidate_all()
        self.assertEqual(self.proposals(), before, "the interrupted run changed nothing")

    def test_concurrent_run_refused(self):
        # Another connection (another worker) is running MRP for the company.
        with closing(db_connect(self.env.cr.dbname).cursor()) as other:
            other.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", RUN_LOCK_KEY, self.env.company.id)
            )
            with self.assertRaisesRegex(UserError, "in progress"):
                self.run_mrp()
            other.rollback()
        self.assertTrue(self.run_mrp(), "runs again once the other run is over")

    def test_query_count_does_not_grow_with_the_demand(self):
        def queries():
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            self.run_mrp()
            return self.env.cr.sql_log_count - start

        self.issue_notice(self.confirmed_order(3), days=30)
        queries()  # warms Odoo's caches (sequences, routes)
        few = queries()
        for qty in (4, 5, 6, 7, 8):
            self.issue_notice(self.confirmed_order(qty, partner=self.customer_2), days=20 + qty)
        many = queries()
        self.assertLessEqual(many, few + 2, f"{few} queries for 1 order, {many} for 6")


@tagged("post_install", "-at_install")
class TestMrpRights(PlanningCase):
    def test_only_planners_run_and_confirm(self):
        order = self.confirmed_order(10)
        self.issue_notice(order, days=30)
        for role in ("clerk", "reviewer", "approver", "auditor"):
            with self.assertRaises(UserError, msg=f"{role} must not run MRP"):
                self.run_mrp(self.users[role])
        self.run_mrp()
        lace = self.proposals(self.lace)
        for role in ("clerk", "approver", "auditor"):
            planned = lace.with_user(self.users[role])
            self.assertEqual(planned.product_id, self.lace, f"{role} reads the plan")
            with self.assertRaises(UserError, msg=f"{role} must not confirm"):
                planned.action_confirm()
            with self.assertRaises(AccessError, msg=f"{role} must not change the vendor"):
                planned.write({"partner_id": self.vendor_lace_2.id, "vendor_reason": "x"})
        with self.assertRaises(AccessError):
            lace.with_user(self.users["employee"]).read(["product_qty"])
        with mute_logger("odoo.models"), self.assertRaises(AccessError):
            lace.with_user(self.planner).unlink()

    def test_run_from_the_menu(self):
        self.issue_notice(self.confirmed_order(10), days=30)
        action = self.env["mrp.planning.run"].with_user(self.planner).action_run_mrp()
        self.assertEqual(action["res_model"], "mrp.planning.order")
        planned = self.env["mrp.planning.order"].search(action["domain"])
        self.assertIn(self.bra, planned.product_id)
        form = Form(planned.filtered(lambda p: p.product_id == self.lace).with_user(self.planner))
        self.assertEqual(form.partner_id, self.vendor_lace)
