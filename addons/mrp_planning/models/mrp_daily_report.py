# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services import daily_report

_logger = logging.getLogger(__name__)

# Who receives the morning mail of a company's daily report.
MAIL_GROUPS = ("order_intake.group_order_planner", "mrp.group_mrp_manager")


class MrpDailyReport(models.Model):
    """The daily production report (日报) of a company: per work center, what was planned
    and what was done on the day, with the previous day's figures beside them, for the
    morning meeting. Its figures are stored when it is made and when it is refreshed."""

    _name = "mrp.daily.report"
    _description = "Daily Production Report"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "date"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date = fields.Date(string="Day", required=True, readonly=True, tracking=True)
    date_previous = fields.Date(string="Previous Day", compute="_compute_date_previous", store=True)
    tz = fields.Char(
        string="Time Zone",
        readonly=True,
        help="The day is the company's day in this time zone (its working calendar's).",
    )
    date_from = fields.Datetime(string="From", readonly=True)
    date_to = fields.Datetime(string="To", readonly=True)
    computed_on = fields.Datetime(string="Figures Of", readonly=True)
    computed_by = fields.Many2one("res.users", string="Computed By", readonly=True)
    line_ids = fields.One2many("mrp.daily.report.line", "report_id", string="Work Centers")
    total_planned_qty = fields.Float(compute="_compute_totals", string="Planned Qty")
    total_done_qty = fields.Float(compute="_compute_totals", string="Done Qty")
    total_planned_hours = fields.Float(compute="_compute_totals", string="Planned Hours")
    total_done_hours = fields.Float(compute="_compute_totals", string="Hours Worked")
    total_scrap_qty = fields.Float(compute="_compute_totals", string="Scrap")
    total_late_started_count = fields.Integer(compute="_compute_totals", string="Started Late")
    total_unfinished_count = fields.Integer(compute="_compute_totals", string="Not Finished")

    _sql_constraints = [
        (
            "company_date_uniq",
            "unique(company_id, date)",
            "A company has one daily report per day: open it and refresh it.",
        )
    ]

    @api.depends("date")
    def _compute_date_previous(self):
        for report in self:
            report.date_previous = report.date and report.date - timedelta(days=1)

    @api.depends("line_ids")
    def _compute_totals(self):
        for report in self:
            lines = report.line_ids
            report.total_planned_qty = sum(lines.mapped("planned_qty"))
            report.total_done_qty = sum(lines.mapped("done_qty"))
            report.total_planned_hours = sum(lines.mapped("planned_hours"))
            report.total_done_hours = sum(lines.mapped("done_hours"))
            report.total_scrap_qty = sum(lines.mapped("scrap_qty"))
            report.total_late_started_count = sum(lines.mapped("late_started_count"))
            report.total_unfinished_count = sum(lines.mapped("unfinished_count"))

    @api.depends("date", "company_id")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "Daily Production Report %(day)s", day=fields.Date.to_string(report.date) or ""
            )

    # ------------------------------------------------------------------------------------
    # The company's day

    @api.model
    def _company_tz(self, company):
        """The time zone of the company's day: its working calendar's, else the user's."""
        return company.resource_calendar_id.tz or self.env.user.tz or "UTC"

    @api.model
    def _company_today(self, company):
        return daily_report.local_day(fields.Datetime.now(), self._company_tz(company))

    # ------------------------------------------------------------------------------------
    # Making and refreshing

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        for report in reports:
            if report.date > self._company_today(report.company_id):
                raise UserError(
                    self.env._(
                        "The daily report of %(day)s cannot be made yet: choose today or a "
                        "past day.",
                        day=fields.Date.to_string(report.date),
                    )
                )
        reports._refresh_figures()
        return reports

    def action_refresh(self):
        self.check_access("write")
        self._refresh_figures()
        return True

    def action_print(self):
        return self.env.ref("mrp_planning.action_report_daily_production").report_action(self)

    @api.model
    def _get_or_create(self, company, day):
        report = self.search([("company_id", "=", company.id), ("date", "=", day)], limit=1)
        return report or self.create({"company_id": company.id, "date": day})

    def _refresh_figures(self):
        """Recompute the lines of each report: a fixed number of reads for both days, the
        figures worked out in services/daily_report.py, the lines written in one create."""
        Line = self.env["mrp.daily.report.line"]
        vals_list = []
        for report in self:
            tz = self._company_tz(report.company_id)
            previous = daily_report.day_bounds(report.date - timedelta(days=1), tz)
            current = daily_report.day_bounds(report.date, tz)
            figures = self._daily_figures(report.company_id, [previous, current])
            workcenters = self.env["mrp.workcenter"].search(
                [("company_id", "in", (report.company_id.id, False))]
            )
            ids = set(figures) | set(workcenters.ids)
            empty = [daily_report.Figures(), daily_report.Figures()]
            for workcenter_id in sorted(ids):
                prev, day = figures.get(workcenter_id, empty)
                vals_list.append(
                    {
                        "report_id": report.id,
                        "workcenter_id": workcenter_id,
                        "planned_qty": day.planned_qty,
                        "planned_hours": day.planned_hours,
                        "done_qty": day.done_qty,
                        "done_hours": day.done_hours,
                        "scrap_qty": day.scrap_qty,
                        "efficiency": day.efficiency,
                        "late_started_count": day.late_started_count,
                        "unfinished_count": day.unfinished_count,
                        "reasons": "\n".join(day.reasons) or False,
                        "prev_planned_qty": prev.planned_qty,
                        "prev_planned_hours": prev.planned_hours,
                        "prev_done_qty": prev.done_qty,
                        "prev_done_hours": prev.done_hours,
                        "prev_scrap_qty": prev.scrap_qty,
                        "prev_efficiency": prev.efficiency,
                        "prev_late_started_count": prev.late_started_count,
                        "prev_unfinished_count": prev.unfinished_count,
                    }
                )
            report.write(
                {
                    "tz": tz,
                    "date_from": current[0],
                    "date_to": current[1],
                    "computed_on": fields.Datetime.now(),
                    "computed_by": self.env.uid,
                }
            )
        self.line_ids.unlink()
        Line.create(vals_list)
        return True

    @api.model
    def _daily_figures(self, company, days):
        """``{workcenter_id: [Figures of each day]}`` of ``company`` for ``days`` (consecutive
        ``(start, end)`` UTC bounds), read in a fixed number of queries whatever the number
        of work orders, and worked out in plain Python."""
        for model in ("mrp.workorder", "mrp.workcenter.productivity", "mrp.workorder.output"):
            self.env[model].flush_model()
        self.env["stock.scrap"].flush_model(["workorder_id", "date_done", "scrap_qty", "state"])
        self.env["mrp.production"].flush_model(["company_id", "product_qty", "name"])
        start, end = days[0][0], days[-1][1]
        now = fields.Datetime.now()
        cr = self.env.cr
        # 1. The work orders planned, started, logged or reported in the period.
        cr.execute(
            SQL(
                """
                WITH candidate AS (
                    SELECT wo.id FROM mrp_workorder wo
                     WHERE (wo.date_finished >= %(start)s AND wo.date_finished < %(end)s)
                        OR (wo.date_start >= %(start)s AND wo.date_start < %(end)s)
                    UNION
                    SELECT p.workorder_id FROM mrp_workcenter_productivity p
                     WHERE p.workorder_id IS NOT NULL
                       AND p.date_start >= %(start)s AND p.date_start < %(end)s
                    UNION
                    SELECT o.workorder_id FROM mrp_workorder_output o
                     WHERE o.date >= %(start)s AND o.date < %(end)s
                )
                SELECT wo.id, wo.workcenter_id, wo.state, wo.date_start, wo.date_finished,
                       mp.product_qty, COALESCE(wo.duration_expected, 0) / 60.0,
                       COALESCE(wo.qty_produced, 0),
                       LEAST(
                           (SELECT MIN(p.date_start) FROM mrp_workcenter_productivity p
                             WHERE p.workorder_id = wo.id),
                           (SELECT MIN(o.date - COALESCE(o.hours, 0) * INTERVAL '1 hour')
                              FROM mrp_workorder_output o WHERE o.workorder_id = wo.id)
                       ),
                       EXISTS (SELECT 1 FROM mrp_workorder_output o WHERE o.workorder_id = wo.id)
                  FROM candidate c
                  JOIN mrp_workorder wo ON wo.id = c.id
                  JOIN mrp_production mp ON mp.id = wo.production_id
                 WHERE mp.company_id = %(company)s AND wo.state != 'cancel'
                """,
                start=start,
                end=end,
                company=company.id,
            )
        )
        workorders = [daily_report.WorkOrder(*row) for row in cr.fetchall()]
        # 2. The working time logged in the period (open logs run until now).
        cr.execute(
            SQL(
                """
                SELECT p.workcenter_id, p.date_start, COALESCE(p.date_end, %(now)s)
                  FROM mrp_workcenter_productivity p
                  JOIN mrp_workcenter_productivity_loss l ON l.id = p.loss_id
                 WHERE p.company_id = %(company)s
                   AND l.loss_type IN ('productive', 'performance')
                   AND p.date_start < %(end)s AND COALESCE(p.date_end, %(now)s) > %(start)s
                """,
                start=start,
                end=end,
                now=now,
                company=company.id,
            )
        )
        time_logs = [daily_report.TimeLog(*row) for row in cr.fetchall()]
        # 3. The output recorded in the period.
        cr.execute(
            SQL(
                """
                SELECT o.workcenter_id, o.date, COALESCE(o.quantity, 0),
                       COALESCE(o.scrap_qty, 0),
                       CASE WHEN mp.product_qty > 0
                            THEN COALESCE(wo.duration_expected, 0) / 60.0 / mp.product_qty
                            ELSE 0 END,
                       CASE WHEN o.note IS NOT NULL AND o.note != ''
                            THEN mp.name || ' ' || wo.name || ': ' || o.note END
                  FROM mrp_workorder_output o
                  JOIN mrp_workorder wo ON wo.id = o.workorder_id
                  JOIN mrp_production mp ON mp.id = wo.production_id
                 WHERE o.company_id = %(company)s AND o.date >= %(start)s AND o.date < %(end)s
                 ORDER BY o.date, o.id
                """,
                start=start,
                end=end,
                company=company.id,
            )
        )
        outputs = [daily_report.Output(*row) for row in cr.fetchall()]
        # 4. Odoo's scrap orders of work orders in the period.
        cr.execute(
            SQL(
                """
                SELECT wo.workcenter_id, s.date_done, s.scrap_qty
                  FROM stock_scrap s
                  JOIN mrp_workorder wo ON wo.id = s.workorder_id
                 WHERE s.company_id = %(company)s AND s.state = 'done'
                   AND s.date_done >= %(start)s AND s.date_done < %(end)s
                """,
                start=start,
                end=end,
                company=company.id,
            )
        )
        scraps = [daily_report.Scrap(*row) for row in cr.fetchall()]
        reasons = self._delay_reasons(company, start, end)
        return daily_report.compute(
            days,
            workorders=workorders,
            time_logs=time_logs,
            outputs=outputs,
            scraps=scraps,
            reasons=reasons,
        )

    @api.model
    def _delay_reasons(self, company, start, end):
        """The reasons given on the late items of the work centers raised in the period
        (delay alerts), with the action taken."""
        # Read as the system: the report's readers read the reasons through the report,
        # whatever their rights on the late items (the report's own access is checked first).
        alerts = (
            self.env["mrp.delay.alert"]
            .sudo()
            .search_fetch(
                [
                    ("company_id", "=", company.id),
                    ("workcenter_id", "!=", False),
                    ("reason", "!=", False),
                    ("date_raised", ">=", start),
                    ("date_raised", "<", end),
                ],
                ["workcenter_id", "reason", "action_taken", "date_raised"],
            )
        )
        labels = dict(
            self.env["mrp.delay.alert"]._fields["reason"]._description_selection(self.env)
        )
        return [
            daily_report.Reason(
                alert.workcenter_id.id,
                fields.Datetime.to_datetime(alert.date_raised),
                ": ".join(filter(None, (labels[alert.reason], alert.action_taken))),
            )
            for alert in alerts
        ]

    # ------------------------------------------------------------------------------------
    # The morning mail

    @api.model
    def _cron_mail_daily_reports(self):
        """Each morning: yesterday's report of each company that asks for it, made (or
        refreshed) and mailed with its PDF to its planners and production managers."""
        template = self.env.ref("mrp_planning.mail_template_daily_report")
        companies = self.env["res.company"].search([("mrp_daily_report_mail", "=", True)])
        for company in companies:
            Report = self.with_company(company)
            day = Report._company_today(company) - timedelta(days=1)
            report = Report.search([("company_id", "=", company.id), ("date", "=", day)])
            if report:
                report._refresh_figures()
            else:
                report = Report.create({"company_id": company.id, "date": day})
            partners = report._mail_recipients()
            if not partners:
                _logger.info("Daily report of %s: nobody to mail it to", company.name)
                continue
            report.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )
        return True

    def _mail_recipients(self):
        """The partners of the company's planners and production managers."""
        self.ensure_one()
        groups = self.env["res.groups"]
        for xmlid in MAIL_GROUPS:
            groups |= self.env.ref(xmlid)
        users = groups.users.filtered(
            lambda user: self.company_id in user.company_ids and not user.share
        )
        return users.partner_id
