# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class MrpScheduleLoad(models.Model):
    """The load of a work center on one local day, as a schedule left it: a row of capacity
    (its working hours times the work orders it runs at once) and a row per work order
    placed that day (its working hours that day). Summed by work center and day, the two
    columns set load against capacity, with the orders behind the load."""

    _name = "mrp.schedule.load"
    _description = "Work Center Load"
    _order = "date, workcenter_id, id"
    _log_access = False

    run_id = fields.Many2one(
        "mrp.schedule.run", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    workcenter_id = fields.Many2one(
        "mrp.workcenter", string="Work Center", required=True, readonly=True, index=True
    )
    date = fields.Date(string="Day", required=True, readonly=True, index=True)
    workorder_id = fields.Many2one("mrp.workorder", string="Work Order", readonly=True)
    production_id = fields.Many2one("mrp.production", string="Manufacturing Order", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    partner_id = fields.Many2one(related="sale_order_id.partner_id", string="Customer", store=True)
    load_hours = fields.Float(string="Load (h)", readonly=True, digits=(16, 2))
    capacity_hours = fields.Float(string="Capacity (h)", readonly=True, digits=(16, 2))
    overload = fields.Boolean(
        compute="_compute_overload",
        search="_search_overload",
        help="The work center's load that day is above its capacity.",
    )

    def _compute_overload(self):
        totals = self._day_totals(self.run_id.ids)
        for row in self:
            load, capacity = totals.get((row.run_id.id, row.workcenter_id.id, row.date), (0, 0))
            row.overload = load > capacity + 1e-6

    @api.model
    def _day_totals(self, run_ids):
        self.env.cr.execute(
            SQL(
                """
                SELECT run_id, workcenter_id, date, SUM(load_hours), SUM(capacity_hours)
                  FROM mrp_schedule_load WHERE run_id = ANY(%s)
                 GROUP BY run_id, workcenter_id, date
                """,
                list(run_ids),
            )
        )
        return {(r, w, d): (load, cap) for r, w, d, load, cap in self.env.cr.fetchall()}

    def _search_overload(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Search overloaded days with = or !=."))
        self.env.cr.execute(
            SQL(
                """
                SELECT l.id FROM mrp_schedule_load l
                  JOIN (SELECT run_id, workcenter_id, date FROM mrp_schedule_load
                         GROUP BY run_id, workcenter_id, date
                        HAVING SUM(load_hours) > SUM(capacity_hours) + 0.000001) o
                    ON o.run_id = l.run_id AND o.workcenter_id = l.workcenter_id
                   AND o.date = l.date
                """
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        wanted = (operator == "=") == value
        return [("id", "in" if wanted else "not in", ids)]

    @api.model
    def _insert_rows(self, run, rows):
        """Rows ``(workcenter, day, workorder, production, sale order, load, capacity)`` of
        ``run``, in one statement."""
        if not rows:
            return
        columns = list(zip(*rows, strict=True))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mrp_schedule_load
                       (run_id, company_id, workcenter_id, date, workorder_id, production_id,
                        sale_order_id, partner_id, load_hours, capacity_hours)
                SELECT %s, %s, v.wc, v.day, v.wo, v.mo, v.so, so.partner_id, v.load, v.cap
                  FROM unnest(%s::int[], %s::date[], %s::int[], %s::int[], %s::int[],
                              %s::float8[], %s::float8[])
                       AS v(wc, day, wo, mo, so, load, cap)
                  LEFT JOIN sale_order so ON so.id = v.so
                """,
                run.id,
                run.company_id.id,
                *[list(column) for column in columns],
            )
        )
        self.invalidate_model()
