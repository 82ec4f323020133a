# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import json
import zipfile

from odoo import fields, models
from odoo.exceptions import UserError

from ..services import archive_chain

FORMAT = "order_archive_export/1"
SEARCH_FIELDS = (
    "order_ref",
    "partner_name",
    "product_names",
    "date_order",
    "date_closed",
    "amount_untaxed",
    "amount_total",
    "currency_name",
    "expiry_date",
    "expiry_action",
    "tombstone",
    "purged_on",
)


class OrderArchiveTransfer(models.TransientModel):
    """Export selected snapshots as a ZIP (their JSON, PDFs, a manifest with the digests),
    or import such a ZIP into this database as a chain of its own, verified again."""

    _name = "order.archive.transfer"
    _description = "Archive Export / Import"

    mode = fields.Selection([("export", "Export"), ("import", "Import")], default="export")
    snapshot_ids = fields.Many2many("order.archive.snapshot", string="Snapshots")
    data = fields.Binary(string="ZIP File", attachment=False)
    filename = fields.Char()
    verification_ids = fields.Many2many("order.archive.verification", readonly=True)

    # ------------------------------------------------------------------ export
    def action_export(self):
        self.env["order.archive.snapshot"]._check_archive_reader()
        if not self.snapshot_ids:
            raise UserError(self.env._("Select the snapshots to export."))
        self.data = base64.b64encode(self.snapshot_ids._export_zip())
        self.filename = "order-archive.zip"
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------ import
    def action_import(self):
        self.env["order.archive.snapshot"]._check_archive_manager()
        if not self.data:
            raise UserError(self.env._("Upload the ZIP file of an archive export."))
        # sudo: imported snapshots and chains are written by the archive itself (nobody has
        # create rights on them); the Archive Manager's right was checked above.
        chains = self.env["order.archive.snapshot"].sudo()._import_zip(base64.b64decode(self.data))
        self.verification_ids = chains._verify(trigger="import")
        return {
            "type": "ir.actions.act_window",
            "res_model": "order.archive.verification",
            "domain": [("id", "in", self.verification_ids.ids)],
            "view_mode": "list,form",
            "name": self.env._("Imported Archive Verification"),
        }


