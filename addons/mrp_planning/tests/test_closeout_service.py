# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The close-out arithmetic on plain data, without a database."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..services.closeout import CloseoutLineInput, allocate, close_out, round_to, share_of


@tagged("post_install", "-at_install")
class TestCloseoutService(BaseCase):
    def test_round_to(self):
        self.assertEqual(round_to(2.345, 0.01), 2.35)
        self.assertEqual(round_to(-2.345, 0.01), -2.35)
        self.assertEqual(round_to(7.5, 1.0), 8.0)
        self.assertEqual(round_to(0.0, 0.01), 0.0)

    def test_allocate_by_weight_adds_up(self):
        self.assertEqual(allocate(100.0, [1, 1, 1]), [33.34, 33.33, 33.33])
        self.assertEqual(allocate(30.0, [800.0, 200.0]), [24.0, 6.0])
        self.assertEqual(allocate(10.0, [0.0, 0.0]), [5.0, 5.0], "evenly without weights")
        self.assertEqual(allocate(10.0, []), [])

    @given(
        st.integers(min_value=0, max_value=10_000_000),
        st.lists(st.integers(min_value=0, max_value=1_000_000), min_size=1, max_size=30),
    )
    def test_allocate_always_adds_up_in_cents(self, cents, weights):
        shares = allocate(cents / 100.0, [float(w) for w in weights])
        self.assertEqual(round(sum(shares) * 100), cents)
        self.assertTrue(all(share >= 0 for share in shares))

    def test_close_out_of_two_lines(self):
        lines = [
            CloseoutLineInput(
                key=1,
                revenue=800.0,
                qty=10,
                actual={"material": 70.0, "labour": 300.0, "purchase": 20.0},
                planned={"material": 70.0, "labour": 200.0},
            ),
            CloseoutLineInput(
                key=2,
                revenue=200.0,
                qty=5,
                actual={"material": 50.0, "subcontract": 40.0},
                planned={"material": 60.0},
            ),
        ]
        per_line, totals = close_out(lines, extra_cost=50.0)
        self.assertEqual(per_line[1]["extra"], 40.0, "freight by revenue: 80 %")
        self.assertEqual(per_line[2]["extra"], 10.0)
        self.assertEqual(per_line[1]["total_cost"], 430.0)
        self.assertEqual(per_line[1]["margin"], 370.0)
        self.assertEqual(per_line[1]["unit_cost"], 43.0)
        self.assertEqual(per_line[1]["variance_labour"], 100.0)
        self.assertEqual(per_line[2]["variance_material"], -10.0)
        self.assertEqual(per_line[2]["variance"], 100.0 - 60.0)
        self.assertEqual(totals["revenue"], 1000.0)
        self.assertEqual(totals["total_cost"], 530.0)
        self.assertEqual(totals["margin"], 470.0)
        self.assertEqual(totals["margin_percent"], 47.0)
        self.assertEqual(totals["planned_cost"], 330.0)
        self.assertEqual(totals["variance"], 200.0)

    def test_nothing_invoiced_spreads_by_quantity(self):
        lines = [CloseoutLineInput(key=1, qty=3), CloseoutLineInput(key=2, qty=1)]
        per_line, totals = close_out(lines, extra_cost=8.0)
        self.assertEqual((per_line[1]["extra"], per_line[2]["extra"]), (6.0, 2.0))
        self.assertEqual(totals["margin_percent"], 0.0, "no revenue, no percentage")
        self.assertEqual(totals["margin"], -8.0)

    def test_share_of(self):
        self.assertEqual(share_of(30, 120), 0.25)
        self.assertEqual(share_of(150, 120), 1.0)
        self.assertEqual(share_of(5, 0), 1.0)
