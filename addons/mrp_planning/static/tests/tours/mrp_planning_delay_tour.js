// Copyright 2026 Order Management Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

/**
 * A planner opens the late items from the Planning menu, opens the work order that did not
 * start, gives the reason and the action, and saves: the item is explained.
 */
registry.category("web_tour.tours").add("mrp_planning_delay_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        {
            trigger: '.o_app[data-menu-xmlid="order_intake.menu_order_management_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="mrp_planning.menu_mrp_planning"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="mrp_planning.menu_mrp_planning_late_items"]',
            run: "click",
        },
        {
            content: "The late items, with the work order that did not start",
            trigger:
                ".o_list_view .o_data_row:contains(Tour sewing):contains(Production Start) td[name=name]",
            timeout: 30000,
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=reason] select",
            timeout: 30000,
            run: "selectByLabel Machine Breakdown",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=action_taken] textarea",
            run: "edit Motor replaced, the order runs on Saturday",
        },
        { trigger: ".o_form_view .o_form_button_save", run: "click" },
        {
            content: "Explained",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Explained)",
            timeout: 30000,
        },
    ],
});
