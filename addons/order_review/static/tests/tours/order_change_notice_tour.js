import { registry } from "@web/core/registry";

/**
 * A change notice on a confirmed order, user by user: the clerk raises it from the order,
 * asks for 15 instead of 10 of the made-to-order line, sees the manufacturing order in the
 * impact and submits it for signatures; the PMC signer signs it; leadership gives the last
 * signature, which applies the notice, and opens the order at its new revision. Each tour
 * starts on the record it works on and waits for it, first loads being slow.
 */
const tours = registry.category("web_tour.tours");
const LINES = ".o_form_view .o_field_widget[name=line_ids]";

tours.add("order_change_notice_clerk_raises_tour", {
    steps: () => [
        {
            content: "The confirmed order is open",
            trigger: ".o_form_view .o_form_saved .o_statusbar_buttons",
            timeout: 30000,
        },
        {
            content: "Raise a change notice",
            trigger: ".o_statusbar_buttons button[name=action_change_notice_new]",
            run: "click",
        },
        {
            content: "The new notice shows the order's line",
            trigger: `${LINES} .o_data_row:contains(Lace bra 75B) .o_data_cell[name=new_qty]`,
            timeout: 30000,
            run: "click",
        },
        {
            content: "15 instead of 10",
            trigger: `${LINES} .o_data_row.o_selected_row .o_field_widget[name=new_qty] input`,
            run: "edit 15",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=reason] textarea",
            run: "edit Customer needs 15 pieces",
        },
        { trigger: ".o_form_button_save:enabled", run: "click" },
        {
            content: "The notice is saved",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=line_ids]",
            timeout: 30000,
        },
        {
            content: "The line is changed",
            trigger: `${LINES} .o_data_row:contains(Lace bra 75B) .o_data_cell[name=change_type]:contains(Changed)`,
        },
        { trigger: ".o_notebook .nav-link:contains(Impact)", run: "click" },
        {
            content: "The same manufacturing order makes more",
            trigger: ".o_field_widget[name=impact_ids] .o_data_row:contains(Quantity to produce)",
        },
        { trigger: ".o_statusbar_buttons button[name=action_submit]", run: "click" },
        {
            content: "The notice waits for signatures",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Waiting for Signatures)",
            timeout: 30000,
        },
    ],
});

tours.add("order_change_notice_pmc_signs_tour", {
    steps: () => [
        {
            content: "The notice waits for the PMC's signature",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approval_approve]",
            timeout: 30000,
        },
        { trigger: ".o_notebook .nav-link:contains(Impact)", run: "click" },
        {
            trigger: ".o_field_widget[name=impact_ids] .o_data_row:contains(Quantity to produce)",
        },
        { trigger: ".o_statusbar_buttons button[name=action_approval_approve]", run: "click" },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Capacity checked",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The decision is made and the Sign button is gone",
            trigger: "body:not(:has(.modal)) .o_form_view .o_statusbar_buttons:not(:has(button[name=action_approval_approve]))",
            timeout: 30000,
        },
        { trigger: ".o_notebook .nav-link:contains(Signatures)", run: "click" },
        {
            content: "The PMC's signature is in the trail",
            trigger: ".o_field_widget[name=approval_step_ids] .o_data_row:contains(Capacity checked):contains(Approved)",
        },
    ],
});

tours.add("order_change_notice_leader_signs_tour", {
    steps: () => [
        {
            content: "The notice waits for leadership's signature",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approval_approve]",
            timeout: 30000,
        },
        { trigger: ".o_notebook .nav-link:contains(Impact)", run: "click" },
        {
            content: "Leadership sees what the change does to the manufacturing order",
            trigger: ".o_field_widget[name=impact_ids] .o_data_row:contains(Quantity to produce)",
        },
        { trigger: ".o_statusbar_buttons button[name=action_approval_approve]", run: "click" },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Approved for the customer",
        },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "The last signature applies the notice",
            trigger: "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains(Applied)",
            timeout: 30000,
        },
        { trigger: ".o_form_view .o_field_widget[name=order_id] a", run: "click" },
        {
            content: "The order is at revision 1",
            trigger: ".o_form_view .o_field_widget[name=order_revision]:contains(1)",
            timeout: 30000,
        },
    ],
});
