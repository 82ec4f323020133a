# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .order_archive_snapshot import REASONS


class OrderArchiveVerification(models.Model):
    """The result of recomputing a hash chain: OK, or its first broken link."""

    _name = "order.archive.verification"
    _description = "Archive Chain Verification"
    _order = "id desc"

    chain_id = fields.Many2one(
        "order.archive.chain", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="chain_id.company_id", store=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    trigger = fields.Selection(
        [("manual", "Manual"), ("cron", "Scheduled"), ("import", "Import")],
        default="manual",
        readonly=True,
    )
    count = fields.Integer(string="Snapshots Checked", readonly=True)
    ok = fields.Boolean(string="Chain Intact", readonly=True)
    break_sequence = fields.Integer(string="First Broken Position", readonly=True)
    break_reference = fields.Char(string="Broken Order", readonly=True)
    break_reason = fields.Selection(REASONS, string="Broken Because", readonly=True)
    break_detail = fields.Char(string="Detail", readonly=True)
    snapshot_id = fields.Many2one("order.archive.snapshot", readonly=True, ondelete="set null")

    def _compute_display_name(self):
        for verification in self:
            verification.display_name = (
                self.env._("%(chain)s: intact", chain=verification.chain_id.name)
                if verification.ok
                else self.env._(
                    "%(chain)s: broken at %(position)s",
                    chain=verification.chain_id.name,
                    position=verification.break_sequence,
                )
            )
