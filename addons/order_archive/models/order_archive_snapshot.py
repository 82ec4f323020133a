# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..services import archive_chain

# What a snapshot holds, per document: {key in the JSON: (model, link field to the sales
# order or None, fields read)}. Fields a database lacks (an optional module) are left out.
ORDER_FIELDS = [
    "name",
    "state",
    "date_order",
    "commitment_date",
    "client_order_ref",
    "origin",
    "partner_id",
    "partner_invoice_id",
    "partner_shipping_id",
    "user_id",
    "team_id",
    "currency_id",
    "payment_term_id",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "invoice_status",
    "delivery_status",
    "company_id",
]
LINE_FIELDS = [
    "sequence",
    "product_id",
    "name",
    "product_uom_qty",
    "product_uom",
    "qty_delivered",
    "qty_invoiced",
    "price_unit",
    "discount",
    "price_subtotal",
    "price_total",
    "display_type",
]
PARTNER_FIELDS = [
    "name",
    "ref",
    "vat",
    "email",
    "phone",
    "street",
    "street2",
    "city",
    "zip",
    "country_id",
    "customer_grade",
]
RELATED = {
    "deliveries": (
        "stock.picking",
        "sale_id",
        ["name", "state", "scheduled_date", "date_done", "origin", "picking_type_id"],
    ),
    "reviews": ("order.review", "order_id", ["name", "state", "create_date", "write_date"]),
    "change_notices": (
        "order.change.notice",
        "order_id",
        ["name", "state", "create_date", "write_date"],
    ),
    "rush_requests": (
        "mrp.rush.request",
        "sale_order_id",
        ["name", "state", "date_wanted", "overtime_cost", "outsource_cost"],
    ),
    "closeouts": (
        "mrp.order.closeout",
        "sale_order_id",
        [
            "state",
            "date_closed",
            "closed_by_id",
            "revenue",
            "material",
            "labour",
            "subcontract",
            "purchase",
            "extra",
            "total_cost",
            "margin",
            "variance",
        ],
    ),
}
PRODUCTION_FIELDS = ["name", "state", "product_id", "product_qty", "date_start", "date_finished"]
PURCHASE_FIELDS = ["name", "state", "partner_id", "date_order", "date_approve", "amount_total"]
INVOICE_FIELDS = [
    "name",
    "move_type",
    "state",
    "invoice_date",
    "invoice_date_due",
    "partner_id",
    "currency_id",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "amount_residual",
    "payment_state",
]
PAYMENT_FIELDS = ["name", "date", "amount", "currency_id", "journal_id", "payment_type"]
ATTACHMENT_MODELS = (
    "sale.order",
    "stock.picking",
    "mrp.production",
    "purchase.order",
    "account.move",
    "order.review",
    "order.change.notice",
    "mrp.rush.request",
    "mrp.order.closeout",
)

# The first key of the advisory locks serialising appends to a chain (the second is its id).
LOCK_NAMESPACE = 0x0A5C

# The document types of the retention policies, by key of the snapshot's JSON.
DOCUMENT_KEYS = {
    "purchases": "purchase_order",
    "productions": "production",
    "deliveries": "delivery",
    "invoices": "invoice",
    "reviews": "review",
    "change_notices": "change_notice",
    "rush_requests": "rush_request",
    "closeouts": "closeout",
}

REASONS = [
    ("changed_content", "Changed content"),
    ("changed_attachment", "Changed attachment"),
    ("missing_attachment", "Missing attachment"),
    ("removed", "Removed snapshot"),
    ("reordered", "Reordered snapshots"),
    ("changed_digest", "Changed digest"),
    ("unapproved_tombstone", "Purged without approval"),
]


# The documents of an order a snapshot holds, one list each, in this order (the JSON and its
# readable form).
SECTIONS = (
    "lines",
    "deliveries",
    "productions",
    "purchases",
    "invoices",
    "payments",
    "reviews",
    "change_notices",
    "rush_requests",
    "closeouts",
)


