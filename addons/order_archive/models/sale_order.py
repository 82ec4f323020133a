# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _oa_filter_not_held(self, orders):
        """The orders of ``orders`` that no legal hold covers: those that may be purged or
        anonymised. (The legal hold wires itself here.)"""
        return orders

    @api.model
    def _oa_due_orders(self, company, days, order_ids=None):
        """{order id: closing date} of the company's closed orders not archived yet whose
        closing is at least ``days`` days before today (the company user's today).

        Closed: its close-out is closed (closing = the close-out date); otherwise confirmed,
        fully invoiced and with no delivery left open (closing = its last done delivery or
        posted invoice, whichever is later). Cancelled orders are not archived."""
        cutoff = fields.Date.subtract(fields.Date.context_today(self), days=days)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id, date_closed FROM (
                    SELECT so.id,
                           COALESCE(co.date_closed, GREATEST(
                               (SELECT max(p.date_done)::date FROM stock_picking p
                                 WHERE p.sale_id = so.id AND p.state = 'done'),
                               (SELECT max(m.invoice_date)
                                  FROM sale_order_line sol
                                  JOIN sale_order_line_invoice_rel rel
                                    ON rel.order_line_id = sol.id
                                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                                  JOIN account_move m ON m.id = aml.move_id
                                 WHERE sol.order_id = so.id AND m.state = 'posted')
                           )) AS date_closed
                      FROM sale_order so
                      LEFT JOIN mrp_order_closeout co
                        ON co.sale_order_id = so.id AND co.state = 'closed'
                     WHERE so.company_id = %(company)s
                       AND so.state = 'sale'
                       AND %(ids_filter)s
                       AND (co.id IS NOT NULL OR (
                            so.invoice_status = 'invoiced'
                            AND NOT EXISTS (SELECT 1 FROM stock_picking p
                                             WHERE p.sale_id = so.id
                                               AND p.state NOT IN ('done', 'cancel'))))
                       AND NOT EXISTS (SELECT 1 FROM order_archive_snapshot s
                                        WHERE s.sale_order_id = so.id)
                ) closed
                WHERE date_closed IS NOT NULL AND date_closed <= %(cutoff)s
                ORDER BY date_closed, id
                """,
                company=company.id,
                ids_filter=SQL("so.id IN %s", tuple(order_ids)) if order_ids else SQL("TRUE"),
                cutoff=cutoff,
            )
        )
        return dict(self.env.cr.fetchall())
