# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, escape_psql


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
    send_acknowledgment = fields.Boolean(
        string="Send Acknowledgment",
        help="E-mail the order acknowledgment (PDF attached, in the customer's language) to the "
        "customer when an order of this channel is confirmed.",
    )
    api_user_id = fields.Many2one(
        "res.users",
        string="API User",
        domain=[("share", "=", False)],
        help="The user whose API key this channel's system sends its orders with "
        "(order API: POST /order_intake/api/v1/orders). Leave empty to refuse API orders.",
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

    # ------------------------------------------------------------------ order API

    @api.model
    def _api_receive_order(self, payload, idempotency_key):
        """Create a sales order from an API payload. Returns (HTTP status, JSON body, replayed).

        Nothing is written unless the whole order is valid; a key already answered returns
        the stored answer; the same key with another body is refused.
        """
        if not isinstance(payload, dict):
            return (
                400,
                {"error": "invalid_payload", "message": self.env._("Send a JSON object.")},
                False,
            )
        key = (idempotency_key or "").strip()
        if not key or len(key) > 200:
            return (
                400,
                {
                    "error": "missing_idempotency_key",
                    "message": self.env._(
                        "Send a unique Idempotency-Key header (at most 200 characters)."
                    ),
                },
                False,
            )
        code = payload.get("channel")
        channel = code and self.search([("code", "=", code)], limit=1)
        if not channel:
            return (
                400,
                {
                    "error": "validation",
                    "errors": {"channel": self.env._("Unknown channel code: %(code)s", code=code)}
                    if code
                    else {"channel": self.env._("Required.")},
                },
                False,
            )
        if channel.api_user_id != self.env.user:
            return (
                403,
                {
                    "error": "forbidden",
                    "message": self.env._(
                        "User %(user)s may not send orders for channel %(channel)s.",
                        user=self.env.user.login,
                        channel=channel.code,
                    ),
                },
                False,
            )
        Request = self.env["order.intake.request"]
        payload_hash = Request._hash_payload(payload)
        done = Request.search(
            [("channel_id", "=", channel.id), ("idempotency_key", "=", key)], limit=1
        )
        if done:
            if done.payload_hash != payload_hash:
                return (
                    409,
                    {
                        "error": "idempotency_key_reused",
                        "message": self.env._(
                            "This Idempotency-Key was used for another order; use a new key."
                        ),
                    },
                    False,
                )
            return done.status_code, json.loads(done.response), True
        errors, vals = channel._api_prepare_order_vals(payload)
        if errors:
            return 400, {"error": "validation", "errors": errors}, False
        try:
            with self.env.cr.savepoint():
                # claim the key first; a request with the same key still in progress holds it
                claim = channel._api_claim_key(key, payload_hash)
                if not claim:
                    return (
                        409,
                        {
                            "error": "conflict",
                            "message": self.env._(
                                "A request with this Idempotency-Key is in progress; retry."
                            ),
                        },
                        False,
                    )
                order = self.env["sale.order"].create(vals)
                order._intake_run()
                body = order._api_summary()
                claim.write(
                    {"order_id": order.id, "status_code": 201, "response": json.dumps(body)}
                )
        except (UserError, ValidationError) as exc:
            return 400, {"error": "rejected", "message": str(exc)}, False
        return 201, body, False

    def _api_claim_key(self, key, payload_hash):
        """Claim the idempotency ``key`` on this channel for the current transaction; return
        the new request, or an empty recordset when another request holds the key.

        No error is provoked: a request with the same key still in progress holds a
        transaction lock on it (tried without waiting), and the insert skips a key already
        stored. Only a key stored by a request that committed after this transaction began
        makes PostgreSQL refuse the insert as a concurrent update (repeatable read), which
        Odoo retries as it retries any such conflict (not logged as a bad query): the retry
        finds the key and replays its answer."""
        self.ensure_one()
        Request = self.env["order.intake.request"]
        Request.check_access("create")  # the insert below is SQL
        lock = f"order.intake.request:{self.id}:{key}"
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(hashtextextended(%s, 0))", lock))
        if not self.env.cr.fetchone()[0]:
            return Request
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO order_intake_request
                    (channel_id, company_id, idempotency_key, payload_hash,
                     create_uid, create_date, write_uid, write_date)
                VALUES (%(channel)s, %(company)s, %(key)s, %(hash)s,
                        %(uid)s, %(now)s, %(uid)s, %(now)s)
                ON CONFLICT (channel_id, idempotency_key) DO NOTHING
                RETURNING id
                """,
                channel=self.id,
                company=self.company_id.id,
                key=key,
                hash=payload_hash,
                uid=self.env.uid,
                now=self.env.cr.now(),
            ),
            log_exceptions=False,
        )
        row = self.env.cr.fetchone()
        return Request.browse(row[0]) if row else Request

    def _api_prepare_order_vals(self, payload):
        """Validate the payload; return (field errors, sale.order values)."""
        self.ensure_one()
        errors = {}
        partner = self.env["res.partner"]
        customer = payload.get("customer")
        if not customer or not isinstance(customer, str):
            errors["customer"] = self.env._("Required: the customer's reference or e-mail.")
        else:
            partner = partner.search(
                [
                    ("company_id", "in", [False, self.company_id.id]),
                    "|",
                    ("ref", "=", customer),
                    # the e-mail address exactly, in any case: no wildcards
                    ("email", "=ilike", escape_psql(customer)),
                ],
                limit=2,
            )
            if len(partner) != 1:
                errors["customer"] = (
                    self.env._("Unknown customer: %(customer)s", customer=customer)
                    if not partner
                    else self.env._("Several customers match %(customer)s.", customer=customer)
                )
        reference = payload.get("customer_reference")
        if self.requires_customer_ref and not reference:
            errors["customer_reference"] = self.env._(
                "Required on channel %(channel)s.", channel=self.code
            )
        order_type = self.env["order.intake.type"]
        if payload.get("order_type"):
            order_type = order_type.search([("code", "=", payload["order_type"])], limit=1)
            if not order_type:
                errors["order_type"] = self.env._(
                    "Unknown order type: %(type)s", type=payload["order_type"]
                )
        commitment = self._api_date(payload.get("requested_date"), "requested_date", errors)
        lines = payload.get("lines")
        line_vals = []
        if not isinstance(lines, list) or not lines:
            errors["lines"] = self.env._("Required: a list with at least one line.")
            lines = []
        codes = [line.get("product") for line in lines if isinstance(line, dict)]
        products = {
            product.default_code: product
            for product in self.env["product.product"].search(
                [
                    ("default_code", "in", [c for c in codes if isinstance(c, str)]),
                    ("sale_ok", "=", True),
                ]
            )
        }
        for index, line in enumerate(lines):
            where = f"lines[{index}]"
            if not isinstance(line, dict):
                errors[where] = self.env._("Each line is an object.")
                continue
            product = products.get(line.get("product"))
            if not product:
                errors[f"{where}.product"] = self.env._(
                    "Unknown product code: %(code)s", code=line.get("product")
                )
            quantity = line.get("quantity")
            if isinstance(quantity, bool) or not isinstance(quantity, int | float) or quantity <= 0:
                errors[f"{where}.quantity"] = self.env._("Required: a number above zero.")
            price = line.get("price")
            if price is not None and (
                isinstance(price, bool) or not isinstance(price, int | float) or price < 0
            ):
                errors[f"{where}.price"] = self.env._("A number, zero or more.")
            requested = self._api_date(
                line.get("requested_date"), f"{where}.requested_date", errors
            )
            if product and f"{where}.quantity" not in errors:
                vals = {"product_id": product.id, "product_uom_qty": quantity}
                if price is not None:
                    vals["price_unit"] = price
                if requested:
                    vals["intake_requested_date"] = requested
                line_vals.append(fields.Command.create(vals))
        if errors:
            return errors, {}
        vals = {
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "intake_channel_id": self.id,
            "client_order_ref": reference or False,
            "order_line": line_vals,
            "note": payload.get("note") or False,
        }
        if order_type:
            vals["intake_type_id"] = order_type.id
        if commitment:
            vals["commitment_date"] = fields.Datetime.to_datetime(commitment)
        return errors, vals

    def _api_date(self, value, where, errors):
        if value in (None, ""):
            return False
        try:
            return fields.Date.to_date(value)
        except (TypeError, ValueError):
            errors[where] = self.env._("A date as YYYY-MM-DD.")
            return False
