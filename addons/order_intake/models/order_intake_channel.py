# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OrderIntakeChannel(models.Model):
    """Where a sales order comes from. Each channel numbers its orders with its own prefix,
    so an order number tells its origin and stays unique."""

    _name = "order.intake.channel"
    _description = "Order Intake Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Short technical name used by imports and the order API, e.g. SHOP."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True, required=True
    )
    prefix = fields.Char(
        string="Number Prefix",
        required=True,
        help="Orders of this channel are numbered with this prefix, e.g. EC for EC00001.",
    )
    sequence_id = fields.Many2one(
        "ir.sequence", string="Numbering", readonly=True, copy=False, ondelete="restrict"
    )
    intake_checks = fields.Boolean(
        string="Check Orders",
        default=True,
        help="Run the intake checks on the orders of this channel before they are confirmed.",
    )
    requires_customer_ref = fields.Boolean(
        string="Requires Customer Reference",
        help="Orders of this channel must carry the customer's purchase order reference.",
    )
    order_count = fields.Integer(compute="_compute_order_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "Another channel of this company already has this code.",
        ),
        (
            "prefix_company_uniq",
            "unique(prefix, company_id)",
            "Another channel of this company already numbers its orders with this prefix.",
        ),
    ]

    def _compute_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("intake_channel_id", "in", self.ids)], ["intake_channel_id"], ["__count"]
            )
        )
        for channel in self:
            channel.order_count = counts.get(channel, 0)

    @api.constrains("prefix")
    def _check_prefix(self):
        for channel in self:
            if not channel.prefix.strip() or "%" in channel.prefix:
                raise ValidationError(
                    self.env._(
                        "The number prefix of channel %(channel)s must be plain text, "
                        "e.g. 'EC' or 'TEL-'.",
                        channel=channel.name,
                    )
                )

    def _prepare_sequence_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("Sales orders of channel %(channel)s", channel=self.name),
            "code": f"order.intake.channel.{self.code}",
            "prefix": self.prefix,
            "padding": 5,
            "company_id": self.company_id.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        channels = super().create(vals_list)
        for channel in channels:
            # the sequence belongs to the channel; users configuring channels need no
            # rights on ir.sequence (checked above by create() on the channel itself)
            channel.sequence_id = (
                self.env["ir.sequence"].sudo().create(channel._prepare_sequence_vals())
            )
        return channels

    def write(self, vals):
        res = super().write(vals)
        if {"prefix", "company_id", "name"} & set(vals):
            for channel in self.filtered("sequence_id"):
                # same reason as in create(): the channel's own numbering
                channel.sequence_id.sudo().write(
                    {
                        "prefix": channel.prefix,
                        "company_id": channel.company_id.id,
                        "name": channel._prepare_sequence_vals()["name"],
                    }
                )
        return res

    def _next_order_number(self):
        self.ensure_one()
        # the channel's own numbering; creating an order is what is access-checked
        return self.sequence_id.sudo().next_by_id()

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_intake.action_order_intake_sale_orders"
        )
        action["domain"] = [("intake_channel_id", "=", self.id)]
        action["context"] = {"default_intake_channel_id": self.id}
        return action
