# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, split_every

from ..services.delay_alerts import plan_run
from .mrp_delay_threshold import DELAY_STAGES

_logger = logging.getLogger(__name__)

DELAY_REASONS = [
    ("material_shortage", "Material Shortage"),
    ("machine_breakdown", "Machine Breakdown"),
    ("quality_rework", "Quality Rework"),
    ("customer_change", "Customer Change"),
    ("capacity", "Capacity"),
    ("other", "Other"),
]
ALERT_STATES = [("open", "Open"), ("explained", "Explained"), ("resolved", "Resolved")]
# What the responsible person writes on an alert; the rest is the cron's.
EXPLAIN_FIELDS = {"reason", "action_taken"}
# Planners and production managers may also hand the alert to someone else.
PLANNER_FIELDS = EXPLAIN_FIELDS | {"responsible_id"}
# Columns of the late-item queries, in order, besides res_model.
LATE_COLUMNS = (
    "res_id",
    "name",
    "sale_order_id",
    "partner_id",
    "product_id",
    "workcenter_id",
    "supplier_id",
    "production_id",
    "responsible_ids",
    "required_date",
    "expected_date",
)
UPDATE_BATCH = 5000


def _days(interval):
    return round(interval.total_seconds() / 86400.0, 2)


class MrpDelayAlert(models.Model):
    """A late item: one document late (or going to be) at one stage of an order, raised
    once by the daily cron; its responsible person says why and what is done about it."""

    _name = "mrp.delay.alert"
    _description = "Late Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, days_late desc, id desc"

    name = fields.Char(string="Document", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    stage = fields.Selection(DELAY_STAGES, required=True, readonly=True, index=True)
    state = fields.Selection(
        ALERT_STATES, required=True, default="open", readonly=True, tracking=True, index=True
    )
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, readonly=True
    )
    sale_order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    workcenter_id = fields.Many2one("mrp.workcenter", string="Work Center", readonly=True)
    supplier_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order", readonly=True)
    responsible_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True)
    responsible_ids = fields.Many2many(
        "res.users",
        "mrp_delay_alert_responsible_rel",
        "alert_id",
        "user_id",
        string="Responsible People",
        readonly=True,
        help="Everyone who may act on the document (e.g. the approvers of a level); each had "
        "an activity when the item was raised.",
    )
    required_date = fields.Datetime(
        string="Required", readonly=True, help="The date the document is held to."
    )
    expected_date = fields.Datetime(
        string="Expected", readonly=True, help="When it is now expected, as of the last run."
    )
    days_late = fields.Float(
        readonly=True, digits=(16, 1), aggregator="avg", help="As of the last run of the cron."
    )
    date_raised = fields.Datetime(string="Raised On", readonly=True, index=True)
    date_explained = fields.Datetime(string="Explained On", readonly=True)
    date_resolved = fields.Datetime(string="Resolved On", readonly=True)
    reason = fields.Selection(DELAY_REASONS, tracking=True)
    action_taken = fields.Text(string="Action", tracking=True)
    customer_informed_on = fields.Datetime(
        string="Customer Informed On", readonly=True, tracking=True
    )

    _sql_constraints = [
        (
            "document_stage_uniq",
            "unique(company_id, stage, res_model, res_id)",
            "A late document is raised once per stage.",
        ),
    ]

    @api.constrains("state", "reason", "action_taken")
    def _check_explained(self):
        for alert in self:
            if alert.state == "explained" and not (alert.reason and alert.action_taken):
                raise ValidationError(
                    self.env._(
                        "Late item %(name)s: give the reason of the delay and the action taken "
                        "before it counts as explained.",
                        name=alert.name,
                    )
                )

    # ------------------------------------------------------------------ user side

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
            raise UserError(
                self.env._("Late items are raised by the delay alert cron, not by hand.")
            )
        return super().create(vals_list)

    def _user_writable_fields(self):
        user = self.env.user
        if user.has_group("order_intake.group_order_planner") or user.has_group(
            "mrp.group_mrp_manager"
        ):
            return PLANNER_FIELDS
        return EXPLAIN_FIELDS

    def write(self, vals):
        if not self.env.su:
            allowed = self._user_writable_fields()
            refused = {
                name
                for name in vals
                if name not in allowed and not name.startswith(("message_", "activity_"))
            }
            if refused:
                labels = ", ".join(sorted(self._fields[name].string for name in refused))
                raise UserError(
                    self.env._(
                        "These fields of a late item come from the delay alert cron: "
                        "%(fields)s. Give the reason and the action only.",
                        fields=labels,
                    )
                )
        res = super().write(vals)
        if EXPLAIN_FIELDS & set(vals):
            explained = self.filtered(lambda a: a.state == "open" and a.reason and a.action_taken)
            if explained:
                # The reason and the action given: the item is explained (the user's right
                # to write them was checked above and by the record rules).
                super(MrpDelayAlert, explained.sudo()).write(
                    {"state": "explained", "date_explained": fields.Datetime.now()}
                )
                # what the To-Do asked for is done (the user may write these items)
                explained.activity_ids.action_feedback(
                    feedback=self.env._("Reason and action given.")
                )
        return res

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_inform_customer(self):
        """Open the mail to the customer with the new date, on the sales order, in the
        customer's language. The promised date itself is not changed."""
        self.ensure_one()
        order = self.sale_order_id
        if not order:
            raise UserError(
                self.env._("Late item %(name)s concerns no sales order.", name=self.name)
            )
        if not order.has_access("write"):
            raise UserError(
                self.env._(
                    "You may not write to the customer of %(order)s: its salesperson "
                    "(%(user)s) informs them from this late item.",
                    order=order.name,
                    user=order.user_id.name or "-",
                )
            )
        new_date = fields.Datetime.context_timestamp(
            self, self.expected_date or fields.Datetime.now()
        ).date()
        template = self.env.ref("mrp_planning.mail_template_delay_inform_customer")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inform the Customer"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "sale.order",
                "default_res_ids": order.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
                "mrp_delay_alert_id": self.id,
                "mrp_delay_new_date": fields.Date.to_string(new_date),
            },
        }

    def _mark_customer_informed(self):
        self.check_access("read")
        # Written for whoever sent the mail from the sales order (they may write the order,
        # checked by the mail composer); the date is the alert's own record of it.
        self.sudo().write({"customer_informed_on": fields.Datetime.now()})

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_raise_delay_alerts(self):
        """Raise what is late in every company with delay alerts on."""
        companies = self.env["res.company"].sudo().search([("mrp_delay_alerts", "=", True)])
        for company in companies:
            self.sudo().with_company(company)._raise_delay_alerts(company)

    def _raise_delay_alerts(self, company, now=None):
        """One run for ``company``: a query per active stage, one read of the alerts already
        raised, then the new alerts created (with their activities), the open ones brought
        up to date and the ones no longer late resolved, each in one batch."""
        now = now or fields.Datetime.now()
        # the queries below read the tables: pending changes first
        self.env.flush_all()
        thresholds = self.env["mrp.delay.threshold"].search(
            [("company_id", "=", company.id), ("active", "=", True)]
        )
        late_rows = []
        stages = set()
        for threshold in thresholds:
            query = getattr(self, f"_late_query_{threshold.stage}")(
                company, now, threshold.tolerance_days, threshold.lookahead
            )
            self.env.cr.execute(query)
            for record in self.env.cr.fetchall():
                row = dict(zip(("res_model", *LATE_COLUMNS), record, strict=True))
                row["stage"] = threshold.stage
                row["days_late"] = _days(row["expected_date"] - row["required_date"])
                late_rows.append(row)
            stages.add(threshold.stage)
        self.env.cr.execute(
            SQL(
                "SELECT stage, res_model, res_id, id, state FROM mrp_delay_alert"
                " WHERE company_id = %s",
                company.id,
            )
        )
        existing = {(s, m, r): (i, st) for s, m, r, i, st in self.env.cr.fetchall()}
        plan = plan_run(late_rows, existing, stages)
        alerts = self._create_alerts(company, plan.create, now)
        self._update_alerts(plan.update, now)
        self._resolve_alerts(plan.resolve, now)
        _logger.info(
            "Delay alerts of %s: %d raised, %d still late, %d resolved",
            company.name,
            len(alerts),
            len(plan.update),
            len(plan.resolve),
        )
        return alerts

    def _create_alerts(self, company, rows, now):
        if not rows:
            return self.browse()
        vals_list = []
        for row in rows:
            users = [uid for uid in dict.fromkeys(row["responsible_ids"] or ()) if uid]
            vals_list.append(
                {
                    "company_id": company.id,
                    "stage": row["stage"],
                    "res_model": row["res_model"],
                    "res_id": row["res_id"],
                    "name": row["name"] or "/",
                    "sale_order_id": row["sale_order_id"],
                    "partner_id": row["partner_id"],
                    "product_id": row["product_id"],
                    "workcenter_id": row["workcenter_id"],
                    "supplier_id": row["supplier_id"],
                    "production_id": row["production_id"],
                    "responsible_id": users[0] if users else False,
                    "responsible_ids": [Command.set(users)],
                    "required_date": row["required_date"],
                    "expected_date": row["expected_date"],
                    "days_late": row["days_late"],
                    "date_raised": now,
                }
            )
        # No chatter message nor follower per alert: the activity below tells the person.
        alerts = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        ).create(vals_list)
        self._create_activities(alerts, now)
        return alerts

    def _create_activities(self, alerts, now):
        """One To-Do per alert and responsible person, created together; the summary in the
        person's language."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        labels = {}
        vals_list = []
        for alert in alerts:
            for user in alert.responsible_ids:
                lang = user.lang or "en_US"
                if lang not in labels:
                    env = self.with_context(lang=lang).env
                    labels[lang] = (
                        env,
                        dict(self._fields["stage"]._description_selection(env)),
                    )
                env, stages = labels[lang]
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": alert.id,
                        "activity_type_id": todo.id,
                        "user_id": user.id,
                        # today for the person (their time zone), when the run happened
                        "date_deadline": fields.Date.context_today(
                            self.with_context(tz=user.tz or "UTC"), timestamp=now
                        ),
                        "summary": env._(
                            "Late: %(stage)s of %(document)s",
                            stage=stages[alert.stage],
                            document=alert.name,
                        ),
                        "note": env._(
                            "%(days).1f days late. Give the reason and the action taken.",
                            days=alert.days_late,
                        ),
                    }
                )
        # The activities show in each person's activity menu; no mail per activity (the
        # cron stays a constant number of queries however many items are late).
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)

    def _update_alerts(self, updates, now):
        for batch in split_every(UPDATE_BATCH, updates):
            values = SQL(", ").join(
                SQL("(%s, %s::float8, %s::timestamp)", alert_id, days, expected)
                for alert_id, days, expected in batch
            )
            self.env.cr.execute(
                SQL(
                    "UPDATE mrp_delay_alert AS a SET days_late = v.days, "
                    "expected_date = v.expected, write_date = %s, write_uid = %s "
                    "FROM (VALUES %s) AS v(id, days, expected) WHERE a.id = v.id",
                    now,
                    self.env.uid,
                    values,
                )
            )
        if updates:
            self.invalidate_model(["days_late", "expected_date", "write_date", "write_uid"])

    def _resolve_alerts(self, alert_ids, now):
        if not alert_ids:
            return
        alerts = self.browse(alert_ids)
        alerts.with_context(tracking_disable=True).write(
            {"state": "resolved", "date_resolved": now}
        )
        # Nothing left to do on them: their open activities go.
        self.env["mail.activity"].search(
            [("res_model", "=", self._name), ("res_id", "in", alert_ids)]
        ).unlink()

    # ------------------------------------------------------------------ late items per stage

    @api.model
    def _late_query_material(self, company, now, tolerance, lookahead):
        """Components of open manufacturing orders not reserved, whose product's first
        open receipt arrives after the order is planned to start."""
        return SQL(
            """
            WITH receipt AS (
                SELECT DISTINCT ON (r.product_id)
                       r.product_id, r.date, pk.partner_id, po.user_id
                  FROM stock_move r
                  JOIN stock_picking_type t ON t.id = r.picking_type_id AND t.code = 'incoming'
             LEFT JOIN stock_picking pk ON pk.id = r.picking_id
             LEFT JOIN purchase_order_line pol ON pol.id = r.purchase_line_id
             LEFT JOIN purchase_order po ON po.id = pol.order_id
                 WHERE r.company_id = %(company)s
                   AND r.state NOT IN ('draft', 'done', 'cancel')
              ORDER BY r.product_id, r.date, r.id
            )
            SELECT 'stock.move', m.id, p.name, g.sale_id, so.partner_id, m.product_id,
                   NULL::int, rc.partner_id, p.id, ARRAY[COALESCE(rc.user_id, p.user_id)],
                   p.date_start, rc.date
              FROM stock_move m
              JOIN mrp_production p ON p.id = m.raw_material_production_id
              JOIN receipt rc ON rc.product_id = m.product_id
         LEFT JOIN procurement_group g ON g.id = p.procurement_group_id
         LEFT JOIN sale_order so ON so.id = g.sale_id
             WHERE p.company_id = %(company)s
               AND p.state IN ('confirmed', 'progress')
               AND m.state NOT IN ('draft', 'done', 'cancel', 'assigned')
               AND p.date_start IS NOT NULL
               AND rc.date > p.date_start + %(tolerance)s::float8 * INTERVAL '1 day'
            """,
            company=company.id,
            tolerance=tolerance,
        )

    @api.model
    def _late_query_production_start(self, company, now, tolerance, lookahead):
        """Work orders not started whose planned start is past."""
        return SQL(
            """
            SELECT 'mrp.workorder', w.id, p.name || ' - ' || w.name, g.sale_id, so.partner_id,
                   p.product_id, w.workcenter_id, NULL::int, p.id, ARRAY[p.user_id],
                   w.date_start, %(now)s::timestamp
              FROM mrp_workorder w
              JOIN mrp_production p ON p.id = w.production_id
         LEFT JOIN procurement_group g ON g.id = p.procurement_group_id
         LEFT JOIN sale_order so ON so.id = g.sale_id
             WHERE p.company_id = %(company)s
               AND p.state IN ('confirmed', 'progress')
               AND w.state IN ('pending', 'waiting', 'ready')
               AND w.date_start + %(tolerance)s::float8 * INTERVAL '1 day' < %(now)s
            """,
            company=company.id,
            tolerance=tolerance,
            now=now,
        )

    @api.model
    def _late_query_production_finish(self, company, now, tolerance, lookahead):
        """Work orders not done whose planned finish is past; looking ahead, also
        manufacturing orders planned to finish after their deadline."""
        orders = SQL(
            """
            UNION ALL
            SELECT 'mrp.production', p.id, p.name, g.sale_id, so.partner_id, p.product_id,
                   NULL::int, NULL::int, p.id, ARRAY[p.user_id],
                   p.date_deadline, GREATEST(p.date_finished, %(now)s::timestamp)
              FROM mrp_production p
         LEFT JOIN procurement_group g ON g.id = p.procurement_group_id
         LEFT JOIN sale_order so ON so.id = g.sale_id
             WHERE p.company_id = %(company)s
               AND p.state IN ('confirmed', 'progress', 'to_close')
               AND p.date_deadline IS NOT NULL
               AND GREATEST(p.date_finished, %(now)s::timestamp)
                   > p.date_deadline + %(tolerance)s::float8 * INTERVAL '1 day'
            """,
            company=company.id,
            tolerance=tolerance,
            now=now,
        )
        return SQL(
            """
            SELECT 'mrp.workorder', w.id, p.name || ' - ' || w.name, g.sale_id, so.partner_id,
                   p.product_id, w.workcenter_id, NULL::int, p.id, ARRAY[p.user_id],
                   w.date_finished, %(now)s::timestamp
              FROM mrp_workorder w
              JOIN mrp_production p ON p.id = w.production_id
         LEFT JOIN procurement_group g ON g.id = p.procurement_group_id
         LEFT JOIN sale_order so ON so.id = g.sale_id
             WHERE p.company_id = %(company)s
               AND p.state IN ('confirmed', 'progress', 'to_close')
               AND w.state NOT IN ('done', 'cancel')
               AND w.date_finished + %(tolerance)s::float8 * INTERVAL '1 day' < %(now)s
            %(orders)s
            """,
            company=company.id,
            tolerance=tolerance,
            now=now,
            orders=orders if lookahead else SQL(),
        )

    @api.model
    def _late_query_shipping(self, company, now, tolerance, lookahead):
        """Deliveries of sales orders not done after the date promised to the customer;
        looking ahead, also those scheduled after it."""
        expected = (
            SQL("GREATEST(pk.scheduled_date, %s::timestamp)", now)
            if lookahead
            else SQL("%s::timestamp", now)
        )
        return SQL(
            """
            SELECT 'stock.picking', pk.id, pk.name, so.id, so.partner_id, NULL::int,
                   NULL::int, NULL::int, NULL::int, ARRAY[so.user_id],
                   COALESCE(pk.date_deadline, so.commitment_date),
                   GREATEST(pk.scheduled_date, %(now)s::timestamp)
              FROM stock_picking pk
              JOIN stock_picking_type t ON t.id = pk.picking_type_id AND t.code = 'outgoing'
              JOIN sale_order so ON so.id = pk.sale_id
             WHERE pk.company_id = %(company)s
               AND pk.state NOT IN ('draft', 'done', 'cancel')
               AND COALESCE(pk.date_deadline, so.commitment_date) IS NOT NULL
               AND %(expected)s > COALESCE(pk.date_deadline, so.commitment_date)
                                  + %(tolerance)s::float8 * INTERVAL '1 day'
            """,
            company=company.id,
            tolerance=tolerance,
            now=now,
            expected=expected,
        )

    @api.model
    def _late_query_review(self, company, now, tolerance, lookahead):
        """Reviews waiting for department verdicts longer than the tolerance; the
        reviewers of the pending verdicts are responsible (else who submitted it). A review
        waiting for leadership is an approval."""
        return SQL(
            """
            SELECT 'order.review', rv.id, rv.name, rv.order_id, rv.partner_id, NULL::int,
                   NULL::int, NULL::int, NULL::int,
                   COALESCE(
                       NULLIF(ARRAY(
                           SELECT DISTINCT rel.user_id
                             FROM order_review_verdict v
                             JOIN order_review_verdict_reviewer_rel rel
                               ON rel.verdict_id = v.id
                            WHERE v.review_id = rv.id AND v.verdict = 'pending'
                         ORDER BY rel.user_id
                       ), '{}'),
                       ARRAY[rv.submitted_by_id]
                   ),
                   rv.submitted_on + %(tolerance)s::float8 * INTERVAL '1 day',
                   %(now)s::timestamp
              FROM order_review rv
             WHERE rv.company_id = %(company)s
               AND rv.state = 'in_review'
               AND rv.submitted_on + %(tolerance)s::float8 * INTERVAL '1 day' < %(now)s
            """,
            company=company.id,
            tolerance=tolerance,
            now=now,
        )

    @api.model
    def _late_query_approval(self, company, now, tolerance, lookahead):
        """Approval levels to decide whose round was submitted longer ago than the
        tolerance; their approvers are responsible."""
        return SQL(
            """
            SELECT 'order.approval.step', s.id,
                   COALESCE(r.res_name, '') || ' - ' || COALESCE(s.name, ''),
                   COALESCE(so.id, rvso.id), COALESCE(so.partner_id, rvso.partner_id),
                   NULL::int, NULL::int, po.partner_id, NULL::int,
                   ARRAY(
                       SELECT rel.user_id FROM order_approval_step_approver_rel rel
                        WHERE rel.step_id = s.id ORDER BY rel.user_id
                   ),
                   r.submitted_on + %(tolerance)s::float8 * INTERVAL '1 day',
                   %(now)s::timestamp
              FROM order_approval_step s
              JOIN order_approval_request r ON r.id = s.request_id
         LEFT JOIN sale_order so ON r.res_model = 'sale.order' AND so.id = r.res_id
         LEFT JOIN order_review rv ON r.res_model = 'order.review' AND rv.id = r.res_id
         LEFT JOIN sale_order rvso ON rvso.id = rv.order_id
         LEFT JOIN purchase_order po ON r.res_model = 'purchase.order' AND po.id = r.res_id
             WHERE r.company_id = %(company)s
               AND r.state = 'pending'
               AND s.state = 'pending'
               AND r.submitted_on + %(tolerance)s::float8 * INTERVAL '1 day' < %(now)s
            """,
            company=company.id,
            tolerance=tolerance,
            now=now,
        )
