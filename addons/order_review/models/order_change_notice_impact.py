# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

IMPACT_KINDS = [
    ("order_line", "Order Line"),
    ("order", "Order"),
    ("delivery", "Delivery"),
    ("production", "Manufacturing"),
    ("purchase", "Purchase"),
    ("invoice", "Invoicing"),
    ("schedule", "Schedule"),
]


class OrderChangeNoticeImpact(models.Model):
    """One document a change notice touches and what happens to it (or why it cannot).
    Written by the notice only: computed before anyone signs, and again as applied."""

    _name = "order.change.notice.impact"
    _description = "Change Notice Impact"
    _order = "notice_id, sequence, id"

    notice_id = fields.Many2one(
        "order.change.notice", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    kind = fields.Selection(IMPACT_KINDS, required=True, readonly=True)
    res_model = fields.Char(readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    document = fields.Char(readonly=True)
    message_code = fields.Char(readonly=True, help="What happens (see the notice's messages).")
    message_params = fields.Json(readonly=True, help="The figures of what happens.")
    description = fields.Char(
        string="What Happens",
        compute="_compute_description",
        help="What happens, in the reader's language, amounts in the order's currency and "
        "dates in the reader's format.",
    )
    blocking = fields.Boolean(
        string="Cannot Be Done",
        readonly=True,
        help="This part of the change cannot be carried out: the notice cannot be signed "
        "until the notice or the documents change.",
    )
    department_code = fields.Char(string="Signed By", readonly=True)

    @api.depends_context("lang", "tz", "uid")
    @api.depends("message_code", "message_params", "notice_id")
    def _compute_description(self):
        names = self.env["order.change.notice"]._impact_names(self.mapped("message_params"))
        for impact in self:
            impact.description = impact.notice_id._impact_render(
                impact.message_code, impact.message_params, names
            )

    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return False
        record = self.env[self.res_model].browse(self.res_id)
        if self.res_model == "stock.move":
            record = record.picking_id or record
        elif self.res_model == "purchase.order.line":
            record = record.order_id
        elif self.res_model == "sale.order.line":
            record = record.order_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
