# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import http
from odoo.http import request


class OrderIntakeApi(http.Controller):
    """JSON endpoint through which a channel (e-commerce, EDI, ...) sends sales orders.

    Authentication: ``Authorization: Bearer <API key>`` of the channel's API user (an Odoo API
    key, see the user's preferences). ``Idempotency-Key`` header: required; a retry with the
    same key returns the first answer and never creates a second order.
    """

    @http.route(
        "/order_intake/api/v1/orders",
        type="http",
        auth="bearer",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def create_order(self, **_kwargs):
        try:
            payload = json.loads(request.httprequest.get_data(as_text=True) or "null")
        except ValueError as exc:
            return self._answer(
                400,
                {
                    "error": "invalid_json",
                    "message": request.env._("The body is not valid JSON: %(error)s", error=exc),
                },
            )
        key = request.httprequest.headers.get("Idempotency-Key")
        status, body, replayed = request.env["order.intake.channel"]._api_receive_order(
            payload, key
        )
        return self._answer(status, body, replayed)

    def _answer(self, status, body, replayed=False):
        headers = [("Idempotent-Replayed", "true")] if replayed else []
        return request.make_json_response(body, headers=headers, status=status)
