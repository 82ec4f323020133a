# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import re

from psycopg2 import OperationalError

from odoo import http
from odoo.exceptions import AccessDenied, AccessError
from odoo.http import request

_logger = logging.getLogger(__name__)

BEARER = re.compile(r"^bearer\s+(.+)$", re.IGNORECASE)


class OrderIntakeApi(http.Controller):
    """JSON endpoint through which a channel (e-commerce, EDI, ...) sends sales orders.

    Authentication: ``Authorization: Bearer <API key>`` of the channel's API user (an Odoo API
    key, see the user's preferences). ``Idempotency-Key`` header: required; a retry with the
    same key returns the first answer and never creates a second order.

    Every answer is JSON, errors included: the route authenticates the key itself (Odoo's
    ``auth="bearer"`` answers a wrong key with its HTML page) and accepts every method to
    answer those other than POST.
    """

    @http.route(
        "/order_intake/api/v1/orders",
        type="http",
        auth="public",
        csrf=False,
        save_session=False,
    )
    def create_order(self, **_kwargs):
        unauthorized = self._authenticate()
        if unauthorized:
            return unauthorized
        if request.httprequest.method != "POST":
            return self._error(
                405,
                "method_not_allowed",
                request.env._("Send the order with POST."),
                headers=[("Allow", "POST")],
            )
        try:
            payload = json.loads(request.httprequest.get_data(as_text=True) or "null")
        except ValueError as exc:
            return self._error(
                400,
                "invalid_json",
                request.env._("The body is not valid JSON: %(error)s", error=exc),
            )
        key = request.httprequest.headers.get("Idempotency-Key")
        try:
            status, body, replayed = request.env["order.intake.channel"]._api_receive_order(
                payload, key
            )
        except AccessError as exc:
            request.env.cr.rollback()
            return self._error(403, "forbidden", str(exc))
        except OperationalError:
            raise  # a concurrent update: Odoo retries the whole request
        except Exception:
            _logger.exception("Order API: unexpected error")
            request.env.cr.rollback()
            return self._error(
                500, "internal_error", request.env._("Unexpected error; nothing was saved.")
            )
        return self._answer(status, body, replayed)

    def _authenticate(self):
        """Switch the request to the user of the bearer API key; return the JSON answer 401
        when there is no valid key (the browser session, if any, never counts)."""
        match = BEARER.match(request.httprequest.headers.get("Authorization") or "")
        uid = None
        if match:
            try:
                uid = request.env["res.users.apikeys"]._check_credentials(
                    scope="rpc", key=match.group(1).strip()
                )
            except AccessDenied:
                uid = None
        if not uid:
            return self._error(
                401,
                "unauthorized",
                request.env._(
                    "Send a valid API key of the channel's API user in the header "
                    "'Authorization: Bearer <key>'."
                ),
                headers=[("WWW-Authenticate", "Bearer")],
            )
        request.update_env(user=uid)
        request.update_context(lang=self._answer_lang())
        return None

    def _answer_lang(self):
        """The language of the answers: the best of the request's Accept-Language among the
        installed languages, else the API user's."""
        installed = [code for code, _name in request.env["res.lang"].get_installed()]
        accepted = request.httprequest.accept_languages
        by_tag = {code.replace("_", "-").lower(): code for code in installed}
        for accepted_tag, _quality in accepted:
            tag = accepted_tag.lower()
            if tag in by_tag:
                return by_tag[tag]
            # a bare language ("zh") takes the first installed variant of it ("zh_CN")
            for known, code in by_tag.items():
                if known.split("-")[0] == tag.split("-")[0]:
                    return code
        return request.env.user.lang or "en_US"

    def _error(self, status, error, message, headers=None):
        return request.make_json_response(
            {"error": error, "message": message}, headers=headers, status=status
        )

    def _answer(self, status, body, replayed=False):
        headers = [("Idempotent-Replayed", "true")] if replayed else []
        return request.make_json_response(body, headers=headers, status=status)
