# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .order_archive_policy import DOCUMENT_TYPES


class ResCompany(models.Model):
    _inherit = "res.company"

    oa_bill_match_policy = fields.Boolean(
        string="Three-way Match on Vendor Bills",
        help="Vendor bills whose lines are billed over the received quantity or over the "
        "ordered price (beyond the tolerance) are posted only by a user of the Bill Match "
        "Override group, with a reason. Off: bills are posted as in standard Odoo.",
    )
    oa_bill_match_tolerance_percent = fields.Float(
        string="Match Tolerance (%)",
        digits=(16, 2),
        help="A quantity or price over what was received or ordered by at most this "
        "percentage still matches.",
    )
    oa_bill_match_tolerance_amount = fields.Monetary(
        string="Match Tolerance (Amount)",
        currency_field="currency_id",
        help="A line whose excess (quantity over received times price, or price difference "
        "times quantity) is worth at most this amount in company currency still matches.",
    )
    oa_invoice_double_policy = fields.Boolean(
        string="Refuse Double Invoicing",
        help="Posting a customer invoice that brings a sales line above what was delivered "
        "(products invoiced on delivery) or ordered (other products and services), credit "
        "notes deducted, needs a user of the Bill Match Override group, with a reason. Off: "
        "invoices are posted as in standard Odoo.",
    )

    oa_archive_orders = fields.Boolean(
        string="Archive Closed Orders",
        help="The archive run writes an immutable, hash-chained snapshot of each closed order "
        "when its sales-order retention policy says it is due. Off: nothing is archived.",
    )
    oa_archive_in_background = fields.Boolean(
        string="Archive in Background Jobs",
        help="With OCA's Job Queue installed, archive runs are split into jobs (one per "
        "batch) that the job workers run, in parallel when there are several.",
    )

    def write(self, vals):
        result = super().write(vals)
        if vals.get("oa_archive_orders"):
            self._oa_ensure_policies()
            for company in self:
                self.env["order.archive.chain"]._get_local(company)
        return result

    def _oa_ensure_policies(self):
        """A company that turns the archive on gets the default policies it lacks."""
        Policy = self.env["order.archive.policy"].sudo().with_context(active_test=False)
        existing = {
            (policy.company_id.id, policy.document_type)
            for policy in Policy.search([("company_id", "in", self.ids)])
        }
        labels = dict(DOCUMENT_TYPES)
        # sudo: policies are created by whoever may turn the setting on (settings rights).
        Policy.create(
            [
                {
                    "name": labels[kind],
                    "sequence": index,
                    "company_id": company.id,
                    "document_type": kind,
                }
                for company in self
                for index, (kind, _label) in enumerate(DOCUMENT_TYPES, start=1)
                if (company.id, kind) not in existing
            ]
        )
