"""Suite-level tests: they cross addons or drive a running Odoo server.

scripts/test starts Odoo on the test database (installed with demo data) and sets ODOO_URL and
ODOO_DB; tests that need the server fail, never skip, when those are missing.
"""

import json
import os
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ("order_intake", "order_review", "mrp_planning", "order_archive")


class OdooRpc:
    """A small JSON-RPC client (Odoo's /jsonrpc): one user logged in on one database."""

    def __init__(self, url, db, login, password):
        self.url, self.db, self.password = url, db, password
        self.uid = self._rpc("common", "authenticate", db, login, password, {})
        if not self.uid:
            raise AssertionError(f"{login} could not log in to {db} at {url}")

    def _rpc(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.load(response)
        if "error" in answer:
            raise AssertionError(answer["error"]["data"].get("debug") or answer["error"])
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self._rpc(
            "object", "execute_kw", self.db, self.uid, self.password, model, method, args, kwargs
        )


@pytest.fixture(scope="session")
def server():
    url, db = os.environ.get("ODOO_URL"), os.environ.get("ODOO_DB")
    if not url or not db:
        pytest.fail("ODOO_URL and ODOO_DB are not set: run these tests through scripts/test")
    return url, db


@pytest.fixture(scope="session")
def login(server):
    """login(user) -> OdooRpc; the demo users log in with their login as password."""

    def _login(user, password=None):
        return OdooRpc(*server, user, password or user)

    return _login
