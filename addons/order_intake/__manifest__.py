# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Order Intake",
    "summary": "Take sales orders from every channel, check them, confirm them to the customer",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "author": "Order Management Suite",
    "website": "https://github.com/order-management-suite/order-management",
    "license": "LGPL-3",
    "depends": ["sale_stock"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/order_management_security.xml",
        "security/ir.model.access.csv",
        "security/order_intake_rules.xml",
        "data/order_intake_type_data.xml",
        "data/order_intake_channel_data.xml",
        "data/order_intake_rule_data.xml",
        "report/order_acknowledgment_report.xml",
        "report/order_acknowledgment_templates.xml",
        "data/mail_template_data.xml",
        "views/order_management_menus.xml",
        "views/order_intake_channel_views.xml",
        "views/res_config_settings_views.xml",
        "views/order_intake_import_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/order_intake_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "order_intake/static/tests/tours/**/*",
        ],
    },
    "application": True,
}
