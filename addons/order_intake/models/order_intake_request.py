# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json

from odoo import api, fields, models


class OrderIntakeRequest(models.Model):
    """An order received through the order API, kept under its idempotency key so that a
    retried request returns the first answer instead of creating a second order."""

    _name = "order.intake.request"
    _description = "Order API Request"
    _order = "id desc"
    _rec_name = "idempotency_key"

    channel_id = fields.Many2one(
        "order.intake.channel", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="channel_id.company_id", store=True)
    idempotency_key = fields.Char(required=True)
    payload_hash = fields.Char(required=True, help="SHA-256 of the request body, normalised.")
    order_id = fields.Many2one("sale.order", ondelete="set null", index="btree_not_null")
    status_code = fields.Integer()
    response = fields.Text(help="The JSON answer given to the first request.")

    _sql_constraints = [
        (
            "key_channel_uniq",
            "unique(channel_id, idempotency_key)",
            "This idempotency key was already used on this channel.",
        )
    ]

    @api.model
    def _hash_payload(self, payload):
        text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()
