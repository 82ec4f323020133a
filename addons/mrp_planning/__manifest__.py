# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "MRP Planning",
    "summary": "Material requirements, purchase proposals, capacity scheduling, rush orders",
    "version": "18.0.1.2.0",
    "category": "Manufacturing/Manufacturing",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_review", "purchase_stock", "mrp"],
    "external_dependencies": {"python": ["ortools"]},
    "data": [
        "security/ir.model.access.csv",
        "security/mrp_planning_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "report/mrp_production_notice_report.xml",
        "report/mrp_daily_report_report.xml",
        "data/mail_template_data.xml",
        "views/mrp_production_notice_views.xml",
        "views/mrp_planning_order_views.xml",
        "views/mrp_planning_run_views.xml",
        "views/mrp_supplier_score_views.xml",
        "views/mrp_schedule_views.xml",
        "views/mrp_rush_request_views.xml",
        "views/mrp_outsource_request_views.xml",
        "views/mrp_daily_report_views.xml",
        "views/mrp_planning_menus.xml",
    ],
    "demo": [
        "demo/purchase_demo.xml",
        "demo/mrp_production_demo.xml",
        "demo/mrp_planning_demo.xml",
        "demo/mrp_schedule_demo.xml",
        "demo/mrp_daily_report_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "mrp_planning/static/tests/tours/**/*",
        ],
    },
}
