# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from ..services.promise import PromiseLine, promise_dates

MONDAY = date(2026, 11, 23)


@tagged("post_install", "-at_install")
class TestPromiseAllocation(BaseCase):
    def _line(self, line_id, qty, **kw):
        return PromiseLine(
            line_id=line_id,
            stock_key=kw.pop("key", "bra"),
            qty=qty,
            start=MONDAY,
            customer_lead=kw.pop("lead", 0),
            rank=(line_id,),
            **kw,
        )

    def test_stock_covers_then_replenishment(self):
        lines = [self._line(1, 6), self._line(2, 6)]
        promised = promise_dates(lines, {"bra": 10}, {"bra": 12})
        self.assertEqual(promised[1], MONDAY, "covered by free stock: ships now")
        self.assertEqual(promised[2], date(2026, 12, 5), "short: after the 12-day lead time")

    def test_priority_lines_take_stock_first(self):
        lines = [self._line(1, 6), self._line(2, 6, priority=True)]
        promised = promise_dates(lines, {"bra": 10}, {"bra": 12})
        self.assertEqual(promised[2], MONDAY)
        self.assertEqual(promised[1], date(2026, 12, 5))

    def test_customer_lead_and_requested_date(self):
        lines = [
            self._line(1, 1, lead=3),
            self._line(2, 1, requested=date(2026, 12, 24)),
            self._line(3, 1, key=None, lead=2),
        ]
        promised = promise_dates(lines, {"bra": 5}, {})
        self.assertEqual(promised[1], date(2026, 11, 26))
        self.assertEqual(promised[2], date(2026, 12, 24), "a later requested date is kept")
        self.assertEqual(promised[3], date(2026, 11, 25), "services: customer lead time only")

    def test_short_without_known_lead_time(self):
        promised = promise_dates([self._line(1, 5)], {"bra": -3}, {})
        self.assertEqual(promised[1], MONDAY, "no route: no lead time to add")
