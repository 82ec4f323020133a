# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Order Archive",
    "summary": "Retention, legal hold, tamper-evident snapshots, audit trail and accountant views",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_intake", "account", "purchase_stock"],
    "data": [
        "security/order_archive_security.xml",
        "security/ir.model.access.csv",
        "views/order_archive_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_archive/static/tests/tours/**/*",
        ],
    },
}
