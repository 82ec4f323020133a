import { registry } from "@web/core/registry";
import { orderManagementMenuSteps } from "@order_intake/../tests/tours/order_management_menu_tour";

registry.category("web_tour.tours").add("order_review_menu_tour", {
    url: "/odoo",
    steps: () =>
        orderManagementMenuSteps([
            [
                "order_review.menu_order_review",
                [
                    ["order_review.menu_order_review_reviews", "Order Reviews"],
                    ["order_review.menu_order_review_my_verdicts", "My Pending Verdicts"],
                    ["order_review.menu_order_review_my_approvals", "My Approvals"],
                    ["order_review.menu_order_review_quotations", "Orders to Review"],
                    ["order_review.menu_order_review_purchase_orders", "Purchase Orders"],
                    ["order_review.menu_order_review_analysis", "Review Lead Time"],
                    ["order_review.menu_order_review_substitutes", "Approval Substitutes"],
                ],
            ],
        ]),
});
