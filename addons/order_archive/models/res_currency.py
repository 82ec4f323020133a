# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.order_intake.services.amount_in_words import amount_to_chinese_capital


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def _oa_amount_in_words(self, amount, lang):
        """``amount`` of this currency in words in ``lang``: Chinese capital financial
        numerals for Chinese (zh_*), else Odoo's amount_to_text (num2words)."""
        if not self:
            return False
        self.ensure_one()
        if (lang or "").startswith("zh"):
            return amount_to_chinese_capital(amount, self.name)
        text = self.with_context(lang=lang).amount_to_text(abs(amount))
        if amount < 0:
            text = self.with_context(lang=lang).env._("minus %(amount)s", amount=text)
        return text
