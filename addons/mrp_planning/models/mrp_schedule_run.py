# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import dataclasses
import datetime
import logging
import math
import time
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

from odoo.addons.order_intake.services.locking import lock_key

from ..services import calendar_load, scheduler

_logger = logging.getLogger(__name__)

# Key of the advisory lock that keeps two schedules of one company apart (with its id).
SCHEDULE_LOCK_KEY = 7_310_011
# Work orders the scheduler places; one in progress keeps its place.
OPEN_WO_STATES = ("pending", "waiting", "ready")
# Weights of the lateness the optimiser minimises, and the dispatch order (smaller first).
RUSH_WEIGHT, GRADE_A_WEIGHT, DEFAULT_WEIGHT = 10.0, 3.0, 1.0
# How far the working calendars are read: at least this, more while work does not fit.
MIN_HORIZON_DAYS = 60
MAX_HORIZON_DAYS = 730


class MrpScheduleRun(models.Model):
    """One finite-capacity schedule of a company's open work orders: what it read, how good
    the schedule is (weighted lateness, late orders, makespan) for the dispatch heuristic and
    for the optimiser, and the load and promise figures it left. The work orders' planned
    dates are written back as Odoo's own planning writes them (a calendar slot per work
    order), so that Odoo's views and its own "Plan" button see them."""

    _name = "mrp.schedule.run"
    _description = "Capacity Schedule"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users", string="Run By", readonly=True, default=lambda self: self.env.user
    )
    trigger = fields.Selection(
        [("manual", "Planner"), ("cron", "Scheduled"), ("rush", "Rush Order Approved")],
        default="manual",
        readonly=True,
        required=True,
    )
    date_origin = fields.Datetime(
        string="Planned From", readonly=True, help="Work is placed from this moment on."
    )
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 2))
    duration_heuristic = fields.Float(
        string="Dispatch (s)", readonly=True, digits=(16, 3), help="Time of the first schedule."
    )
    time_budget = fields.Float(
        string="Optimiser Budget (s)",
        readonly=True,
        help="Time the optimiser was given to improve the dispatch schedule (0: not run).",
    )
    solver_status = fields.Char(string="Optimiser", readonly=True)
    optimiser_kept = fields.Boolean(
        string="Optimiser Improved", readonly=True, help="The optimiser's schedule was kept."
    )
    workorder_count = fields.Integer(string="Work Orders", readonly=True)
    production_count = fields.Integer(string="Manufacturing Orders", readonly=True)
    workcenter_count = fields.Integer(string="Work Centers", readonly=True)
    late_count = fields.Integer(string="Late Orders", readonly=True)
    weighted_lateness = fields.Float(
        string="Weighted Lateness (h)",
        readonly=True,
        digits=(16, 1),
        help="Hours each manufacturing order finishes after its deadline, weighted by its "
        "priority (rush x10, A-grade customers x3), summed.",
    )
    makespan = fields.Float(
        string="Makespan (h)", readonly=True, digits=(16, 1), help="Until the last work ends."
    )
    heuristic_late_count = fields.Integer(string="Late Orders (Dispatch)", readonly=True)
    heuristic_weighted_lateness = fields.Float(
        string="Weighted Lateness (h, Dispatch)", readonly=True, digits=(16, 1)
    )
    heuristic_makespan = fields.Float(
        string="Makespan (h, Dispatch)", readonly=True, digits=(16, 1)
    )
    no_material_date_count = fields.Integer(
        string="Components Without a Date",
        readonly=True,
        help="Work orders waiting for components that neither stock, a receipt nor a planned "
        "order brings: they are placed as if the components were there.",
    )
    load_ids = fields.One2many("mrp.schedule.load", "run_id", string="Load")
    promise_ids = fields.One2many("mrp.schedule.promise", "run_id", string="Promise Check")
    promise_late_count = fields.Integer(compute="_compute_promise_late_count")

    def _compute_promise_late_count(self):
        counts = dict(
            self.env["mrp.schedule.promise"]._read_group(
                [("run_id", "in", self.ids), ("late", "=", True)], ["run_id"], ["__count"]
            )
        )
        for run in self:
            run.promise_late_count = counts.get(run, 0)

    # Entry points ----------------------------------------------------------------------------
    @api.model
    def action_schedule(self):
        """Menu entry: schedule the current company's open work orders, then open the run."""
        run = self._schedule(self.env.company, trigger="manual")
        return run._get_form_action()

    @api.model
    def _cron_schedule(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            self.with_company(company)._schedule(company, trigger="cron")

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_view_load(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_schedule_load"
        )
        action["domain"] = [("run_id", "=", self.id)]
        return action

    def action_view_late_promises(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_schedule_promise"
        )
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"search_default_late": 1}
        return action

    @api.model
    def _action_open_last(self, method):
        """Menu entries: the load or the promise check of the company's last schedule."""
        run = self.search([("company_id", "=", self.env.company.id)], limit=1, order="id desc")
        if not run:
            raise UserError(
                self.env._(
                    "The work centers of %(company)s have not been scheduled yet. A planner "
                    "schedules them from Planning > Schedule Work Centers.",
                    company=self.env.company.name,
                )
            )
        return getattr(run, method)()

    @api.model
    def _schedule(self, company, trigger="manual", budget=None, workcenters=None):
        """Schedule every open work order of ``company`` (on ``workcenters`` only, when
        given) and write the planned dates back."""
        self._check_planner()
        self._lock_company(company)
        started = time.perf_counter()
        if budget is None:
            budget = company.mrp_schedule_budget
        data = self._schedule_read(company, workcenters=workcenters)
        result = self._schedule_compute(data, budget)
        run = self._schedule_record(data, result, trigger=trigger, budget=budget)
        run.duration = time.perf_counter() - started
        return run

    @api.model
    def _schedule_record(self, data, result, trigger="manual", budget=0.0):
        """A run of ``result`` (computed from ``data``): its record, the work orders' dates,
        the load and the promise check."""
        company = self.env["res.company"].browse(data["company_id"])
        self._lock_company(company)
        run = self.create(
            {
                "company_id": company.id,
                "trigger": trigger,
                "date_origin": data["origin"],
                "name": self.env["ir.sequence"]
                .with_company(company)
                .next_by_code("mrp.schedule.run")
                or "/",
                **self._prepare_run_figures(data, result, budget),
            }
        )
        run._schedule_write(data, result)
        _logger.info(
            "Schedule %s: %d work orders on %d work centers (dispatch %.3fs), "
            "weighted lateness %.1f h -> %.1f h",
            run.name,
            run.workorder_count,
            run.workcenter_count,
            run.duration_heuristic,
            run.heuristic_weighted_lateness,
            run.weighted_lateness,
        )
        return run

    def _check_planner(self):
        if not (self.env.su or self.env.user.has_group("order_intake.group_order_planner")):
            raise UserError(self.env._("Only planners (PMC) schedule the work centers."))

    def _lock_company(self, company):
        """One schedule per company at a time: a second one is refused at once."""
        lock_key(
            self.env.cr,
            SCHEDULE_LOCK_KEY,
            company.id,
            lambda: self.env._(
                "The work centers of %(company)s are being scheduled by someone else. "
                "Wait for that schedule to finish, then open it or schedule again.",
                company=company.name,
            ),
        )

    # Reading ---------------------------------------------------------------------------------
    @api.model
    def _schedule_read(self, company, origin=None, exclude_rush=None, workcenters=None):
        """The company's open work orders, their work centers' working time, material dates,
        priorities and deadlines, as the scheduler's plain data (a fixed number of queries
        plus batched ORM reads)."""
        self.env.flush_all()
        origin = (origin or fields.Datetime.now()).replace(second=0, microsecond=0)
        Workorder = self.env["mrp.workorder"]
        workorders = Workorder.search(
            [
                ("production_id.company_id", "=", company.id),
                ("production_id.state", "in", ("confirmed", "progress", "to_close")),
                ("state", "in", (*OPEN_WO_STATES, "progress")),
                *([("workcenter_id", "in", workcenters.ids)] if workcenters else []),
            ],
            order="production_id, sequence, id",
        )
        productions = workorders.production_id
        centers = workorders.workcenter_id | workorders.workcenter_id.alternative_workcenter_ids
        data = {
            "company_id": company.id,
            "origin": origin,
            "rush_jobs": set(),
            "workorders": workorders,
            "productions": productions,
            "centers": centers,
            "jobs": [],
            "tasks": [],
            "workcenters": [],
            "no_material_date": set(),
            "tz": {},
            "sale_lines": {},
        }
        if not workorders:
            return data
        missing = centers.filtered(lambda wc: not wc.resource_calendar_id)
        if missing:
            raise UserError(
                self.env._(
                    "Work centers %(centers)s have no working hours. Set their working hours "
                    "(Manufacturing > Configuration > Work Centers), then schedule again.",
                    centers=", ".join(missing.mapped("display_name")),
                )
            )

        def minutes(dt):
            return int((dt - origin).total_seconds() // 60)

        # Links to the customer orders: make-to-order deliveries and MRP pegging.
        sale_lines = self._schedule_sale_lines(productions)
        data["sale_lines"] = sale_lines
        all_lines = self.env["sale.order.line"].browse(
            sorted({line for lines in sale_lines.values() for line in lines})
        )
        line_by_id = {line.id: line for line in all_lines}
        tz_name = company.partner_id.tz or self.env.user.tz or "UTC"
        data["company_tz"] = tz_name

        # Material dates: components not reserved, by Odoo's forecast or the MRP's proposals.
        material = self._schedule_material_dates(productions, origin)

        # Jobs.
        jobs = []
        for production in productions:
            lines = [line_by_id[i] for i in sale_lines.get(production.id, ())]
            orders = {line.order_id for line in lines} or set(
                production.procurement_group_id.sale_id
            )
            # Odoo's starred (urgent) orders; approved rush requests are applied below.
            rush = production.priority == "1"
            grade_a = any(
                order.partner_id.commercial_partner_id.customer_grade == "a" for order in orders
            )
            due = production.date_deadline
            if not due:
                promised = [
                    line.intake_promised_date for line in lines if line.intake_promised_date
                ]
                if promised:
                    due = self._end_of_day(min(promised), tz_name)
            rank = 0 if rush else 1 if grade_a else 2
            job_release = material["job"].get(production.id, origin)
            jobs.append(
                scheduler.Job(
                    id=production.id,
                    due=minutes(due) if due else None,
                    weight=RUSH_WEIGHT if rush else GRADE_A_WEIGHT if grade_a else DEFAULT_WEIGHT,
                    priority=(rank,),
                    release=max(0, minutes(job_release)),
                    backward=bool(production.schedule_backward and due),
                )
            )
        data["no_material_date"] = material["unknown"]

        # Tasks: durations on the work center and its alternatives, as Odoo computes them.
        open_ids = set(workorders.ids)
        tasks, horizon_end = [], origin + datetime.timedelta(days=MIN_HORIZON_DAYS)
        for wo in workorders:
            qty = wo.qty_remaining or wo.qty_production
            options = [self._option(wo.workcenter_id, wo.duration_expected, qty)]
            for alternative in wo.workcenter_id.alternative_workcenter_ids:
                if alternative != wo.workcenter_id:
                    duration = wo._get_duration_expected(alternative_workcenter=alternative)
                    options.append(self._option(alternative, duration, qty))
            fixed = None
            if wo.state == "progress":
                start = wo.date_start or origin
                remaining = max(0.0, wo.duration_expected - wo.duration)
                end = max(
                    wo.date_finished or origin, origin + datetime.timedelta(minutes=remaining)
                )
                fixed = (
                    wo.workcenter_id.id,
                    minutes(start),
                    max(minutes(start), minutes(end)),
                    options[0][2],
                )
                options = [options[0]]
            release = material["workorder"].get(wo.id)
            tasks.append(
                scheduler.Task(
                    id=wo.id,
                    job_id=wo.production_id.id,
                    options=tuple(options),
                    predecessors=tuple(
                        sorted(p for p in wo.blocked_by_workorder_ids.ids if p in open_ids)
                    ),
                    release=max(0, minutes(release)) if release else 0,
                    fixed=fixed,
                )
            )
        for job in jobs:
            if job.due is not None:
                horizon_end = max(
                    horizon_end, origin + datetime.timedelta(minutes=job.due, days=30)
                )
        data["jobs"], data["tasks"] = jobs, tasks
        data["horizon_days"] = min(
            MAX_HORIZON_DAYS, max(MIN_HORIZON_DAYS, (horizon_end - origin).days + 1)
        )
        data["workcenters"] = self._schedule_workcenters(centers, origin, data["horizon_days"])
        data["tz"] = {wc.id: wc.resource_calendar_id.tz or tz_name for wc in centers}
        # Approved rush orders still open come first, on their dedicated lines.
        rushes = self.env["mrp.rush.request"].search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "applied"),
                ("sale_order_id.state", "!=", "cancel"),
            ],
            order="id",
        )
        for rush in rushes - (exclude_rush or rushes.browse()):
            self._schedule_apply_rush(data, rush)
        # Approved outsourcing leaves the work centers; what follows it waits for the
        # subcontractor.
        outsourced = self.env["mrp.outsource.request"].search(
            [("company_id", "=", company.id), ("state", "=", "approved")], order="id"
        )
        for request in outsourced:
            workorders = request._outsourced_workorders()
            if workorders:
                back = request.purchase_id.date_planned or (
                    origin + datetime.timedelta(days=request.lead_days)
                )
                self._schedule_apply_outsourcing(data, workorders.ids, back=back)
        return data

    @api.model
    def _schedule_apply_outsourcing(self, data, workorder_ids, lead_days=0, back=None):
        """Take ``workorder_ids`` off the work centers: the work orders depending on them
        start once the subcontractor brings the work back (``back``, or ``lead_days`` from
        now)."""
        origin = data["origin"]
        back = back or origin + datetime.timedelta(days=lead_days)
        back_minute = max(0, int((back - origin).total_seconds() // 60))
        gone = set(workorder_ids)
        tasks = []
        for task in data["tasks"]:
            if task.id in gone:
                continue
            if gone & set(task.predecessors):
                tasks.append(
                    dataclasses.replace(
                        task,
                        predecessors=tuple(p for p in task.predecessors if p not in gone),
                        release=max(task.release, back_minute),
                    )
                )
            else:
                tasks.append(task)
        data["tasks"] = tasks
        jobs_left = {task.job_id for task in tasks}
        data["jobs"] = [job for job in data["jobs"] if job.id in jobs_left]
        return data

    @api.model
    def _schedule_apply_rush(self, data, request):
        """Put the rush order of ``request`` first: its manufacturing orders (and, for lines
        no manufacturing order makes yet, the work their bills of materials would take) get
        the rush priority and the wanted date; a dedicated line keeps its work centers for
        the rush order alone."""
        order = request.sale_order_id
        origin = data["origin"]

        def minutes(dt):
            return int((dt - origin).total_seconds() // 60)

        order_lines = set(order.order_line.ids)
        rush_jobs = {
            production.id
            for production in data["productions"]
            if data["sale_lines"].get(production.id, set()) & order_lines
            or production.procurement_group_id.sale_id == order
        }
        covered = {line for job in rush_jobs for line in data["sale_lines"].get(job, ()) if line}
        due = minutes(self._end_of_day(request.date_wanted, data.get("company_tz") or "UTC"))
        dedicated = request.dedicated_workcenter_ids if request.dedicated else None
        Workcenter = self.env["mrp.workcenter"]
        if dedicated:
            new = dedicated - data["centers"]
            if new:
                data["centers"] |= new
                data["workcenters"] = self._schedule_workcenters(
                    data["centers"], origin, data["horizon_days"]
                )
                data["tz"].update(
                    {wc.id: wc.resource_calendar_id.tz or data["company_tz"] for wc in new}
                )
        # Work the quotation's lines would need (jobs of their own, negative ids).
        jobs, tasks = list(data["jobs"]), list(data["tasks"])
        virtual = {}
        for line in order.order_line.filtered(
            lambda sol: sol.product_id and sol.id not in covered and sol.state != "cancel"
        ):
            bom = self.env["mrp.bom"]._bom_find(line.product_id, company_id=order.company_id.id)[
                line.product_id
            ]
            if not bom or bom.type != "normal" or not bom.operation_ids:
                continue
            qty = line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
            job_id = -line.id
            previous = None
            for index, operation in enumerate(
                bom.operation_ids.sorted(lambda o: (o.sequence, o.id))
            ):
                centers = (
                    operation.workcenter_id | operation.workcenter_id.alternative_workcenter_ids
                )
                options = [
                    self._option(
                        wc, self._operation_minutes(operation, wc, line.product_id, qty, bom), qty
                    )
                    for wc in centers
                ]
                if any(wc.id not in data["centers"].ids for wc in centers):
                    data["centers"] |= centers
                    data["workcenters"] = self._schedule_workcenters(
                        data["centers"], origin, data["horizon_days"]
                    )
                    data["tz"].update(
                        {wc.id: wc.resource_calendar_id.tz or data["company_tz"] for wc in centers}
                    )
                task_id = -(line.id * 1000 + index + 1)
                tasks.append(
                    scheduler.Task(
                        id=task_id,
                        job_id=job_id,
                        options=tuple(options),
                        predecessors=(previous,) if previous else (),
                    )
                )
                previous = task_id
            if previous:
                virtual[job_id] = line
                jobs.append(scheduler.Job(id=job_id))
                data["sale_lines"][job_id] = {line.id}
        rush_jobs |= set(virtual)
        # Rush priority and the wanted date.
        jobs = [
            scheduler.Job(
                id=job.id,
                due=due if job.due is None else min(job.due, due),
                weight=RUSH_WEIGHT * 10,
                priority=(-1,),
                release=job.release,
                backward=False,
            )
            if job.id in rush_jobs
            else job
            for job in jobs
        ]
        if dedicated:
            reserved = set(dedicated.ids)
            workorders = {wo.id: wo for wo in data["workorders"]}
            reshaped = []
            for task in tasks:
                if task.fixed:
                    reshaped.append(task)
                    continue
                if task.job_id in rush_jobs:
                    wo = workorders.get(task.id)
                    options = []
                    for wc in dedicated:
                        if wo is not None:
                            duration = (
                                wo.duration_expected
                                if wc == wo.workcenter_id
                                else wo._get_duration_expected(alternative_workcenter=wc)
                            )
                            qty = wo.qty_remaining or wo.qty_production
                        else:
                            duration, qty = task.options[0][1], task.options[0][2]
                        options.append(self._option(wc, duration, qty))
                else:
                    options = [o for o in task.options if o[0] not in reserved] or list(
                        task.options
                    )
                reshaped.append(dataclasses.replace(task, options=tuple(options)))
            tasks = reshaped
        del Workcenter
        data["jobs"], data["tasks"] = jobs, tasks
        data["rush_jobs"] = set(data.get("rush_jobs", set())) | rush_jobs
        return data

    @api.model
    def _operation_minutes(self, operation, workcenter, product, qty, bom):
        """Minutes an operation of ``bom`` takes for ``qty`` units on ``workcenter``, as Odoo
        computes a work order's expected duration."""
        capacity = workcenter._get_capacity(product) or 1.0
        qty_per_cycle = qty / (bom.product_qty or 1.0)
        cycles = float_round(
            qty_per_cycle * (bom.product_qty or 1.0) / capacity, 0, rounding_method="UP"
        )
        minutes = workcenter._get_expected_duration(
            product
        ) + cycles * operation.time_cycle * 100.0 / (workcenter.time_efficiency or 100.0)
        return max(0, round(minutes))

    @api.model
    def _option(self, workcenter, duration, qty):
        """A work center a work order may run on: its minutes there (Odoo's expected
        duration, whose cycles already divide the quantity by the center's capacity) and the
        units of the center it occupies meanwhile (one per piece, at most the capacity)."""
        units = max(1, round(workcenter.default_capacity or 1))
        return (workcenter.id, max(0, round(duration)), max(1, min(units, math.ceil(qty or 1))))

    @api.model
    def _schedule_workcenters(self, centers, origin, days):
        """Each work center's working intervals (its calendar less its time off) from
        ``origin`` for ``days`` days, in minutes: one calendar read per calendar."""
        start = pytz.utc.localize(origin)
        stop = start + datetime.timedelta(days=days)
        by_calendar = defaultdict(lambda: self.env["mrp.workcenter"])
        for wc in centers:
            by_calendar[wc.resource_calendar_id] |= wc
        result = []
        for calendar, wcs in by_calendar.items():
            intervals = calendar._work_intervals_batch(start, stop, resources=wcs.resource_id)
            for wc in wcs:
                spans = []
                for begin, end, _records in intervals[wc.resource_id.id]:
                    a = int((begin - start).total_seconds() // 60)
                    b = int((end - start).total_seconds() // 60)
                    if b <= a:
                        continue
                    if spans and a <= spans[-1][1]:
                        spans[-1] = (spans[-1][0], max(spans[-1][1], b))
                    else:
                        spans.append((a, b))
                result.append(
                    scheduler.WorkCenter(
                        id=wc.id,
                        capacity=max(1, round(wc.default_capacity or 1)),
                        intervals=tuple(spans),
                    )
                )
        return result

    @api.model
    def _schedule_sale_lines(self, productions):
        """The sales order lines each manufacturing order serves: its output delivered to
        them (make to order) or pegged to them by the MRP run that proposed it."""
        cr = self.env.cr
        result = defaultdict(set)
        cr.execute(
            SQL(
                """
                SELECT fin.production_id, dest.sale_line_id
                  FROM stock_move fin
                  JOIN stock_move_move_rel rel ON rel.move_orig_id = fin.id
                  JOIN stock_move dest ON dest.id = rel.move_dest_id
                 WHERE fin.production_id = ANY(%s) AND dest.sale_line_id IS NOT NULL
                 UNION
                SELECT po.production_id, peg.sale_line_id
                  FROM mrp_planning_peg peg
                  JOIN mrp_planning_order po ON po.id = peg.planned_order_id
                 WHERE po.production_id = ANY(%s) AND peg.sale_line_id IS NOT NULL
                """,
                productions.ids,
                productions.ids,
            )
        )
        for production_id, line_id in cr.fetchall():
            result[production_id].add(line_id)
        return result

    @api.model
    def _schedule_material_dates(self, productions, origin):
        """When the components of each work order (or, for components not tied to an
        operation, of each manufacturing order) are there: now when reserved or in stock,
        else Odoo's forecast date (receipts, other orders) or the due date of the MRP's
        proposals pegged to the component. Components nothing brings are counted apart."""
        moves = productions.move_raw_ids.filtered(
            lambda m: m.state not in ("assigned", "done", "cancel") and m.product_id.is_storable
        )
        result = {"workorder": {}, "job": {}, "unknown": set()}
        if not moves:
            return result
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT peg.move_id, MAX(po.due_date)
                  FROM mrp_planning_peg peg
                  JOIN mrp_planning_order po ON po.id = peg.planned_order_id
                 WHERE peg.move_id = ANY(%s) AND po.state IN ('proposed', 'confirmed')
                 GROUP BY peg.move_id
                """,
                moves.ids,
            )
        )
        pegged = dict(cr.fetchall())
        for move in moves:
            when = None
            if move.forecast_availability >= move.product_qty - 1e-6:
                when = move.forecast_expected_date or origin
            elif move.id in pegged:
                when = datetime.datetime.combine(pegged[move.id], datetime.time())
            if when is None:
                result["unknown"].add(move.workorder_id.id or move.raw_material_production_id.id)
                continue
            if move.workorder_id:
                key, target = move.workorder_id.id, result["workorder"]
            else:
                key, target = move.raw_material_production_id.id, result["job"]
            target[key] = max(target.get(key, origin), when)
        return result

    @api.model
    def _end_of_day(self, day, tz_name):
        """The last minute of ``day`` in time zone ``tz_name``, as a naive UTC datetime."""
        local = pytz.timezone(tz_name).localize(
            datetime.datetime.combine(day, datetime.time(23, 59))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # Computing ---------------------------------------------------------------------------------
    @api.model
    def _schedule_compute(self, data, budget):
        """The dispatch schedule, improved by the optimiser within ``budget`` seconds. While
        work lands after the end of the calendars read, they are read again, longer."""
        if not data["tasks"]:
            return None
        try:
            while True:
                started = time.perf_counter()
                seed = scheduler.dispatch(data["jobs"], data["tasks"], data["workcenters"])
                dispatch_seconds = time.perf_counter() - started
                past = any(w.kind == scheduler.WARN_PAST_CALENDAR for w in seed.warnings)
                if not past or data["horizon_days"] >= MAX_HORIZON_DAYS:
                    break
                data["horizon_days"] = min(MAX_HORIZON_DAYS, data["horizon_days"] * 2)
                data["workcenters"] = self._schedule_workcenters(
                    data["centers"], data["origin"], data["horizon_days"]
                )
            first = scheduler.evaluate(seed, data["jobs"], data["tasks"])
            best, metrics, info = seed, first, {"status": "", "kept": False}
            if budget and budget > 0:
                # The budget is the planner's wait: wall-clock seconds, the dispatch included.
                best, info = scheduler.optimise(
                    data["jobs"],
                    data["tasks"],
                    data["workcenters"],
                    seed,
                    time_budget=budget,
                    max_seconds=max(0.1, budget - dispatch_seconds),
                )
                metrics = scheduler.evaluate(best, data["jobs"], data["tasks"])
        except ValueError as error:
            raise UserError(
                self.env._("The work orders cannot be scheduled: %(error)s", error=str(error))
            ) from error
        info = dict(info, dispatch_seconds=dispatch_seconds)
        return scheduler.Result(best, metrics, info, first)

    @api.model
    def _prepare_run_figures(self, data, result, budget):
        figures = {
            "time_budget": budget,
            "workorder_count": len(data["tasks"]),
            "production_count": len(data["jobs"]),
            "workcenter_count": len(data["workcenters"]),
            "no_material_date_count": len(data["no_material_date"]),
        }
        if result is None:
            return figures
        metrics, first = result.metrics, result.heuristic_metrics
        info = result.info or {}
        figures.update(
            {
                "duration_heuristic": info.get("dispatch_seconds", 0.0),
                "solver_status": info.get("status") or "",
                "optimiser_kept": bool(info.get("kept")),
                "late_count": metrics.late_jobs,
                "weighted_lateness": metrics.weighted_tardiness / 60.0,
                "makespan": metrics.makespan / 60.0,
                "heuristic_late_count": first.late_jobs,
                "heuristic_weighted_lateness": first.weighted_tardiness / 60.0,
                "heuristic_makespan": first.makespan / 60.0,
            }
        )
        return figures

    # Writing -----------------------------------------------------------------------------------
    def _schedule_write(self, data, result):
        """The planned dates back on the work orders (a calendar slot each, as Odoo's own
        planning makes them) and the manufacturing orders, then the load and promise
        figures of this run; in batches."""
        self.ensure_one()
        if result is None:
            return
        origin = data["origin"]
        placements = result.schedule.placements
        open_workorders = data["workorders"].filtered(lambda wo: wo.state in OPEN_WO_STATES)
        # Outsourced work orders are off the work centers: they keep no slot.
        workorders = open_workorders.filtered(lambda wo: wo.id in placements)
        centers = {wc.id: wc for wc in data["centers"]}

        def at(minute):
            return origin + datetime.timedelta(minutes=minute)

        # The previous slots of these work orders go; new ones replace them in one create.
        # The planner plans with manufacturing rights (mrp.group_mrp_user) which Odoo's own
        # "Plan" button needs too; the slots are Odoo's own records for planned work.
        open_workorders.leave_id.unlink()
        leave_vals = []
        for wo in workorders:
            placement = placements[wo.id]
            center = centers[placement.workcenter_id]
            leave_vals.append(
                {
                    "name": wo.display_name,
                    "calendar_id": center.resource_calendar_id.id,
                    "resource_id": center.resource_id.id,
                    "date_from": at(placement.start),
                    "date_to": at(max(placement.end, placement.start + 1)),
                    "time_type": "other",
                }
            )
        leaves = self.env["resource.calendar.leaves"].create(leave_vals)
        durations = {
            (task.id, option[0]): option[1] for task in data["tasks"] for option in task.options
        }
        rows = []
        for wo, leave in zip(workorders, leaves, strict=True):
            placement = placements[wo.id]
            moved = placement.workcenter_id != wo.workcenter_id.id
            rows.append(
                (
                    wo.id,
                    placement.workcenter_id,
                    leave.id,
                    leave.date_from,
                    leave.date_to,
                    durations[wo.id, placement.workcenter_id] if moved else wo.duration_expected,
                )
            )
        if rows:
            ids, wcs, leave_ids, starts, ends, expected = zip(*rows, strict=True)
            # One statement for all work orders: the ORM writes them one by one (each write
            # recomputes its end from the calendar, which the scheduler has done already).
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE mrp_workorder wo
                       SET workcenter_id = v.wc, leave_id = v.leave, date_start = v.ds,
                           date_finished = v.df, production_date = v.ds,
                           duration_expected = v.dur, write_uid = %s, write_date = %s
                      FROM unnest(%s::int[], %s::int[], %s::int[], %s::timestamp[],
                                  %s::timestamp[], %s::float8[]) AS v(id, wc, leave, ds, df, dur)
                     WHERE wo.id = v.id
                    """,
                    self.env.uid,
                    fields.Datetime.now(),
                    list(ids),
                    list(wcs),
                    list(leave_ids),
                    list(starts),
                    list(ends),
                    list(expected),
                )
            )
            self.env["mrp.workorder"].invalidate_model(
                [
                    "workcenter_id",
                    "leave_id",
                    "date_start",
                    "date_finished",
                    "production_date",
                    "duration_expected",
                    "write_uid",
                    "write_date",
                ]
            )
        # Manufacturing orders span their work orders, as Odoo's planning sets them (with its
        # components needed at the start and its output at the end), in three statements.
        spans = {}
        for task in data["tasks"]:
            placement = placements[task.id]
            lo, hi = spans.get(task.job_id, (placement.start, placement.end))
            spans[task.job_id] = (min(lo, placement.start), max(hi, placement.end))
        productions = data["productions"].filtered(lambda p: p.id in spans)
        if productions:
            mo_ids = productions.ids
            starts = [at(spans[i][0]) for i in mo_ids]
            ends = [at(spans[i][1]) for i in mo_ids]
            cr = self.env.cr
            now, uid = fields.Datetime.now(), self.env.uid
            cr.execute(
                SQL(
                    """
                    UPDATE mrp_production mo
                       SET date_start = v.ds, date_finished = v.df, is_planned = TRUE,
                           write_uid = %s, write_date = %s
                      FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[]) AS v(id, ds, df)
                     WHERE mo.id = v.id
                    """,
                    uid,
                    now,
                    mo_ids,
                    starts,
                    ends,
                )
            )
            cr.execute(
                SQL(
                    """
                    UPDATE stock_move m
                       SET date = CASE WHEN m.raw_material_production_id IS NOT NULL
                                       THEN v.ds ELSE v.df END,
                           date_deadline = CASE WHEN m.raw_material_production_id IS NOT NULL
                                                THEN v.ds ELSE m.date_deadline END,
                           write_uid = %s, write_date = %s
                      FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[]) AS v(id, ds, df)
                     WHERE (m.raw_material_production_id = v.id OR m.production_id = v.id)
                       AND m.state NOT IN ('done', 'cancel')
                    """,
                    uid,
                    now,
                    mo_ids,
                    starts,
                    ends,
                )
            )
            moves = productions.move_raw_ids | productions.move_finished_ids
            production_fields = ["date_start", "date_finished", "is_planned"]
            move_fields = ["date", "date_deadline"]
            productions.invalidate_recordset([*production_fields, "write_uid", "write_date"])
            moves.invalidate_recordset([*move_fields, "write_uid", "write_date"])
            # What Odoo computes from these dates (delay alerts, the work orders' production
            # date...) is recomputed in batch at the next flush.
            productions.modified(production_fields)
            moves.modified(move_fields)
            workorders.modified(["date_start", "date_finished", "leave_id", "workcenter_id"])
        self._write_load(data, result)
        self._write_promises(data, result)

    def _write_load(self, data, result):
        """Per work center and local day: its working hours times its capacity, and the hours
        of each work order placed on it that day (working time only)."""
        origin = data["origin"]
        placements = result.schedule.placements
        task_job = {task.id: task.job_id for task in data["tasks"]}
        sale_orders = self._schedule_sale_orders(data)
        rows = []
        days_seen = defaultdict(set)
        for center in data["workcenters"]:
            tz = pytz.timezone(data["tz"].get(center.id) or "UTC")
            for day, minutes in calendar_load.minutes_by_day(
                center.intervals, origin, tz, 0, data["horizon_days"] * 1440
            ):
                days_seen[center.id].add(day)
                rows.append(
                    (center.id, day, None, None, None, 0.0, minutes * center.capacity / 60.0)
                )
        intervals = {center.id: center.intervals for center in data["workcenters"]}
        for task_id, placement in placements.items():
            wc_id = placement.workcenter_id
            tz = pytz.timezone(data["tz"].get(wc_id) or "UTC")
            job_id = task_job[task_id]
            order = sale_orders.get(job_id)
            # Work not yet in a work order (a rush quotation's lines) loads the center too.
            real = task_id > 0
            for day, minutes in calendar_load.minutes_by_day(
                intervals[wc_id], origin, tz, placement.start, placement.end
            ):
                if minutes <= 0:
                    continue
                rows.append(
                    (
                        wc_id,
                        day,
                        task_id if real else None,
                        job_id if real else None,
                        order.id if order else None,
                        minutes / 60.0,
                        0.0,
                    )
                )
        self.env["mrp.schedule.load"]._insert_rows(self, rows)

    def _write_promises(self, data, result):
        """Per sales order line made here: the last planned finish of the manufacturing
        orders serving it, against the date promised to the customer."""
        origin = data["origin"]
        placements = result.schedule.placements
        finish = {}
        for task in data["tasks"]:
            end = placements[task.id].end
            finish[task.job_id] = max(finish.get(task.job_id, end), end)
        by_line = defaultdict(list)
        for production_id, line_ids in data["sale_lines"].items():
            if production_id in finish:
                for line_id in line_ids:
                    by_line[line_id].append(production_id)
        lines = self.env["sale.order.line"].browse(sorted(by_line))
        tz = pytz.timezone(data.get("company_tz") or "UTC")
        rows = []
        for line in lines:
            end = origin + datetime.timedelta(minutes=max(finish[p] for p in by_line[line.id]))
            finish_day = pytz.utc.localize(end).astimezone(tz).date()
            promised = line.intake_promised_date or (
                line.order_id.commitment_date
                and pytz.utc.localize(line.order_id.commitment_date).astimezone(tz).date()
            )
            late_days = (finish_day - promised).days if promised else 0
            rows.append(
                {
                    "run_id": self.id,
                    "sale_line_id": line.id,
                    "production_ids": [fields.Command.set([p for p in by_line[line.id] if p > 0])],
                    "promised_date": promised or False,
                    "planned_finish": end,
                    "finish_date": finish_day,
                    "days_late": max(0, late_days),
                }
            )
        # The run's own figures: planners (checked when the run started) and the rush
        # approval write them; users only read them.
        self.env["mrp.schedule.promise"].sudo().create(rows)

    @api.model
    def _schedule_sale_orders(self, data):
        """One sales order per manufacturing order, for the load view: the first it serves."""
        lines = self.env["sale.order.line"].browse(
            sorted({line for lines in data["sale_lines"].values() for line in lines})
        )
        order_of = {line.id: line.order_id for line in lines}
        result = {}
        for production in data["productions"]:
            line_ids = sorted(data["sale_lines"].get(production.id, ()))
            if line_ids:
                result[production.id] = order_of[line_ids[0]]
            elif production.procurement_group_id.sale_id:
                result[production.id] = production.procurement_group_id.sale_id
        for job_id, line_ids in data["sale_lines"].items():
            if job_id < 0:
                result[job_id] = order_of[min(line_ids)]
        return result
