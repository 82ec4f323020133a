import { registry } from "@web/core/registry";

/**
 * The planner runs MRP from the Planning menu, opens the planned purchase of lace, reads
 * which customer order it is for, switches it to the second vendor with a reason, and
 * confirms it. Each step that loads a page waits for it, first loads being
 * slow.
 */
registry.category("web_tour.tours").add("mrp_planning_run_tour", {
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", timeout: 30000, run: "click" },
        {
            trigger: '.o_app[data-menu-xmlid="order_intake.menu_order_management_root"]',
            run: "click",
        },
        {
            content: "Open the Planning menu",
            trigger: '.o_menu_sections [data-menu-xmlid="mrp_planning.menu_mrp_planning"]',
            timeout: 30000,
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="mrp_planning.menu_mrp_planning_run_mrp"]',
            run: "click",
        },
        {
            content: "The run proposes to buy the lace",
            trigger: ".o_list_view .o_data_row:contains(Tour lace) .o_data_cell[name=product_id]",
            timeout: 30000,
            run: "click",
        },
        {
            content: "The planned order opens",
            trigger: ".o_form_view .o_field_widget[name=product_id]:contains(Tour lace)",
            timeout: 30000,
        },
        { trigger: ".o_notebook .nav-link:contains(Pegging)", run: "click" },
        {
            content: "It is for the customer's order",
            trigger: ".o_field_widget[name=peg_ids] .o_data_row:contains(Tour Lingerie)",
        },
        { trigger: ".o_notebook .nav-link:contains(Vendors)", run: "click" },
        {
            content: "Both vendors are offered",
            trigger: ".o_field_widget[name=vendor_ranking]:contains(Tour Lace Two):contains(Tour Lace One)",
        },
        { trigger: ".o_field_widget[name=partner_id] input", run: "edit Tour Lace Two" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Tour Lace Two)", run: "click" },
        { trigger: ".o_field_widget[name=vendor_reason] input", run: "edit Faster this month" },
        { trigger: ".o_form_button_save:enabled", run: "click" },
        { trigger: ".o_form_view .o_form_saved", timeout: 30000 },
        { trigger: ".o_statusbar_buttons button[name=action_confirm]", run: "click" },
        {
            content: "The planned order is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Confirmed)",
            timeout: 30000,
        },
    ],
});
