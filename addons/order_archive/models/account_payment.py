# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    oa_amount_in_words = fields.Char(
        string="Amount in Words",
        compute="_compute_oa_amount_in_words",
        help="The amount in words in the partner's language; Chinese capital numerals "
        "(大写金额) for Chinese.",
    )

    @api.depends("amount", "currency_id", "partner_id.lang")
    def _compute_oa_amount_in_words(self):
        for payment in self:
            payment.oa_amount_in_words = payment.currency_id._oa_amount_in_words(
                payment.amount, payment.partner_id.lang or self.env.lang
            )
