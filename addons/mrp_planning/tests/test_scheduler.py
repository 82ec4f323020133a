# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The finite-capacity scheduler on plain data, without a database.

The expected numbers are worked out by hand from the model's rules; the properties are checked
by code of their own here, not only through ``scheduler.check``.
"""

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..services import scheduler as s

# Two working days, 8:00 to 17:00 (minute 0 is midnight of the first day).
DAYS = ((480, 1020), (1920, 2460))
A, B, C = 1, 2, 3


def spans(schedule):
    return {tid: (p.workcenter_id, p.start, p.end) for tid, p in schedule.placements.items()}


# ---------------------------------------------------------------------------------------------
# Independent checks of a schedule (the tests' own arithmetic, not the service's).


def working_minutes(intervals, start, end):
    """Working minutes in [start, end); after the last interval a center always works."""
    if intervals is None:
        return end - start
    total = sum(max(0, min(end, b) - max(start, a)) for a, b in intervals)
    last = max(b for _a, b in intervals)
    return total + max(0, end - max(start, last))


def is_working(intervals, at):
    if intervals is None:
        return True
    return at >= max(b for _a, b in intervals) or any(a <= at < b for a, b in intervals)


def units(task, center):
    """The units ``task`` occupies on ``center``: the demand of its fixed span or of its first
    option there (1 when not given), at most the center's capacity."""
    if task.fixed is not None:
        demand = task.fixed[3] if len(task.fixed) > 3 else 1
    else:
        option = next(option for option in task.options if option[0] == center.id)
        demand = option[2] if len(option) > 2 else 1
    return min(demand, center.capacity)


def violations(schedule, jobs, tasks, centers):
    """What is wrong with ``schedule``, found without the service's help."""
    jobs = {job.id: job for job in jobs}
    centers = {center.id: center for center in centers}
    placements = schedule.placements
    found, demand = [], {}
    for task in tasks:
        pm = placements.get(task.id)
        if pm is None:
            found.append(f"{task.id} not placed")
            continue
        center = centers[pm.workcenter_id]
        if not 0 <= pm.lane < center.capacity:
            found.append(f"{task.id} lane {pm.lane}")
        durations = {}
        for option in task.options:
            durations.setdefault(option[0], option[1])
        if task.fixed is None and pm.workcenter_id not in durations:
            found.append(f"{task.id} on a center not among its options")
            continue
        demand[task.id] = units(task, center)
        if pm.demand != demand[task.id]:
            found.append(f"{task.id} demand {pm.demand}, not {demand[task.id]}")
        if pm.end > pm.start:
            # ``demand`` distinct lanes of the center, ascending, the first one in ``lane``
            lanes = pm.lanes
            if len(set(lanes)) != demand[task.id] or list(lanes) != sorted(lanes):
                found.append(f"{task.id} lanes {lanes} for a demand of {demand[task.id]}")
            if not lanes or lanes[0] != pm.lane or not set(lanes) <= set(range(center.capacity)):
                found.append(f"{task.id} lanes {lanes}, lane {pm.lane}")
        if task.fixed is not None:
            if (pm.workcenter_id, pm.start, pm.end) != task.fixed[:3]:
                found.append(f"{task.id} fixed task moved")
            continue
        intervals = centers[pm.workcenter_id].intervals
        duration = durations[pm.workcenter_id]
        if not is_working(intervals, pm.start):
            found.append(f"{task.id} starts outside working time")
        if pm.end < pm.start or working_minutes(intervals, pm.start, pm.end) != duration:
            found.append(f"{task.id} span [{pm.start}, {pm.end}) is not {duration} minutes")
        if not duration and pm.end != pm.start:
            found.append(f"{task.id} zero duration with a span")
        if pm.start < max(0, task.release, jobs[task.job_id].release):
            found.append(f"{task.id} starts before its release")
        for pred in task.predecessors:
            if placements[pred].end > pm.start:
                found.append(f"{task.id} starts before predecessor {pred} ends")
    fixed = {task.id for task in tasks if task.fixed is not None}
    by_center, by_lane = defaultdict(list), defaultdict(list)
    for pm in placements.values():
        if pm.end > pm.start and pm.task_id in demand:
            by_center[pm.workcenter_id].append(pm)
            for lane in set(pm.lanes):
                by_lane[pm.workcenter_id, lane].append(pm)
    # A lane never holds two overlapping spans (frozen ones may overlap each other).
    for (center_id, lane), items in by_lane.items():
        for i, one in enumerate(items):
            for other in items[i + 1 :]:
                if one.task_id in fixed and other.task_id in fixed:
                    continue
                if one.start < other.end and other.start < one.end:
                    found.append(f"center {center_id} lane {lane}: {one.task_id}/{other.task_id}")
    # Sweep over the span starts: never more units (the sum of the demands) than the capacity
    # at once (but where frozen tasks alone over-fill the center, which must then be reported).
    for center_id, items in by_center.items():
        capacity = centers[center_id].capacity
        for at in sorted({pm.start for pm in items}):
            running = [pm for pm in items if pm.start <= at < pm.end]
            used = sum(demand[pm.task_id] for pm in running)
            if used <= capacity:
                continue
            if any(pm.task_id not in fixed for pm in running):
                found.append(f"center {center_id} runs {used} units at {at}")
            elif not any(
                w.kind == s.WARN_OVERLOAD and w.workcenter_id == center_id
                for w in schedule.warnings
            ):
                found.append(f"center {center_id} over-filled by frozen tasks, not reported")
    return found


