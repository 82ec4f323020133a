import { registry } from "@web/core/registry";

/**
 * A clerk opens a quotation, sends the order acknowledgment from the order form: the e-mail
 * composer comes with the acknowledgment attached, and the message lands in the chatter.
 */
registry.category("web_tour.tours").add("order_intake_acknowledgment_tour", {
    steps: () => [
        {
            trigger: ".o_statusbar_buttons button[name=action_intake_send_acknowledgment]",
            run: "click",
        },
        {
            content: "The composer is filled from the acknowledgment template",
            trigger: ".modal .o_field_widget[name=subject] input:value(Order Acknowledgment)",
        },
        {
            content: "The acknowledgment is attached",
            trigger: ".modal .o_field_widget[name=attachment_ids]:contains(Order Acknowledgment)",
        },
        { trigger: ".modal button.o_mail_send", run: "click" },
        {
            content: "The e-mail is in the chatter",
            trigger: ".o-mail-Message:contains(We acknowledge your order)",
        },
        { trigger: ".o_notebook .nav-link[name=other_information]", run: "click" },
        {
            content: "The order shows when it was acknowledged",
            trigger: ".o_field_widget[name=intake_ack_date]:not(:empty)",
        },
    ],
});
