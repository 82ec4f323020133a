# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finite-capacity scheduling of work orders on plain Python data, without a database.

Time is an integer number of minutes (wall clock, UTC) from an origin 0 that is "now"; the
caller converts datetimes. Nothing new is planned before 0; frozen work orders may lie before.

*Work centers* have ``capacity`` units working in parallel (Odoo's ``default_capacity``),
modelled as that many *lanes*: each lane holds wall spans that do not overlap, and a span
occupies its lanes for its whole wall span, the non-working gaps inside it included. A center
works during its calendar ``intervals`` (sorted, disjoint ``(start, end)`` minute pairs,
``None`` = always); after the end of the last interval the center is taken as always working,
so that every work order can be placed, and a warning names the work orders planned there (the
caller's horizon was too short).

A *task* (a work order) needs ``duration`` working minutes on one of its ``options``' work
centers (the first is preferred; a center listed twice counts once, with its first option),
and ``demand`` units of that center at once (1 by default). Odoo runs ``qty`` pieces in
``ceil(qty / capacity)`` cycles: all the units are busy when ``qty >= capacity``, only ``qty``
of them otherwise, the others stay free for other work orders; the caller passes ``min(capacity,
ceil(qty))``, and a larger demand is clipped to the center's capacity. So a center never runs
more than ``capacity`` units at any instant. A task's span ``[start, end)`` starts inside a
working interval, pauses during the gaps and ends when its working minutes are used up, so
``end - start >= duration``; it holds ``demand`` lanes during the whole span. A zero-duration
task has ``start == end`` and occupies no lane. A task starts after its predecessors (same job)
end and not before its own and its job's release. A *fixed* task (already started or frozen by
the planner) is kept where it is; it occupies its center (``demand`` units, 1 unless given) but
is not checked against calendars, durations or predecessors, and a predecessor of a fixed task
is not held back by it. Fixed tasks are put in lanes first; when they over-fill a center, the
excess is kept all the same, blocks the whole center during its span and is reported in
``Schedule.warnings``.

A *job* (a manufacturing order) has an optional due date, a lateness weight and a priority.

:func:`dispatch` is a serial schedule-generation heuristic: the jobs in priority order, each
job's tasks in topological order, every task on the option, lanes and start giving the
earliest end (gaps between placed spans are filled when the task fits in ``demand`` lanes at
once; the lowest free lanes are taken). A ``backward`` job with a due date is placed as late as
possible so that it ends by its due date (just in time), or forward when that would start a
task before a release.

:func:`optimise` improves the heuristic's schedule with CP-SAT (OR-Tools). One model of the
whole problem with calendars is too costly (a solve of 2,000 tasks barely starts in a minute
on a small machine), so it runs a large neighbourhood search around an exact schedule, the
heuristic's at first. Each step frees a few dozen tasks close in time (on every center, or on
the route of one job, often a late one) and keeps all the others where they are. CP-SAT sees
an approximation: a free task keeps the wall span it has now (or would have when started at
the same time on an alternative center) wherever it moves; optional intervals for the
alternative centers, a cumulative of the demands (no-overlap at capacity 1) per center holding
the free tasks and the others' spans, precedences, releases, one tardiness variable per job
concerned. The objective is lexicographic in one solve: the weighted tardiness is multiplied by
a factor larger than the horizon before the makespan is added. The current schedule is a
complete hint. The proposal's start order and centers are then *decoded* by the dispatcher
into an exact, calendar-feasible schedule, which replaces the current one only if it is
strictly better (weighted tardiness, then makespan). A small problem (up to ``_WHOLE`` tasks) is
solved at once, and decoded also with a free choice of the centers. So the result is never
worse than the heuristic, passes :func:`check`, and is the same for the same input: the budget
is CP-SAT's deterministic time, the search interleaved, the random seeds fixed (a wall-clock
limit, far above the budget, is only a safety net; :func:`optimise`'s ``max_seconds`` is a
tighter one, given by the caller).
"""

import bisect
import dataclasses
import heapq
import random
import time
from collections import defaultdict

INF = 1 << 60

# Warning kinds (their messages may be rendered by the Odoo side, in the reader's language).
WARN_OVERLOAD = "overload"  # fixed tasks over-fill a work center
WARN_PAST_CALENDAR = "past_calendar"  # tasks planned after the end of a center's calendar
WARN_NOT_JUST_IN_TIME = "not_just_in_time"  # a backward job could not be planned by its due

_RANDOM_SEED = 20260101
_WHOLE = 100  # the optimiser solves problems up to this many free tasks at once
_NEIGHBOURHOOD = 30  # else the tasks it sets free in one step of its search
_STEP = 0.1  # deterministic time of one step
_TASK_COST = 3e-5  # deterministic time charged per task decoded (the decoding is Python)


@dataclasses.dataclass(frozen=True)
class WorkCenter:
    id: int
    capacity: int = 1  # work orders it can run at the same time (>= 1)
    intervals: tuple | None = None  # sorted disjoint (start, end) working minutes; None = always


@dataclasses.dataclass(frozen=True)
class Task:
    """A work order.

    ``options`` are ``(workcenter_id, working minutes)`` or ``(workcenter_id, working minutes,
    demand)``, the preferred first. ``demand`` (an int >= 1, 1 when left out) is the number of
    the center's units it occupies at once, clipped to the center's capacity.
    """

    id: int
    job_id: int
    options: tuple
    predecessors: tuple = ()  # task ids of the same job that must end before this one starts
    release: int = 0  # earliest start (its materials' arrival)
    # (workcenter_id, start, end) or (workcenter_id, start, end, demand): kept as is
    fixed: tuple | None = None


@dataclasses.dataclass(frozen=True)
class Job:
    """A manufacturing order."""

    id: int
    due: int | None = None
    weight: float = 1.0  # lateness weight
    priority: tuple = ()  # smaller first; ties by due (None last) then id
    release: int = 0  # no task of the job starts before this
    backward: bool = False  # plan just in time for the due date, else forward


@dataclasses.dataclass(frozen=True)
class Placement:
    task_id: int
    workcenter_id: int
    start: int
    end: int
    lane: int  # the first (lowest) of the center's parallel units it uses (0..capacity-1)
    lanes: tuple = ()  # all the units it uses, ascending; () for a zero-duration task
    demand: int = 1  # how many units it uses (its demand, clipped to the capacity)

    def used_lanes(self):
        """The lanes it uses: ``lanes``, or ``(lane,)`` when ``lanes`` was left empty."""
        return self.lanes or (self.lane,)


@dataclasses.dataclass(frozen=True)
class ScheduleWarning:
    kind: str  # one of the WARN_* constants
    message: str  # in English, for logs
    workcenter_id: int | None = None
    job_id: int | None = None
    task_ids: tuple = ()


@dataclasses.dataclass
class Schedule:
    placements: dict = dataclasses.field(default_factory=dict)  # task id: Placement
    warnings: list = dataclasses.field(default_factory=list)  # ScheduleWarning
    job_tasks: dict = dataclasses.field(default_factory=dict, repr=False)  # job id: task ids

    def job_end(self, job_id):
        """The end of the job's last placed task, or None when none is placed."""
        ends = [
            self.placements[tid].end
            for tid in self.job_tasks.get(job_id, ())
            if tid in self.placements
        ]
        return max(ends) if ends else None