# ---------------------------------------------------------------------------------------------
# Known cases


@tagged("post_install", "-at_install")
class TestScheduler(BaseCase):
    def assertValid(self, schedule, jobs, tasks, centers):
        self.assertEqual(violations(schedule, jobs, tasks, centers), [])
        self.assertEqual(s.check(schedule, jobs, tasks, centers), [])

    def test_calendar_spans_the_night(self):
        centers = [s.WorkCenter(A, intervals=DAYS)]
        jobs = [s.Job(1)]
        tasks = [s.Task(1, 1, ((A, 600),))]
        sched = s.dispatch(jobs, tasks, centers)
        # 540 minutes on the first day (8:00-17:00), the 60 left from 8:00 the next morning.
        self.assertEqual(spans(sched), {1: (A, 480, 1980)})
        self.assertValid(sched, jobs, tasks, centers)

    def test_released_in_the_evening_starts_next_morning(self):
        centers = [s.WorkCenter(A, intervals=DAYS)]
        jobs = [s.Job(1)]
        tasks = [s.Task(1, 1, ((A, 60),), release=1030)]
        self.assertEqual(spans(s.dispatch(jobs, tasks, centers)), {1: (A, 1920, 1980)})

    def test_capacity_two_runs_two_at_once(self):
        centers = [s.WorkCenter(A, capacity=2)]
        jobs = [s.Job(1), s.Job(2), s.Job(3)]
        tasks = [s.Task(i, i, ((A, 100),)) for i in (1, 2, 3)]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 100), 2: (A, 0, 100), 3: (A, 100, 200)})
        self.assertEqual([sched.placements[i].lane for i in (1, 2, 3)], [0, 1, 0])
        self.assertValid(sched, jobs, tasks, centers)

    def test_demand_shares_the_center_in_units(self):
        centers = [s.WorkCenter(A, capacity=12)]
        jobs = [s.Job(i) for i in (1, 2, 3, 4, 5)]
        tasks = [
            s.Task(1, 1, ((A, 100, 12),)),  # 200 pieces: all 12 units
            s.Task(2, 2, ((A, 50, 5),)),  # 5 pieces: 5 units, 7 left
            s.Task(3, 3, ((A, 60, 5),)),  # beside the second, 2 units left
            s.Task(4, 4, ((A, 40, 5),)),  # waits for the second to free its 5 units
            s.Task(5, 5, ((A, 30, 2),)),  # takes the 2 units left beside the second and third
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(
            spans(sched),
            {
                1: (A, 0, 100),
                2: (A, 100, 150),
                3: (A, 100, 160),
                4: (A, 150, 190),
                5: (A, 100, 130),
            },
        )
        lanes = {tid: (pm.lane, pm.lanes, pm.demand) for tid, pm in sched.placements.items()}
        self.assertEqual(
            lanes,
            {
                1: (0, tuple(range(12)), 12),
                2: (0, (0, 1, 2, 3, 4), 5),
                3: (5, (5, 6, 7, 8, 9), 5),
                4: (0, (0, 1, 2, 3, 4), 5),
                5: (10, (10, 11), 2),
            },
        )
        self.assertValid(sched, jobs, tasks, centers)

    def test_demand_clipped_to_capacity(self):
        centers = [s.WorkCenter(A, capacity=3)]
        jobs = [s.Job(1), s.Job(2)]
        # A demand of 10 units on a center of 3 occupies the 3; the second task waits.
        tasks = [s.Task(1, 1, ((A, 100, 10),)), s.Task(2, 2, ((A, 20),))]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 100), 2: (A, 100, 120)})
        first, second = sched.placements[1], sched.placements[2]
        self.assertEqual((first.lanes, first.demand), ((0, 1, 2), 3))
        self.assertEqual((second.lane, second.lanes, second.demand), (0, (0,), 1))
        self.assertValid(sched, jobs, tasks, centers)

    def test_demand_with_alternatives(self):
        centers = [s.WorkCenter(A, capacity=4), s.WorkCenter(B, capacity=4)]
        jobs = [s.Job(1), s.Job(2), s.Job(3)]
        tasks = [
            s.Task(1, 1, ((A, 100, 3),)),  # 1 unit of A left beside it
            # 2 units of A only from 100 (ends at 150); B is free: ends at 80.
            s.Task(2, 2, ((A, 50, 2), (B, 80, 2))),
            # 1 unit: A's last unit ends it at 50, before B's 60.
            s.Task(3, 3, ((A, 50, 1), (B, 60, 1))),
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 100), 2: (B, 0, 80), 3: (A, 0, 50)})
        self.assertEqual(sched.placements[2].lanes, (0, 1))
        self.assertEqual(sched.placements[3].lanes, (3,))
        self.assertValid(sched, jobs, tasks, centers)

    def test_fixed_task_with_demand(self):
        centers = [s.WorkCenter(A, capacity=4)]
        jobs = [s.Job(1), s.Job(2), s.Job(3)]
        tasks = [
            s.Task(1, 1, ((A, 100, 3),), fixed=(A, -20, 80, 3)),  # 3 units until 80
            s.Task(2, 2, ((A, 50, 2),)),  # needs 2 units: from 80
            s.Task(3, 3, ((A, 50),)),  # the fourth unit at once
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, -20, 80), 2: (A, 80, 130), 3: (A, 0, 50)})
        lanes = [sched.placements[i].lanes for i in (1, 2, 3)]
        self.assertEqual(lanes, [(0, 1, 2), (0, 1), (3,)])
        self.assertFalse(sched.warnings)
        self.assertValid(sched, jobs, tasks, centers)

    def test_alternative_when_preferred_is_busy(self):
        centers = [s.WorkCenter(A), s.WorkCenter(B)]
        jobs = [s.Job(1), s.Job(2), s.Job(3)]
        tasks = [
            s.Task(1, 1, ((A, 100),)),
            # A would end at 200, B (slower) ends at 150.
            s.Task(2, 2, ((A, 100), (B, 150))),
            # A from 100 ends at 200, B from 150 would end at 200 too: the preferred wins.
            s.Task(3, 3, ((A, 100), (B, 50))),
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 100), 2: (B, 0, 150), 3: (A, 100, 200)})
        self.assertValid(sched, jobs, tasks, centers)

    def test_precedence_and_release(self):
        centers = [s.WorkCenter(A), s.WorkCenter(B)]
        jobs = [s.Job(1, release=50), s.Job(2)]
        tasks = [
            s.Task(1, 1, ((A, 100),)),
            s.Task(2, 1, ((B, 30),), predecessors=(1,)),
            s.Task(3, 1, ((B, 20),), release=10),
            s.Task(4, 2, ((B, 40),), release=300),  # materials arrive at 300
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(
            spans(sched),
            {1: (A, 50, 150), 2: (B, 150, 180), 3: (B, 50, 70), 4: (B, 300, 340)},
        )
        self.assertValid(sched, jobs, tasks, centers)

    def test_gap_is_filled(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1), s.Job(2), s.Job(3)]
        tasks = [
            s.Task(1, 1, ((A, 50),), release=200),
            s.Task(2, 2, ((A, 220),)),  # does not fit before 200: after the first
            s.Task(3, 3, ((A, 120),)),  # fits in [0, 200)
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 200, 250), 2: (A, 250, 470), 3: (A, 0, 120)})

    def test_fixed_task_kept(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1), s.Job(2)]
        tasks = [
            s.Task(1, 1, ((A, 100),), fixed=(A, -30, 60)),  # started half an hour ago
            s.Task(2, 1, ((A, 10),), predecessors=(1,)),
            s.Task(3, 2, ((A, 100),)),
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, -30, 60), 2: (A, 60, 70), 3: (A, 70, 170)})
        self.assertFalse(sched.warnings)
        self.assertValid(sched, jobs, tasks, centers)
        self.assertEqual(s.evaluate(sched, jobs, tasks).makespan, 200, "170 - (-30)")

    def test_fixed_tasks_over_capacity_reported(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1), s.Job(2), s.Job(3)]
        tasks = [
            s.Task(1, 1, ((A, 100),), fixed=(A, 0, 100)),
            s.Task(2, 2, ((A, 100),), fixed=(A, 50, 150)),
            s.Task(3, 3, ((A, 40),)),
        ]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 100), 2: (A, 50, 150), 3: (A, 150, 190)})
        (warning,) = sched.warnings
        self.assertEqual((warning.kind, warning.workcenter_id), (s.WARN_OVERLOAD, A))
        self.assertEqual(warning.task_ids, (2,))
        self.assertValid(sched, jobs, tasks, centers)

    def test_rush_job_first_on_a_saturated_center(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1, due=100, priority=(2,)), s.Job(2, due=1000, priority=(0,), weight=3)]
        tasks = [s.Task(1, 1, ((A, 100),)), s.Task(2, 2, ((A, 100),))]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 100, 200), 2: (A, 0, 100)})
        self.assertEqual((sched.job_end(1), sched.job_end(2)), (200, 100))
        metrics = s.evaluate(sched, jobs, tasks)
        self.assertEqual(metrics.tardiness, {1: 100, 2: 0})
        self.assertEqual((metrics.weighted_tardiness, metrics.late_jobs), (100, 1))
        self.assertEqual(metrics.makespan, 200)

    def test_due_then_id_break_priority_ties(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1), s.Job(2, due=500), s.Job(3, due=400), s.Job(4, due=400)]
        tasks = [s.Task(i, i, ((A, 10),)) for i in (1, 2, 3, 4)]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual([sched.placements[i].start for i in (3, 4, 2, 1)], [0, 10, 20, 30])

    def test_backward_job_ends_at_its_due_date(self):
        centers = [s.WorkCenter(A, intervals=DAYS), s.WorkCenter(B)]
        jobs = [s.Job(1, due=2000, backward=True)]
        tasks = [
            s.Task(1, 1, ((A, 120),)),
            s.Task(2, 1, ((B, 30),), predecessors=(1,)),
        ]
        sched = s.dispatch(jobs, tasks, centers)
        # The last task ends at the due date (9:20 the next day) and starts at 8:50; the first
        # ends then, 50 of its 120 minutes after 8:00, the 70 others from 15:50 the day before.
        self.assertEqual(spans(sched), {1: (A, 950, 1970), 2: (B, 1970, 2000)})
        self.assertValid(sched, jobs, tasks, centers)
        self.assertFalse(sched.warnings)

    def test_backward_job_leaves_room_to_earlier_work(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1, due=300, backward=True, priority=(0,)), s.Job(2, priority=(1,))]
        tasks = [s.Task(1, 1, ((A, 100),)), s.Task(2, 2, ((A, 150),))]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 200, 300), 2: (A, 0, 150)})

    def test_backward_with_demand(self):
        centers = [s.WorkCenter(A, capacity=4)]
        jobs = [
            s.Job(1, priority=(0,)),
            s.Job(2, due=200, backward=True, priority=(1,)),
        ]
        tasks = [
            s.Task(1, 1, ((A, 100, 3),), release=120),  # 3 units in [120, 220)
            s.Task(2, 2, ((A, 50, 2),)),
            s.Task(3, 2, ((A, 30, 1),), predecessors=(2,)),
        ]
        sched = s.dispatch(jobs, tasks, centers)
        # The last task ends at the due date on the fourth unit; the one before needs 2 units,
        # free together only before 120: it ends then.
        self.assertEqual(spans(sched), {1: (A, 120, 220), 2: (A, 70, 120), 3: (A, 170, 200)})
        lanes = [sched.placements[i].lanes for i in (1, 2, 3)]
        self.assertEqual(lanes, [(0, 1, 2), (0, 1), (3,)])
        self.assertFalse(sched.warnings)
        self.assertValid(sched, jobs, tasks, centers)

    def test_backward_falls_back_to_forward(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1, due=100, backward=True), s.Job(2, due=1000, release=900, backward=True)]
        tasks = [s.Task(1, 1, ((A, 200),)), s.Task(2, 2, ((A, 200),))]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 200), 2: (A, 900, 1100)})
        kinds = [(w.kind, w.job_id) for w in sched.warnings]
        self.assertEqual(kinds, [(s.WARN_NOT_JUST_IN_TIME, 1), (s.WARN_NOT_JUST_IN_TIME, 2)])
        self.assertValid(sched, jobs, tasks, centers)

    def test_past_the_calendar(self):
        centers = [s.WorkCenter(A, intervals=((0, 100),))]
        jobs = [s.Job(1)]
        tasks = [s.Task(1, 1, ((A, 150),))]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 0, 150)})
        self.assertEqual([(w.kind, w.task_ids) for w in sched.warnings], [("past_calendar", (1,))])

    def test_zero_duration(self):
        centers = [s.WorkCenter(A, intervals=DAYS)]
        jobs = [s.Job(1)]
        tasks = [s.Task(1, 1, ((A, 60),)), s.Task(2, 1, ((A, 0),), predecessors=(1,))]
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(spans(sched), {1: (A, 480, 540), 2: (A, 540, 540)})

    def test_given_order_repaired_for_precedences(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1), s.Job(2)]
        tasks = [
            s.Task(1, 1, ((A, 10),)),
            s.Task(2, 1, ((A, 20),), predecessors=(1,)),
            s.Task(3, 2, ((A, 30),)),
        ]
        sched = s.dispatch(jobs, tasks, centers, order=[2, 3, 1])
        self.assertEqual(spans(sched), {1: (A, 30, 40), 2: (A, 40, 60), 3: (A, 0, 30)})

    def test_check_reports_violations(self):
        centers = [s.WorkCenter(A, intervals=DAYS), s.WorkCenter(B)]
        jobs = [s.Job(1)]
        tasks = [
            s.Task(1, 1, ((A, 60),), release=600),
            s.Task(2, 1, ((B, 30),), predecessors=(1,)),
            s.Task(3, 1, ((B, 30),)),
            s.Task(4, 1, ((A, 60),)),
        ]
        bad = s.Schedule(
            {
                1: s.Placement(1, A, 500, 560, 0),  # before its release 600
                2: s.Placement(2, B, 550, 580, 0),  # before task 1 ends
                3: s.Placement(3, B, 560, 590, 0),  # overlaps task 2 on a capacity-1 center
                # task 4 is not placed
            }
        )
        errors = s.check(bad, jobs, tasks, centers)
        self.assertEqual(len(errors), 5, errors)
        for words in ("release", "predecessor", "not placed", "overlap", "capacity"):
            self.assertTrue(any(words in error for error in errors), words)
        night = s.Schedule({1: s.Placement(1, A, 1100, 2000, 0)})
        errors = s.check(night, jobs, tasks[:1], centers)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("outside the working time", errors[0])
        short = s.Schedule({1: s.Placement(1, A, 1000, 1930, 0)})  # 20 + 10 minutes only
        errors = s.check(short, jobs, tasks[:1], centers)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("30 working minutes", errors[0])

    def test_check_counts_units(self):
        centers = [s.WorkCenter(A, capacity=5)]
        jobs = [s.Job(1), s.Job(2)]
        tasks = [s.Task(1, 1, ((A, 10, 3),)), s.Task(2, 2, ((A, 10, 3),))]
        # 3 + 3 units on 5 without a lane used twice: the dispatcher cannot build it.
        bad = s.Schedule(
            {
                1: s.Placement(1, A, 0, 10, 0, (0, 1, 2), 3),
                2: s.Placement(2, A, 5, 15, 3, (3, 4), 3),
            }
        )
        errors = s.check(bad, jobs, tasks, centers)
        self.assertEqual(len(errors), 2, errors)
        self.assertIn("lanes (3, 4) are not 3 distinct", errors[0])
        self.assertIn("runs 6 units at 5, over its capacity of 5", errors[1])
        self.assertFalse(any("overlap" in error for error in errors), errors)
        self.assertEqual(len(violations(bad, jobs, tasks, centers)), 2)
        # A placement that says demand 1 for a task of 3 units is counted for 3 all the same.
        old_style = s.Schedule(
            {1: s.Placement(1, A, 0, 10, 0, (0, 1, 2), 3), 2: s.Placement(2, A, 5, 15, 3)}
        )
        errors = s.check(old_style, jobs, tasks, centers)
        self.assertEqual(len(errors), 3, errors)
        self.assertIn("demand 1, its demand on work center 1 is 3", errors[0])
        self.assertIn("runs 6 units", errors[2])
        # One after the other they fit; a lane held twice at once overlaps within 5 units.
        good = s.Schedule(
            {
                1: s.Placement(1, A, 0, 10, 0, (0, 1, 2), 3),
                2: s.Placement(2, A, 10, 20, 0, (0, 1, 2), 3),
            }
        )
        self.assertEqual(s.check(good, jobs, tasks, centers), [])
        tasks[1] = s.Task(2, 2, ((A, 10, 2),))
        shared = s.Schedule(
            {
                1: s.Placement(1, A, 0, 10, 0, (0, 1, 2), 3),
                2: s.Placement(2, A, 5, 15, 2, (2, 3), 2),
            }
        )
        errors = s.check(shared, jobs, tasks, centers)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("lane 2: work orders 1 and 2 overlap", errors[0])

    def test_invalid_demand(self):
        centers = [s.WorkCenter(A, capacity=4)]
        jobs = [s.Job(1)]
        for option in ((A, 10, 0), (A, 10, -2), (A, 10, 1.5), (A, 10, "2"), (A, 10, None)):
            with self.assertRaisesRegex(ValueError, "Work order 7: demand .* at least 1"):
                s.dispatch(jobs, [s.Task(7, 1, (option,))], centers)
        with self.assertRaisesRegex(ValueError, "Work order 7: demand 0"):
            s.dispatch(jobs, [s.Task(7, 1, ((A, 10),), fixed=(A, 0, 10, 0))], centers)
        with self.assertRaisesRegex(ValueError, "Work order 7: option"):
            s.dispatch(jobs, [s.Task(7, 1, ((A, 10, 1, 1),))], centers)

    def test_input_errors(self):
        centers = [s.WorkCenter(A)]
        jobs = [s.Job(1), s.Job(2)]
        cases = [
            ([s.Task(1, 1, ((9, 10),))], "Work order 1: unknown work center 9"),
            ([s.Task(1, 1, ((A, -5),))], "Work order 1: negative duration -5"),
            (
                [s.Task(1, 1, ((A, 5),)), s.Task(2, 2, ((A, 5),), predecessors=(1,))],
                "Work order 2: predecessor 1 belongs to another job",
            ),
            ([s.Task(1, 1, ((A, 5),), predecessors=(7,))], "Work order 1: unknown predecessor 7"),
            (
                [
                    s.Task(1, 1, ((A, 5),), predecessors=(3,)),
                    s.Task(2, 1, ((A, 5),), predecessors=(1,)),
                    s.Task(3, 1, ((A, 5),), predecessors=(2,)),
                ],
                "Job 1: cycle in the predecessors of work orders 1, 2, 3",
            ),
            ([s.Task(1, 3, ((A, 5),))], "Work order 1: unknown job 3"),
            ([s.Task(1, 1, ((A, 5),), fixed=(9, 0, 5))], "Work order 1: unknown fixed"),
        ]
        for tasks, message in cases:
            with self.assertRaisesRegex(ValueError, message):
                s.dispatch(jobs, tasks, centers)
        with self.assertRaisesRegex(ValueError, "Work center 1: capacity 0"):
            s.dispatch(jobs, [s.Task(1, 1, ((A, 5),))], [s.WorkCenter(A, capacity=0)])

    def test_optimiser_beats_the_priority_rule(self):
        centers = [s.WorkCenter(A)]
        # The rush job has no due date: putting it second makes nothing late.
        jobs = [s.Job(1, priority=(0,)), s.Job(2, due=100, priority=(1,))]
        tasks = [s.Task(1, 1, ((A, 100),)), s.Task(2, 2, ((A, 100),))]
        result = s.schedule(jobs, tasks, centers, optimise_budget=1.0)
        self.assertEqual(result.heuristic_metrics.weighted_tardiness, 100)
        self.assertEqual(result.metrics.weighted_tardiness, 0)
        self.assertEqual(spans(result.schedule), {1: (A, 100, 200), 2: (A, 0, 100)})
        self.assertTrue(result.info["kept"])
        self.assertEqual(result.info["objective_before"], (100, 200))
        self.assertEqual(result.info["objective_after"], (0, 200))
        self.assertValid(result.schedule, jobs, tasks, centers)
        plain = s.schedule(jobs, tasks, centers)
        self.assertEqual(plain.info["status"], "NOT_RUN")
        self.assertEqual(plain.metrics.weighted_tardiness, 100)

    def test_optimiser_counts_demands(self):
        centers = [s.WorkCenter(A, capacity=2)]
        # The rush job holds both units; the other, due at 100, needs one unit only. Counted
        # as 1 unit, the rush job would seem to fit beside it and nothing would be gained.
        jobs = [s.Job(1, priority=(0,)), s.Job(2, due=100, priority=(1,))]
        tasks = [s.Task(1, 1, ((A, 100, 2),)), s.Task(2, 2, ((A, 100, 1),))]
        result = s.schedule(jobs, tasks, centers, optimise_budget=1.0)
        self.assertEqual(result.heuristic_metrics.weighted_tardiness, 100)
        self.assertEqual(spans(result.schedule), {1: (A, 100, 200), 2: (A, 0, 100)})
        self.assertEqual(result.info["objective_after"], (0, 200))
        self.assertValid(result.schedule, jobs, tasks, centers)

    def test_optimiser_neighbourhoods(self):
        """More tasks than it solves at once: the neighbourhood search, deterministic."""
        week = tuple((d * 1440 + 360, d * 1440 + 1320) for d in range(10) if d % 7 < 5)
        centers = [
            s.WorkCenter(A, 1, week),
            s.WorkCenter(B, 2, week),
            s.WorkCenter(C, 1, None),
        ]
        jobs, tasks = [], []
        for j in range(1, 61):
            jobs.append(s.Job(j, due=600 + 97 * j % 4000, weight=1 + j % 3, priority=(j % 2,)))
            previous = ()
            for k in range(3):
                tid = 3 * j + k
                center = (A, B, C)[(j + k) % 3]
                options = ((center, 30 + (7 * tid) % 90),)
                if tid % 4 == 0:
                    options += ((C if center != C else A, 40 + (5 * tid) % 80),)
                tasks.append(s.Task(tid, j, options, predecessors=previous))
                previous = (tid,)
        seed = s.dispatch(jobs, tasks, centers)
        first, info = s.optimise(jobs, tasks, centers, seed, time_budget=1.0)
        second, _info = s.optimise(jobs, tasks, centers, seed, time_budget=1.0)
        self.assertEqual(first, second, "deterministic")
        self.assertGreater(info["steps"], 1)
        self.assertLessEqual(
            s.evaluate(first, jobs, tasks).key(), s.evaluate(seed, jobs, tasks).key()
        )
        self.assertValid(first, jobs, tasks, centers)


