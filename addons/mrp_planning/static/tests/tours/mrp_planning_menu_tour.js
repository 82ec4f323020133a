import { registry } from "@web/core/registry";
import { orderManagementMenuSteps } from "@order_intake/../tests/tours/order_management_menu_tour";

registry.category("web_tour.tours").add("mrp_planning_menu_tour", {
    url: "/odoo",
    steps: () =>
        orderManagementMenuSteps([
            [
                "mrp_planning.menu_mrp_planning",
                [
                    ["mrp_planning.menu_mrp_planning_late_items", "Late Items"],
                    ["mrp_planning.menu_mrp_planning_notices", "Production Notices"],
                    ["mrp_planning.menu_mrp_planning_planned_orders", "Planned Orders"],
                    ["mrp_planning.menu_mrp_planning_exceptions", "MRP Exceptions"],
                    ["mrp_planning.menu_mrp_planning_runs", "MRP Runs"],
                    ["mrp_planning.menu_mrp_planning_scores", "Supplier Scores"],
                    ["mrp_planning.menu_mrp_planning_rush", "Rush Orders"],
                    ["mrp_planning.menu_mrp_planning_outsourcing", "Outsourcing"],
                    ["mrp_planning.menu_mrp_planning_schedules", "Capacity Schedules"],
                    ["mrp_planning.menu_mrp_planning_daily_reports", "Daily Production Reports"],
                    ["mrp_planning.menu_mrp_planning_record_output", "Record Output"],
                    ["mrp_planning.menu_mrp_planning_productions", "Manufacturing Orders"],
                    ["mrp_planning.menu_mrp_planning_boms", "Bills of Materials"],
                    ["mrp_planning.menu_mrp_planning_workcenters", "Work Centers"],
                    ["mrp_planning.menu_mrp_planning_delay_analysis", "Delay Analysis"],
                ],
            ],
        ]),
});