@dataclasses.dataclass
class Metrics:
    weighted_tardiness: float  # sum of weight * minutes late
    late_jobs: int
    makespan: int  # minutes from 0 (or from the earliest fixed start before 0) to the last end
    tardiness: dict  # job id: minutes late

    def key(self):
        """The optimiser's lexicographic objective, smaller is better."""
        return (round(self.weighted_tardiness, 6), self.makespan)


@dataclasses.dataclass
class Result:
    schedule: Schedule
    metrics: Metrics
    info: dict
    heuristic_metrics: Metrics


# ---------------------------------------------------------------------------------------------
# Calendars and lanes


class _Calendar:
    """A center's working intervals, with prefix sums of working minutes."""

    __slots__ = ("cum", "cum_end", "ends", "horizon", "starts")

    def __init__(self, intervals, center_id):
        if intervals is None:
            merged, self.horizon = [[-INF, INF]], None
        else:
            merged = []
            for pair in sorted(intervals):
                start, end = pair
                if end < start:
                    raise ValueError(
                        f"Work center {center_id}: working interval {pair} ends before it starts."
                    )
                if end == start:
                    continue
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            self.horizon = merged[-1][1] if merged else 0
            if merged:
                merged[-1][1] = INF  # always working after the calendar's horizon
            else:
                merged = [[0, INF]]
        self.starts = [start for start, _end in merged]
        self.ends = [end for _start, end in merged]
        self.cum, self.cum_end, total = [], [], 0
        for start, end in merged:
            self.cum.append(total)
            total += end - start
            self.cum_end.append(total)

    def work_before(self, t):
        """Working minutes from the calendar's beginning to ``t``."""
        i = bisect.bisect_right(self.starts, t) - 1
        if i < 0:
            return 0
        return self.cum[i] + min(t, self.ends[i]) - self.starts[i]

    def work(self, start, end):
        return self.work_before(end) - self.work_before(start)

    def is_working(self, t):
        i = bisect.bisect_right(self.starts, t) - 1
        return i >= 0 and t < self.ends[i]

    def next_working(self, t):
        """The first working minute at or after ``t``."""
        i = bisect.bisect_right(self.starts, t) - 1
        if i >= 0 and t < self.ends[i]:
            return t
        return self.starts[i + 1]

    def at_work(self, w):
        """The latest working instant with ``w`` working minutes before it (``w >= 0``)."""
        j = bisect.bisect_right(self.cum, w) - 1
        return self.starts[j] + w - self.cum[j]

    def end_of(self, start, duration):
        """The end of a span starting at the working instant ``start``."""
        if not duration:
            return start
        w = self.work_before(start) + duration
        j = bisect.bisect_left(self.cum_end, w)
        return self.starts[j] + w - self.cum[j]

    def latest_start(self, end, duration):
        """The latest working instant from which ``duration`` minutes end by ``end``, or None."""
        if not duration:
            i = bisect.bisect_right(self.starts, end) - 1
            if i < 0:
                return None
            return end if end < self.ends[i] else self.ends[i] - 1
        w = self.work_before(end) - duration
        if w < 0:
            return None
        return self.at_work(w)


