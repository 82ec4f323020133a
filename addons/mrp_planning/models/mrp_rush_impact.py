# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MrpRushImpact(models.Model):
    """An order the rush order delays, as its what-if showed: its finish before and after
    the insertion, and the date promised to its customer. The promised date changes only
    when someone confirms the new date with the customer."""

    _name = "mrp.rush.impact"
    _description = "Order Delayed by a Rush Order"
    _order = "breaks_promise desc, days_slipped desc, id"

    request_id = fields.Many2one(
        "mrp.rush.request", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    request_state = fields.Selection(related="request_id.state", string="Request Status")
    production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", required=True, readonly=True
    )
    sale_order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    partner_id = fields.Many2one(related="sale_order_id.partner_id", string="Customer", store=True)
    salesperson_id = fields.Many2one(related="sale_order_id.user_id", string="Salesperson")
    sale_line_ids = fields.Many2many("sale.order.line", string="Order Lines", readonly=True)
    promised_date = fields.Date(string="Promised", readonly=True)
    finish_before = fields.Datetime(string="Finish Before", readonly=True)
    finish_after = fields.Datetime(string="Finish After", readonly=True)
    days_slipped = fields.Integer(string="Days Later", readonly=True)
    hours_slipped = fields.Float(string="Hours Later", readonly=True, digits=(16, 1))
    breaks_promise = fields.Boolean(
        string="Breaks the Promise", readonly=True, help="It now finishes after the promised day."
    )
    customer_confirmed_date = fields.Date(
        string="New Date Agreed", readonly=True, help="The new date the customer agreed to."
    )
    customer_confirmed_by_id = fields.Many2one("res.users", string="Agreed By", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("The orders a rush order delays come from its what-if."))
        return super().create(vals_list)

    def action_confirm_new_date(self):
        """The customer agreed to the new date: it becomes the promised date of the lines."""
        for impact in self:
            if impact.request_id.state != "applied":
                raise UserError(
                    self.env._(
                        "The rush order of %(request)s is not approved: its delays have not "
                        "happened.",
                        request=impact.request_id.name,
                    )
                )
            if impact.customer_confirmed_date:
                raise UserError(
                    self.env._(
                        "%(user)s already recorded the customer's agreement on %(date)s.",
                        user=impact.customer_confirmed_by_id.name,
                        date=impact.customer_confirmed_date,
                    )
                )
            lines = impact.sale_line_ids
            lines.check_access("write")
            order = lines.order_id[:1]
            if order and order._change_lock_applies():
                raise UserError(
                    self.env._(
                        "%(order)s is confirmed and locked: its promised date changes through "
                        "a change notice. Create one from the order (Change Notice) with the "
                        "date the customer agreed to.",
                        order=order.name,
                    )
                )
            new_date = fields.Datetime.context_timestamp(impact, impact.finish_after).date()
            lines.write({"intake_promised_date": new_date})
            # Recorded by the salesperson who may write the order (checked above).
            impact.sudo().write(
                {
                    "customer_confirmed_date": new_date,
                    "customer_confirmed_by_id": self.env.user.id,
                }
            )
            if impact.sale_order_id:
                impact.sale_order_id.message_post(
                    body=self.env._(
                        "The customer agreed to %(date)s after rush order %(order)s "
                        "(%(request)s): promised date moved from %(old)s.",
                        date=new_date,
                        order=impact.request_id.sale_order_id.name,
                        request=impact.request_id.name,
                        old=impact.promised_date or "-",
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True
