# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date

from ..services import mrp_engine

KINDS = [
    (mrp_engine.EXC_CYCLE, "Recursive bill of materials"),
    (mrp_engine.EXC_NO_SOURCE, "No vendor nor bill of materials"),
    (mrp_engine.EXC_LATE, "Cannot be met by its date"),
    (mrp_engine.EXC_LATE_SUPPLY, "Open supply arrives late"),
]


class MrpPlanningException(models.Model):
    """What an MRP run could not plan as asked. Stored as what was found (kind, products,
    dates, quantity) and read in the reader's language."""

    _name = "mrp.planning.exception"
    _description = "MRP Exception"
    _order = "run_id desc, kind, id"

    run_id = fields.Many2one(
        "mrp.planning.run", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True, index=True)
    product_ids = fields.Many2many("product.product", string="Products", readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", readonly=True)
    date_needed = fields.Date(string="Needed By", readonly=True)
    date_possible = fields.Date(string="Earliest Possible", readonly=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    document_ref = fields.Reference(
        [("stock.move", "Stock Move"), ("purchase.order.line", "Purchase Order Line")],
        string="Document",
        readonly=True,
    )
    message = fields.Char(compute="_compute_message")
    resolved = fields.Boolean(
        help="Ticked by the planner once dealt with; the next run starts afresh."
    )

    def write(self, vals):
        if set(vals) - {"resolved"} and not self.env.su:
            raise UserError(
                self.env._("MRP exceptions are written by the run; tick them as resolved only.")
            )
        return super().write(vals)

    @api.model
    def _prepare_from_engine(self, run, exc):
        ref = False
        if exc.ref and exc.ref[0] in ("stock.move", "purchase.order.line"):
            ref = f"{exc.ref[0]},{exc.ref[1]}"
        return {
            "run_id": run.id,
            "kind": exc.kind,
            "product_id": exc.product_ids[0] if exc.product_ids else False,
            "product_ids": [(6, 0, list(exc.product_ids))],
            "warehouse_id": exc.warehouse_id or False,
            "date_needed": exc.date_needed,
            "date_possible": exc.date_possible,
            "qty": exc.qty,
            "document_ref": ref,
        }

    @api.model
    def _insert_from_engine(self, run, exceptions):
        """Insert the run's exceptions (and their products) in two multi-row statements:
        a run over a large factory finds thousands, which the ORM creates one by one."""
        if not exceptions:
            return
        cr = self.env.cr
        self.flush_model()
        refs = []
        for exc in exceptions:
            ok = exc.ref and exc.ref[0] in ("stock.move", "purchase.order.line")
            refs.append(f"{exc.ref[0]},{exc.ref[1]}" if ok else None)
        cr.execute(
            SQL(
                """
                INSERT INTO mrp_planning_exception
                    (run_id, company_id, kind, product_id, warehouse_id, date_needed,
                     date_possible, qty, document_ref, resolved,
                     create_uid, write_uid, create_date, write_date)
                SELECT %s, %s, k, p, w, dn, dp, q, r, false,
                       %s, %s, now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM unnest(%s::varchar[], %s::int[], %s::int[], %s::date[], %s::date[],
                              %s::float8[], %s::varchar[])
                       WITH ORDINALITY AS t(k, p, w, dn, dp, q, r, ord)
                 ORDER BY ord
                RETURNING id
                """,
                run.id,
                run.company_id.id,
                self.env.uid,
                self.env.uid,
                [exc.kind for exc in exceptions],
                [exc.product_ids[0] if exc.product_ids else None for exc in exceptions],
                [exc.warehouse_id or None for exc in exceptions],
                [exc.date_needed or None for exc in exceptions],
                [exc.date_possible or None for exc in exceptions],
                [exc.qty or 0.0 for exc in exceptions],
                refs,
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        field = self._fields["product_ids"]
        pairs = [
            (exc_id, product_id)
            for exc_id, exc in zip(ids, exceptions, strict=True)
            for product_id in dict.fromkeys(exc.product_ids)
        ]
        if pairs:
            cr.execute(
                SQL(
                    "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[])",
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column1),
                    SQL.identifier(field.column2),
                    [pair[0] for pair in pairs],
                    [pair[1] for pair in pairs],
                )
            )
        self.invalidate_model()

    @api.depends_context("lang")
    @api.depends("kind", "product_ids", "date_needed", "date_possible", "qty", "document_ref")
    def _compute_message(self):
        for exc in self:
            env = exc.env
            product = exc.product_id.display_name or ""
            needed = format_date(env, exc.date_needed) if exc.date_needed else ""
            possible = format_date(env, exc.date_possible) if exc.date_possible else ""
            qty = f"{exc.qty:g}"
            if exc.kind == mrp_engine.EXC_CYCLE:
                exc.message = env._(
                    "The bills of materials of %(products)s use each other in a loop: correct one "
                    "of them; these products are not planned until then.",
                    products=" → ".join(exc.product_ids.mapped("display_name")),
                )
            elif exc.kind == mrp_engine.EXC_NO_SOURCE:
                exc.message = env._(
                    "%(product)s has neither a vendor nor a bill of materials: %(qty)s needed by "
                    "%(date)s are not planned. Add a vendor on its Purchase tab or a bill of "
                    "materials.",
                    product=product,
                    qty=qty,
                    date=needed,
                )
            elif exc.kind == mrp_engine.EXC_LATE:
                exc.message = env._(
                    "%(qty)s %(product)s needed by %(needed)s can be there on %(possible)s at the "
                    "earliest, even ordered today.",
                    qty=qty,
                    product=product,
                    needed=needed,
                    possible=possible,
                )
            else:
                exc.message = env._(
                    "%(document)s brings %(product)s on %(possible)s, after it is needed on "
                    "%(needed)s: bring it forward or expect a delay.",
                    document=exc.document_ref.display_name if exc.document_ref else "-",
                    product=product,
                    possible=possible,
                    needed=needed,
                )
