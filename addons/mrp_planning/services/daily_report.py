# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily production report (日报) on plain rows (no database).

For each work center and each day asked for (a day being ``[start, end)`` in UTC, the local
day of the company), from rows read once for all the days together:

- planned: the work orders whose planned finish falls on the day (quantity and expected hours);
- done: the good quantity of the output records of the day, plus the quantity Odoo holds as
  produced for the work orders finished on the day without any output record; the hours are
  the working time logged (productive or performance time logs), cut to the day;
- scrap: the scrap of the output records and of Odoo's scrap orders of the day's work orders;
- efficiency: the expected hours of the quantity done against the hours worked, in %;
- started late: work orders started on the day after their planned start, and those planned
  to start on the day and not started by its end;
- unfinished: work orders planned to finish on the day and not done;
- reasons: the notes given with the output records, and delay reasons, of the day.
"""

import dataclasses
from datetime import datetime, time, timedelta

import pytz


def day_bounds(day, tz_name):
    """The UTC bounds (naive datetimes, as Odoo stores them) of ``day`` lived in ``tz_name``
    (UTC when empty or unknown). Days of a change to or from summer time last 23 or 25 hours."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc

    def utc(moment):
        return tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None)

    start = datetime.combine(day, time.min)
    return utc(start), utc(start + timedelta(days=1))


def local_day(moment, tz_name):
    """The day ``moment`` (naive UTC) falls on in ``tz_name``."""
    try:
        tz = pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    return pytz.utc.localize(moment).astimezone(tz).date()


@dataclasses.dataclass
class WorkOrder:
    id: int
    workcenter_id: int
    state: str
    planned_start: datetime | None
    planned_finish: datetime | None
    qty: float  # to produce
    expected_hours: float  # for the whole quantity
    qty_produced: float = 0.0
    first_start: datetime | None = None  # first time logged or output recorded
    has_output: bool = False  # any output record, whatever its day

    @property
    def hours_per_unit(self):
        return self.expected_hours / self.qty if self.qty else 0.0


@dataclasses.dataclass
class TimeLog:
    workcenter_id: int
    start: datetime
    end: datetime  # an open log ends now


@dataclasses.dataclass
class Output:
    workcenter_id: int
    date: datetime
    quantity: float
    scrap_qty: float
    hours_per_unit: float  # expected, of its work order
    note: str = ""


@dataclasses.dataclass
class Scrap:
    workcenter_id: int
    date: datetime
    qty: float


@dataclasses.dataclass
class Reason:
    workcenter_id: int
    date: datetime
    text: str


@dataclasses.dataclass
class Figures:
    planned_qty: float = 0.0
    planned_hours: float = 0.0
    done_qty: float = 0.0
    done_hours: float = 0.0
    expected_done_hours: float = 0.0
    scrap_qty: float = 0.0
    late_started_count: int = 0
    unfinished_count: int = 0
    reasons: list = dataclasses.field(default_factory=list)

    @property
    def efficiency(self):
        """Expected hours of the quantity done against the hours worked, in % (0 without
        hours worked)."""
        if self.done_hours <= 0:
            return 0.0
        return 100.0 * self.expected_done_hours / self.done_hours

    def add_reason(self, text):
        text = (text or "").strip()
        if text and text not in self.reasons:
            self.reasons.append(text)


def _index(days, moment):
    """The index of the day of ``days`` (a list of ``(start, end)``) holding ``moment``."""
    if moment is None:
        return None
    for index, (start, end) in enumerate(days):
        if start <= moment < end:
            return index
    return None


def compute(days, workorders=(), time_logs=(), outputs=(), scraps=(), reasons=()):
    """``{workcenter_id: [Figures of each of days]}`` for the work centers with rows."""
    result = {}

    def figures(workcenter_id, index):
        if workcenter_id not in result:
            result[workcenter_id] = [Figures() for _day in days]
        return result[workcenter_id][index]

    for wo in workorders:
        finish_day = _index(days, wo.planned_finish)
        if finish_day is not None:
            fig = figures(wo.workcenter_id, finish_day)
            fig.planned_qty += wo.qty
            fig.planned_hours += wo.expected_hours
            if wo.state == "done":
                if not wo.has_output:
                    # finished on the day without output records: Odoo's quantity
                    fig.done_qty += wo.qty_produced
                    fig.expected_done_hours += wo.qty_produced * wo.hours_per_unit
            else:
                fig.unfinished_count += 1
        start_day = _index(days, wo.first_start)
        if (
            start_day is not None
            and wo.planned_start is not None
            and wo.first_start > wo.planned_start
        ):
            figures(wo.workcenter_id, start_day).late_started_count += 1
        planned_start_day = _index(days, wo.planned_start)
        if planned_start_day is not None:
            end = days[planned_start_day][1]
            # not started by the end of the day (a work order done without any time logged
            # or output recorded tells nothing of when it started)
            if (wo.first_start is None and wo.state != "done") or (
                wo.first_start is not None and wo.first_start >= end
            ):
                figures(wo.workcenter_id, planned_start_day).late_started_count += 1
    for log in time_logs:
        for index, (start, end) in enumerate(days):
            seconds = (min(log.end, end) - max(log.start, start)).total_seconds()
            if seconds > 0:
                figures(log.workcenter_id, index).done_hours += seconds / 3600.0
    for output in outputs:
        index = _index(days, output.date)
        if index is None:
            continue
        fig = figures(output.workcenter_id, index)
        fig.done_qty += output.quantity
        fig.expected_done_hours += output.quantity * output.hours_per_unit
        fig.scrap_qty += output.scrap_qty
        fig.add_reason(output.note)
    for scrap in scraps:
        index = _index(days, scrap.date)
        if index is not None:
            figures(scrap.workcenter_id, index).scrap_qty += scrap.qty
    for reason in reasons:
        index = _index(days, reason.date)
        if index is not None:
            figures(reason.workcenter_id, index).add_reason(reason.text)
    return result
