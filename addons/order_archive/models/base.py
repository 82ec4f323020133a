# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .order_archive_hold import HELD_MODELS


class Base(models.AbstractModel):
    """The audit trail's hooks and the legal hold's deletion guard, on every model; each
    returns at once for a model without audit rule or not guarded (a dictionary lookup)."""

    _inherit = "base"

    def _oa_audit_rule(self):
        """(log create, log write, log unlink, audited fields, explicit) of this model, or
        None when not audited (or while the audit's tables are not ready)."""
        if not getattr(self.env.registry, "_oa_audit_ready", False) or self._abstract:
            return None
        if self.env.context.get("oa_audit_off"):
            return None
        return self.env["order.archive.audit.rule"]._oa_config().get(self._name)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        rule = self._oa_audit_rule()
        if rule and rule[0] and records:
            fnames = set()
            for vals in vals_list:
                fnames.update(vals)
            fnames = [name for name in rule[3] if name in fnames]
            log = self.env["order.archive.audit.log"]
            new = log._oa_read_raw(records, fnames) if fnames else None
            log._oa_collect("create", records, fnames, new=new)
        return records

    def write(self, vals):
        rule = self._oa_audit_rule()
        if not rule or not rule[1] or not self or not isinstance(self._ids[0], int):
            return super().write(vals)
        fnames = [name for name in vals if name in rule[3]]
        if not fnames:
            return super().write(vals)
        log = self.env["order.archive.audit.log"]
        old = log._oa_read_raw(self, fnames)
        res = super().write(vals)
        new = log._oa_read_raw(self, fnames)
        log._oa_collect("write", self, fnames, old=old, new=new)
        return res

    def unlink(self):
        rule = self._oa_audit_rule()
        if not rule or not rule[2] or not self or not isinstance(self._ids[0], int):
            return super().unlink()
        log = self.env["order.archive.audit.log"]
        # the deleted values of the rule's own fields (all stored fields would be too many)
        fnames = sorted(rule[3]) if rule[4] else []
        old = log._oa_read_raw(self, fnames) if fnames else None
        # sudo: the names of what is deleted, kept in the trail whatever the user may read
        names = {record.id: record.display_name for record in self.sudo()}
        records = self.browse(self._ids)
        companies = log._oa_company_ids(self)
        res = super().unlink()
        log._oa_collect("unlink", records, fnames, old=old, names=names, companies=companies)
        return res

    @api.ondelete(at_uninstall=False)
    def _oa_unlink_except_legal_hold(self):
        if self._name in HELD_MODELS:
            self.env["order.archive.hold"]._oa_check_unlink(self)

    def action_oa_audit_trail(self):
        return self.env["order.archive.audit.log"]._oa_action_for(self)
