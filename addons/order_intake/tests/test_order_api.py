# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

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

    def test_wrong_key_is_unauthorized_in_json(self):
        response = self._post(self._payload(), token="not-a-key")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(response.json()["error"], "unauthorized")
        self.assertIn("Authorization: Bearer", response.json()["message"])
        # no key at all, even with the browser session of a logged-in user
        self.authenticate("shop_api", "shop_api")
        response = self.url_open(
            URL,
            data=json.dumps(self._payload()),
            headers={"Content-Type": "application/json", "Idempotency-Key": "key-9"},
        )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["error"], "unauthorized")
        self.assertFalse(self._orders())

    def test_other_methods_are_refused_in_json(self):
        response = self.url_open(URL, headers={"Authorization": f"Bearer {self.key}"})
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response.json()["error"], "method_not_allowed")
        self.assertEqual(response.headers["Allow"], "POST")

    def test_customer_email_matches_exactly(self):
        response = self._post(self._payload(customer="BUY@xol.example.com"))
        self.assertEqual(response.status_code, 201, "the e-mail address in any case")
        for pattern in ("buy@xol.example.co%", "%@xol.example.com", "buy@xol_example.com"):
            response = self._post(self._payload(customer=pattern), key=f"key-{pattern}")
            self.assertEqual(response.status_code, 400, pattern)
            self.assertIn("Unknown customer", response.json()["errors"]["customer"])
        self.assertEqual(len(self._orders()), 1)

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
        # the same finding answered in the language the client asks for
        self.env["res.lang"]._activate_lang("zh_CN")
        third = self.url_open(
            URL,
            data=json.dumps(self._payload()),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.key}",
                "Idempotency-Key": "key-4",
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            },
        )
        self.assertEqual(third.status_code, 201)
        messages = [check["message"] for check in third.json()["checks"] if not check["passed"]]
        self.assertTrue(messages)
        self.assertTrue(all("客户单号" in message for message in messages), messages)


@tagged("post_install", "-at_install")
class TestIdempotencyKeyClaim(TransactionCase):
    """Two requests with the same key at once: the second one never waits for the first or
    provokes an SQL error; it is answered 409 while the first is in progress."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = cls.env.ref("order_intake.channel_ecommerce")
        cls.channel.api_user_id = cls.env.user
        cls.env["res.partner"].create({"name": "Claim Customer", "ref": "CLAIM-01"})
        cls.env["product.product"].create(
            {"name": "Claim Bra", "default_code": "CLAIM-BRA", "list_price": 30.0}
        )
        cls.payload = {
            "channel": "SHOP",
            "customer": "CLAIM-01",
            "lines": [{"product": "CLAIM-BRA", "quantity": 2}],
        }

    def test_a_key_is_claimed_once_without_an_sql_error(self):
        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            first = self.channel._api_claim_key("claim-1", "hash")
            second = self.channel._api_claim_key("claim-1", "hash")
        self.assertEqual(first.idempotency_key, "claim-1")
        self.assertEqual(first.company_id, self.channel.company_id)
        self.assertFalse(second)

    def test_same_key_in_progress_is_answered_409(self):
        Channel = self.env["order.intake.channel"]
        # another request, in its own transaction, holds the key and has not finished
        other_cr = self.registry.cursor()
        try:
            other_env = api.Environment(other_cr, SUPERUSER_ID, {})
            self.assertTrue(
                other_env["order.intake.channel"]
                .browse(self.channel.id)
                ._api_claim_key("claim-2", "hash")
            )
            with self.assertNoLogs("odoo.sql_db", "ERROR"):
                status, body, replayed = Channel._api_receive_order(self.payload, "claim-2")
        finally:
            other_cr.rollback()
            other_cr.close()
        self.assertEqual(status, 409)
        self.assertEqual(body["error"], "conflict")
        self.assertFalse(replayed)
        # the other request gave up: the key is free again
        status, body, replayed = Channel._api_receive_order(self.payload, "claim-2")
        self.assertEqual(status, 201, body)
        status, again, replayed = Channel._api_receive_order(self.payload, "claim-2")
        self.assertEqual((status, again, replayed), (201, body, True))