class OrderArchiveSnapshot(models.Model):
    """The immutable archive of one order: its canonical JSON and PDFs, chained by digest.

    Written once by the archive run; then read-only for everyone (``write``/``unlink``
    refused, and a PostgreSQL trigger refuses UPDATE and DELETE), except the approved purge
    at expiry that replaces the content by a tombstone keeping the digests."""

    _name = "order.archive.snapshot"
    _description = "Order Archive Snapshot"
    _order = "date_archived desc, sequence desc"
    _rec_name = "order_ref"

    chain_id = fields.Many2one(
        "order.archive.chain", required=True, readonly=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    imported = fields.Boolean(readonly=True)
    sequence = fields.Integer(string="Position", required=True, readonly=True)
    sale_order_id = fields.Many2one(
        "sale.order", string="Live Order", readonly=True, index=True, ondelete="set null"
    )
    run_id = fields.Many2one("order.archive.run", readonly=True, index=True, ondelete="restrict")
    # Searchable copies, kept after the live records are purged.
    order_ref = fields.Char(string="Order Number", required=True, readonly=True, index=True)
    partner_name = fields.Char(string="Customer", readonly=True, index="trigram")
    product_names = fields.Text(string="Products", readonly=True)
    date_order = fields.Date(string="Order Date", readonly=True)
    date_closed = fields.Date(string="Closed On", readonly=True, index=True)
    date_archived = fields.Datetime(string="Archived On", readonly=True)
    amount_untaxed = fields.Float(string="Untaxed Amount", readonly=True, digits=(16, 2))
    amount_total = fields.Float(string="Total", readonly=True, digits=(16, 2))
    currency_name = fields.Char(string="Currency", readonly=True)
    expiry_date = fields.Date(string="Expires On", readonly=True, index=True)
    expiry_action = fields.Selection(
        [("purge", "Purge the live records"), ("anonymise", "Anonymise the personal data")],
        readonly=True,
    )
    # The archive itself.
    content = fields.Text(readonly=True, prefetch=False)
    content_digest = fields.Char(readonly=True)
    prev_digest = fields.Char(string="Previous Digest", readonly=True)
    digest = fields.Char(readonly=True, index=True)
    tombstone = fields.Boolean(string="Purged", readonly=True)
    purged_on = fields.Date(readonly=True)
    omitted = fields.Boolean(
        string="Not Exported",
        readonly=True,
        help="A link of the source chain between two exported snapshots, left out of the "
        "export: only its digests came, so that the imported excerpt still verifies.",
    )
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        domain=[("res_model", "=", "order.archive.snapshot")],
        string="Documents",
        readonly=True,
    )
    content_html = fields.Html(string="Archived Order", compute="_compute_content_html")

    _sql_constraints = [
        (
            "order_uniq",
            "unique(sale_order_id)",
            "An order is archived once.",
        ),
        ("position_uniq", "unique(chain_id, sequence)", "A position in a chain is taken once."),
        ("chain_ref_uniq", "unique(chain_id, order_ref)", "An order is archived once per chain."),
    ]

    # ------------------------------------------------------------------ immutability
    def init(self):
        """The database refuses UPDATE and DELETE of snapshots; it lets through only the
        purge's tombstone (content replaced, digests and position kept, during an approved
        purge) and the live order's link set empty when that order is deleted."""
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE FUNCTION order_archive_snapshot_guard() RETURNS trigger AS $$
DECLARE
    -- bookkeeping outside the digests: a deleted user's id is set empty by its foreign key
    volatile text[] := ARRAY['write_date', 'write_uid', 'create_uid'];
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.sale_order_id IS NULL
           AND (to_jsonb(NEW) - volatile - 'sale_order_id')
             = (to_jsonb(OLD) - volatile - 'sale_order_id') THEN
            RETURN NEW;
        END IF;
        -- a tombstone only for a snapshot of an expiry an Archive Manager is carrying out
        IF current_setting('order_archive.purge', true) = 'approved'
           AND NEW.tombstone AND NOT COALESCE(OLD.tombstone, false)
           AND (to_jsonb(NEW) - volatile - 'content' - 'tombstone' - 'purged_on'
                - 'sale_order_id')
             = (to_jsonb(OLD) - volatile - 'content' - 'tombstone' - 'purged_on'
                - 'sale_order_id')
           AND EXISTS (
               SELECT 1
                 FROM order_archive_purge_order_archive_snapshot_rel rel
                 JOIN order_archive_purge expiry ON expiry.id = rel.order_archive_purge_id
                WHERE rel.order_archive_snapshot_id = OLD.id
                  AND expiry.state = 'to_approve'
                  AND expiry.approved_by_id IS NOT NULL
                  AND expiry.company_id = OLD.company_id) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'order_archive: archive snapshots are read-only (' || TG_OP || ' refused)',
        ERRCODE = 'insufficient_privilege';
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS order_archive_snapshot_readonly ON order_archive_snapshot;
CREATE TRIGGER order_archive_snapshot_readonly
    BEFORE UPDATE OR DELETE ON order_archive_snapshot
    FOR EACH ROW EXECUTE FUNCTION order_archive_snapshot_guard();