class OrderArchiveSnapshot(models.Model):
    _inherit = "order.archive.snapshot"

    def _export_zip(self):
        buffer = io.BytesIO()
        files = self._attachment_files()
        manifest = {
            "format": FORMAT,
            "database": self.env["ir.config_parameter"].sudo().get_param("database.uuid"),
            "snapshots": [],
        }
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for snapshot in self._export_links():
                if snapshot not in self:
                    # a link between two exported snapshots: its digests only
                    manifest["snapshots"].append(
                        {
                            "chain_key": snapshot.chain_id.key,
                            "chain_name": snapshot.chain_id.name,
                            "sequence": snapshot.sequence,
                            "order_ref": snapshot.order_ref,
                            "content_digest": snapshot.content_digest,
                            "prev_digest": snapshot.prev_digest,
                            "digest": snapshot.digest,
                            "omitted": True,
                        }
                    )
                    continue
                path = f"{snapshot.chain_id.id}/{snapshot.sequence:08d}"
                archive.writestr(f"{path}/snapshot.json", snapshot.content.encode("utf-8"))
                attachments = []
                for name, raw in files.get(snapshot.id, []):
                    archive.writestr(f"{path}/files/{name}", raw)
                    attachments.append(
                        {
                            "name": name,
                            "file": f"{path}/files/{name}",
                            "sha256": archive_chain.sha256(raw),
                        }
                    )
                entry = {
                    "chain_key": snapshot.chain_id.key,
                    "chain_name": snapshot.chain_id.name,
                    "sequence": snapshot.sequence,
                    "content_digest": snapshot.content_digest,
                    "prev_digest": snapshot.prev_digest,
                    "digest": snapshot.digest,
                    "file": f"{path}/snapshot.json",
                    "attachments": attachments,
                }
                entry.update(
                    {
                        name: fields.Date.to_string(snapshot[name])
                        if name in ("date_order", "date_closed", "expiry_date", "purged_on")
                        and snapshot[name]
                        else snapshot[name]
                        for name in SEARCH_FIELDS
                    }
                )
                manifest["snapshots"].append(entry)
            archive.writestr(
                "manifest.json", archive_chain.canonical_json(manifest).decode("utf-8")
            )
        return buffer.getvalue()

    def _export_links(self):
        """The snapshots of each chain from the first to the last of ``self``, in order: those
        between that were not selected go as their digests only (the chain of an excerpt is
        then verified link by link, without the content of what was left out)."""
        links = self.browse()
        for chain in self.chain_id.sorted("id"):
            selected = self.filtered(lambda s, c=chain: s.chain_id == c)
            sequences = selected.mapped("sequence")
            links |= self.search(
                [
                    ("chain_id", "=", chain.id),
                    ("sequence", ">=", min(sequences)),
                    ("sequence", "<=", max(sequences)),
                ],
                order="sequence",
            )
        return links

    def _attachment_files(self):
        result = {}
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                order="res_id, name",
            )
        )
        for attachment in attachments:
            result.setdefault(attachment.res_id, []).append(
                (attachment.name, attachment.raw or b"")
            )
        return result

    def _import_zip(self, data):
        """Create the snapshots of an export ZIP in chains of their own (one per source chain,
        keyed by the source database and company); a snapshot already imported is skipped."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            manifest = json.loads(archive.read("manifest.json"))
        except (zipfile.BadZipFile, KeyError, ValueError) as error:
            raise UserError(
                self.env._("This file is not an archive export (a ZIP with manifest.json).")
            ) from error
        if manifest.get("format") != FORMAT:
            raise UserError(self.env._("This file is not an archive export of Order Archive."))
        Chain = self.env["order.archive.chain"]
        company = self.env.company
        chains = Chain
        existing = {}
        vals_list, files = [], []
        for entry in manifest["snapshots"]:
            key = f"import/{entry['chain_key']}"
            chain = Chain.search([("key", "=", key)], limit=1)
            if not chain:
                chain = Chain.create(
                    {
                        "name": self.env._("%(name)s (imported)", name=entry["chain_name"]),
                        "key": key,
                        "source_key": entry["chain_key"],
                        "company_id": company.id,
                        "imported": True,
                    }
                )
            chains |= chain
            if chain.id not in existing:
                existing[chain.id] = set(
                    self.search([("chain_id", "=", chain.id)]).mapped("sequence")
                )
            if entry["sequence"] in existing[chain.id]:
                continue
            if entry.get("omitted"):
                vals_list.append(
                    {
                        "chain_id": chain.id,
                        "company_id": company.id,
                        "imported": True,
                        "omitted": True,
                        "tombstone": True,
                        "sequence": entry["sequence"],
                        "order_ref": entry["order_ref"],
                        "content": archive_chain.canonical_json(
                            {
                                "omitted": True,
                                "reference": entry["order_ref"],
                                "content_digest": entry["content_digest"],
                            }
                        ).decode("utf-8"),
                        "content_digest": entry["content_digest"],
                        "prev_digest": entry["prev_digest"],
                        "digest": entry["digest"],
                    }
                )
                files.append([])
                continue
            vals = {name: entry.get(name) or False for name in SEARCH_FIELDS}
            vals.update(
                {
                    "chain_id": chain.id,
                    "company_id": company.id,
                    "imported": True,
                    "sequence": entry["sequence"],
                    "content": archive.read(entry["file"]).decode("utf-8"),
                    "content_digest": entry["content_digest"],
                    "prev_digest": entry["prev_digest"],
                    "digest": entry["digest"],
                }
            )
            vals_list.append(vals)
            files.append([(a["name"], archive.read(a["file"])) for a in entry["attachments"]])
        snapshots = self.create(vals_list)
        self.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "raw": raw,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": snapshot.id,
                }
                for snapshot, found in zip(snapshots, files, strict=True)
                for name, raw in found
            ]
        )
        for chain in chains:
            last = self.search([("chain_id", "=", chain.id)], order="sequence desc", limit=1)
            chain.with_context(order_archive_append=True).write(
                {"last_sequence": last.sequence, "last_digest": last.digest}
            )
        return chains
