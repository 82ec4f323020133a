# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class OrderArchiveKpi(models.Model):
    """Order-cycle KPIs, one row per confirmed sales order: on-time delivery, order-to-cash,
    review and approval lead times, change notices; by customer, product category (of the
    order's main line, its largest untaxed amount) and month. A SQL view: each figure is
    aggregated set-based, once per query."""

    _name = "order.archive.kpi"
    _description = "Order-cycle KPIs"
    _auto = False
    _order = "date_order desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    date_order = fields.Date(string="Confirmed On", readonly=True)
    date_promised = fields.Date(string="Promised Date", readonly=True)
    date_delivered = fields.Date(string="Delivered On", readonly=True)
    date_paid = fields.Date(string="Paid On", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    delivered_count = fields.Integer(string="Delivered Orders", readonly=True)
    on_time_count = fields.Integer(string="Delivered On Time", readonly=True)
    on_time_rate = fields.Float(
        string="On-time Delivery (%)",
        readonly=True,
        aggregator="avg",
        help="Of the orders fully delivered with a promised date, the share delivered on or "
        "before it.",
    )
    order_to_cash_days = fields.Float(
        string="Order to Cash (days)",
        readonly=True,
        aggregator="avg",
        help="From the confirmation to the payment of the last of its invoices, for orders "
        "whose invoices are all paid.",
    )
    review_days = fields.Float(string="Review Lead Time (days)", readonly=True, aggregator="avg")
    approval_days = fields.Float(
        string="Approval Lead Time (days)", readonly=True, aggregator="avg"
    )
    change_notice_count = fields.Integer(string="Change Notices", readonly=True)
    change_notices_per_order = fields.Float(
        string="Change Notices per Order",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="The signed change notices of the orders grouped, per order.",
    )

    def _query(self):
        return SQL(
            """
            WITH main_line AS (
                SELECT DISTINCT ON (sol.order_id) sol.order_id, pt.categ_id
                  FROM sale_order_line sol
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE sol.display_type IS NULL
                 ORDER BY sol.order_id, sol.price_subtotal DESC, sol.id
            ), promised AS (
                SELECT order_id, max(intake_promised_date) AS promised
                  FROM sale_order_line
                 WHERE intake_promised_date IS NOT NULL
                 GROUP BY order_id
            ), delivery AS (
                SELECT p.sale_id AS order_id,
                       max(p.date_done) FILTER (WHERE p.state = 'done') AS delivered,
                       bool_and(p.state IN ('done', 'cancel')) AS finished,
                       bool_or(p.state = 'done') AS any_done
                  FROM stock_picking p
                  JOIN stock_picking_type t ON t.id = p.picking_type_id AND t.code = 'outgoing'
                 WHERE p.sale_id IS NOT NULL
                 GROUP BY p.sale_id
            ), order_invoice AS (
                SELECT DISTINCT sol.order_id, aml.move_id
                  FROM sale_order_line_invoice_rel rel
                  JOIN sale_order_line sol ON sol.id = rel.order_line_id
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
            ), paid_on AS (
                SELECT aml.move_id, max(apr.max_date) AS paid
                  FROM account_partial_reconcile apr
                  JOIN account_move_line aml ON aml.id = apr.debit_move_id
                 WHERE aml.display_type = 'payment_term'
                 GROUP BY aml.move_id
            ), cash AS (
                SELECT oi.order_id,
                       bool_and(am.payment_state IN ('paid', 'in_payment')) AS all_paid,
                       max(paid_on.paid) AS paid
                  FROM order_invoice oi
                  JOIN account_move am ON am.id = oi.move_id
                       AND am.move_type = 'out_invoice' AND am.state = 'posted'
                  LEFT JOIN paid_on ON paid_on.move_id = am.id
                 GROUP BY oi.order_id
            ), review AS (
                SELECT order_id, avg(lead_days) AS days
                  FROM order_review
                 WHERE done_on IS NOT NULL
                 GROUP BY order_id
            ), approval AS (
                SELECT res_id AS order_id, avg(lead_days) AS days
                  FROM order_approval_request
                 WHERE res_model = 'sale.order' AND done_on IS NOT NULL
                 GROUP BY res_id
            ), notice AS (
                SELECT order_id, count(*) AS notices
                  FROM order_change_notice
                 WHERE state != 'cancel'
                 GROUP BY order_id
            )
            SELECT so.id AS id, so.id AS order_id, so.partner_id, so.user_id, so.company_id,
                   main_line.categ_id,
                   so.date_order::date AS date_order,
                   COALESCE(so.commitment_date::date, promised.promised) AS date_promised,
                   CASE WHEN delivery.finished AND delivery.any_done
                        THEN delivery.delivered::date END AS date_delivered,
                   CASE WHEN cash.all_paid THEN cash.paid END AS date_paid,
                   1 AS order_count,
                   CASE WHEN delivery.finished AND delivery.any_done THEN 1 ELSE 0 END
                       AS delivered_count,
                   CASE WHEN delivery.finished AND delivery.any_done
                         AND delivery.delivered::date
                             <= COALESCE(so.commitment_date::date, promised.promised)
                        THEN 1 ELSE 0 END AS on_time_count,
                   CASE WHEN delivery.finished AND delivery.any_done
                         AND COALESCE(so.commitment_date::date, promised.promised) IS NOT NULL
                        THEN CASE WHEN delivery.delivered::date
                                       <= COALESCE(so.commitment_date::date, promised.promised)
                                  THEN 100.0 ELSE 0.0 END
                   END AS on_time_rate,
                   CASE WHEN cash.all_paid AND cash.paid IS NOT NULL
                        THEN cash.paid - so.date_order::date END AS order_to_cash_days,
                   review.days AS review_days,
                   approval.days AS approval_days,
                   COALESCE(notice.notices, 0) AS change_notice_count,
                   COALESCE(notice.notices, 0)::float AS change_notices_per_order
              FROM sale_order so
              LEFT JOIN main_line ON main_line.order_id = so.id
              LEFT JOIN promised ON promised.order_id = so.id
              LEFT JOIN delivery ON delivery.order_id = so.id
              LEFT JOIN cash ON cash.order_id = so.id
              LEFT JOIN review ON review.order_id = so.id
              LEFT JOIN approval ON approval.order_id = so.id
              LEFT JOIN notice ON notice.order_id = so.id
             WHERE so.state = 'sale'
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
