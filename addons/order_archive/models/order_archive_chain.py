# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services import archive_chain


class OrderArchiveChain(models.Model):
    """The head of a hash chain of snapshots: one per company of this database, and one per
    source company and database of an imported archive. Appending locks this row, so that
    parallel archive jobs of a company take the positions one after the other."""

    _name = "order.archive.chain"
    _description = "Archive Hash Chain"
    _order = "imported, company_id, id"

    name = fields.Char(required=True)
    key = fields.Char(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    imported = fields.Boolean(readonly=True)
    source_key = fields.Char(
        readonly=True, help="The chain key in the database an imported chain comes from."
    )
    last_sequence = fields.Integer(readonly=True)
    last_digest = fields.Char(readonly=True)
    snapshot_ids = fields.One2many("order.archive.snapshot", "chain_id", readonly=True)
    verification_ids = fields.One2many("order.archive.verification", "chain_id", readonly=True)
    last_verification_id = fields.Many2one(
        "order.archive.verification", compute="_compute_last_verification"
    )

    _sql_constraints = [("key_uniq", "unique(key)", "A chain key is unique.")]

    def _compute_last_verification(self):
        for chain in self:
            chain.last_verification_id = chain.verification_ids[:1]

    @api.model
    def _local_key(self, company):
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return f"{uuid}/company/{company.id}"

    @api.model
    def _get_local(self, company):
        """The company's own chain, created on first use (the unique key makes two creators
        one: the second waits for the first's commit then fails, and retries find it)."""
        key = self._local_key(company)
        chain = self.sudo().search([("key", "=", key)], limit=1)
        if not chain:
            # sudo: the chain head is technical; callers checked the archive rights.
            self.env.cr.execute(
                SQL(
                    "INSERT INTO order_archive_chain "
                    "(name, key, company_id, imported, last_sequence, create_uid, create_date,"
                    " write_uid, write_date) VALUES (%s, %s, %s, false, 0, %s, now() at time "
                    "zone 'utc', %s, now() at time zone 'utc') ON CONFLICT (key) DO NOTHING",
                    company.name,
                    key,
                    company.id,
                    self.env.uid,
                    self.env.uid,
                )
            )
            chain = self.sudo().search([("key", "=", key)], limit=1)
        return chain

    def _lock(self):
        """Lock the chain head until the end of the transaction (waits for another append)."""
        self.env.cr.execute(
            SQL(
                "SELECT id, last_sequence, last_digest FROM order_archive_chain "
                "WHERE id IN %s FOR UPDATE",
                tuple(self.ids),
            )
        )
        rows = self.env.cr.fetchall()
        self.invalidate_recordset(["last_sequence", "last_digest"])
        return {row[0]: (row[1], row[2]) for row in rows}

    def _links(self):
        """The chain's snapshots as the verification reads them, in position order, read
        in slices so that memory does not grow with the chain."""
        self.ensure_one()
        Snapshot = self.env["order.archive.snapshot"].sudo()
        ids = Snapshot.search([("chain_id", "=", self.id)], order="sequence, id").ids
        approved = self._approved_tombstones()
        for start in range(0, len(ids), 500):
            snapshots = Snapshot.browse(ids[start : start + 500])
            files = snapshots._attachment_digests()
            for snapshot in snapshots:
                yield archive_chain.Link(
                    sequence=snapshot.sequence,
                    reference=snapshot.order_ref,
                    content=None if snapshot.tombstone else snapshot.content.encode("utf-8"),
                    content_digest=snapshot.content_digest,
                    prev_digest=snapshot.prev_digest,
                    digest=snapshot.digest,
                    tombstone=snapshot.tombstone,
                    tombstone_approved=approved is None or snapshot.id in approved,
                    attachments=files.get(snapshot.id, {}),
                    ident=snapshot.id,
                )
            snapshots.invalidate_recordset()

    def _approved_tombstones(self):
        """The ids of this chain's tombstones left by an expiry approved and carried out in
        its company, not before the snapshot's expiry date (a day's slack for the time
        zones; None for an imported excerpt:
        its tombstones were checked where it was exported from)."""
        self.ensure_one()
        if self.imported:
            return None
        self.env["order.archive.purge"].flush_model(
            ["state", "approved_by_id", "company_id", "date_done", "snapshot_ids"]
        )
        self.env["order.archive.snapshot"].flush_model(
            ["chain_id", "tombstone", "company_id", "expiry_date"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT snapshot.id
                  FROM order_archive_snapshot snapshot
                  JOIN order_archive_purge_order_archive_snapshot_rel rel
                    ON rel.order_archive_snapshot_id = snapshot.id
                  JOIN order_archive_purge expiry ON expiry.id = rel.order_archive_purge_id
                 WHERE snapshot.chain_id = %s
                   AND snapshot.tombstone
                   AND expiry.state = 'done'
                   AND expiry.approved_by_id IS NOT NULL
                   AND expiry.company_id = snapshot.company_id
                   -- expiry dates are the company's days, date_done is UTC: a day's slack
                   AND snapshot.expiry_date <= (expiry.date_done + interval '1 day')::date
                """,
                self.id,
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def _verify(self, trigger="manual"):
        """Recompute each chain and record the result (first broken link or OK)."""
        Verification = self.env["order.archive.verification"].sudo()
        results = Verification
        for chain in self:
            self.env.cr.execute(
                SQL("SELECT digest FROM order_archive_snapshot WHERE chain_id = %s", chain.id)
            )
            digests = {row[0] for row in self.env.cr.fetchall()}
            seen = {"count": 0, "last": None}

            links = _counted(chain._links(), seen)
            first = None
            if chain.imported:
                # An imported excerpt starts where its first snapshot was in its source chain.
                start = (
                    self.env["order.archive.snapshot"]
                    .sudo()
                    .search([("chain_id", "=", chain.id)], order="sequence", limit=1)
                )
                first = (start.sequence, start.prev_digest) if start else None
            found = archive_chain.verify_chain(
                links, chain.source_key or chain.key, known_digests=digests, first=first
            )
            last = seen["last"]
            if (
                not found
                and last
                and (last.sequence, last.digest)
                != (
                    chain.last_sequence,
                    chain.last_digest,
                )
            ):
                found = archive_chain.Break(
                    chain.last_sequence,
                    "",
                    "removed",
                    self.env._(
                        "the chain ends at %(seq)s, its head says %(head)s",
                        seq=last.sequence,
                        head=chain.last_sequence,
                    ),
                )
            elif not found and not last and chain.last_sequence:
                found = archive_chain.Break(chain.last_sequence, "", "removed", "")
            results |= Verification.create(
                {
                    "chain_id": chain.id,
                    "trigger": trigger,
                    "count": seen["count"],
                    "ok": not found,
                    "break_sequence": found.sequence if found else 0,
                    "break_reference": found.reference if found else False,
                    "break_reason": found.reason if found else False,
                    "break_detail": found.detail if found else False,
                    "snapshot_id": found.ident if found else False,
                }
            )
        return results

    def action_verify(self):
        self.env["order.archive.snapshot"]._check_archive_reader()
        results = self._verify()
        if len(results) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "order.archive.verification",
                "res_id": results.id,
                "view_mode": "form",
                "target": "current",
            }
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.archive.verification",
            "domain": [("id", "in", results.ids)],
            "view_mode": "list,form",
        }

    @api.model
    def _cron_verify(self):
        self.sudo().search([("last_sequence", ">", 0)])._verify(trigger="cron")

    def write(self, vals):
        if set(vals) - {"name"} and not self.env.context.get("order_archive_append"):
            raise UserError(self.env._("A hash chain's head moves only when snapshots are added."))
        return super().write(vals)


def _counted(links, seen):
    """``links``, counting them and keeping the last one in ``seen``."""
    for link in links:
        seen["count"] += 1
        seen["last"] = link
        yield link
