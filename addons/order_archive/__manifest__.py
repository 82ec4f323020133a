# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Order Archive",
    "summary": "Retention, legal hold, tamper-evident snapshots, audit trail and accountant views",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["order_intake", "order_review", "account", "purchase_stock"],
    "data": [
        "security/order_archive_security.xml",
        "security/ir.model.access.csv",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/order_archive_uninvoiced_views.xml",
        "views/order_archive_kpi_views.xml",
        "data/order_archive_dashboard_data.xml",
        "data/order_archive_hold_data.xml",
        "data/order_archive_audit_data.xml",
        "views/order_archive_hold_views.xml",
        "views/order_archive_audit_views.xml",
        "views/order_archive_dashboard_views.xml",
        "wizards/order_archive_match_override_views.xml",
        "report/account_report_templates.xml",
        "views/order_archive_menus.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "demo": ["demo/order_archive_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "order_archive/static/tests/tours/**/*",
        ],
    },
}
