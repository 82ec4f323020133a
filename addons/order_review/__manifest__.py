# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Order Review",
    "summary": "Cross-department order review, approvals by amount, change notices and locking",
    "version": "18.0.1.2.0",
    "category": "Sales/Sales",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_intake", "purchase", "mrp", "calendar"],
    "data": [
        "security/ir.model.access.csv",
        "security/order_review_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/order_review_department_data.xml",
        "data/order_review_policy_data.xml",
        "data/order_approval_policy_data.xml",
        "report/order_review_minutes_report.xml",
        "report/order_change_notice_report.xml",
        "views/order_approval_views.xml",
        "views/order_review_views.xml",
        "views/order_change_notice_views.xml",
        "views/sale_order_views.xml",
        "views/order_review_menus.xml",
    ],
    "demo": [
        "demo/mrp_workcenter_demo.xml",
        "demo/mrp_bom_demo.xml",
        "demo/order_review_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_review/static/tests/tours/**/*",
        ],
    },
}
