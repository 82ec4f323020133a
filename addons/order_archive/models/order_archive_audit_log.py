# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import json

from odoo import api, fields, models
from odoo.tools import SQL

PENDING_KEY = "order_archive.audit"
MAX_TEXT = 2000


def _hashable(value):
    """Relations as tuples of ids, JSON values as text: comparable and usable as keys."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return value


class OrderArchiveAuditLog(models.Model):
    """One change of one field of one record (or one creation or deletion): who, when, old
    and new value as text. Written only by the audit itself, in one INSERT at the end of the
    transaction that made the changes; read by archive managers and auditors."""

    _name = "order.archive.audit.log"
    _description = "Audit Trail Entry"
    _order = "date desc, id desc"
    _rec_name = "res_name"
    _log_access = False

    date = fields.Datetime(readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="User", readonly=True, index=True)
    res_model = fields.Char(string="Model", readonly=True, index=True)
    model_description = fields.Char(string="Document Type", compute="_compute_model_description")
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model", readonly=True)
    res_name = fields.Char(string="Record", readonly=True)
    operation = fields.Selection(
        [("create", "Create"), ("write", "Change"), ("unlink", "Delete")],
        readonly=True,
        index=True,
    )
    field_name = fields.Char(string="Field (technical)", readonly=True)
    field_description = fields.Char(string="Field", readonly=True)
    old_value = fields.Text(readonly=True)
    new_value = fields.Text(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS order_archive_audit_log_record_idx "
            "ON order_archive_audit_log (res_model, res_id)"
        )

    @api.depends("res_model")
    def _compute_model_description(self):
        for entry in self:
            model = self.env.get(entry.res_model) if entry.res_model else None
            entry.model_description = model._description if model is not None else entry.res_model

    def action_open_record(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # -- collecting ---------------------------------------------------------------------------

    @api.model
    def _oa_read_raw(self, records, fnames):
        """{id: {field: raw value}} of ``records``: ids for relations, keys for selections,
        read with the prefetch of the records (no query when in cache). A computed field
        waiting for its recomputation is not computed here (that would change when Odoo
        computes it): its value is left unknown (None)."""
        # sudo: the audit keeps the values whatever the acting user may read; none is shown
        records = records.sudo()
        tocompute = self.env.transaction.tocompute
        result = {record_id: {} for record_id in records._ids}
        for fname in fnames:
            field = records._fields[fname]
            pending = tocompute.get(field, ()) if field.compute else ()
            for record in records:
                if record.id in pending:
                    result[record.id][fname] = None
                    continue
                result[record.id][fname] = _hashable(
                    field.convert_to_read(record[fname], record, use_display_name=False)
                )
        return result

    @api.model
    def _oa_pending(self):
        """The entries waiting for the end of the transaction (registers the flush once)."""
        data = self.env.cr.precommit.data
        pending = data.get(PENDING_KEY)
        if pending is None:
            pending = data[PENDING_KEY] = []
            self.env.cr.precommit.add(self.sudo()._oa_flush)
        return pending

    @api.model
    def _oa_company_ids(self, records):
        if "company_id" not in records._fields or not records._fields["company_id"].store:
            return dict.fromkeys(records.ids, None)
        # sudo: see _oa_read_raw
        return {record.id: record.company_id.id or None for record in records.sudo()}

    @api.model
    def _oa_collect(
        self, operation, records, fnames, old=None, new=None, names=None, companies=None
    ):
        """Remember one entry per record and field whose value changed (old != new)."""
        pending = self._oa_pending()
        uid = self.env.uid
        model = records._name
        if companies is None:
            companies = self._oa_company_ids(records)
        empty = {}
        for rec_id in records._ids:
            old_values = old.get(rec_id, empty) if old else empty
            new_values = new.get(rec_id, empty) if new else empty
            company = companies.get(rec_id)
            name = names.get(rec_id) if names else None
            if not fnames:
                pending.append((uid, model, rec_id, name, operation, None, None, None, company))
                continue
            for fname in fnames:
                before = old_values.get(fname)
                after = new_values.get(fname)
                if operation == "write" and before == after:
                    continue
                if operation == "create" and after in (False, None, (), ""):
                    continue
                pending.append((uid, model, rec_id, name, operation, fname, before, after, company))

    # -- writing ------------------------------------------------------------------------------

    def _oa_display(self, model, fname, values):
        """Text of the raw ``values`` of field ``fname`` of ``model`` (batched by caller)."""
        field = self.env[model]._fields.get(fname)
        if field is None:
            return {value: str(value) for value in values}
        texts = {}
        if field.type in ("many2one", "many2many"):
            ids = set()
            for value in values:
                if isinstance(value, (list, tuple)):
                    ids.update(value)
                elif value:
                    ids.add(value)
            comodel = self.env[field.comodel_name].with_context(active_test=False)
            existing = comodel.browse(ids).exists()
            names = {rec.id: rec.display_name for rec in existing}
            for value in values:
                if isinstance(value, (list, tuple)):
                    texts[value] = ", ".join(names.get(i, f"#{i}") for i in value)
                else:
                    texts[value] = names.get(value, f"#{value}") if value else ""
            return texts
        labels = {}
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
        for value in values:
            if value is None or (value is False and field.type != "boolean"):
                texts[value] = ""
            elif field.type == "selection":
                texts[value] = str(labels.get(value, value))
            elif isinstance(value, datetime.datetime):
                texts[value] = fields.Datetime.to_string(value)
            elif isinstance(value, datetime.date):
                texts[value] = fields.Date.to_string(value)
            elif isinstance(value, dict):
                texts[value] = str(value.get(self.env.lang or "en_US") or value.get("en_US"))
            else:
                texts[value] = str(value)[:MAX_TEXT]
        return texts

    def _oa_flush(self):
        """Write the pending entries in one INSERT (called before the commit)."""
        pending = self.env.cr.precommit.data.pop(PENDING_KEY, None)
        if not pending:
            return
        # relational values as tuples, so that they can be dictionary keys
        by_field = {}
        names_missing = {}
        for __, model, rec_id, name, __, fname, before, after, __ in pending:
            if fname:
                values = by_field.setdefault((model, fname), set())
                values.add(before)
                values.add(after)
            if name is None:
                names_missing.setdefault(model, set()).add(rec_id)
        texts = {}
        for (model, fname), values in by_field.items():
            texts[model, fname] = self._oa_display(model, fname, values)
        names = {}
        for model, ids in names_missing.items():
            records = self.env[model].with_context(active_test=False).browse(ids).exists()
            names[model] = {record.id: record.display_name for record in records}
        labels = {}
        columns = [[] for __ in range(10)]
        for uid, model, rec_id, rec_name, operation, fname, old, new, company in pending:
            name = rec_name
            if name is None:
                name = names[model].get(rec_id) or f"{model} #{rec_id}"
            description = None
            before, after = old, new
            if fname:
                if (model, fname) not in labels:
                    field = self.env[model]._fields.get(fname)
                    labels[model, fname] = field._description_string(self.env) if field else fname
                description = labels[model, fname]
                before = texts[model, fname][before]
                after = texts[model, fname][after]
            row = (
                uid,
                model,
                rec_id,
                name,
                operation,
                fname,
                description,
                before or None,
                after or None,
                company,
            )
            for column, value in zip(columns, row, strict=True):
                column.append(value)
        self.env.cr.execute(
            SQL(
                """INSERT INTO order_archive_audit_log
                       (date, user_id, res_model, res_id, res_name, operation, field_name,
                        field_description, old_value, new_value, company_id)
                   SELECT now() AT TIME ZONE 'UTC', *
                     FROM unnest(%s::int[], %s::varchar[], %s::int[], %s::varchar[],
                                 %s::varchar[], %s::varchar[], %s::varchar[], %s::text[],
                                 %s::text[], %s::int[])""",
                *columns,
            )
        )
        self.env["order.archive.audit.log"].invalidate_model()

    @api.model
    def _oa_action_for(self, records):
        """The audit trail of ``records`` (smart buttons, the Audit Trail action)."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Audit Trail"),
            "res_model": "order.archive.audit.log",
            "view_mode": "list,form",
            "domain": [("res_model", "=", records._name), ("res_id", "in", records.ids)],
            "context": {"create": False},
        }
