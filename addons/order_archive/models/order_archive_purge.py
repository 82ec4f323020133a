# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.order_intake.services.locking import lock_rows

# The personal data an expiry blanks on each kind of live document (free texts naming
# people, the customer's references and signatures; the frozen copy of the order a review
# keeps).
PERSONAL_FIELDS = {
    "sale.order": ("client_order_ref", "note"),
    "stock.picking": ("note",),
    "account.move": ("narration",),
    "purchase.order": ("notes",),
    "order.review": ("snapshot", "sample_confirmed_by", "sample_note"),
    "order.change.notice": ("customer_reference", "customer_confirmed_by"),
    "mrp.order.closeout": ("note",),
}
# Where live documents name a contact: a contact still named there is not anonymised.
PARTNER_REFERENCES = {
    "sale.order": ("partner_id", "partner_invoice_id", "partner_shipping_id"),
    "account.move": ("partner_id", "partner_shipping_id"),
    "stock.picking": ("partner_id",),
    "purchase.order": ("partner_id", "dest_address_id"),
}
ANONYMISED_PARTNER_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "vat",
    "website",
    "comment",
    "function",
    "ref",
)
# The suite's documents that hang on a sales order and go with it when it is purged
# (reviews, intake results and pegs go by the database's cascade).
ORDER_DOCUMENTS = (
    ("mrp.production.notice", "sale_order_id"),
    ("order.change.notice", "order_id"),
    ("mrp.rush.request", "sale_order_id"),
    ("mrp.order.closeout", "sale_order_id"),
    ("mrp.delay.alert", "sale_order_id"),
    ("mrp.schedule.promise", "sale_order_id"),
)

# The kinds of the suite's own documents that their policy may purge while their order stays.
PURGEABLE = ("review", "change_notice", "rush_request", "closeout")


