# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

TILES = [
    ("bills_to_check", "Bills to Check"),
    ("uninvoiced", "Delivered, Not Invoiced"),
    ("unbilled", "Received, Not Billed"),
    ("on_time", "On-time Delivery"),
    ("order_to_cash", "Order to Cash"),
]
# The list Bills to Check (action_order_archive_bills_to_check) shows the same bills.
BILLS_TO_CHECK = [
    ("move_type", "=", "in_invoice"),
    ("state", "!=", "cancel"),
    ("oa_match_status", "in", ("qty_over_received", "price_over_tolerance", "no_po")),
]
ACTIONS = {
    "bills_to_check": "order_archive.action_order_archive_bills_to_check",
    "uninvoiced": "order_archive.action_order_archive_delivered_not_invoiced",
    "unbilled": "order_archive.action_order_archive_received_not_billed",
    "on_time": "order_archive.action_order_archive_kpi",
    "order_to_cash": "order_archive.action_order_archive_kpi",
}


class OrderArchiveDashboard(models.Model):
    """The accountants' and managers' dashboard: a tile per control, its figures read for
    the user's companies (what the user may read) when the dashboard opens, each opening
    its list. The tiles are data; their figures are computed, never stored."""

    _name = "order.archive.dashboard"
    _description = "Order Control Tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(TILES, required=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_figures", string="Currency")
    count = fields.Integer(compute="_compute_figures", string="Documents")
    amount = fields.Monetary(compute="_compute_figures")
    rate = fields.Float(compute="_compute_figures", digits=(16, 1))
    available = fields.Boolean(
        compute="_compute_figures", help="Whether the user may read what the tile counts."
    )

    _sql_constraints = [("kind_unique", "unique(kind)", "One tile per control.")]

    @api.depends_context("allowed_company_ids", "uid")
    def _compute_figures(self):
        figures = {}
        kinds = set(self.mapped("kind"))
        Move = self.env["account.move"]
        Uninvoiced = self.env["order.archive.uninvoiced"]
        Kpi = self.env["order.archive.kpi"]
        if "bills_to_check" in kinds and Move.has_access("read"):
            figures["bills_to_check"] = (Move.search_count(BILLS_TO_CHECK), 0.0, 0.0)
        currency = self.env.company.currency_id
        if kinds & {"uninvoiced", "unbilled"} and Uninvoiced.has_access("read"):
            totals = Uninvoiced._totals()
            for kind, tile in (("sale", "uninvoiced"), ("purchase", "unbilled")):
                orders, amount = totals[kind]
                figures[tile] = (orders, amount, 0.0)
        if kinds & {"on_time", "order_to_cash"} and Kpi.has_access("read"):
            ((delivered, on_time, orders),) = Kpi._read_group(
                [], [], ["delivered_count:sum", "on_time_count:sum", "order_count:sum"]
            )
            ((days,),) = Kpi._read_group(
                [("date_paid", "!=", False)], [], ["order_to_cash_days:avg"]
            )
            figures["on_time"] = (
                delivered or 0,
                0.0,
                100.0 * on_time / delivered if delivered else 0.0,
            )
            figures["order_to_cash"] = (orders or 0, 0.0, days or 0.0)
        for tile in self:
            count, amount, rate = figures.get(tile.kind, (0, 0.0, 0.0))
            tile.available = tile.kind in figures
            tile.count = count
            tile.amount = amount
            tile.rate = rate
            tile.currency_id = currency

    def action_open(self):
        self.ensure_one()
        return self.env["ir.actions.act_window"]._for_xml_id(ACTIONS[self.kind])