class _Lane:
    """The sorted, non-overlapping spans of one parallel unit of a work center."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans=()):
        self.starts = [start for start, _end in spans]
        self.ends = [end for _start, end in spans]

    def add(self, start, end):
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def remove(self, start):
        i = bisect.bisect_left(self.starts, start)
        del self.starts[i]
        del self.ends[i]

    def earliest(self, cal, t, duration):
        """The earliest (start, end) of a span of ``duration`` > 0 from ``t`` in this lane."""
        starts, ends = self.starts, self.ends
        n = len(starts)
        t = cal.next_working(t)
        i = bisect.bisect_right(ends, t)
        while True:
            if i >= n:
                return t, cal.end_of(t, duration)
            if starts[i] - t >= duration:  # the gap is long enough in wall time: try it
                end = cal.end_of(t, duration)
                if end <= starts[i]:
                    return t, end
            t = cal.next_working(ends[i])
            i = bisect.bisect_right(ends, t, i + 1)

    def latest(self, cal, end, duration, lower):
        """The latest (start, end) of a span of ``duration`` > 0 ending by ``end`` and starting
        at or after ``lower``, or None."""
        starts, ends = self.starts, self.ends
        while True:
            start = cal.latest_start(end, duration)
            if start is None or start < lower:
                return None
            finish = cal.end_of(start, duration)
            i = bisect.bisect_left(starts, finish) - 1
            if i < 0 or ends[i] <= start:
                return start, finish
            end = starts[i]


def _earliest(lanes, cal, t, duration, demand):
    """The earliest start at or after ``t`` of a span of ``duration`` > 0 during which
    ``demand`` of ``lanes`` are free, with the lowest such lanes: (start, lanes).

    Each lane's own earliest start is a lower bound for it, so the ``demand``-th smallest of
    them is one for the span; the lanes whose earliest start lies before that bound are asked
    again from it, until ``demand`` lanes can start at the bound itself. A lane's earliest start
    from a later instant that is still not after it stays the same, so it is not asked again.
    """
    t = cal.next_working(t)
    found = [-INF] * len(lanes)
    while True:
        for k, lane in enumerate(lanes):
            if found[k] < t:
                found[k] = lane.earliest(cal, t, duration)[0]
        bound = min(found) if demand == 1 else sorted(found)[demand - 1]
        if bound == t:
            return t, tuple(k for k, start in enumerate(found) if start == t)[:demand]
        t = bound


def _latest(lanes, cal, end, duration, demand, lower):
    """The latest start, at or after ``lower``, of a span of ``duration`` > 0 ending by ``end``
    during which ``demand`` of ``lanes`` are free, with the lowest such lanes: (start, end,
    lanes), or None. The mirror of :func:`_earliest`."""
    found = [INF] * len(lanes)
    bound = INF - 1
    while True:
        for k, lane in enumerate(lanes):
            if found[k] is not None and found[k] > bound:
                span = lane.latest(cal, end, duration, lower)
                found[k] = span[0] if span is not None else None
        starts = sorted((start for start in found if start is not None), reverse=True)
        if len(starts) < demand:
            return None
        bound = starts[demand - 1]
        end = cal.end_of(bound, duration)
        if starts[0] == bound:
            chosen = tuple(k for k, start in enumerate(found) if start == bound)[:demand]
            return bound, end, chosen


def _merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


# ---------------------------------------------------------------------------------------------
# Input


def _values(items):
    return list(items.values()) if isinstance(items, dict) else list(items)


def _index(items, label):
    result = {}
    for item in _values(items):
        if item.id in result:
            raise ValueError(f"Duplicate {label} id {item.id}.")
        result[item.id] = item
    return result


def _job_key(job):
    return (job.priority, job.due is None, job.due or 0, job.id)


def _demand(tid, demand, capacity):
    """``demand`` validated and clipped to ``capacity``."""
    if isinstance(demand, bool) or not isinstance(demand, int) or demand < 1:
        raise ValueError(f"Work order {tid}: demand {demand!r} must be an integer of at least 1.")
    return min(demand, capacity)


class _Problem:
    """The validated input, indexed. ``options`` holds each task's options as ``(workcenter_id,
    duration, demand)``, one per center (the first given), the demand clipped to the center's
    capacity; ``fixed`` each fixed task's ``(workcenter_id, start, end, demand)``."""

    def __init__(self, jobs, tasks, workcenters):
        self.jobs = _index(jobs, "job")
        self.tasks = _index(tasks, "work order")
        self.centers = _index(workcenters, "work center")
        for center in self.centers.values():
            if center.capacity < 1:
                raise ValueError(
                    f"Work center {center.id}: capacity {center.capacity} must be at least 1."
                )
        self.calendars = {cid: _Calendar(c.intervals, cid) for cid, c in self.centers.items()}
        self.job_tasks = defaultdict(list)
        self.succs = defaultdict(list)
        self.options, self.fixed = {}, {}
        for tid in sorted(self.tasks):
            task = self.tasks[tid]
            if task.job_id not in self.jobs:
                raise ValueError(f"Work order {tid}: unknown job {task.job_id}.")
            self.job_tasks[task.job_id].append(tid)
            if task.fixed is not None:
                if len(task.fixed) not in (3, 4):
                    raise ValueError(
                        f"Work order {tid}: fixed must be (work center, start, end[, demand])."
                    )
                center_id, start, end = task.fixed[:3]
                if center_id not in self.centers:
                    raise ValueError(f"Work order {tid}: unknown fixed work center {center_id}.")
                if end < start:
                    raise ValueError(f"Work order {tid}: fixed span ends before it starts.")
                demand = task.fixed[3] if len(task.fixed) == 4 else 1
                demand = _demand(tid, demand, self.centers[center_id].capacity)
                self.fixed[tid] = (center_id, start, end, demand)
            elif not task.options:
                raise ValueError(f"Work order {tid}: no work center to run it on.")
            options = {}
            for option in task.options:
                if len(option) not in (2, 3):
                    raise ValueError(
                        f"Work order {tid}: option {option!r} is not (work center, minutes"
                        "[, demand])."
                    )
                center_id, duration = option[:2]
                if center_id not in self.centers:
                    raise ValueError(f"Work order {tid}: unknown work center {center_id}.")
                if duration < 0:
                    raise ValueError(
                        f"Work order {tid}: negative duration {duration} on work center "
                        f"{center_id}."
                    )
                demand = option[2] if len(option) == 3 else 1
                demand = _demand(tid, demand, self.centers[center_id].capacity)
                options.setdefault(center_id, (center_id, duration, demand))
            self.options[tid] = tuple(options.values())
            for pred in dict.fromkeys(task.predecessors):
                if pred not in self.tasks:
                    raise ValueError(f"Work order {tid}: unknown predecessor {pred}.")
                if self.tasks[pred].job_id != task.job_id:
                    raise ValueError(
                        f"Work order {tid}: predecessor {pred} belongs to another job "
                        f"({self.tasks[pred].job_id}, not {task.job_id})."
                    )
                if pred == tid:
                    raise ValueError(f"Work order {tid}: cycle in the predecessors ({tid}).")
                self.succs[pred].append(tid)
        self.topo = {jid: self._topological(jid) for jid in self.jobs}
        self.release = {
            tid: max(0, task.release, self.jobs[task.job_id].release)
            for tid, task in self.tasks.items()
        }

    def _topological(self, job_id):
        tids = self.job_tasks.get(job_id, [])
        count = {tid: len(set(self.tasks[tid].predecessors)) for tid in tids}
        heap = [tid for tid in tids if not count[tid]]
        heapq.heapify(heap)
        order = []
        while heap:
            tid = heapq.heappop(heap)
            order.append(tid)
            for succ in self.succs[tid]:
                count[succ] -= 1
                if not count[succ]:
                    heapq.heappush(heap, succ)
        if len(order) != len(tids):
            left = ", ".join(str(tid) for tid in tids if count[tid])
            raise ValueError(f"Job {job_id}: cycle in the predecessors of work orders {left}.")
        return order


