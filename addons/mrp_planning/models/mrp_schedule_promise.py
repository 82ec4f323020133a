# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MrpSchedulePromise(models.Model):
    """The promise check of a schedule: for each sales order line made in the factory, the
    planned finish of the manufacturing orders serving it against the date promised to the
    customer, in days of the company's time zone."""

    _name = "mrp.schedule.promise"
    _description = "Promise Check"
    _order = "days_late desc, promised_date, id"

    run_id = fields.Many2one(
        "mrp.schedule.run", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, readonly=True, index=True
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", string="Sales Order", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="sale_line_id.order_id.partner_id", string="Customer", store=True
    )
    salesperson_id = fields.Many2one(
        related="sale_line_id.order_id.user_id", string="Salesperson", store=True
    )
    product_id = fields.Many2one(related="sale_line_id.product_id", store=True)
    production_ids = fields.Many2many(
        "mrp.production", string="Manufacturing Orders", readonly=True
    )
    promised_date = fields.Date(string="Promised", readonly=True)
    planned_finish = fields.Datetime(string="Planned Finish", readonly=True)
    finish_date = fields.Date(string="Finish Day", readonly=True)
    days_late = fields.Integer(string="Days Late", readonly=True, aggregator="max")
    late = fields.Boolean(compute="_compute_late", store=True)

    @api.depends("days_late")
    def _compute_late(self):
        for promise in self:
            promise.late = promise.days_late > 0
