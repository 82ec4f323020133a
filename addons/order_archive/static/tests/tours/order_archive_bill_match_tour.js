import { registry } from "@web/core/registry";

/**
 * An accountant of the override group opens a vendor bill billed over what was received,
 * confirms it, is refused with the lines off, then posts it despite the mismatch with a reason.
 */
registry.category("web_tour.tours").add("order_archive_bill_match_tour", {
    steps: () => [
        {
            content: "The banner says the bill does not match",
            trigger: ".o_form_view .o_oa_match_banner:contains(Tour lace roll)",
            timeout: 30000,
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_post]:contains(Confirm)",
            run: "click",
        },
        {
            content: "Refused: the line and how much it is over",
            trigger: ".modal:contains(do not match their orders):contains(2.0 over)",
            timeout: 30000,
        },
        { trigger: ".modal .modal-footer .btn-primary", run: "click" },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_oa_match_override]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Two rolls delivered straight to the workshop",
        },
        { trigger: ".modal .modal-footer button[name=action_post]", run: "click" },
        {
            content: "The bill is posted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
            timeout: 30000,
        },
    ],
});
