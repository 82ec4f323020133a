# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    production_notice_ids = fields.One2many(
        "mrp.production.notice", "sale_order_id", string="Production Notices"
    )
    production_notice_count = fields.Integer(compute="_compute_production_notice_count")
    rush_request_ids = fields.One2many("mrp.rush.request", "sale_order_id", string="Rush Requests")
    rush = fields.Boolean(
        compute="_compute_rush",
        help="An approved rush request makes this order first in the schedule.",
    )

    def _compute_rush(self):
        # Whether leadership approved a rush of the order is part of the order, for whoever
        # reads it (salespeople, portal customers) without the rights on the requests.
        applied = (
            self.env["mrp.rush.request"]
            .sudo()
            .search([("sale_order_id", "in", self.ids), ("state", "=", "applied")])
        )
        for order in self:
            order.rush = order in applied.sale_order_id

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        alert_id = self.env.context.get("mrp_delay_alert_id")
        if (
            alert_id
            and kwargs.get("message_type", "notification") == "comment"
            and self.partner_id.id in (kwargs.get("partner_ids") or [])
        ):
            # Sent to the customer from a late item's "Inform the Customer": the item
            # records when (a note or a mail to others is no information of the customer).
            alert = self.env["mrp.delay.alert"].browse(alert_id).exists()
            if alert.sale_order_id == self:
                alert._mark_customer_informed()
        return message

    def action_rush_request_new(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mrp.rush.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_sale_order_id": self.id},
        }

    schedule_finish = fields.Datetime(
        string="Planned Finish",
        compute="_compute_schedule_promise",
        help="When the last schedule of the work centers finishes making this order.",
    )
    schedule_days_late = fields.Integer(
        string="Days Late (Schedule)",
        compute="_compute_schedule_promise",
        help="Days the last schedule finishes after the date promised to the customer.",
    )

    def _compute_schedule_promise(self):
        """From the company's last schedule: its promise check rows of these orders."""
        # The order's planned finish is part of the order, for whoever reads it (salespeople
        # without the planners' rights on the schedules).
        last_run = {}
        for company in self.company_id:
            run = (
                self.env["mrp.schedule.run"]
                .sudo()
                .search([("company_id", "=", company.id)], order="id desc", limit=1)
            )
            if run:
                last_run[company.id] = run.id
        promises = (
            self.env["mrp.schedule.promise"]
            .sudo()
            .search_read(
                [("run_id", "in", list(last_run.values())), ("sale_order_id", "in", self.ids)],
                ["sale_order_id", "planned_finish", "days_late"],
            )
        )
        finish, late = {}, {}
        for row in promises:
            order_id = row["sale_order_id"][0]
            finish[order_id] = max(
                finish.get(order_id, row["planned_finish"]), row["planned_finish"]
            )
            late[order_id] = max(late.get(order_id, 0), row["days_late"])
        for order in self:
            order.schedule_finish = finish.get(order.id, False)
            order.schedule_days_late = late.get(order.id, 0)

    def _compute_production_notice_count(self):
        counts = dict(
            self.env["mrp.production.notice"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.production_notice_count = counts.get(order, 0)

    def action_create_production_notice(self):
        """A draft production notice for the order's lines that no notice covers yet."""
        self.ensure_one()
        notice = self.env["mrp.production.notice"].create(
            self.env["mrp.production.notice"]._prepare_from_order(self)
        )
        return notice._get_form_action()

    def action_production_notice_wizard(self):
        """Choose the lines of a new production notice (all those not on one yet, by
        default)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Production Notice"),
            "res_model": "mrp.production.notice.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_sale_order_id": self.id},
        }

    def action_view_production_notices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_production_notice"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"default_sale_order_id": self.id}
        if self.production_notice_count == 1:
            action.update(
                res_id=self.production_notice_ids.id, view_mode="form", views=[(False, "form")]
            )
        return action

    closeout_ids = fields.One2many("mrp.order.closeout", "sale_order_id", string="Close-outs")
    closeout_state = fields.Selection(
        [("draft", "Close-out in Progress"), ("closed", "Closed Out")],
        compute="_compute_closeout_state",
        string="Close-out",
    )

    def _compute_closeout_state(self):
        # Whether the order is closed out is part of the order, for whoever reads it
        # (salespeople without the rights on close-outs).
        states = dict(
            self.env["mrp.order.closeout"]
            .sudo()
            ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["state:max"])
        )
        for order in self:
            order.closeout_state = states.get(order, False)

    def _action_confirm(self):
        result = super()._action_confirm()
        self.order_line._closeout_fix_planned_cost()
        return result

    def action_closeout(self):
        """Open the order's close-out (started with its figures when there is none)."""
        closeouts = self.env["mrp.order.closeout"]._open_for_orders(self)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_order_closeout"
        )
        if len(closeouts) == 1:
            action.update({"res_id": closeouts.id, "view_mode": "form", "views": [(False, "form")]})
        else:
            action["domain"] = [("id", "in", closeouts.ids)]
        return action

    def action_unlock(self):
        closed = self.filtered(lambda o: o.closeout_state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Order %(order)s is closed out: a manager reopens its close-out first, "
                    "then it can be unlocked.",
                    order=closed[0].name,
                )
            )
        return super().action_unlock()
