# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Order Review",
    "summary": "Cross-department order review, approvals by amount, change notices and locking",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_intake", "purchase", "mrp"],
    "data": [
        "security/order_review_security.xml",
        "security/ir.model.access.csv",
        "views/order_review_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_review/static/tests/tours/**/*",
        ],
    },
}
