# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import BaseCase, Form, tagged

from ..services import supplier_score
from .common import PlanningCase


@tagged("post_install", "-at_install")
class TestSupplierScoreFormula(BaseCase):
    def test_parts_and_weights(self):
        figures = supplier_score.Figures(
            receipts=4,
            receipts_on_time=3,
            received_qty=100,
            returned_qty=5,
            lead_days=10,
            promised_days=8,
            paid=125,
            paid_at_average=100,
        )
        result = supplier_score.score(figures, supplier_score.Weights(30, 30, 25, 15))
        self.assertAlmostEqual(result.price_index, 1.25)
        self.assertAlmostEqual(result.price, 80.0, msg="25 % dearer than average")
        self.assertAlmostEqual(result.on_time, 75.0)
        self.assertAlmostEqual(result.quality, 95.0)
        self.assertAlmostEqual(result.lead_time, 80.0, msg="8 days promised, 10 achieved")
        self.assertAlmostEqual(result.total, (80 * 30 + 75 * 30 + 95 * 25 + 80 * 15) / 100)

    def test_cheaper_and_faster_score_full_marks(self):
        figures = supplier_score.Figures(
            receipts=1,
            receipts_on_time=1,
            received_qty=10,
            lead_days=3,
            promised_days=5,
            paid=90,
            paid_at_average=100,
        )
        result = supplier_score.score(figures, supplier_score.Weights())
        self.assertEqual(
            (result.price, result.on_time, result.quality, result.lead_time), (100, 100, 100, 100)
        )

    def test_parts_without_figures_left_out(self):
        result = supplier_score.score(
            supplier_score.Figures(paid=100, paid_at_average=100),
            supplier_score.Weights(30, 30, 25, 15),
        )
        self.assertIsNone(result.on_time)
        self.assertEqual(result.total, 100.0, "only the price counts when nothing was received yet")


@tagged("post_install", "-at_install")
class TestSupplierScore(PlanningCase):
    def buy(self, vendor, qty, price, days_promised):
        order = self.env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "picking_type_id": self.warehouse.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.lace.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "date_planned": fields.Datetime.now() + timedelta(days=days_promised),
                        }
                    )
                ],
            }
        )
        order.button_confirm()
        receipt = order.picking_ids
        receipt.move_ids.quantity = qty
        receipt.button_validate()
        return receipt

    def test_scores_from_history_rank_the_vendors(self):
        # Chaozhou: on time but dearer, and 4 of 10 sent back; Shantou: cheaper, but late once.
        first = self.buy(self.vendor_lace, 10, 1.5, days_promised=5)
        self.buy(self.vendor_lace_2, 10, 1.0, days_promised=5)
        self.buy(self.vendor_lace_2, 10, 1.0, days_promised=-3)
        wizard = Form(
            self.env["stock.return.picking"].with_context(
                active_id=first.id, active_model="stock.picking"
            )
        )
        wizard = wizard.save()
        wizard.product_return_moves.quantity = 4
        returned = wizard.action_create_returns()
        back = self.env["stock.picking"].browse(returned["res_id"])
        back.move_ids.quantity = 4
        back.button_validate()

        self.env["mrp.supplier.score"].with_user(self.planner).action_update_scores()
        scores = self.env["mrp.supplier.score"].search(
            [("categ_id", "=", False), ("company_id", "=", self.env.company.id)]
        )
        chaozhou = scores.filtered(lambda s: s.partner_id == self.vendor_lace)
        shantou = scores.filtered(lambda s: s.partner_id == self.vendor_lace_2)
        average = 35 / 30  # what the company paid per metre of lace, all vendors
        self.assertAlmostEqual(chaozhou.price_index, 1.5 / average, places=3)
        self.assertAlmostEqual(chaozhou.score_price, 100 * average / 1.5, places=1)
        self.assertEqual(shantou.score_price, 100, "cheaper than the average")
        self.assertEqual(
            (chaozhou.receipts, chaozhou.receipts_on_time, chaozhou.score_on_time), (1, 1, 100)
        )
        self.assertEqual(
            (shantou.receipts, shantou.receipts_on_time, shantou.score_on_time), (2, 1, 50)
        )
        self.assertEqual((chaozhou.returned_qty, chaozhou.score_quality), (4, 60))
        self.assertEqual(shantou.score_quality, 100)
        self.assertGreater(shantou.score, chaozhou.score)
        self.assertEqual(self.vendor_lace_2.supplier_score, shantou.score)
        per_category = self.env["mrp.supplier.score"].search(
            [("categ_id", "=", self.lace.categ_id.id)]
        )
        self.assertEqual(per_category.partner_id, self.vendor_lace | self.vendor_lace_2)

        # The MRP proposes the better-scored vendor, though Odoo's order lists the other first.
        order = self.confirmed_order(40)
        self.issue_notice(order, days=30)
        self.run_mrp()
        lace = self.proposals(self.lace)
        self.assertEqual(lace.product_qty, 14, "40 needed, 26 of the 30 received are left")
        self.assertEqual(lace.partner_id, self.vendor_lace_2)
        ranking = lace.vendor_ranking
        self.assertLess(ranking.index("Shantou Lace"), ranking.index("Chaozhou Lace"))

    def test_only_planners_update(self):
        self.buy(self.vendor_lace, 10, 1.0, days_promised=5)
        for role in ("clerk", "approver", "auditor"):
            with self.assertRaises(UserError, msg=role):
                self.env["mrp.supplier.score"].with_user(self.users[role]).action_update_scores()
        self.env["mrp.supplier.score"].with_user(self.planner).action_update_scores()
        score = self.env["mrp.supplier.score"].search(
            [("partner_id", "=", self.vendor_lace.id)], limit=1
        )
        self.assertEqual(
            score.with_user(self.users["auditor"]).score, score.score, "the auditor reads it"
        )
        with self.assertRaises(AccessError):
            score.with_user(self.planner).write({"score": 100})
