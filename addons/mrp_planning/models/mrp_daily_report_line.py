# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class MrpDailyReportLine(models.Model):
    """One work center's figures of the day, with the previous day's beside them."""

    _name = "mrp.daily.report.line"
    _description = "Daily Production Report Line"
    _order = "report_id, workcenter_sequence, workcenter_id"

    report_id = fields.Many2one(
        "mrp.daily.report", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    date = fields.Date(related="report_id.date", store=True)
    workcenter_id = fields.Many2one("mrp.workcenter", required=True, readonly=True)
    workcenter_sequence = fields.Integer(related="workcenter_id.sequence", store=True)
    planned_qty = fields.Float(string="Planned Qty", digits="Product Unit of Measure")
    planned_hours = fields.Float(string="Planned Hours", digits=(16, 2))
    done_qty = fields.Float(string="Done Qty", digits="Product Unit of Measure")
    done_hours = fields.Float(string="Hours Worked", digits=(16, 2))
    scrap_qty = fields.Float(string="Scrap", digits="Product Unit of Measure")
    efficiency = fields.Float(
        string="Efficiency (%)",
        digits=(16, 1),
        aggregator="avg",
        help="Expected hours of the quantity done against the hours worked.",
    )
    late_started_count = fields.Integer(
        string="Started Late",
        help="Work orders started after their planned start on the day, or planned to start "
        "on the day and not started by its end.",
    )
    unfinished_count = fields.Integer(
        string="Not Finished", help="Work orders planned to finish on the day and not done."
    )
    reasons = fields.Text(help="Notes of the output records and delay reasons of the day.")
    prev_planned_qty = fields.Float(
        string="Previous Day: Planned Qty", digits="Product Unit of Measure"
    )
    prev_planned_hours = fields.Float(string="Previous Day: Planned Hours", digits=(16, 2))
    prev_done_qty = fields.Float(string="Previous Day: Done Qty", digits="Product Unit of Measure")
    prev_done_hours = fields.Float(string="Previous Day: Hours Worked", digits=(16, 2))
    prev_scrap_qty = fields.Float(string="Previous Day: Scrap", digits="Product Unit of Measure")
    prev_efficiency = fields.Float(
        string="Previous Day: Efficiency (%)", digits=(16, 1), aggregator="avg"
    )
    prev_late_started_count = fields.Integer(string="Previous Day: Started Late")
    prev_unfinished_count = fields.Integer(string="Previous Day: Not Finished")
