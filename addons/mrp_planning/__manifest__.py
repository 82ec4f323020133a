# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "MRP Planning",
    "summary": "Material requirements, purchase proposals, capacity scheduling, rush orders",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_review", "purchase_stock", "mrp"],
    "data": [
        "security/mrp_planning_security.xml",
        "security/ir.model.access.csv",
        "views/mrp_planning_menus.xml",
    ],
    "demo": [
        "demo/purchase_demo.xml",
        "demo/mrp_production_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mrp_planning/static/tests/tours/**/*",
        ],
    },
}
