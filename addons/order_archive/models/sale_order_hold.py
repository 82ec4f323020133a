# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oa_hold_name = fields.Char(
        string="Legal Hold",
        compute="_compute_oa_hold_name",
        help="The active legal hold covering this order: nothing of it may be deleted, purged "
        "or anonymised until it is released.",
    )
    oa_audit_count = fields.Integer(
        string="Audit Entries",
        compute="_compute_oa_audit_count",
        groups="order_intake.group_order_archive_manager,order_intake.group_order_auditor",
    )

    def _compute_oa_hold_name(self):
        Hold = self.env["order.archive.hold"]
        held = Hold._oa_held_rows("sale.order", self.ids)
        # sudo: every user of the order sees that it is held (its reference only, not why)
        names = {hold.id: hold.name for hold in Hold.sudo().browse({h for h, __ in held.values()})}
        for order in self:
            order.oa_hold_name = names.get(held.get(order.id, (None,))[0], False)

    def _compute_oa_audit_count(self):
        counts = dict(
            self.env["order.archive.audit.log"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for order in self:
            order.oa_audit_count = counts.get(order.id, 0)

    @api.model
    def _oa_filter_not_held(self, orders):
        """The orders of ``orders`` that no active legal hold covers: the only ones an archive
        run may purge or anonymise."""
        return orders - self.env["order.archive.hold"]._get_held_sale_orders(orders)