class OrderArchivePurge(models.Model):
    """The expiry of archived orders, waiting for an Archive Manager's approval.

    The daily check gathers the company's snapshots past their expiry date; an Archive
    Manager approves: the orders under legal hold are left out, the others' live records are
    purged or anonymised (their policy's expiry action) and each snapshot's content is
    replaced by a tombstone that keeps its digests, so that the chain still verifies."""

    _name = "order.archive.purge"
    _description = "Archive Expiry"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    state = fields.Selection(
        [("to_approve", "To Approve"), ("done", "Purged"), ("refused", "Refused")],
        default="to_approve",
        required=True,
        readonly=True,
        tracking=True,
    )
    # The relation named as the database trigger and the verification read it.
    snapshot_ids = fields.Many2many(
        "order.archive.snapshot",
        relation="order_archive_purge_order_archive_snapshot_rel",
        column1="order_archive_purge_id",
        column2="order_archive_snapshot_id",
        string="Expired Snapshots",
        readonly=True,
    )
    snapshot_count = fields.Integer(compute="_compute_snapshot_count", string="Snapshots")
    approved_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_done = fields.Datetime(readonly=True)
    held_count = fields.Integer(string="Left Out (Legal Hold)", readonly=True)
    purged_count = fields.Integer(string="Purged", readonly=True)

    def _compute_snapshot_count(self):
        for purge in self:
            purge.snapshot_count = len(purge.snapshot_ids)

    @api.model
    def _cron_request(self):
        """Gather the expired snapshots of each company in one request to approve."""
        Snapshot = self.env["order.archive.snapshot"].sudo()
        today = fields.Date.context_today(self)
        open_requests = self.search([("state", "=", "to_approve")])
        waiting = open_requests.snapshot_ids
        expired = Snapshot.search(
            [
                ("expiry_date", "<=", today),
                ("tombstone", "=", False),
                ("imported", "=", False),
                ("id", "not in", waiting.ids),
            ]
        )
        requests = self.browse()
        for company in expired.company_id:
            snapshots = expired.filtered(lambda s, c=company: s.company_id == c)
            requests |= self.create(
                {
                    "name": self.env._(
                        "Expiry of %(count)s archived orders of %(company)s",
                        count=len(snapshots),
                        company=company.name,
                    ),
                    "company_id": company.id,
                    "snapshot_ids": [fields.Command.set(snapshots.ids)],
                }
            )
        return requests

    def _lock(self):
        lock_rows(
            self,
            self.env._("Another Archive Manager is deciding this expiry; try again in a moment."),
        )

    def action_refuse(self):
        self.env["order.archive.snapshot"]._check_archive_manager()
        self._lock()
        if self.filtered(lambda p: p.state != "to_approve"):
            raise UserError(self.env._("Only an expiry waiting for approval can be refused."))
        self.write({"state": "refused", "approved_by_id": self.env.uid})

    def action_approve(self):
        """Approve and carry out the expiry (Archive Managers only)."""
        self.env["order.archive.snapshot"]._check_archive_manager()
        self._lock()
        if self.filtered(lambda p: p.state != "to_approve"):
            raise UserError(self.env._("This expiry was already approved or refused."))
        for purge in self:
            # sudo: the expiry touches the live documents and the snapshots that nobody may
            # write; the Archive Manager's right was checked above.
            purge.sudo()._execute()

    def _execute(self):
        self.ensure_one()
        snapshots = self.snapshot_ids.filtered(lambda s: not s.tombstone)
        orders = snapshots.sale_order_id
        free = self.env["sale.order"]._oa_filter_not_held(orders)
        held = orders - free
        snapshots = snapshots.filtered(lambda s: s.sale_order_id not in held)
        for company_orders in snapshots.sale_order_id.grouped("company_id").values():
            self._expire_live(company_orders)
        # The approver first: the database lets a snapshot become a tombstone only for an
        # expiry being carried out by an approver, and the verification checks it afterwards.
        self.write({"approved_by_id": self.env.uid})
        self.env.flush_all()
        snapshots._make_tombstones(fields.Date.context_today(self))
        self.write(
            {
                "state": "done",
                "date_done": fields.Datetime.now(),
                "held_count": len(held),
                "purged_count": len(snapshots),
            }
        )
        if held:
            self.message_post(
                body=self.env._(
                    "Left out, under legal hold: %(orders)s",
                    orders=", ".join(held.mapped("name")),
                )
            )

    # ------------------------------------------------------------------ the live records
    @api.model
    def _expiry_documents(self, orders):
        """{policy document type: the live records of that type of ``orders``}."""
        env = self.env
        purchases = env["purchase.order"]
        if "sale_order_id" in env["purchase.order.line"]._fields:  # sale_purchase installed
            purchases = (
                env["purchase.order.line"].search([("sale_order_id", "in", orders.ids)]).order_id
            )
        documents = {
            "sale_order": orders,
            "delivery": orders.picking_ids,
            "invoice": orders.invoice_ids,
            "production": orders.mrp_production_ids,
            "purchase_order": purchases,
            "review": env["order.review"].search([("order_id", "in", orders.ids)]),
            "change_notice": env["order.change.notice"].search([("order_id", "in", orders.ids)]),
            "rush_request": env["mrp.rush.request"].search([("sale_order_id", "in", orders.ids)]),
            "closeout": env["mrp.order.closeout"].search([("sale_order_id", "in", orders.ids)]),
        }
        return {kind: records for kind, records in documents.items() if records}

    @api.model
    def _expire_live(self, orders):
        """Carry out, on the live records of ``orders`` (whose archive expired, none under
        legal hold), the expiry action of each kind of document's retention policy.

        Both actions delete the chatter messages, activities and stored files (PDFs,
        signatures) of the documents and blank their personal data (PERSONAL_FIELDS), and
        anonymise the order's contacts that no other live document uses.
        *Purge* then deletes the records Odoo lets go: the sales order with its lines and the
        suite's documents that hang on it (production notices, reviews, change notices, rush
        requests, close-out, late items, promises), or, while the order stays, the reviews,
        change notices, rush requests and close-out whose own policy purges. Deliveries,
        manufacturing orders,
        purchase orders and invoices are the stock's and the books' history: Odoo never
        deletes them once done or posted, so their purge is their anonymisation.
        Returns the orders deleted."""
        if not orders:
            return orders
        company = orders.company_id[:1]
        actions = {
            policy.document_type: policy.expiry_action
            for policy in self.env["order.archive.policy"].search([("company_id", "=", company.id)])
        }
        documents = self._expiry_documents(orders)
        partners = orders.partner_id | orders.partner_invoice_id | orders.partner_shipping_id
        for records in documents.values():
            self._erase_chatter_and_files(records)
            self._blank_personal_data(records)
        self._anonymise_contacts(partners, documents)
        if actions.get("sale_order") == "purge":
            return self._delete_orders(orders)
        for kind in PURGEABLE:
            if actions.get(kind) == "purge" and kind in documents:
                self._delete_documents(documents[kind])
        return orders.browse()

    @api.model
    def _delete_documents(self, records):
        """Delete the suite's ``records`` of orders that stay, as an uninstall deletes; kept
        (their personal data already blanked) and named in the chatter if they cannot go."""
        force = records.with_context(**{MODULE_UNINSTALL_FLAG: True, "active_test": False})
        try:
            with self.env.cr.savepoint():
                force.unlink()
        except (UserError, psycopg2.Error) as error:
            self.env.invalidate_all()
            self.message_post(
                body=self.env._(
                    "%(documents)s were anonymised, not deleted: %(error)s",
                    documents=", ".join(records.mapped("display_name")),
                    error=str(error).splitlines()[0],
                )
            )

    @api.model
    def _erase_chatter_and_files(self, records):
        """The messages (notes, mails, tracking), activities, followers and stored files of
        ``records`` deleted."""
        for model, model_field in (
            ("mail.message", "model"),
            ("mail.activity", "res_model"),
            ("mail.followers", "res_model"),
            ("ir.attachment", "res_model"),
        ):
            self.env[model].search(
                [(model_field, "=", records._name), ("res_id", "in", records.ids)]
            ).unlink()

    @api.model
    def _blank_personal_data(self, records):
        """PERSONAL_FIELDS of ``records`` emptied by SQL: the documents are done, posted or
        locked, and the checks that protect them from users do not apply to their expiry."""
        names = [name for name in PERSONAL_FIELDS.get(records._name, ()) if name in records._fields]
        if not names:
            return
        records.flush_recordset(names)
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s WHERE id IN %s",
                SQL.identifier(records._table),
                SQL(", ").join(SQL("%s = NULL", SQL.identifier(name)) for name in names),
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(names)

    @api.model
    def _anonymise_contacts(self, partners, documents):
        """Anonymise the contacts of ``partners`` (people and addresses, not the company's
        own, nor users) that no live document outside ``documents`` refers to."""
        # sudo: a company's own partner is kept whichever companies the user may read
        partners = partners.filtered(lambda p: not p.user_ids and not p.sudo().ref_company_ids)
        if not partners:
            return
        used = set()
        for model, fields_names in PARTNER_REFERENCES.items():
            if model not in self.env:
                continue
            Model = self.env[model].with_context(active_test=False)
            kind = next((k for k, r in documents.items() if r._name == model), None)
            excluded = documents[kind].ids if kind else []
            for name in fields_names:
                if name not in Model._fields:
                    continue
                for partner, __ in Model._read_group(
                    [(name, "in", partners.ids), ("id", "not in", excluded)], [name], ["__count"]
                ):
                    used.add(partner.id)
        free = partners.filtered(lambda p: p.id not in used)
        for partner in free:
            partner.write(
                {
                    "name": self.env._("Anonymised contact %(id)s", id=partner.id),
                    **dict.fromkeys(ANONYMISED_PARTNER_FIELDS, False),
                }
            )

    @api.model
    def _delete_orders(self, orders):
        """Delete ``orders`` with the suite's documents that hang on them, as an uninstall
        deletes (the suite's and Odoo's 'never delete' checks, which stand between users
        and done documents, are lifted; the legal hold's database triggers are not). An
        order that cannot be deleted (a document of another module refers to it) is kept,
        anonymised, and named in the expiry's chatter."""
        force = self.with_context(**{MODULE_UNINSTALL_FLAG: True, "active_test": False}).env

        def delete(batch):
            for model, field in ORDER_DOCUMENTS:
                force[model].search([(field, "in", batch.ids)]).unlink()
            force["sale.order"].browse(batch.ids).unlink()

        try:
            with self.env.cr.savepoint():
                delete(orders)
            return orders
        except (UserError, psycopg2.Error):
            self.env.invalidate_all()
        deleted = orders.browse()
        for order in orders:
            try:
                with self.env.cr.savepoint():
                    delete(order)
                deleted |= order
            except (UserError, psycopg2.Error) as error:
                self.env.invalidate_all()
                self.message_post(
                    body=self.env._(
                        "%(order)s was anonymised, not deleted: %(error)s",
                        order=order.name,
                        error=str(error).splitlines()[0],
                    )
                )
        return deleted
