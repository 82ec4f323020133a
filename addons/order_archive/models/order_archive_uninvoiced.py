# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class OrderArchiveUninvoiced(models.Model):
    """Missed invoicing: sales lines delivered but not invoiced, and purchase lines received
    but not billed by the vendor, with their amount (company currency) and age."""

    _name = "order.archive.uninvoiced"
    _description = "Delivered Not Invoiced / Received Not Billed"
    _auto = False
    _order = "date_done, id"
    _rec_name = "order_ref"

    kind = fields.Selection(
        [("sale", "Delivered Not Invoiced"), ("purchase", "Received Not Billed")],
        readonly=True,
    )
    order_ref = fields.Char(string="Order", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    purchase_order_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson / Buyer", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    qty = fields.Float(
        string="Quantity Not Invoiced", digits="Product Unit of Measure", readonly=True
    )
    qty_draft = fields.Float(
        string="In Draft Invoices",
        digits="Product Unit of Measure",
        readonly=True,
        help="Quantity on draft invoices (or bills) of the line: not posted, so not counted as "
        "invoiced.",
    )
    amount = fields.Monetary(string="Amount Not Invoiced", readonly=True)
    date_done = fields.Date(string="Delivered / Received On", readonly=True)
    age_days = fields.Integer(
        string="Age (days)", compute="_compute_age_days", help="Days since the delivery."
    )

    @api.depends("date_done")
    def _compute_age_days(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.age_days = (today - line.date_done).days if line.date_done else 0

    def _query(self):
        """Invoiced means posted: a draft invoice or bill is not sent, and its quantity is
        shown beside (``qty_draft``), not deducted. Quantities of invoice lines are brought
        to the order line's unit of measure, credit notes and refunds deducted."""
        return SQL(
            """
            WITH invoiced AS (
                SELECT rel.order_line_id AS line_id,
                       SUM(CASE WHEN am.state = 'posted' THEN qty.signed END) AS posted,
                       SUM(CASE WHEN am.state = 'draft' THEN qty.signed END) AS draft
                  FROM sale_order_line_invoice_rel rel
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                  JOIN account_move am ON am.id = aml.move_id
                  JOIN sale_order_line sol ON sol.id = rel.order_line_id
                  LEFT JOIN uom_uom line_uom ON line_uom.id = aml.product_uom_id
                  LEFT JOIN uom_uom order_uom ON order_uom.id = sol.product_uom
                 CROSS JOIN LATERAL (
                    SELECT CASE WHEN am.move_type = 'out_refund' THEN -1 ELSE 1 END
                           * aml.quantity
                           * COALESCE(order_uom.factor / NULLIF(line_uom.factor, 0), 1) AS signed
                 ) qty
                 WHERE am.move_type IN ('out_invoice', 'out_refund')
                   AND am.state IN ('posted', 'draft')
                 GROUP BY rel.order_line_id
            ), billed AS (
                SELECT aml.purchase_line_id AS line_id,
                       SUM(CASE WHEN am.state = 'posted' THEN qty.signed END) AS posted,
                       SUM(CASE WHEN am.state = 'draft' THEN qty.signed END) AS draft
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
                  JOIN purchase_order_line pol ON pol.id = aml.purchase_line_id
                  LEFT JOIN uom_uom line_uom ON line_uom.id = aml.product_uom_id
                  LEFT JOIN uom_uom order_uom ON order_uom.id = pol.product_uom
                 CROSS JOIN LATERAL (
                    SELECT CASE WHEN am.move_type = 'in_refund' THEN -1 ELSE 1 END
                           * aml.quantity
                           * COALESCE(order_uom.factor / NULLIF(line_uom.factor, 0), 1) AS signed
                 ) qty
                 WHERE am.move_type IN ('in_invoice', 'in_refund')
                   AND am.state IN ('posted', 'draft')
                 GROUP BY aml.purchase_line_id
            )
            SELECT sol.id * 2 AS id, 'sale' AS kind, so.id AS sale_order_id,
                   NULL::integer AS purchase_order_id, so.name AS order_ref,
                   so.partner_id, so.user_id, sol.product_id, so.company_id,
                   company.currency_id,
                   sol.qty_delivered - COALESCE(inv.posted, 0) AS qty,
                   COALESCE(inv.draft, 0) AS qty_draft,
                   (sol.qty_delivered - COALESCE(inv.posted, 0)) * sol.price_unit
                       * (1 - COALESCE(sol.discount, 0) / 100.0)
                       / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount,
                   COALESCE(moves.date_done, so.date_order)::date AS date_done
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN res_company company ON company.id = so.company_id
              LEFT JOIN invoiced inv ON inv.line_id = sol.id
              LEFT JOIN LATERAL (
                    SELECT max(sm.date) AS date_done
                      FROM stock_move sm
                     WHERE sm.sale_line_id = sol.id AND sm.state = 'done'
              ) moves ON TRUE
             WHERE so.state = 'sale'
               AND sol.display_type IS NULL
               AND NOT COALESCE(sol.is_downpayment, FALSE)
               AND sol.qty_delivered - COALESCE(inv.posted, 0) > 0.00001
            UNION ALL
            SELECT pol.id * 2 + 1, 'purchase', NULL, po.id, po.name,
                   po.partner_id, po.user_id, pol.product_id, po.company_id,
                   company.currency_id,
                   pol.qty_received - COALESCE(bill.posted, 0),
                   COALESCE(bill.draft, 0),
                   (pol.qty_received - COALESCE(bill.posted, 0)) * pol.price_unit
                       * (1 - COALESCE(pol.discount, 0) / 100.0)
                       / COALESCE(NULLIF(po.currency_rate, 0), 1),
                   COALESCE(moves.date_done, po.date_approve, po.date_order)::date
              FROM purchase_order_line pol
              JOIN purchase_order po ON po.id = pol.order_id
              JOIN res_company company ON company.id = po.company_id
              LEFT JOIN billed bill ON bill.line_id = pol.id
              LEFT JOIN LATERAL (
                    SELECT max(sm.date) AS date_done
                      FROM stock_move sm
                     WHERE sm.purchase_line_id = pol.id AND sm.state = 'done'
              ) moves ON TRUE
             WHERE po.state IN ('purchase', 'done')
               AND pol.display_type IS NULL
               AND pol.qty_received - COALESCE(bill.posted, 0) > 0.00001
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    @api.model
    def _totals(self):
        """Orders and amount per kind (``sale``, ``purchase``) in the user's companies (what
        the user may read), the amount in the current company's currency: with several
        companies selected, each company's sum is converted at today's rate before they are
        added, as Odoo's multi-company reports do."""
        company = self.env.company
        currency = company.currency_id
        today = fields.Date.context_today(self)
        totals = {kind: (0, 0.0) for kind, _label in self._fields["kind"].selection}
        for kind, line_currency, sale_count, purchase_count, line_amount in self._read_group(
            [],
            ["kind", "currency_id"],
            ["sale_order_id:count_distinct", "purchase_order_id:count_distinct", "amount:sum"],
        ):
            amount = line_amount or 0.0
            if line_currency and line_currency != currency:
                amount = line_currency._convert(amount, currency, company, today)
            orders, total = totals[kind]
            # an order is in one company, so in one currency group: its count adds up
            totals[kind] = (
                orders + (sale_count if kind == "sale" else purchase_count),
                total + amount,
            )
        return totals

    @api.model
    def get_tile_counts(self):
        """For a dashboard tile: orders and amount delivered not invoiced, and received not
        billed, in the user's companies (what the user may read), in the current company's
        currency."""
        return {
            kind: {"orders": orders, "amount": amount}
            for kind, (orders, amount) in self._totals().items()
        }
