# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

URL = "/order_intake/api/v1/orders"


@tagged("post_install", "-at_install")
class TestOrderApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api_user = new_test_user(
            cls.env, login="shop_api", groups="order_intake.group_order_clerk"
        )
        cls.other_user = new_test_user(
            cls.env, login="other_api", groups="order_intake.group_order_clerk"
        )
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.api_user)
            .sudo()
            ._generate("rpc", "web shop", None)
        )
        cls.other_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.other_user)
            .sudo()
            ._generate("rpc", "other system", None)
        )
        cls.shop = cls.env.ref("order_intake.channel_ecommerce")
        cls.shop.api_user_id = cls.api_user
        cls.customer = cls.env["res.partner"].create(
            {"name": "Xiamen Online Lingerie", "ref": "XOL-01", "email": "buy@xol.example.com"}
        )
        cls.bra = cls.env["product.product"].create(
            {"name": "API Lace Bra", "default_code": "API-BRA-1", "list_price": 120.0}
        )

    def _payload(self, **changes):
        payload = {
            "channel": "SHOP",
            "customer": "XOL-01",
            "customer_reference": "WEB-1001",
            "requested_date": "2030-06-01",
            "lines": [{"product": "API-BRA-1", "quantity": 12}],
        }
        payload.update(changes)
        return payload

    def _post(self, payload, key="key-1", token=None, raw=None):
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token or self.key}",
        }
        if key:
            headers["Idempotency-Key"] = key
        return self.url_open(
            URL, data=raw if raw is not None else json.dumps(payload), headers=headers
        )

    def _orders(self):
        return self.env["sale.order"].search([("partner_id", "=", self.customer.id)])

    def test_creates_the_order_once_per_idempotency_key(self):
        first = self._post(self._payload())
        self.assertEqual(first.status_code, 201, first.text)
        body = first.json()
        self.assertTrue(body["name"].startswith("EC"))
        self.assertEqual(body["intake_state"], "ready")
        order = self.env["sale.order"].browse(body["id"])
        self.assertEqual(order.client_order_ref, "WEB-1001")
        self.assertEqual(order.order_line.product_uom_qty, 12)
        self.assertEqual(order.create_uid, self.api_user)
        again = self._post(self._payload())
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.json(), body)
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(self._orders(), order, "a retried request never creates a second order")

    def test_same_key_with_another_order_is_refused(self):
        self.assertEqual(self._post(self._payload()).status_code, 201)
        other = self._post(self._payload(lines=[{"product": "API-BRA-1", "quantity": 99}]))
        self.assertEqual(other.status_code, 409)
        self.assertEqual(other.json()["error"], "idempotency_key_reused")
        self.assertEqual(len(self._orders()), 1)

    def test_bad_json_and_missing_key_are_rejected(self):
        response = self._post(None, raw="{not json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "invalid_json")
        response = self._post(self._payload(), key=None)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "missing_idempotency_key")
        response = self._post(None, raw="[1, 2]")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._orders())

    @mute_logger("odoo.http")
    def test_wrong_key_is_unauthorized(self):
        response = self._post(self._payload(), token="not-a-key")
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self._orders())

    def test_key_of_another_user_is_forbidden_for_the_channel(self):
        response = self._post(self._payload(), token=self.other_key)
        self.assertEqual(response.status_code, 403)
        self.assertIn("other_api", response.json()["message"])
        self.assertFalse(self._orders())

    def test_missing_and_wrong_fields_answer_field_by_field(self):
        response = self._post({"channel": "SHOP", "lines": []})
        self.assertEqual(response.status_code, 400)
        errors = response.json()["errors"]
        self.assertIn("customer", errors)
        self.assertIn("lines", errors)
        response = self._post(
            self._payload(
                requested_date="next week",
                lines=[
                    {"product": "API-BRA-1", "quantity": 0},
                    {"product": "NO-SUCH", "quantity": 2, "price": -1},
                ],
            ),
            key="key-2",
        )
        self.assertEqual(response.status_code, 400)
        errors = response.json()["errors"]
        self.assertEqual(
            set(errors),
            {"requested_date", "lines[0].quantity", "lines[1].product", "lines[1].price"},
        )
        self.assertIn("NO-SUCH", errors["lines[1].product"])
        self.assertFalse(self._orders(), "nothing is half-created")
        self.assertFalse(
            self.env["order.intake.request"].search([("idempotency_key", "=", "key-2")])
        )
        # once fixed, the same key goes through
        self.assertEqual(self._post(self._payload(), key="key-2").status_code, 201)

    def test_unknown_channel_and_customer(self):
        response = self._post(self._payload(channel="FAX", customer="nobody@example.com"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("channel", response.json()["errors"])

    def test_a_duplicate_order_is_created_but_held(self):
        self.assertEqual(self._post(self._payload()).status_code, 201)
        second = self._post(self._payload(), key="key-3")
        self.assertEqual(second.status_code, 201)
        body = second.json()
        self.assertEqual(body["intake_state"], "hold")
        failing = [check for check in body["checks"] if not check["passed"]]
        self.assertEqual([check["rule"] for check in failing], ["Duplicate order"])
        self.assertEqual(len(self._orders()), 2)