"""
            )
        )

    def write(self, vals):
        if not self.env.context.get("order_archive_tombstone"):
            raise UserError(
                self.env._(
                    "Archive snapshots cannot be changed. At expiry an Archive Manager "
                    "approves their purge, which leaves a tombstone."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Archive snapshots cannot be deleted. At expiry an Archive Manager approves "
                "their purge, which leaves a tombstone in the chain."
            )
        )

    # ------------------------------------------------------------------ rights
    @api.model
    def _check_archive_manager(self):
        if not self.env.user.has_group("order_intake.group_order_archive_manager"):
            raise AccessError(self.env._("Only an Archive Manager may do this."))

    @api.model
    def _check_archive_reader(self):
        if not (
            self.env.user.has_group("order_intake.group_order_archive_manager")
            or self.env.user.has_group("order_intake.group_order_auditor")
        ):
            raise AccessError(self.env._("Only Archive Managers and Auditors read the archive."))

    # ------------------------------------------------------------------ readable form
    @api.depends("content")
    def _compute_content_html(self):
        for snapshot in self:
            if not snapshot.content:
                snapshot.content_html = False
                continue
            document = json.loads(snapshot.content)
            snapshot.content_html = _render(document)

    # ------------------------------------------------------------------ building
    @api.model
    def _read_rows(self, model, records_or_domain, field_names):
        Model = self.env[model]
        names = [name for name in field_names if name in Model._fields]
        records = (
            Model.search(records_or_domain, order="id")
            if isinstance(records_or_domain, list)
            else records_or_domain
        )
        return records, records.read(names) if records else []

    @api.model
    def _build_documents(self, orders):
        """{order id: (document, [attachment dicts])} for ``orders``, read set by set (a few
        queries per document kind for the whole batch, none per order)."""
        env = self.env
        orders = orders.with_context(lang="en_US", active_test=False)
        result = {}
        by_order = defaultdict(lambda: defaultdict(list))
        sources = defaultdict(list)  # (model, res_id) -> [order ids]

        _records, order_rows = self._read_rows("sale.order", orders, ORDER_FIELDS)
        lines, line_rows = self._read_rows(
            "sale.order.line", [("order_id", "in", orders.ids)], [*LINE_FIELDS, "order_id"]
        )
        for row in line_rows:
            by_order[row.pop("order_id")[0]]["lines"].append(row)
        partner_ids = set()
        for row in order_rows:
            for key in ("partner_id", "partner_invoice_id", "partner_shipping_id"):
                if row.get(key):
                    partner_ids.add(row[key][0])
        _p, partner_rows = self._read_rows(
            "res.partner", env["res.partner"].browse(sorted(partner_ids)), PARTNER_FIELDS
        )
        partners = {row["id"]: row for row in partner_rows}
        for order in orders:
            sources[("sale.order", order.id)].append(order.id)

        for key, (model, link, names) in RELATED.items():
            if model not in env:
                continue
            _records, rows = self._read_rows(model, [(link, "in", orders.ids)], [*names, link])
            for row in rows:
                order_id = row.pop(link)[0]
                by_order[order_id][key].append(row)
                sources[(model, row["id"])].append(order_id)

        if "mrp_production_ids" in env["sale.order"]._fields:
            productions = env["mrp.production"]
            owners = defaultdict(list)
            for order in orders:
                for production in order.mrp_production_ids:
                    owners[production.id].append(order.id)
                productions |= order.mrp_production_ids
            _r, rows = self._read_rows("mrp.production", productions, PRODUCTION_FIELDS)
            for row in rows:
                for order_id in owners[row["id"]]:
                    by_order[order_id]["productions"].append(row)
                    sources[("mrp.production", row["id"])].append(order_id)

        if "sale_order_id" in env["purchase.order.line"]._fields:
            po_lines = env["purchase.order.line"].search([("sale_order_id", "in", orders.ids)])
            owners = defaultdict(set)
            for po_line in po_lines:
                owners[po_line.order_id.id].add(po_line.sale_order_id.id)
            _r, rows = self._read_rows("purchase.order", po_lines.order_id, PURCHASE_FIELDS)
            for row in rows:
                for order_id in sorted(owners[row["id"]]):
                    by_order[order_id]["purchases"].append(row)
                    sources[("purchase.order", row["id"])].append(order_id)

        invoice_owner = defaultdict(set)
        for line in lines:
            for move in line.invoice_lines.move_id:
                invoice_owner[move.id].add(line.order_id.id)
        invoices = env["account.move"].browse(sorted(invoice_owner))
        _r, rows = self._read_rows("account.move", invoices, INVOICE_FIELDS)
        for row in rows:
            for order_id in sorted(invoice_owner[row["id"]]):
                by_order[order_id]["invoices"].append(row)
                sources[("account.move", row["id"])].append(order_id)
        # Payments: the payments reconciled with the invoices' receivable lines.
        if invoices:
            partials = env["account.partial.reconcile"].search(
                [
                    "|",
                    ("debit_move_id.move_id", "in", invoices.ids),
                    ("credit_move_id.move_id", "in", invoices.ids),
                ]
            )
            paid = defaultdict(set)  # payment move id -> invoice ids
            for partial in partials:
                for own, other in (
                    (partial.debit_move_id.move_id, partial.credit_move_id.move_id),
                    (partial.credit_move_id.move_id, partial.debit_move_id.move_id),
                ):
                    if own.id in invoice_owner:
                        paid[other.id].add(own.id)
            payments = env["account.payment"].search([("move_id", "in", list(paid))])
            _r, rows = self._read_rows("account.payment", payments, PAYMENT_FIELDS)
            move_of = {payment.id: payment.move_id.id for payment in payments}
            for row in rows:
                order_ids = set()
                for invoice_id in paid[move_of[row["id"]]]:
                    order_ids |= invoice_owner[invoice_id]
                for order_id in sorted(order_ids):
                    by_order[order_id]["payments"].append(row)

        # PDFs already stored on those documents.
        attachments = defaultdict(list)
        per_model = defaultdict(set)
        for model, res_id in sources:
            per_model[model].add(res_id)
        domain = []
        for model, res_ids in per_model.items():
            part = [("res_model", "=", model), ("res_id", "in", sorted(res_ids))]
            domain = ["|", *domain, "&", *part] if domain else ["&", *part]
        if domain:
            found = (
                env["ir.attachment"]
                .sudo()
                .search(
                    [("mimetype", "=", "application/pdf"), ("res_field", "=", False), *domain],
                    order="res_model, res_id, id",
                )
            )
            for attachment in found:
                raw = attachment.raw or b""
                for order_id in sources[(attachment.res_model, attachment.res_id)]:
                    attachments[order_id].append(
                        {
                            "name": f"{len(attachments[order_id]) + 1:03d}-{attachment.name}",
                            "source": f"{attachment.res_model},{attachment.res_id}",
                            "mimetype": attachment.mimetype,
                            "raw": raw,
                            "sha256": hashlib.sha256(raw).hexdigest(),
                            "size": len(raw),
                        }
                    )

        for row in order_rows:
            order_id = row["id"]
            parts = by_order[order_id]
            document = {
                "format": "order_archive/1",
                "order": row,
                "customer": partners.get(row["partner_id"][0]) if row.get("partner_id") else None,
                "invoicing": partners.get(row["partner_invoice_id"][0])
                if row.get("partner_invoice_id")
                else None,
                "shipping": partners.get(row["partner_shipping_id"][0])
                if row.get("partner_shipping_id")
                else None,
                "attachments": [
                    {k: a[k] for k in ("name", "source", "mimetype", "sha256", "size")}
                    for a in attachments[order_id]
                ],
            }
            for key in SECTIONS:
                document[key] = sorted(parts.get(key, []), key=lambda r: r["id"])
            result[order_id] = (document, attachments[order_id])
        return result

    # ------------------------------------------------------------------ appending
    @api.model
    def _append(self, company, orders, closing, run=None, commit=False):
        """Snapshot ``orders`` of ``company`` at the end of its chain. Returns the snapshots.

        The documents are read first, outside any lock (parallel jobs read in parallel);
        then appends to the company's chain are serialised. With ``commit`` (runs and jobs),
        a session advisory lock on the chain is taken, the transaction committed so that
        the next statements see what the previous holder committed, the snapshots written
        and committed, the lock released (a killed process releases it with its
        connection). Without (one transaction: tests, the demo), the same advisory lock is held
        to the end of the transaction and the chain head row locked.
        The orders snapshotted meanwhile by someone else are left out."""
        built = self._build_documents(orders)
        chain = self.env["order.archive.chain"]._get_local(company)
        if not commit:
            # The same lock, held to the end of this transaction, and the head row's.
            self.env.cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_NAMESPACE, chain.id)
            )
            chain._lock()
            return self._append_locked(company, chain, orders, built, closing, run)
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_advisory_lock(%s, %s)", LOCK_NAMESPACE, chain.id))
        try:
            cr.commit()  # pylint: disable=invalid-commit
            snapshots = self._append_locked(company, chain, orders, built, closing, run)
            cr.commit()  # pylint: disable=invalid-commit
        except Exception:
            cr.rollback()
            raise
        finally:
            cr.execute(SQL("SELECT pg_advisory_unlock(%s, %s)", LOCK_NAMESPACE, chain.id))
        return snapshots

    @api.model
    def _append_locked(self, company, chain, orders, built, closing, run):
        policy = self.env["order.archive.policy"]._sale_policies(company).get(company.id)
        keep_years = {
            p.document_type: p.keep_years
            for p in self.env["order.archive.policy"].search([("company_id", "=", company.id)])
        }
        chain.invalidate_recordset(["last_sequence", "last_digest"])
        head = (chain.last_sequence, chain.last_digest)
        self.env.cr.execute(
            SQL(
                "SELECT sale_order_id FROM order_archive_snapshot WHERE sale_order_id IN %s",
                tuple(orders.ids) or (0,),
            )
        )
        done = {row[0] for row in self.env.cr.fetchall()}
        sequence, previous = head[0] or 0, head[1] or archive_chain.GENESIS
        vals_list, files = [], []
        now = fields.Datetime.now()
        for order in orders.sorted("id"):
            if order.id in done or order.id not in built:
                continue
            document, attachments = built[order.id]
            content = archive_chain.canonical_json(document)
            content_digest = archive_chain.sha256(content)
            sequence += 1
            digest = archive_chain.chain_digest(
                previous, sequence, chain.key, order.name, content_digest
            )
            date_closed = closing.get(order.id)
            # The archive is kept as long as the longest-kept kind of document it holds.
            keep = max(
                keep_years.get(kind, 0)
                for kind in ["sale_order"]
                + [DOCUMENT_KEYS[key] for key in DOCUMENT_KEYS if document.get(key)]
            ) or (policy.keep_years if policy else 10)
            vals_list.append(
                {
                    "chain_id": chain.id,
                    "company_id": company.id,
                    "sequence": sequence,
                    "sale_order_id": order.id,
                    "run_id": run.id if run else False,
                    "order_ref": order.name,
                    "partner_name": order.partner_id.name,
                    "product_names": "\n".join(
                        sorted(set(order.order_line.product_id.mapped("display_name")))
                    ),
                    "date_order": order.date_order and order.date_order.date(),
                    "date_closed": date_closed,
                    "date_archived": now,
                    "amount_untaxed": order.amount_untaxed,
                    "amount_total": order.amount_total,
                    "currency_name": order.currency_id.name,
                    "expiry_date": date_closed and fields.Date.add(date_closed, years=keep),
                    "expiry_action": policy.expiry_action if policy else "anonymise",
                    "content": content.decode("utf-8"),
                    "content_digest": content_digest,
                    "prev_digest": previous,
                    "digest": digest,
                }
            )
            files.append(attachments)
            previous = digest
        if not vals_list:
            return self.browse()
        snapshots = self.sudo().create(vals_list)
        attachment_vals = [
            {
                "name": a["name"],
                "raw": a["raw"],
                "mimetype": a["mimetype"],
                "res_model": self._name,
                "res_id": snapshot.id,
                "description": a["source"],
            }
            for snapshot, attachments in zip(snapshots, files, strict=True)
            for a in attachments
        ]
        if attachment_vals:
            self.env["ir.attachment"].sudo().with_context(order_archive_snapshot=True).create(
                attachment_vals
            )
        chain.with_context(order_archive_append=True).sudo().write(
            {"last_sequence": sequence, "last_digest": previous}
        )
        self.env.flush_all()
        return snapshots

    def _make_tombstones(self, purged_on):
        """Replace these snapshots' content by tombstones keeping their digests and position
        (the approved purge only: the database trigger lets this change through while the
        transaction's ``order_archive.purge`` setting says so)."""
        self.env.cr.execute(SQL("SELECT set_config('order_archive.purge', 'approved', true)"))
        try:
            for snapshot in self:
                content = archive_chain.tombstone_content(
                    snapshot.order_ref,
                    snapshot.content_digest,
                    purged_on,
                    snapshot.expiry_action,
                ).decode("utf-8")
                snapshot.with_context(order_archive_tombstone=True).write(
                    {"content": content, "tombstone": True, "purged_on": purged_on}
                )
            self.env["ir.attachment"].with_context(order_archive_tombstone=True).search(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)]
            ).unlink()
            self.env.flush_all()
        finally:
            self.env.cr.execute(SQL("SELECT set_config('order_archive.purge', '', true)"))

    def _attachment_digests(self):
        """{snapshot id: {attachment name: sha256 of its bytes as stored now}}."""
        result = defaultdict(dict)
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        for attachment in attachments:
            result[attachment.res_id][attachment.name] = hashlib.sha256(
                attachment.raw or b""
            ).hexdigest()
        return result

    def action_verify_chain(self):
        self._check_archive_reader()
        return self.chain_id.action_verify()


def _render(document):
    """A readable HTML page of a snapshot document (escaped)."""

    def value(v):
        if isinstance(v, list) and len(v) == 2 and isinstance(v[0], int):
            return escape(v[1])
        return escape("" if v is None or v is False else v)

    def table(rows, title):
        if not rows:
            return Markup("")
        keys = [k for k in rows[0] if k != "id"]
        head = Markup("").join(Markup("<th>%s</th>") % k for k in keys)
        body = Markup("").join(
            Markup("<tr>%s</tr>")
            % Markup("").join(Markup("<td>%s</td>") % value(row.get(k)) for k in keys)
            for row in rows
        )
        return Markup(
            '<h4>%s</h4><table class="table table-sm o_oa_snapshot"><thead><tr>%s</tr></thead>'
            "<tbody>%s</tbody></table>"
        ) % (title, head, body)

    if document.get("tombstone"):
        return Markup("<p><b>Purged</b> %s</p>") % document.get("purged_on")
    parts = [table([document["order"]], "order")]
    if document.get("customer"):
        parts.append(table([document["customer"]], "customer"))
    for key in (*SECTIONS, "attachments"):
        parts.append(table(document.get(key) or [], key))
    return Markup("").join(parts)
