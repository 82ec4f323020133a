# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# never logged: the log itself, and the magic fields every write touches
UNAUDITED_MODELS = frozenset({"order.archive.audit.log", "order.archive.audit.rule"})
MAGIC_FIELDS = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date"})
UNAUDITED_TYPES = frozenset({"one2many", "binary", "properties", "properties_definition"})


class OrderArchiveAuditRule(models.Model):
    """Which model's create, write and unlink are logged in the audit trail, which of its
    fields, and how long the entries are kept."""

    _name = "order.archive.audit.rule"
    _description = "Audit Rule"
    _order = "model"
    _rec_name = "model"

    model = fields.Char(
        required=True,
        index=True,
        help="Technical name of the audited model, e.g. sale.order. A rule of a model not "
        "installed logs nothing until it is.",
    )
    model_description = fields.Char(string="Document", compute="_compute_model_description")
    active = fields.Boolean(default=True)
    field_ids = fields.Many2many(
        "ir.model.fields",
        string="Audited Fields",
        domain="[('model', '=', model), ('store', '=', True), "
        "('ttype', 'not in', ('one2many', 'binary'))]",
        help="The fields whose changes are logged (old and new value). Empty: every stored "
        "field written.",
    )
    log_create = fields.Boolean(string="Log Creation", default=True)
    log_write = fields.Boolean(string="Log Changes", default=True)
    log_unlink = fields.Boolean(string="Log Deletion", default=True)
    retention_days = fields.Integer(
        string="Keep Entries (days)",
        default=3650,
        help="Entries older than this are deleted by the daily purge. 0: kept forever.",
    )

    _sql_constraints = [
        ("model_unique", "unique(model)", "A model has one audit rule."),
        ("retention_positive", "CHECK(retention_days >= 0)", "Keep the entries 0 days or more."),
    ]

    def init(self):
        # from now on the audit's tables exist: the hooks on every model may log
        self.env.registry._oa_audit_ready = True

    def _register_hook(self):
        super()._register_hook()
        self.env.registry._oa_audit_ready = True

    @api.depends("model")
    def _compute_model_description(self):
        for rule in self:
            model = self.env.get(rule.model) if rule.model else None
            rule.model_description = model._description if model is not None else rule.model

    @api.constrains("model")
    def _check_model(self):
        for rule in self:
            if rule.model in UNAUDITED_MODELS:
                raise ValidationError(self.env._("The audit trail does not log itself."))

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    @tools.ormcache()
    def _oa_config(self):
        """{model: (log create, log write, log unlink, frozenset of audited field names)}
        of the active rules of installed models; cached until a rule changes."""
        config = {}
        # sudo: the configuration applies to every user's writes, whatever they may read
        for rule in self.sudo().search([("active", "=", True)]):
            if rule.model not in self.env.registry or rule.model in UNAUDITED_MODELS:
                continue
            model_fields = self.env[rule.model]._fields
            names = rule.field_ids.mapped("name") or [
                name
                for name, field in model_fields.items()
                if field.store and field.type not in UNAUDITED_TYPES and name not in MAGIC_FIELDS
            ]
            config[rule.model] = (
                rule.log_create,
                rule.log_write,
                rule.log_unlink,
                frozenset(name for name in names if name in model_fields),
                bool(rule.field_ids),
            )
        return config

    @api.model
    def _cron_purge(self):
        """Delete the entries older than their rule's retention (one statement per rule)."""
        now = fields.Datetime.now()
        for rule in self.with_context(active_test=False).search([("retention_days", ">", 0)]):
            self.env.cr.execute(
                "DELETE FROM order_archive_audit_log WHERE res_model = %s AND date < %s",
                [rule.model, now - timedelta(days=rule.retention_days)],
            )
        self.env["order.archive.audit.log"].invalidate_model()
