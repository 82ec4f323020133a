# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _oa_check_snapshot_files(self):
        if self.env.context.get("order_archive_tombstone"):
            return
        if any(attachment.res_model == "order.archive.snapshot" for attachment in self):
            raise UserError(
                self.env._(
                    "The documents of an archive snapshot cannot be changed or deleted; the "
                    "approved purge at expiry removes them."
                )
            )

    def write(self, vals):
        self._oa_check_snapshot_files()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_snapshot_files(self):
        self._oa_check_snapshot_files()
