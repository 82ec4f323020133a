import { registry } from "@web/core/registry";

/**
 * The review of a custom order, user by user: the clerk submits it, the sales reviewer
 * approves, the PMC reviewer approves with conditions and flags a difficult order, leadership
 * approves with a comment, the clerk confirms. Each tour starts on the record it works on.
 */
const tours = registry.category("web_tour.tours");

tours.add("order_review_clerk_submits_tour", {
    steps: () => [
        { trigger: ".o_form_saved", timeout: 30000 },
        { trigger: ".o_statusbar_buttons button[name=action_review_submit]", run: "click" },
        {
            content: "The order is in review",
            trigger: ".o_stat_info .o_stat_value:contains(In Review)",
        },
    ],
});

tours.add("order_review_sales_approves_tour", {
    steps: () => [
        { trigger: ".o_data_row .o_data_cell:contains(Tour Sales)", timeout: 30000, run: "click" },
        { trigger: ".o_statusbar_buttons button[name=action_approve]", run: "click" },
        {
            content: "The verdict is given",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approve)",
        },
    ],
});

tours.add("order_review_pmc_conditions_tour", {
    steps: () => [
        { trigger: ".o_data_row .o_data_cell:contains(Tour PMC)", timeout: 30000, run: "click" },
        {
            trigger: ".o_field_widget[name=conditions] textarea",
            run: "edit Two lots: 50 pieces first",
        },
        { trigger: ".o_field_widget[name=difficult] input", run: "click" },
        { trigger: ".o_statusbar_buttons button[name=action_approve_conditions]", run: "click" },
        {
            content: "The verdict is given with its conditions",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approve with conditions)",
        },
    ],
});

tours.add("order_review_leadership_approves_tour", {
    steps: () => [
        {
            content: "The review waits for leadership",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Leadership Decision)",
            timeout: 30000,
        },
        { trigger: ".o_notebook .nav-link:contains(Verdicts)", run: "click" },
        { trigger: ".o_data_row:contains(Two lots: 50 pieces first)" },
        { trigger: ".o_statusbar_buttons button[name=action_approval_approve]", run: "click" },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Go: strategic customer",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The review is approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
        },
    ],
});

tours.add("order_review_clerk_confirms_tour", {
    steps: () => [
        {
            content: "The review's conditions are on the order",
            trigger: ".alert-info:contains(Two lots: 50 pieces first)",
            timeout: 30000,
        },
        { trigger: ".o_statusbar_buttons button[name=action_confirm]", run: "click" },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Sales Order)",
        },
    ],
});

/**
 * A purchase order through review (purchasing lead) and approval (leadership), then confirmed.
 */
tours.add("order_review_purchase_submit_tour", {
    steps: () => [
        { trigger: ".o_form_saved", timeout: 30000 },
        { trigger: ".o_statusbar_buttons button[name=action_approval_submit]", run: "click" },
        { trigger: ".o_field_widget[name=approval_state]:contains(Waiting for approval)" },
    ],
});

tours.add("order_review_purchase_decide_tour", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=approval_state]:contains(Waiting for approval)",
            timeout: 30000,
        },
        { trigger: ".o_statusbar_buttons button[name=action_approval_approve]", run: "click" },
        { trigger: ".modal .o_field_widget[name=comment] textarea", run: "edit Checked" },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The decision is in the approval trail",
            trigger: ".o_notebook .nav-link:contains(Approvals)",
            run: "click",
        },
        { trigger: ".o_data_row .o_data_cell:contains(Checked)" },
    ],
});

tours.add("order_review_purchase_confirm_tour", {
    steps: () => [
        { trigger: ".o_field_widget[name=approval_state]:contains(Approved)", timeout: 30000 },
        { trigger: ".o_statusbar_buttons button#draft_confirm", run: "click" },
        {
            content: "The purchase order is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Purchase Order)",
        },
    ],
});
