import { registry } from "@web/core/registry";
import { orderManagementMenuSteps } from "@order_intake/../tests/tours/order_management_menu_tour";

registry.category("web_tour.tours").add("mrp_planning_menu_tour", {
    url: "/odoo",
    steps: () =>
        orderManagementMenuSteps([
            [
                "mrp_planning.menu_mrp_planning",
                [
                    ["mrp_planning.menu_mrp_planning_productions", "Manufacturing Orders"],
                    ["mrp_planning.menu_mrp_planning_boms", "Bills of Materials"],
                    ["mrp_planning.menu_mrp_planning_workcenters", "Work Centers"],
                ],
            ],
        ]),
});