# ---------------------------------------------------------------------------------------------
# Heuristic


class _Dispatcher:
    def __init__(self, problem, pinned=None):
        self.p = problem
        self.pinned = pinned or {}  # task id: the only work center it may use
        self.lanes = {}
        self.placements = {}
        self.warnings = []
        self._place_fixed()

    def _place_fixed(self):
        by_center = defaultdict(list)
        for tid, (center_id, start, end, demand) in self.p.fixed.items():
            by_center[center_id].append((start, end, tid, demand))
        for center_id, center in sorted(self.p.centers.items()):
            cap = center.capacity
            free = [-INF] * cap
            raw = [[] for _lane in range(cap)]
            for start, end, tid, demand in sorted(by_center.get(center_id, ())):
                lanes = ()
                if end > start:
                    lanes = tuple(k for k in range(cap) if free[k] <= start)[:demand]
                    if len(lanes) < demand:  # over capacity: block the whole center meanwhile
                        order = sorted(range(cap), key=lambda k: (free[k], k))
                        lanes = tuple(sorted(order[:demand]))
                        for k in range(cap):
                            raw[k].append((start, end))
                            free[k] = max(free[k], end)
                        self.warnings.append(
                            ScheduleWarning(
                                WARN_OVERLOAD,
                                f"Work center {center_id}: fixed work order {tid} "
                                f"[{start}, {end}) exceeds its capacity of {cap}.",
                                workcenter_id=center_id,
                                task_ids=(tid,),
                            )
                        )
                    else:
                        for k in lanes:
                            raw[k].append((start, end))
                            free[k] = end
                lane = lanes[0] if lanes else 0
                self.placements[tid] = Placement(tid, center_id, start, end, lane, lanes, demand)
            self.lanes[center_id] = [_Lane(_merge(spans)) for spans in raw]

    def _put(self, tid, center_id, start, end, lanes, demand):
        if end > start:
            center_lanes = self.lanes[center_id]
            for k in lanes:
                center_lanes[k].add(start, end)
        else:
            lanes = ()
        lane = lanes[0] if lanes else 0
        self.placements[tid] = Placement(tid, center_id, start, end, lane, lanes, demand)

    def _unput(self, tid):
        placement = self.placements.pop(tid)
        if placement.end > placement.start:
            for k in placement.lanes:
                self.lanes[placement.workcenter_id][k].remove(placement.start)

    def _forward(self, tid):
        task = self.p.tasks[tid]
        t0 = self.p.release[tid]
        for pred in task.predecessors:
            t0 = max(t0, self.placements[pred].end)
        best = None
        for k, (center_id, duration, demand) in enumerate(self.p.options[tid]):
            if self.pinned.get(tid, center_id) != center_id:
                continue
            cal = self.p.calendars[center_id]
            if not duration:
                start = end = cal.next_working(t0)
                lanes = ()
            else:
                start, lanes = _earliest(self.lanes[center_id], cal, t0, duration, demand)
                end = cal.end_of(start, duration)
            key = (end, k, lanes[:1])
            if best is None or key < best[0]:
                best = (key, center_id, start, lanes, demand)
        (end, _k, _lane), center_id, start, lanes, demand = best
        self._put(tid, center_id, start, end, lanes, demand)

    def _backward_job(self, job):
        placed = []
        for tid in reversed(self.p.topo[job.id]):
            task = self.p.tasks[tid]
            if task.fixed is not None:
                continue
            latest_end = job.due
            for succ in self.p.succs[tid]:
                if self.p.tasks[succ].fixed is None:
                    latest_end = min(latest_end, self.placements[succ].start)
            lower = self.p.release[tid]
            for pred in task.predecessors:
                if self.p.tasks[pred].fixed is not None:
                    lower = max(lower, self.placements[pred].end)
            best = None
            for k, (center_id, duration, demand) in enumerate(self.p.options[tid]):
                cal = self.p.calendars[center_id]
                if not duration:
                    start = cal.latest_start(latest_end, 0)
                    found = (start, start, ()) if start is not None and start >= lower else None
                else:
                    lanes = self.lanes[center_id]
                    found = _latest(lanes, cal, latest_end, duration, demand, lower)
                if found is None:
                    continue
                start, end, lanes = found
                key = (-start, k, lanes[:1])
                if best is None or key < best[0]:
                    best = (key, center_id, end, lanes, demand)
            if best is None:
                for done in placed:
                    self._unput(done)
                return False
            (neg_start, _k, _lane), center_id, end, lanes, demand = best
            self._put(tid, center_id, -neg_start, end, lanes, demand)
            placed.append(tid)
        return True

    def run(self, order=None, keep=()):
        """Place the tasks in the default order or in ``order``, after the placements
        ``keep`` (kept as they are; only with ``order``)."""
        tasks = self.p.tasks
        for pm in keep:
            self._put(pm.task_id, pm.workcenter_id, pm.start, pm.end, pm.used_lanes(), pm.demand)
        if order is None:
            for job in sorted(self.p.jobs.values(), key=_job_key):
                if job.backward and job.due is not None:
                    if self._backward_job(job):
                        continue
                    self.warnings.append(
                        ScheduleWarning(
                            WARN_NOT_JUST_IN_TIME,
                            f"Job {job.id} cannot end by its due date {job.due} without "
                            "starting before a release: planned forward.",
                            job_id=job.id,
                        )
                    )
                for tid in self.p.topo[job.id]:
                    if tasks[tid].fixed is None:
                        self._forward(tid)
        else:
            for tid in self._ordered(order):
                self._forward(tid)
        self._warn_past_calendar()
        placements = {tid: self.placements[tid] for tid in sorted(self.placements)}
        job_tasks = {jid: tuple(self.p.job_tasks.get(jid, ())) for jid in sorted(self.p.jobs)}
        return Schedule(placements, self.warnings, job_tasks)

    def _ordered(self, order):
        """The free tasks in the given order, repaired to respect the precedences."""
        tasks = self.p.tasks
        rank = {}
        for tid in order:
            if tid not in tasks:
                raise ValueError(f"Order: unknown work order {tid}.")
            rank.setdefault(tid, len(rank))
        for job in sorted(self.p.jobs.values(), key=_job_key):
            for tid in self.p.topo[job.id]:
                rank.setdefault(tid, len(rank))
        placed = self.placements
        free = [tid for tid in tasks if tid not in placed]
        count = {tid: len({p for p in tasks[tid].predecessors if p not in placed}) for tid in free}
        heap = [(rank[tid], tid) for tid in free if not count[tid]]
        heapq.heapify(heap)
        result = []
        while heap:
            _rank, tid = heapq.heappop(heap)
            result.append(tid)
            for succ in self.p.succs[tid]:
                if succ not in placed:
                    count[succ] -= 1
                    if not count[succ]:
                        heapq.heappush(heap, (rank[succ], succ))
        return result

    def _warn_past_calendar(self):
        late = defaultdict(list)
        for tid, placement in self.placements.items():
            horizon = self.p.calendars[placement.workcenter_id].horizon
            if self.p.tasks[tid].fixed is None and horizon is not None:
                if placement.end > horizon or placement.start >= horizon:
                    late[placement.workcenter_id].append(tid)
        for center_id, tids in sorted(late.items()):
            self.warnings.append(
                ScheduleWarning(
                    WARN_PAST_CALENDAR,
                    f"Work center {center_id}: {len(tids)} work order(s) planned after the end "
                    "of its calendar, where it is taken as always working.",
                    workcenter_id=center_id,
                    task_ids=tuple(sorted(tids)),
                )
            )