# ---------------------------------------------------------------------------------------------
# Random work sets


@st.composite
def calendars(draw):
    if draw(st.integers(0, 3)) == 0:
        return None
    cursor, intervals = draw(st.integers(-100, 100)), []
    for _i in range(draw(st.integers(1, 6))):
        start = cursor + draw(st.integers(0, 200))
        cursor = start + draw(st.integers(1, 300))
        intervals.append((start, cursor))
    return tuple(intervals)


@st.composite
def work_sets(draw):
    centers = [
        s.WorkCenter(cid, draw(st.integers(1, 4)), draw(calendars()))
        for cid in range(1, draw(st.integers(1, 4)) + 1)
    ]
    ids = [center.id for center in centers]
    capacity = {center.id: center.capacity for center in centers}

    def demand(center_id):
        """1 to one more than the capacity (clipped by the scheduler), sometimes left out."""
        if draw(st.integers(0, 3)) == 0:
            return ()
        return (draw(st.integers(1, capacity[center_id] + 1)),)

    jobs, tasks, tid = [], [], 0
    for jid in range(1, draw(st.integers(1, 8)) + 1):
        jobs.append(
            s.Job(
                jid,
                due=draw(st.one_of(st.none(), st.integers(0, 1500))),
                weight=draw(st.sampled_from([0.5, 1.0, 2.0, 5.0])),
                priority=draw(st.sampled_from([(), (0,), (1,), (2,)])),
                release=draw(st.sampled_from([0, 0, 50, 400])),
                backward=draw(st.booleans()),
            )
        )
        chain = draw(st.booleans())
        mine = []
        for k in range(draw(st.integers(1, 4))):
            tid += 1
            if chain:
                predecessors = tuple(mine[-1:])
            else:
                predecessors = tuple(p for p in mine if draw(st.integers(0, 2)) == 0)
            centers_of = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
            options = tuple((c, draw(st.integers(0, 200)), *demand(c)) for c in centers_of)
            fixed = None
            if k == 0 and draw(st.integers(0, 4)) == 0:
                start, center_id = draw(st.integers(-100, 300)), draw(st.sampled_from(ids))
                fixed = (center_id, start, start + draw(st.integers(0, 150)), *demand(center_id))
            release = draw(st.sampled_from([0, 0, 0, 100, 700]))
            tasks.append(s.Task(tid, jid, options, predecessors, release, fixed))
            mine.append(tid)
    return jobs, tasks, centers


