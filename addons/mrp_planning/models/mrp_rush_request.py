# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import hashlib
import json

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Written by the request itself (its what-if and its states), never by users.
RUSH_ENGINE_FIELDS = frozenset(
    {
        "state",
        "whatif_origin",
        "whatif_digest",
        "whatif_finish",
        "whatif_meets",
        "whatif_days_late",
        "whatif_slipped_count",
        "whatif_broken_count",
        "whatif_lateness_before",
        "whatif_lateness_after",
        "rush_hours",
        "overtime_cost",
        "outsource_cost",
        "impact_ids",
        "applied_run_id",
    }
)

DEDICATED_GRADES = {"a": ("a",), "ab": ("a", "b"), "none": ()}


class MrpRushRequest(models.Model):
    """A rush order (紧急插单): a customer order to be made before the others. Before
    leadership decides, a what-if inserts it into the current schedule without writing
    anything and freezes what it showed: whether the wanted date is met, which orders slip
    and by how much, which promised dates break, and what overtime or outsourcing would cost
    instead. Approval replans with the rush order first, exactly as shown; when the factory
    changed in between, the what-if is refreshed and leadership decides again."""

    _name = "mrp.rush.request"
    _description = "Rush Order Request"
    _inherit = ["mrp.leadership.request.mixin"]
    _order = "id desc"

    _approval_target_states = ("applied",)
    _request_engine_fields = RUSH_ENGINE_FIELDS
    _request_sequence_code = "mrp.rush.request"
    _approval_content_fields = (
        "sale_order_id",
        "date_wanted",
        "dedicated",
        "dedicated_workcenter_ids",
        "reason",
    )

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        required=True,
        index=True,
        domain="[('company_id', '=', company_id), ('state', 'in', ('draft', 'sent', 'sale'))]",
        tracking=True,
    )
    partner_id = fields.Many2one(related="sale_order_id.partner_id", string="Customer")
    customer_grade = fields.Selection(
        related="sale_order_id.partner_id.commercial_partner_id.customer_grade"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Text(required=True, tracking=True)
    date_wanted = fields.Date(
        string="Wanted By", required=True, tracking=True, help="When the customer wants it."
    )
    dedicated = fields.Boolean(
        string="Dedicated Line",
        tracking=True,
        help="Reserve work centers (a dedicated line or the sample group) for this order: "
        "the other orders do not use them while it is open. Allowed for the customer grades "
        "the company permits (Purchase settings, Material Planning).",
    )
    dedicated_workcenter_ids = fields.Many2many(
        "mrp.workcenter", string="Reserved Work Centers", tracking=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Waiting for Leadership"),
            ("applied", "Approved and Planned"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    # The what-if, frozen when computed.
    whatif_origin = fields.Datetime(string="What-if As Of", readonly=True, copy=False)
    whatif_digest = fields.Char(readonly=True, copy=False)
    whatif_finish = fields.Datetime(string="Rush Order Finishes", readonly=True, copy=False)
    whatif_meets = fields.Boolean(string="Wanted Date Met", readonly=True, copy=False)
    whatif_days_late = fields.Integer(string="Days After Wanted", readonly=True, copy=False)
    whatif_slipped_count = fields.Integer(string="Orders Delayed", readonly=True, copy=False)
    whatif_broken_count = fields.Integer(string="Promises Broken", readonly=True, copy=False)
    whatif_lateness_before = fields.Float(
        string="Weighted Lateness Before (h)", readonly=True, digits=(16, 1), copy=False
    )
    whatif_lateness_after = fields.Float(
        string="Weighted Lateness After (h)", readonly=True, digits=(16, 1), copy=False
    )
    rush_hours = fields.Float(
        string="Work of the Rush Order (h)", readonly=True, digits=(16, 1), copy=False
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    overtime_cost = fields.Monetary(
        string="Overtime Instead",
        readonly=True,
        copy=False,
        help="Making the rush order in overtime instead of moving other orders: its work "
        "center hours at their cost per hour, times the company's overtime rate.",
    )
    outsource_cost = fields.Monetary(
        string="Outsourcing Instead",
        readonly=True,
        copy=False,
        help="Buying the ordered products from their vendors instead of making them (0: no "
        "vendor sells them).",
    )
    impact_ids = fields.One2many(
        "mrp.rush.impact", "request_id", string="Orders Affected", readonly=True, copy=False
    )
    applied_run_id = fields.Many2one(
        "mrp.schedule.run", string="Schedule Applied", readonly=True, copy=False
    )

    # ------------------------------------------------------------------ rules

    @api.constrains("dedicated", "dedicated_workcenter_ids", "sale_order_id")
    def _check_dedicated(self):
        for request in self:
            if not request.dedicated:
                continue
            allowed = DEDICATED_GRADES.get(request.company_id.mrp_rush_dedicated_grades, ())
            if request.customer_grade not in allowed:
                raise ValidationError(
                    self.env._(
                        "A dedicated line is allowed for customers of grade %(grades)s only; "
                        "%(customer)s is not. Untick Dedicated Line, or change the company's "
                        "policy in the Purchase settings (Material Planning).",
                        grades=", ".join(g.upper() for g in allowed) or "-",
                        customer=request.partner_id.display_name,
                    )
                )
            if not request.dedicated_workcenter_ids:
                raise ValidationError(
                    self.env._("Choose the work centers reserved for the dedicated line.")
                )

    @api.constrains("date_wanted")
    def _check_date_wanted(self):
        for request in self.filtered(lambda r: r.state == "draft"):
            if request.date_wanted < fields.Date.context_today(request):
                raise ValidationError(
                    self.env._("The wanted date %(date)s is in the past.", date=request.date_wanted)
                )

    # ------------------------------------------------------------------ what-if

    def action_compute_whatif(self):
        for request in self:
            request._request_check_draft()
            request._compute_whatif()
        return True

    def _whatif(self, origin=None):
        """The schedule without and with this rush order, from one read of the factory (no
        write): ``(data, before, after, digest)``."""
        self.ensure_one()
        Run = self.env["mrp.schedule.run"]
        company = self.company_id
        # Planners read work orders and calendars; the clerk who files the request and the
        # leaders who decide it may not: the what-if reads them as the system, writes nothing.
        Run = Run.sudo().with_company(company)
        data = Run._schedule_read(company, origin=origin, exclude_rush=self)
        before = Run._schedule_compute(dict(data), 0.0)
        Run._schedule_apply_rush(data, self)
        after = Run._schedule_compute(data, 0.0)
        return data, before, after, self._whatif_digest(data)

    @api.model
    def _whatif_digest(self, data):
        """What the schedule is computed from (jobs, work orders, working time)."""
        payload = json.dumps(
            [
                sorted(
                    (j.id, j.due, j.weight, list(j.priority), j.release, j.backward)
                    for j in data["jobs"]
                ),
                sorted(
                    (
                        t.id,
                        t.job_id,
                        [list(o) for o in t.options],
                        list(t.predecessors),
                        t.release,
                        list(t.fixed) if t.fixed else None,
                    )
                    for t in data["tasks"]
                ),
                sorted(
                    (w.id, w.capacity, [list(i) for i in (w.intervals or ())])
                    for w in data["workcenters"]
                ),
            ],
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def _compute_whatif(self):
        self.ensure_one()
        data, before, after, digest = self._whatif()
        vals = self._prepare_whatif_vals(data, before, after)
        vals["whatif_digest"] = digest
        # The what-if's figures are the request's own, frozen here (engine fields).
        self.sudo().impact_ids.unlink()
        self.sudo().write(vals)

    def _prepare_whatif_vals(self, data, before, after):
        origin = data["origin"]
        tz = pytz.timezone(data.get("company_tz") or "UTC")
        rush_jobs = set(data.get("rush_jobs", ()))

        def local_day(minute):
            moment = origin + datetime.timedelta(minutes=minute)
            return pytz.utc.localize(moment).astimezone(tz).date()

        def ends(result):
            if result is None:
                return {}
            return {job.id: result.schedule.job_end(job.id) for job in data["jobs"]}

        end_before, end_after = ends(before), ends(after)
        rush_end = max(
            (end_after[j] for j in rush_jobs if end_after.get(j) is not None), default=None
        )
        finish = origin + datetime.timedelta(minutes=rush_end) if rush_end is not None else False
        days_late = (local_day(rush_end) - self.date_wanted).days if rush_end is not None else 0
        # Orders that slip, with the customers' promised dates they break.
        productions = {p.id: p for p in data["productions"]}
        lines_of = data["sale_lines"]
        all_lines = self.env["sale.order.line"].browse(
            sorted({line for lines in lines_of.values() for line in lines})
        )
        line_by_id = {line.id: line for line in all_lines}
        impacts = []
        for job_id, old in sorted(end_before.items(), key=lambda kv: kv[0]):
            new = end_after.get(job_id)
            if job_id in rush_jobs or job_id not in productions or old is None or new is None:
                continue
            if new <= old:
                continue
            production = productions[job_id]
            lines = [line_by_id[i] for i in sorted(lines_of.get(job_id, ()))]
            promised = min(
                (line.intake_promised_date for line in lines if line.intake_promised_date),
                default=False,
            )
            old_day, new_day = local_day(old), local_day(new)
            order = lines[0].order_id if lines else production.procurement_group_id.sale_id
            impacts.append(
                fields.Command.create(
                    {
                        "production_id": production.id,
                        "sale_order_id": order.id or False,
                        "sale_line_ids": [fields.Command.set([line.id for line in lines])],
                        "promised_date": promised,
                        "finish_before": origin + datetime.timedelta(minutes=old),
                        "finish_after": origin + datetime.timedelta(minutes=new),
                        "days_slipped": (new_day - old_day).days,
                        "hours_slipped": (new - old) / 60.0,
                        "breaks_promise": bool(promised and new_day > promised >= old_day),
                    }
                )
            )
        # Alternatives: the rush work in overtime, or bought from the products' vendors.
        centers = {wc.id: wc for wc in data["centers"]}
        rush_minutes, overtime = 0.0, 0.0
        rate = self.company_id.mrp_rush_overtime_rate or 1.0
        for task in data["tasks"]:
            if task.job_id in rush_jobs:
                wc_id, minutes = task.options[0][:2]
                rush_minutes += minutes
                overtime += minutes / 60.0 * centers[wc_id].costs_hour * rate
        outsource = 0.0
        for line in self.sale_order_id.order_line.filtered("product_id"):
            seller = line.product_id._select_seller(quantity=line.product_uom_qty)
            if seller:
                outsource += seller.currency_id._convert(
                    seller.price * line.product_uom_qty,
                    self.company_id.currency_id,
                    self.company_id,
                    fields.Date.context_today(self),
                )
        metrics_before = before.metrics.weighted_tardiness if before else 0.0
        metrics_after = after.metrics.weighted_tardiness if after else 0.0
        return {
            "whatif_origin": origin,
            "whatif_finish": finish,
            "whatif_meets": bool(finish) and days_late <= 0,
            "whatif_days_late": max(0, days_late),
            "whatif_slipped_count": len(impacts),
            "whatif_broken_count": sum(1 for cmd in impacts if cmd[2]["breaks_promise"]),
            "whatif_lateness_before": metrics_before / 60.0,
            "whatif_lateness_after": metrics_after / 60.0,
            "rush_hours": rush_minutes / 60.0,
            "overtime_cost": overtime,
            "outsource_cost": outsource,
            "impact_ids": impacts,
        }

    # ------------------------------------------------------------------ submission

    def action_submit(self):
        """Freeze the what-if and ask leadership; a quotation not reviewed yet goes to
        review as well (when a review policy selects it)."""
        for request in self:
            request._request_check_draft()
            order = request.sale_order_id
            if order.state not in ("draft", "sent", "sale"):
                raise UserError(
                    self.env._(
                        "%(order)s is %(state)s: only quotations and confirmed orders can be "
                        "rushed.",
                        order=order.name,
                        state=dict(order._fields["state"]._description_selection(self.env))[
                            order.state
                        ],
                    )
                )
            request._compute_whatif()
            if (
                order.state in ("draft", "sent")
                and not order.review_id
                and self.env["order.review.policy"]._policies_by_order(order).get(order)
            ):
                order.action_review_submit()
            request._request_submit()
        return True

    def _get_approval_content(self):
        self.ensure_one()
        return {
            "order": self.sale_order_id.id,
            "wanted": fields.Date.to_string(self.date_wanted),
            "dedicated": sorted(self.dedicated_workcenter_ids.ids) if self.dedicated else [],
            "reason": self.reason or "",
            "whatif": self.whatif_digest or "",
        }

    def _approval_summary(self):
        self.ensure_one()
        return self.env._(
            "Rush %(order)s for %(customer)s by %(wanted)s: finishes %(finish)s; "
            "%(slipped)s other orders delayed, %(broken)s promised dates broken.",
            order=self.sale_order_id.name,
            customer=self.partner_id.display_name,
            wanted=self.date_wanted,
            finish=self.whatif_finish or "-",
            slipped=self.whatif_slipped_count,
            broken=self.whatif_broken_count,
        )

    def _approval_on_approved(self):
        """Replan with the rush order first, exactly as the what-if showed; when the
        factory changed since, refresh the what-if and ask leadership again."""
        self.ensure_one()
        data, _before, after, digest = self._whatif(origin=self.whatif_origin)
        if digest != self.whatif_digest:
            old = {
                "finish": self.whatif_finish,
                "slipped": self.whatif_slipped_count,
                "broken": self.whatif_broken_count,
            }
            # The request's own figures (engine fields), refreshed for a new round.
            self.sudo().write({"state": "draft"})
            self._compute_whatif()
            self._approval_post(
                self.env._(
                    "The work orders changed since the what-if (finish was %(old_finish)s, "
                    "%(old_slipped)s orders delayed, %(old_broken)s promises broken; now "
                    "%(finish)s, %(slipped)s and %(broken)s). Nothing was replanned: "
                    "leadership confirms again.",
                    old_finish=old["finish"] or "-",
                    old_slipped=old["slipped"],
                    old_broken=old["broken"],
                    finish=self.whatif_finish or "-",
                    slipped=self.whatif_slipped_count,
                    broken=self.whatif_broken_count,
                )
            )
            # A new round for the same leaders, submitted in the requester's name (the leader
            # deciding now may not write the request).
            self.sudo()._approval_submit(mandatory=True, submitter=self.user_id)
            self.sudo().state = "submitted"
            return
        Run = self.env["mrp.schedule.run"].sudo().with_company(self.company_id)
        run = Run._schedule_record(data, after, trigger="rush", budget=0.0)
        # Approved by leadership: the request's state and the run it applied (engine fields).
        self.sudo().write({"state": "applied", "applied_run_id": run.id})
        self._notify_delayed()

    def _notify_delayed(self):
        """An activity for the owner of each delayed order, with its new finish."""
        for impact in self.impact_ids:
            order = impact.sale_order_id
            owner = order.user_id or impact.production_id.user_id
            if not owner:
                continue
            record = order or impact.production_id
            record.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=owner.id,
                summary=self.env._(
                    "Delayed by rush order %(order)s", order=self.sale_order_id.name
                ),
                note=self.env._(
                    "%(production)s now finishes %(new)s instead of %(old)s (%(days)s days "
                    "later). The date promised to the customer is unchanged until you confirm "
                    "a new one with them (rush request %(request)s).",
                    production=impact.production_id.name,
                    new=impact.finish_after,
                    old=impact.finish_before,
                    days=impact.days_slipped,
                    request=self.name,
                ),
            )