def dispatch(jobs, tasks, workcenters, order=None):
    """Place every task with the serial heuristic (see the module's docstring).

    ``order``, a list of task ids, replaces the default order (all jobs forward then); it is
    repaired to respect the precedences, and the tasks it leaves out follow in default order.
    """
    return _Dispatcher(_Problem(jobs, tasks, workcenters)).run(order)


# ---------------------------------------------------------------------------------------------
# Evaluation and validation


def evaluate(schedule, jobs, tasks):
    jobs = _index(jobs, "job")
    ends = {}
    for task in _values(tasks):
        placement = schedule.placements.get(task.id)
        if placement is not None:
            ends[task.job_id] = max(ends.get(task.job_id, placement.end), placement.end)
    tardiness, weighted = {}, 0.0
    for jid, job in sorted(jobs.items()):
        late = 0
        if job.due is not None and jid in ends:
            late = max(0, ends[jid] - job.due)
        tardiness[jid] = late
        weighted += job.weight * late
    spans = list(schedule.placements.values())
    makespan = 0
    if spans:
        makespan = max(p.end for p in spans) - min(0, *(p.start for p in spans))
    late_jobs = sum(1 for late in tardiness.values() if late > 0)
    return Metrics(weighted, late_jobs, makespan, tardiness)


def _check_lanes(tid, pm, demand, capacity):
    """The errors in the lanes of a placement of positive length that needs ``demand`` units."""
    lanes = pm.used_lanes()
    if any(not 0 <= k < capacity for k in (pm.lane, *lanes)):
        return [f"Work order {tid}: lane(s) {lanes} outside 0..{capacity - 1}."]
    if len(set(lanes)) != len(lanes) or len(lanes) != demand:
        return [f"Work order {tid}: lanes {lanes} are not {demand} distinct lane(s)."]
    if pm.lane != min(lanes):
        return [f"Work order {tid}: lane {pm.lane} is not the first of its lanes {lanes}."]
    return []


def check(schedule, jobs, tasks, workcenters):
    """Human-readable violations of the model's rules in ``schedule`` (empty when valid).

    The capacity of a center is counted in units: the demands of the spans running at any
    instant (the task's demand, clipped to the capacity) add up to at most the capacity, and
    each placement holds as many distinct lanes, none of them overlapping another span.
    """
    p = _Problem(jobs, tasks, workcenters)
    placements = schedule.placements
    errors = []
    units = {}  # task id: the units its placement occupies
    for tid in placements:
        if tid not in p.tasks:
            errors.append(f"Placement of unknown work order {tid}.")
    for tid in sorted(p.tasks):
        task, pm = p.tasks[tid], placements.get(tid)
        if pm is None:
            errors.append(f"Work order {tid} is not placed.")
            continue
        if pm.workcenter_id not in p.centers:
            errors.append(f"Work order {tid} is placed on unknown work center {pm.workcenter_id}.")
            continue
        capacity = p.centers[pm.workcenter_id].capacity
        if pm.end <= pm.start and not 0 <= pm.lane < capacity:
            errors.append(f"Work order {tid}: lane {pm.lane} outside 0..{capacity - 1}.")
        if task.fixed is not None:
            center_id, start, end, demand = p.fixed[tid]
            units[tid] = demand
            if (pm.workcenter_id, pm.start, pm.end) != (center_id, start, end):
                errors.append(f"Fixed work order {tid} was moved.")
                continue
        else:
            options = {option[0]: option for option in p.options[tid]}
            if pm.workcenter_id not in options:
                errors.append(
                    f"Work order {tid} is on work center {pm.workcenter_id}, not an option."
                )
                continue
            _center_id, duration, demand = options[pm.workcenter_id]
            units[tid] = demand
        if pm.demand != demand:
            errors.append(
                f"Work order {tid}: demand {pm.demand}, its demand on work center "
                f"{pm.workcenter_id} is {demand}."
            )
        if pm.end > pm.start:
            errors += _check_lanes(tid, pm, demand, capacity)
        if task.fixed is not None:
            continue
        cal = p.calendars[pm.workcenter_id]
        if pm.end < pm.start:
            errors.append(f"Work order {tid} ends at {pm.end}, before it starts at {pm.start}.")
        elif not cal.is_working(pm.start):
            errors.append(
                f"Work order {tid} starts at {pm.start}, outside the working time of work "
                f"center {pm.workcenter_id}."
            )
        else:
            work = cal.work(pm.start, pm.end)
            if work != duration or (not duration and pm.end != pm.start):
                errors.append(
                    f"Work order {tid}: {work} working minutes in [{pm.start}, {pm.end}), "
                    f"its duration is {duration}."
                )
        if pm.start < p.release[tid]:
            errors.append(
                f"Work order {tid} starts at {pm.start}, before its release {p.release[tid]}."
            )
        for pred in task.predecessors:
            pred_pm = placements.get(pred)
            if pred_pm is not None and pred_pm.end > pm.start:
                errors.append(
                    f"Work order {tid} starts at {pm.start}, before its predecessor {pred} ends "
                    f"at {pred_pm.end}."
                )
    by_center = defaultdict(list)
    for tid, pm in placements.items():
        if tid in p.tasks and pm.workcenter_id in p.centers and pm.end > pm.start:
            demand = units.get(tid, pm.demand)
            by_center[pm.workcenter_id].append((pm, p.tasks[tid].fixed is not None, demand))
    for center_id, items in sorted(by_center.items()):
        errors += _check_center(p.centers[center_id], items)
    return errors


