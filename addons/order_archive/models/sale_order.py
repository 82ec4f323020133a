# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oa_hold_name = fields.Char(
        string="Legal Hold",
        compute="_compute_oa_hold_name",
        help="The active legal hold covering this order: nothing of it may be deleted, purged "
        "or anonymised until it is released.",
    )
    oa_audit_count = fields.Integer(
        string="Audit Entries",
        compute="_compute_oa_audit_count",
        groups="order_intake.group_order_archive_manager,order_intake.group_order_auditor",
    )

    def _compute_oa_hold_name(self):
        Hold = self.env["order.archive.hold"]
        held = Hold._oa_held_rows("sale.order", self.ids)
        # sudo: every user of the order sees that it is held (its reference only, not why)
        names = {hold.id: hold.name for hold in Hold.sudo().browse({h for h, __ in held.values()})}
        for order in self:
            order.oa_hold_name = names.get(held.get(order.id, (None,))[0], False)

    def _compute_oa_audit_count(self):
        counts = dict(
            self.env["order.archive.audit.log"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for order in self:
            order.oa_audit_count = counts.get(order.id, 0)

    @api.model
    def _oa_filter_not_held(self, orders):
        """The orders of ``orders`` that no active legal hold covers: the only ones an archive
        run may purge or anonymise."""
        return orders - self.env["order.archive.hold"]._get_held_sale_orders(orders)

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
