import { registry } from "@web/core/registry";
import { orderManagementMenuSteps } from "@order_intake/../tests/tours/order_management_menu_tour";

registry.category("web_tour.tours").add("order_archive_menu_tour", {
    url: "/odoo",
    steps: () =>
        orderManagementMenuSteps([
            [
                "order_archive.menu_order_archive",
                [
                    ["order_archive.menu_order_archive_dashboard", "Order Control"],
                    ["order_archive.menu_order_archive_order_history", "Order History"],
                    ["order_archive.menu_order_archive_customer_invoices", "Invoices"],
                    ["order_archive.menu_order_archive_vendor_bills", "Bills"],
                    ["order_archive.menu_order_archive_bills_to_check", "Bills to Check"],
                    [
                        "order_archive.menu_order_archive_delivered_not_invoiced",
                        "Delivered Not Invoiced",
                    ],
                    ["order_archive.menu_order_archive_received_not_billed", "Received Not Billed"],
                    ["order_archive.menu_order_archive_kpi", "Order KPIs"],
                ],
            ],
        ]),
});