def _check_center(center, items):
    errors = []
    by_lane = defaultdict(list)
    for pm, fixed, _demand in items:
        for lane in sorted(set(pm.used_lanes())):
            by_lane[lane].append((pm.start, pm.end, pm.task_id, fixed))
    for lane, spans in sorted(by_lane.items()):
        end_all = end_free = None  # the latest end so far, of any span and of free spans
        for start, end, tid, fixed in sorted(spans):
            clash = end_free if fixed else end_all
            if clash is not None and clash[0] > start:
                errors.append(
                    f"Work center {center.id}, lane {lane}: work orders {clash[1]} and {tid} "
                    "overlap."
                )
            if end_all is None or end > end_all[0]:
                end_all = (end, tid)
            if not fixed and (end_free is None or end > end_free[0]):
                end_free = (end, tid)
    events = []
    for pm, fixed, demand in items:
        events.append((pm.start, demand, fixed))
        events.append((pm.end, -demand, fixed))
    events.sort(key=lambda event: (event[0], event[1]))
    running = running_free = 0
    for at, delta, fixed in events:
        running += delta
        if not fixed:
            running_free += delta
        if delta > 0 and running > center.capacity and running_free:
            errors.append(
                f"Work center {center.id} runs {running} units at {at}, over its capacity "
                f"of {center.capacity}."
            )
            break
    return errors


# ---------------------------------------------------------------------------------------------
# Optimiser


def _better(candidate, incumbent):
    return candidate.key() < incumbent.key()


