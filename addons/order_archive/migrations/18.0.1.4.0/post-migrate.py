# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.4.0: the audit trail of invoices and bills logs the mismatch override (its reason,
who gave it and when). The audit rules are data kept as the company set them (noupdate):
the three fields are added to the invoices' rule installed by the addon, where it still
lists its fields (a rule emptied by the company logs every field already)."""

from odoo import SUPERUSER_ID, api

OVERRIDE_FIELDS = (
    "oa_match_override_reason",
    "oa_match_override_user_id",
    "oa_match_override_date",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("order_archive.audit_rule_account_move", raise_if_not_found=False)
    if not rule or not rule.field_ids:
        return
    fields = env["ir.model.fields"].search(
        [("model", "=", "account.move"), ("name", "in", OVERRIDE_FIELDS)]
    )
    rule.field_ids |= fields
