// Copyright 2026 Order Management Suite
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

/**
 * The morning meeting: a production manager opens yesterday's daily report from the
 * Manufacturing app, reads a work center's figures with the previous day's beside them,
 * and prints it.
 */
registry.category("web_tour.tours").add("mrp_planning_daily_report_tour", {
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", timeout: 30000, run: "click" },
        { trigger: '.o_app[data-menu-xmlid="mrp.menu_mrp_root"]', run: "click" },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="mrp.menu_mrp_reporting"]',
            timeout: 30000,
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="mrp_planning.menu_mrp_daily_report"]',
            run: "click",
        },
        {
            content: "Yesterday's report is offered",
            trigger: ".modal .o_field_widget[name=date] input",
            timeout: 30000,
        },
        { trigger: ".modal button[name=action_open]", run: "click" },
        {
            content: "The work center's figures of the day and of the day before",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row:contains(Tour sewing)",
            timeout: 30000,
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Tour sewing) td[name=reasons]:contains(Tour: lace late)",
        },
        { trigger: ".o_form_view .o_statusbar_buttons button[name=action_print]", run: "click" },
        {
            content: "Printed: the button is back once the PDF is downloaded",
            trigger: "body:not(:has(.modal)) .o_form_view .o_statusbar_buttons button[name=action_print]:enabled",
            timeout: 30000,
        },
    ],
});