class _Search:
    """Large neighbourhood search around an exact schedule, ``current``.

    Each step frees up to ``_NEIGHBOURHOOD`` tasks close in time (on every center, or on the
    route of one job), keeps every other task where it is, and asks CP-SAT for a better
    arrangement of the free ones. CP-SAT sees an approximation: a free task keeps the wall span
    it has now (or would have on an alternative center), wherever it moves. The proposal's
    start order and centers are decoded by the dispatcher into an exact schedule, which
    becomes ``current`` when it is strictly better (weighted tardiness, then makespan).
    """

    def __init__(self, problem, seed, jobs, tasks):
        self.problem, self.jobs, self.tasks = problem, jobs, tasks
        ptasks = problem.tasks
        self.free = [tid for tid in sorted(ptasks) if ptasks[tid].fixed is None]
        self.current, self.metrics = seed, evaluate(seed, jobs, tasks)
        self.decoded = 0  # tasks decoded so far
        self.weights = _integral_weights(problem.jobs)
        self.overloaded = {  # frozen tasks over a center's capacity: not in the model
            tid
            for w in _Dispatcher(problem).warnings
            if w.kind == WARN_OVERLOAD
            for tid in w.task_ids
        }
        self.lower, self.durations, self.demands = {}, {}, {}
        for tid in self.free:
            task, earliest = ptasks[tid], problem.release[tid]
            for pred in task.predecessors:
                if ptasks[pred].fixed is not None:
                    earliest = max(earliest, ptasks[pred].fixed[2])
            durations, lower, demands = {}, {}, {}
            for center_id, duration, demand in problem.options[tid]:
                durations[center_id], demands[center_id] = duration, demand
                lower[center_id] = problem.calendars[center_id].next_working(earliest)
            self.durations[tid], self.lower[tid] = durations, lower
            self.demands[tid] = demands

    def units(self, tid, center_id):
        """The units the task occupies on the center."""
        if tid in self.problem.fixed:
            return self.problem.fixed[tid][3]
        return self.demands[tid][center_id]

    def neighbourhood(self, rng, kind):
        """Up to ``_NEIGHBOURHOOD`` free tasks around a pivot in time: on every center
        (``kind`` 0) or on the route of the pivot's job (1); the pivot is a task of a late job
        half of the time. Returns (task ids, lowest start, highest start)."""
        ptasks, placements = self.problem.tasks, self.current.placements
        late = {
            jid: late * self.problem.jobs[jid].weight
            for jid, late in self.metrics.tardiness.items()
            if late and self.problem.jobs[jid].weight > 0
        }
        pivot = None
        if late and rng.random() < 0.5:
            jid = rng.choices(list(late), weights=list(late.values()))[0]
            mine = [t for t in self.problem.job_tasks[jid] if ptasks[t].fixed is None]
            pivot = rng.choice(mine) if mine else None
        if pivot is None:
            pivot = rng.choice(self.free)
        if kind:
            route = self.problem.job_tasks[ptasks[pivot].job_id]
            centers = {c for t in route if t in self.durations for c in self.durations[t]}
            pool = sorted(
                (placements[t].start, t)
                for t in self.free
                if placements[t].workcenter_id in centers
            )
        else:
            pool = sorted((placements[t].start, t) for t in self.free)
        at = bisect.bisect_left(pool, (placements[pivot].start, pivot))
        first = max(0, min(at - _NEIGHBOURHOOD // 2, len(pool) - _NEIGHBOURHOOD))
        chosen = pool[first : first + _NEIGHBOURHOOD]
        low, last = chosen[0][0], chosen[-1][0]
        return {tid for _start, tid in chosen}, low, last + (last - low) // 2 + 1

    def submodel(self, cp_model, free, low, high):
        """The model where the tasks ``free`` may start in [low, high] and every other task
        stays where it is. Returns (model, the free tasks' variables)."""
        problem, ptasks = self.problem, self.problem.tasks
        placements = self.current.placements
        horizon = max(pm.end for pm in placements.values())
        horizon += horizon // 4 + 60
        model = cp_model.CpModel()
        variables, ends, reach = {}, {}, low
        by_center = defaultdict(list)
        for tid in sorted(free):
            task, now = ptasks[tid], placements[tid]
            spans = {}
            for center_id, duration in self.durations[tid].items():
                if center_id == now.workcenter_id:
                    spans[center_id] = now.end - now.start
                else:
                    cal = problem.calendars[center_id]
                    begin = cal.next_working(now.start)
                    spans[center_id] = cal.end_of(begin, duration) - begin
            floor = max(low, min(self.lower[tid].values()))
            for pred in task.predecessors:
                if pred not in free:
                    floor = max(floor, placements[pred].end)
            latest_end = horizon
            for succ in problem.succs[tid]:
                if succ not in free and ptasks[succ].fixed is None:
                    latest_end = min(latest_end, placements[succ].start)
            ceiling = max(now.start, min(high, latest_end - min(spans.values())))
            start = model.new_int_var(floor, ceiling, f"s{tid}")
            model.add_hint(start, now.start)
            reach = max(reach, ceiling + max(spans.values()))
            if len(spans) == 1:
                ((center_id, span),) = spans.items()
                ends[tid] = start + span
                if span:
                    interval = model.new_fixed_size_interval_var(start, span, f"i{tid}")
                    by_center[center_id].append((interval, self.units(tid, center_id)))
                variables[tid] = (start, [(center_id, None)])
                continue
            literals, choice = [], []
            for center_id, span in spans.items():
                literal = model.new_bool_var(f"p{tid}_{center_id}")
                model.add_hint(literal, center_id == now.workcenter_id)
                literals.append(literal)
                choice.append((center_id, literal))
                if self.lower[tid][center_id] > floor:
                    model.add(start >= self.lower[tid][center_id]).only_enforce_if(literal)
                if span:
                    interval = model.new_optional_fixed_size_interval_var(
                        start, span, literal, f"i{tid}_{center_id}"
                    )
                    by_center[center_id].append((interval, self.units(tid, center_id)))
            model.add_exactly_one(literals)
            ends[tid] = start + sum(
                span * lit for span, lit in zip(spans.values(), literals, strict=True)
            )
            model.add(ends[tid] <= latest_end)
            variables[tid] = (start, choice)
        for tid in free:
            for pred in ptasks[tid].predecessors:
                if pred in free:
                    model.add(variables[tid][0] >= ends[pred])
        # The others, where they are, on the centers the free tasks may use.
        rest = 0
        for tid, pm in placements.items():
            if tid in free:
                continue
            rest = max(rest, pm.end)
            if tid in self.overloaded or pm.workcenter_id not in by_center:
                continue
            if pm.end > max(pm.start, low) and pm.start < reach:
                begin = max(pm.start, low)
                interval = model.new_fixed_size_interval_var(begin, pm.end - begin, f"k{tid}")
                by_center[pm.workcenter_id].append((interval, self.units(tid, pm.workcenter_id)))
        for center_id, items in sorted(by_center.items()):
            capacity = problem.centers[center_id].capacity
            intervals = [interval for interval, _units in items]
            if capacity == 1:
                model.add_no_overlap(intervals)
            else:
                model.add_cumulative(intervals, [units for _interval, units in items], capacity)
        # Objective: the weighted tardiness of the jobs concerned, then the makespan.
        top = max(horizon, rest)
        makespan = model.new_int_var(rest, top, "makespan")
        model.add_hint(makespan, max(rest, *(placements[tid].end for tid in free)))
        for tid in free:
            model.add(makespan >= ends[tid])
        terms = []
        for jid in sorted({ptasks[tid].job_id for tid in free}):
            job, weight = problem.jobs[jid], self.weights[jid]
            if job.due is None or not weight:
                continue
            tids = problem.job_tasks[jid]
            others = max((placements[t].end for t in tids if t not in free), default=0)
            floor = max(0, others - job.due)
            late = model.new_int_var(floor, max(floor, top - job.due), f"t{jid}")
            for tid in tids:
                if tid in free:
                    model.add(late >= ends[tid] - job.due)
            model.add_hint(late, max(floor, max(placements[t].end for t in tids) - job.due))
            terms.append(weight * late)
        # Lexicographic: a minute of weighted tardiness outweighs any makespan.
        model.minimize((top + 1) * sum(terms) + makespan)
        return model, variables

    def decode(self, solver, variables, low, pinned=True):
        """The exact schedule for CP-SAT's proposal: the tasks it did not free that start
        before ``low`` stay, the others are dispatched in the order of the proposal's starts
        (theirs for the tasks it did not free), on the centers of the proposal."""
        placements = self.current.placements
        starts = {tid: pm.start for tid, pm in placements.items()}
        centers = {tid: pm.workcenter_id for tid, pm in placements.items()}
        for tid, (start, choice) in variables.items():
            starts[tid] = solver.value(start)
            centers[tid] = next(c for c, lit in choice if lit is None or solver.boolean_value(lit))
        keep = [
            placements[tid]
            for tid in self.free
            if tid not in variables and placements[tid].start < low
        ]
        order = sorted(
            (tid for tid in self.free if tid in variables or placements[tid].start >= low),
            key=lambda tid: (starts[tid], placements[tid].start, tid),
        )
        self.decoded += len(order)
        return _Dispatcher(self.problem, centers if pinned else None).run(order, keep)

    def offer(self, candidate):
        """Keep ``candidate`` if it is strictly better than the current schedule."""
        metrics = evaluate(candidate, self.jobs, self.tasks)
        if _better(metrics, self.metrics):
            self.current, self.metrics = candidate, metrics
            return True
        return False


def _integral_weights(jobs):
    scale = 1 if all(float(job.weight).is_integer() for job in jobs.values()) else 100
    return {jid: max(0, round(job.weight * scale)) for jid, job in jobs.items()}


def _run_search(search, cp_model, time_budget, workers, deadline):
    """Solve neighbourhoods until the deterministic time budget is spent (the whole problem at
    once when it is small). Returns counters for ``info``."""
    rng = random.Random(_RANDOM_SEED)
    whole = len(search.free) <= _WHOLE
    used, steps, improved, statuses = 0.0, 0, 0, defaultdict(int)
    while used < time_budget and time.monotonic() < deadline:
        if whole:
            free, low, high, step = set(search.free), 0, INF, time_budget
        else:
            free, low, high = search.neighbourhood(rng, steps % 2)
            step = min(_STEP, time_budget - used)
        model, variables = search.submodel(cp_model, free, low, high)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_deterministic_time = step
        # a safety net only, and never past the caller's wall-clock limit
        params.max_time_in_seconds = max(
            0.05, min(max(30.0, 20.0 * step), deadline - time.monotonic())
        )
        params.num_workers = workers
        params.interleave_search = True
        params.random_seed = _RANDOM_SEED + steps
        status = solver.solve(model)
        statuses[solver.status_name(status)] += 1
        steps += 1
        decoded = search.decoded
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            improved += search.offer(search.decode(solver, variables, low))
            if whole:
                improved += search.offer(search.decode(solver, variables, low, pinned=False))
        # The Python work of a step counts too, so that cheap steps do not run on and on.
        work = (len(free) + search.decoded - decoded) * _TASK_COST
        used += max(solver.response_proto.deterministic_time, work)
        if whole:
            break
    if whole:
        status = next(iter(statuses), "UNKNOWN")
    else:  # a neighbourhood solved to optimality is not the whole problem
        solved = statuses.get("OPTIMAL", 0) + statuses.get("FEASIBLE", 0)
        status = "FEASIBLE" if solved else "UNKNOWN"
    return {
        "status": status,
        "statuses": dict(sorted(statuses.items())),
        "steps": steps,
        "improvements": improved,
        "cp_time": used,
    }


def optimise(jobs, tasks, workcenters, seed=None, time_budget=10.0, workers=2, max_seconds=None):
    """Improve ``seed`` (the heuristic's schedule, computed when None) with CP-SAT.

    ``seed`` must be a valid schedule of this input. ``time_budget`` is CP-SAT's deterministic
    time, in total over the neighbourhoods solved (about seconds of a fast core; a slow or
    busy machine takes longer). Returns the schedule and an ``info`` dict: ``status`` (CP-SAT's
    status for a small problem solved at once; else FEASIBLE when a neighbourhood was solved,
    UNKNOWN otherwise), ``statuses`` (the count of each status met), ``objective_before`` /
    ``objective_after`` (weighted tardiness, makespan), ``wall_time`` (seconds), ``kept``
    (whether the optimiser's schedule replaced the seed), ``steps`` and ``improvements``
    (neighbourhoods solved and decoded into a better schedule), ``cp_time`` (the deterministic
    time used).

    ``max_seconds``, when given, also stops the search after that many seconds of wall time
    (a planner waiting for the schedule): the result is then as good as the machine allowed,
    and may differ from one run to the next. Without it the search is deterministic.
    """
    from ortools.sat.python import cp_model

    clock = time.monotonic()
    problem = _Problem(jobs, tasks, workcenters)
    if seed is None:
        seed = _Dispatcher(problem).run()
    search = _Search(problem, seed, jobs, tasks)
    info = {"status": "NOT_RUN", "statuses": {}, "steps": 0, "improvements": 0, "cp_time": 0.0}
    if time_budget > 0 and search.free:
        deadline = clock + max(60.0, 10.0 * float(time_budget))
        if max_seconds is not None:
            deadline = min(deadline, clock + float(max_seconds))
        info.update(
            _run_search(search, cp_model, float(time_budget), max(1, int(workers)), deadline)
        )
    info["objective_before"] = evaluate(seed, jobs, tasks).key()
    info["objective_after"] = search.metrics.key()
    info["kept"] = search.current is not seed
    info["wall_time"] = time.monotonic() - clock
    return search.current, info


def schedule(jobs, tasks, workcenters, optimise_budget=0.0):
    """The heuristic's schedule, improved by the optimiser when ``optimise_budget`` > 0."""
    seed = dispatch(jobs, tasks, workcenters)
    heuristic_metrics = evaluate(seed, jobs, tasks)
    if optimise_budget and optimise_budget > 0:
        result, info = optimise(jobs, tasks, workcenters, seed, time_budget=optimise_budget)
        metrics = evaluate(result, jobs, tasks)
    else:
        result, metrics = seed, heuristic_metrics
        info = {
            "status": "NOT_RUN",
            "statuses": {},
            "steps": 0,
            "improvements": 0,
            "cp_time": 0.0,
            "objective_before": metrics.key(),
            "objective_after": metrics.key(),
            "kept": False,
            "wall_time": 0.0,
        }
    return Result(result, metrics, info, heuristic_metrics)
