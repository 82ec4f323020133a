# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services import supplier_score

FIGURE_FIELDS = [
    "receipts",
    "receipts_on_time",
    "received_qty",
    "returned_qty",
    "lead_days",
    "promised_days",
    "paid",
    "paid_at_average",
]


class MrpSupplierScore(models.Model):
    """A vendor's score over the company's window, overall (no category) and per product
    category, with the figures behind each part. Recomputed as a whole from the history."""

    _name = "mrp.supplier.score"
    _description = "Supplier Score"
    _order = "score desc, partner_id, categ_id"

    partner_id = fields.Many2one(
        "res.partner", string="Vendor", required=True, index=True, readonly=True
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        readonly=True,
        help="Empty: all its products.",
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    date_from = fields.Date(readonly=True)
    date_to = fields.Date(readonly=True)
    receipts = fields.Integer(readonly=True)
    receipts_on_time = fields.Integer(string="Receipts on Time", readonly=True)
    received_qty = fields.Float(string="Received", readonly=True)
    returned_qty = fields.Float(string="Returned", readonly=True)
    lead_days = fields.Float(string="Lead Time Achieved (days)", readonly=True, digits=(16, 1))
    promised_days = fields.Float(string="Lead Time Promised (days)", readonly=True, digits=(16, 1))
    paid = fields.Monetary(string="Paid", readonly=True, currency_field="currency_id")
    paid_at_average = fields.Monetary(
        string="At Average Prices",
        readonly=True,
        currency_field="currency_id",
        help="The same quantities at the average price the company paid all vendors.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_index = fields.Float(
        readonly=True, digits=(16, 3), help="1.000: the average price; above: dearer."
    )
    score_price = fields.Float(string="Price", readonly=True, digits=(16, 1))
    score_on_time = fields.Float(string="On Time", readonly=True, digits=(16, 1))
    score_quality = fields.Float(string="Quality", readonly=True, digits=(16, 1))
    score_lead_time = fields.Float(string="Lead Time", readonly=True, digits=(16, 1))
    score = fields.Float(readonly=True, digits=(16, 1), aggregator="avg")

    @api.model
    def action_update_scores(self):
        if not (self.env.su or self.env.user.has_group("order_intake.group_order_planner")):
            raise UserError(self.env._("Only planners (PMC) update the supplier scores."))
        self._update_scores(self.env.company)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_supplier_score"
        )
        return action

    @api.model
    def _cron_update_scores(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            self._update_scores(company)

    @api.model
    def _update_scores(self, company):
        """Replace the company's scores by ones computed from its history, in a fixed number
        of queries whatever the number of vendors."""
        self.env.flush_all()
        date_to = fields.Date.context_today(self)
        date_from = date_to - timedelta(days=company.mrp_score_window_days or 365)
        figures = self._read_figures(company, date_from, date_to)
        weights = supplier_score.Weights(
            price=company.mrp_score_weight_price,
            on_time=company.mrp_score_weight_on_time,
            quality=company.mrp_score_weight_quality,
            lead_time=company.mrp_score_weight_lead_time,
        )
        vals_list = []
        for (partner_id, categ_id), figure in figures.items():
            result = supplier_score.score(figure, weights)
            vals = {name: getattr(figure, name) or 0.0 for name in FIGURE_FIELDS}
            vals.update(
                partner_id=partner_id,
                categ_id=categ_id,
                company_id=company.id,
                date_from=date_from,
                date_to=date_to,
                price_index=result.price_index or 0.0,
                score_price=result.price or 0.0,
                score_on_time=result.on_time or 0.0,
                score_quality=result.quality or 0.0,
                score_lead_time=result.lead_time or 0.0,
                score=result.total or 0.0,
            )
            vals_list.append(vals)
        # The scores are the planners' figures, not a document: replaced as a whole. The
        # caller checked the planner's right; everyone else only reads them.
        self.sudo().search([("company_id", "=", company.id)]).unlink()
        return self.sudo().create(vals_list)

    @api.model
    def _read_figures(self, company, date_from, date_to):
        cr = self.env.cr
        result = defaultdict(supplier_score.Figures)
        # Receipts of the window, by vendor and category, with the overall row (categ NULL).
        cr.execute(
            SQL(
                """
                SELECT po.partner_id, pt.categ_id,
                       COUNT(*),
                       COUNT(*) FILTER (
                           WHERE m.date < date_trunc(
                                 'day', COALESCE(m.date_deadline, pol.date_planned)
                             ) + interval '1 day'),
                       SUM(m.product_qty),
                       AVG(EXTRACT(EPOCH FROM m.date - po.date_approve) / 86400.0),
                       AVG(EXTRACT(EPOCH FROM pol.date_planned - po.date_approve) / 86400.0)
                  FROM stock_move m
                  JOIN purchase_order_line pol ON pol.id = m.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN stock_location ls ON ls.id = m.location_id
                 WHERE m.state = 'done' AND ls.usage = 'supplier' AND po.company_id = %s
                   AND m.date >= %s AND m.date < %s::date + 1
                 GROUP BY GROUPING SETS ((po.partner_id, pt.categ_id), (po.partner_id))
                """,
                company.id,
                date_from,
                date_to,
            )
        )
        for partner_id, categ_id, count, on_time, qty, lead, promised in cr.fetchall():
            figure = result[(partner_id, categ_id)]
            figure.receipts, figure.receipts_on_time, figure.received_qty = (
                count,
                on_time,
                qty or 0.0,
            )
            figure.lead_days, figure.promised_days = lead, promised
        # What went back to the vendor from those receipts.
        cr.execute(
            SQL(
                """
                SELECT po.partner_id, pt.categ_id, SUM(r.product_qty)
                  FROM stock_move r
                  JOIN stock_move m ON m.id = r.origin_returned_move_id
                  JOIN purchase_order_line pol ON pol.id = m.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN product_product pp ON pp.id = m.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN stock_location ld ON ld.id = r.location_dest_id
                 WHERE r.state = 'done' AND ld.usage = 'supplier' AND po.company_id = %s
                   AND m.date >= %s AND m.date < %s::date + 1
                 GROUP BY GROUPING SETS ((po.partner_id, pt.categ_id), (po.partner_id))
                """,
                company.id,
                date_from,
                date_to,
            )
        )
        for partner_id, categ_id, qty in cr.fetchall():
            result[(partner_id, categ_id)].returned_qty = qty or 0.0
        # Prices in company currency against the average paid for the same product.
        cr.execute(
            SQL(
                """
                WITH lines AS (
                    SELECT po.partner_id, pt.categ_id, pol.product_id, pol.product_uom_qty AS qty,
                           pol.price_subtotal / NULLIF(po.currency_rate, 0) AS amount
                      FROM purchase_order_line pol
                      JOIN purchase_order po ON po.id = pol.order_id
                      JOIN product_product pp ON pp.id = pol.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE po.state IN ('purchase', 'done') AND po.company_id = %s
                       AND po.date_approve >= %s AND po.date_approve < %s::date + 1
                       AND pol.product_uom_qty > 0 AND pol.display_type IS NULL
                ), average AS (
                    SELECT product_id, SUM(amount) / SUM(qty) AS unit FROM lines GROUP BY product_id
                )
                SELECT l.partner_id, l.categ_id, SUM(l.amount), SUM(l.qty * a.unit)
                  FROM lines l JOIN average a ON a.product_id = l.product_id
                 GROUP BY GROUPING SETS ((l.partner_id, l.categ_id), (l.partner_id))
                """,
                company.id,
                date_from,
                date_to,
            )
        )
        for partner_id, categ_id, paid, at_average in cr.fetchall():
            figure = result[(partner_id, categ_id)]
            figure.paid, figure.paid_at_average = paid or 0.0, at_average or 0.0
        return {key: figure for key, figure in result.items() if figure.receipts or figure.paid}

    @api.model
    def _get_scores(self, company, partner_ids):
        """``{(partner_id, categ_id or False): score}`` of these vendors, in one read."""
        rows = self.search_read(
            [("company_id", "=", company.id), ("partner_id", "in", list(partner_ids))],
            ["partner_id", "categ_id", "score"],
        )
        return {
            (row["partner_id"][0], row["categ_id"] and row["categ_id"][0]): row["score"]
            for row in rows
        }
