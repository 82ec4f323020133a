import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/**
 * A rush order across users: the planner reads the load of the work centers, the clerk
 * files a rush request from the customer's order and reads its what-if, leadership sees the
 * orders it delays and approves. Each tour starts on the page it works on; each step that
 * loads a page waits for it, first loads being slow.
 */
tours.add("mrp_planning_load_tour", {
    steps: () => [
        {
            content: "The load per work center and day, against capacity",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(Tour sewing), .o_pivot th:contains(Tour sewing)",
            timeout: 30000,
        },
        { trigger: ".o_pivot th:contains(Load (h))" },
        { trigger: ".o_pivot th:contains(Capacity (h))" },
        { trigger: ".o_switch_view.o_list", run: "click" },
        {
            content: "The orders behind the load",
            trigger: ".o_list_view .o_group_header:contains(Tour sewing)",
            timeout: 30000,
        },
    ],
});

function wantedDate() {
    const day = new Date();
    day.setDate(day.getDate() + 20);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(day.getMonth() + 1)}/${pad(day.getDate())}/${day.getFullYear()}`;
}

tours.add("mrp_planning_rush_file_tour", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_rush_request_new]",
            timeout: 30000,
            run: "click",
        },
        {
            content: "A rush request for this order",
            trigger: ".o_form_view .o_field_widget[name=sale_order_id]:contains(S), .o_form_view .o_field_widget[name=sale_order_id] input",
            timeout: 30000,
        },
        {
            trigger: ".o_field_widget[name=reason] textarea",
            run: "edit The customer's shop opens early",
        },
        { trigger: ".o_field_widget[name=date_wanted] input", run: `edit ${wantedDate()}` },
        { trigger: ".o_statusbar_buttons button[name=action_compute_whatif]", run: "click" },
        {
            content: "The what-if names the order it delays",
            trigger: ".o_field_widget[name=impact_ids] .o_data_row:contains(Tour Paris)",
            timeout: 30000,
        },
        { trigger: ".o_statusbar_buttons button[name=action_submit]", run: "click" },
        {
            content: "The request waits for leadership",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Waiting for Leadership)",
            timeout: 30000,
        },
    ],
});

tours.add("mrp_planning_rush_approve_tour", {
    steps: () => [
        {
            content: "Leadership has the request in front of it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approval_approve]",
            timeout: 30000,
        },
        {
            content: "with the orders it delays",
            trigger: ".o_field_widget[name=impact_ids] .o_data_row:contains(Tour Paris)",
        },
        { trigger: ".o_statusbar_buttons button[name=action_approval_approve]", run: "click" },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Key customer: go",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "Approved and planned",
            trigger: "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains(Approved and Planned)",
            timeout: 30000,
        },
    ],
});