@st.composite
def single_center_jobs(draw):
    jobs, tasks, tid = [], [], 0
    for jid in range(1, draw(st.integers(2, 8)) + 1):
        jobs.append(
            s.Job(
                jid,
                due=draw(st.one_of(st.none(), st.integers(0, 500))),
                priority=(draw(st.integers(0, 3)),),
            )
        )
        for _k in range(draw(st.integers(1, 3))):
            tid += 1
            tasks.append(s.Task(tid, jid, ((A, draw(st.integers(1, 100))),)))
    return jobs, tasks


@tagged("post_install", "-at_install")
class TestSchedulerProperties(BaseCase):
    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(work_sets())
    def test_dispatch_is_valid_and_deterministic(self, data):
        jobs, tasks, centers = data
        sched = s.dispatch(jobs, tasks, centers)
        self.assertEqual(violations(sched, jobs, tasks, centers), [])
        self.assertEqual(s.check(sched, jobs, tasks, centers), [])
        self.assertEqual(sched, s.dispatch(jobs, tasks, centers), "deterministic")
        # A backward job planned just in time (no warning) ends by its due date.
        forward = {w.job_id for w in sched.warnings if w.kind == s.WARN_NOT_JUST_IN_TIME}
        for job in jobs:
            if job.backward and job.due is not None and job.id not in forward:
                for task in tasks:
                    if task.job_id == job.id and task.fixed is None:
                        self.assertLessEqual(sched.placements[task.id].end, job.due)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(work_sets())
    def test_optimiser_never_worse(self, data):
        jobs, tasks, centers = data
        seed = s.dispatch(jobs, tasks, centers)
        best, info = s.optimise(jobs, tasks, centers, seed, time_budget=0.5)
        self.assertLessEqual(
            s.evaluate(best, jobs, tasks).key(), s.evaluate(seed, jobs, tasks).key(), info
        )
        self.assertEqual(info["kept"], best is not seed)
        self.assertEqual(violations(best, jobs, tasks, centers), [])
        self.assertEqual(s.check(best, jobs, tasks, centers), [])
        again, _info = s.optimise(jobs, tasks, centers, seed, time_budget=0.5)
        self.assertEqual(best, again, "deterministic")

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(single_center_jobs())
    def test_priorities_respected(self, data):
        jobs, tasks = data
        sched = s.dispatch(jobs, tasks, [s.WorkCenter(A)])
        for one in jobs:
            for other in jobs:
                if one.priority < other.priority:
                    self.assertLessEqual(sched.job_end(one.id), sched.job_end(other.id))
