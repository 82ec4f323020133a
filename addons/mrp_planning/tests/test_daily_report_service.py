# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily report's figures on plain rows, without a database; the expected numbers are
worked out by hand."""

from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from ..services import daily_report as d

SEWING, CUTTING = 1, 2
MONDAY, TUESDAY = (
    (datetime(2030, 6, 10), datetime(2030, 6, 11)),
    (
        datetime(2030, 6, 11),
        datetime(2030, 6, 12),
    ),
)
DAYS = [MONDAY, TUESDAY]


def at(day, hour, minute=0):
    """``day`` days after Monday 10 June 2030, at ``hour`` UTC."""
    return datetime(2030, 6, 10 + day, hour, minute)


def wo(id_, state="ready", start=None, finish=None, qty=10, hours=10, **kw):
    return d.WorkOrder(
        id=id_,
        workcenter_id=kw.pop("workcenter_id", SEWING),
        state=state,
        planned_start=start,
        planned_finish=finish,
        qty=qty,
        expected_hours=hours,
        **kw,
    )


@tagged("post_install", "-at_install")
class TestDailyReportService(BaseCase):
    def test_day_bounds_in_the_company_time_zone(self):
        self.assertEqual(
            d.day_bounds(date(2030, 6, 11), "Asia/Shanghai"),
            (datetime(2030, 6, 10, 16), datetime(2030, 6, 11, 16)),
        )
        self.assertEqual(d.day_bounds(date(2030, 6, 11), "UTC"), TUESDAY)
        self.assertEqual(d.day_bounds(date(2030, 6, 11), False), TUESDAY, "no zone: UTC")
        self.assertEqual(d.day_bounds(date(2030, 6, 11), "Nowhere/Else"), TUESDAY)
        # Paris goes to summer time on Sunday 31 March 2030: a day of 23 hours.
        start, end = d.day_bounds(date(2030, 3, 31), "Europe/Paris")
        self.assertEqual((start, end), (datetime(2030, 3, 30, 23), datetime(2030, 3, 31, 22)))

    def test_local_day(self):
        self.assertEqual(d.local_day(at(0, 23, 30), "Asia/Shanghai"), date(2030, 6, 11))
        self.assertEqual(d.local_day(at(0, 23, 30), "UTC"), date(2030, 6, 10))
        self.assertEqual(d.local_day(at(1, 3), "America/New_York"), date(2030, 6, 10))

    def test_planned_done_and_efficiency(self):
        result = d.compute(
            DAYS,
            workorders=[
                # planned to finish Tuesday, 6 of 10 recorded: unfinished
                wo(1, "progress", at(1, 8), at(1, 18), qty=10, hours=10, has_output=True),
                # finished Tuesday without output records: Odoo's produced quantity
                wo(2, "done", at(1, 9), at(1, 14), qty=4, hours=4, qty_produced=4),
            ],
            time_logs=[
                d.TimeLog(SEWING, at(1, 8), at(1, 13)),
                d.TimeLog(SEWING, at(1, 10), at(1, 14)),
            ],
            outputs=[d.Output(SEWING, at(1, 13), 6, 1, 1.0, "needle broke")],
        )
        _monday, tuesday = result[SEWING]
        self.assertEqual((tuesday.planned_qty, tuesday.planned_hours), (14, 14))
        self.assertEqual((tuesday.done_qty, tuesday.done_hours), (10, 9))
        self.assertEqual(tuesday.scrap_qty, 1)
        self.assertAlmostEqual(tuesday.efficiency, 100 * 10 / 9)
        self.assertEqual(tuesday.unfinished_count, 1)
        self.assertEqual(tuesday.reasons, ["needle broke"])
        self.assertEqual(_monday, d.Figures())

    def test_output_records_replace_odoo_quantity(self):
        # Done on Tuesday with output records: the outputs count, not its produced quantity.
        result = d.compute(
            DAYS,
            workorders=[wo(1, "done", at(0, 8), at(1, 10), qty=5, qty_produced=5, has_output=True)],
            outputs=[
                d.Output(SEWING, at(0, 16), 3, 0, 1.0),
                d.Output(SEWING, at(1, 10), 2, 0, 1.0),
            ],
        )
        monday, tuesday = result[SEWING]
        self.assertEqual((monday.done_qty, tuesday.done_qty), (3, 2))
        self.assertEqual((monday.planned_qty, tuesday.planned_qty), (0, 5))

    def test_time_logs_are_cut_at_midnight(self):
        result = d.compute(DAYS, time_logs=[d.TimeLog(CUTTING, at(0, 22), at(1, 1, 30))])
        monday, tuesday = result[CUTTING]
        self.assertEqual((monday.done_hours, tuesday.done_hours), (2, 1.5))
        self.assertEqual(monday.efficiency, 0, "hours without output: nothing to compare")

    def test_started_late(self):
        result = d.compute(
            DAYS,
            workorders=[
                wo(1, start=at(1, 9), first_start=at(1, 10)),  # Tuesday, an hour late
                wo(2, start=at(1, 9), first_start=at(1, 9)),  # on time
                wo(3, start=at(1, 9), first_start=at(1, 8)),  # early
                wo(4, start=at(1, 15)),  # planned Tuesday, not started
                wo(5, start=at(0, 15), first_start=at(1, 8)),  # Monday's, started Tuesday
                wo(6, "done", start=at(1, 15)),  # done without anything logged: unknown
            ],
        )
        monday, tuesday = result[SEWING]
        self.assertEqual(tuesday.late_started_count, 3, "1, 4 and 5")
        self.assertEqual(monday.late_started_count, 1, "5 not started on its day")

    def test_scrap_and_reasons_of_each_day(self):
        result = d.compute(
            DAYS,
            outputs=[
                d.Output(SEWING, at(1, 9), 0, 2, 1.0, "bad lace"),
                d.Output(SEWING, at(1, 11), 0, 1, 1.0, "bad lace"),
            ],
            scraps=[d.Scrap(SEWING, at(0, 12), 3), d.Scrap(SEWING, at(5, 12), 9)],
            reasons=[d.Reason(SEWING, at(1, 12), "Material shortage")],
        )
        monday, tuesday = result[SEWING]
        self.assertEqual((monday.scrap_qty, tuesday.scrap_qty), (3, 3))
        self.assertEqual(tuesday.reasons, ["bad lace", "Material shortage"], "once each")

    def test_rows_outside_the_days_are_ignored(self):
        result = d.compute(
            DAYS,
            workorders=[wo(1, start=at(4, 8), finish=at(4, 10), first_start=at(4, 8))],
            time_logs=[d.TimeLog(SEWING, at(3, 8), at(3, 10))],
            outputs=[d.Output(SEWING, at(3, 10), 1, 0, 1.0)],
        )
        self.assertEqual(result, {})
