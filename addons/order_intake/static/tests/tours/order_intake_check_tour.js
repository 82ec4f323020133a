import { registry } from "@web/core/registry";

/**
 * A clerk enters an order in the web client, sees the intake checks block its confirmation
 * (a line without price), fixes the price and confirms the order.
 */
registry.category("web_tour.tours").add("order_intake_block_fix_confirm_tour", {
    url: "/odoo/action-order_intake.action_order_intake_sale_orders",
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Lingerie Buyer",
        },
        {
            trigger: ".o_field_widget[name=partner_id] .dropdown-item:contains(Tour Lingerie Buyer)",
            run: "click",
        },
        { trigger: ".o_field_widget[name=intake_channel_id] input", run: "edit Phone" },
        {
            trigger: ".o_field_widget[name=intake_channel_id] .dropdown-item:contains(Phone)",
            run: "click",
        },
        { trigger: ".o_field_x2many_list_row_add a", run: "click" },
        {
            trigger: ".o_data_row .o_field_widget[name=product_template_id] input",
            run: "edit Tour Sample Bra",
        },
        {
            trigger: ".o_field_widget[name=product_template_id] .dropdown-item:contains(Tour Sample Bra)",
            run: "click",
        },
        { trigger: ".o_data_row .o_field_widget[name=price_unit] input", run: "edit 0" },
        { trigger: ".o_statusbar_buttons button[name=action_confirm]", run: "click" },
        {
            content: "The intake checks block the order and say why",
            trigger: ".o_error_dialog:contains(cannot be confirmed):contains(zero price)",
        },
        { trigger: ".o_error_dialog .modal-footer .btn-primary", run: "click" },
        { trigger: ".o_form_view .o_data_row .o_data_cell[name=price_unit]", run: "click" },
        { trigger: ".o_data_row .o_field_widget[name=price_unit] input", run: "edit 59" },
        { trigger: ".o_statusbar_buttons button[name=action_confirm]", run: "click" },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Sales Order)",
        },
        { trigger: ".o_field_widget[name=intake_state]:contains(Confirmed)" },
    ],
});
