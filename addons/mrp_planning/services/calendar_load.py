# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working minutes per local day, for the load of a work center.

The scheduler counts time in minutes from an origin (a naive UTC datetime); a factory counts
its load by the day of its own time zone. :func:`minutes_by_day` cuts the working intervals
of a work center that fall inside a span at the local midnights and sums them per day.
"""

import bisect
import datetime

import pytz


def day_boundaries(origin, tz, start, end):
    """The local days met by minutes ``[start, end)`` after ``origin`` in ``tz``, each as
    ``(day, first_minute, last_minute)``; the first and last are cut to the span."""
    if end <= start:
        return []
    base = pytz.utc.localize(origin)
    local = (base + datetime.timedelta(minutes=start)).astimezone(tz)
    day = local.date()
    result = []
    cursor = start
    while cursor < end:
        next_midnight = tz.localize(
            datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        )
        boundary = int((next_midnight - base).total_seconds() // 60)
        result.append((day, cursor, min(end, boundary)))
        cursor = boundary
        day += datetime.timedelta(days=1)
    return result


def minutes_by_day(intervals, origin, tz, start, end):
    """Working minutes of ``intervals`` (sorted disjoint ``(a, b)`` minute pairs, or None
    for always working) inside ``[start, end)``, per local day of ``tz``: a list of
    ``(day, minutes)`` for every day the span meets, in order (0 for days off)."""
    result = []
    starts = [a for a, _b in intervals] if intervals is not None else None
    for day, lo, hi in day_boundaries(origin, tz, start, end):
        if intervals is None:
            result.append((day, hi - lo))
            continue
        total = 0
        index = max(0, bisect.bisect_right(starts, lo) - 1)
        while index < len(intervals) and intervals[index][0] < hi:
            a, b = intervals[index]
            total += max(0, min(b, hi) - max(a, lo))
            index += 1
        result.append((day, total))
    return result
