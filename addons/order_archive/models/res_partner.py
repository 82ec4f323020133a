# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..services.document_match import Tolerance


class ResPartner(models.Model):
    _inherit = "res.partner"

    oa_bill_match_own_tolerance = fields.Boolean(
        string="Own Bill Match Tolerance",
        company_dependent=True,
        help="This vendor's bills are matched with the tolerance below instead of the company's.",
    )
    oa_bill_match_tolerance_percent = fields.Float(
        string="Vendor Match Tolerance (%)", company_dependent=True, digits=(16, 2)
    )
    oa_bill_match_tolerance_amount = fields.Float(
        string="Vendor Match Tolerance (Amount)",
        company_dependent=True,
        digits="Account",
        help="In company currency.",
    )

    def _oa_bill_match_tolerance(self, company):
        """The tolerance for this vendor's bills in company."""
        vendor = self.commercial_partner_id.with_company(company)
        if vendor and vendor.oa_bill_match_own_tolerance:
            return Tolerance(
                vendor.oa_bill_match_tolerance_percent, vendor.oa_bill_match_tolerance_amount
            )
        return Tolerance(
            company.oa_bill_match_tolerance_percent, company.oa_bill_match_tolerance_amount
        )
