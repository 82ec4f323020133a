# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "OMS compat: lock confirmed orders",
    "summary": "Test tooling: turns Lock Confirmed Orders on everywhere (measuring only)",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_review"],
    "data": [],
    "installable": True,
    "post_init_hook": "post_init_hook",
}
