# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import models


def post_init_hook(env):
    """Turn the "Lock Confirmed Orders" policy on for every company already in the database."""
    env["res.company"].with_context(active_test=False).search([]).write({"order_change_lock": True})
