import { registry } from "@web/core/registry";

/**
 * Tour steps that open the Order Management application from the apps menu, then, for each
 * section of it, each given menu item, and wait until the item's action shows its title in the
 * breadcrumb. Used by the tours of every addon of the suite.
 *
 * @param {Array<[string, Array<[string, string]>]>} sections
 *     [[sectionXmlid, [[menuItemXmlid, expectedTitle], ...]], ...]
 */
export function orderManagementMenuSteps(sections) {
    const steps = [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        {
            trigger: '.o_app[data-menu-xmlid="order_intake.menu_order_management_root"]',
            run: "click",
        },
    ];
    for (const [section, items] of sections) {
        for (const [item, title] of items) {
            steps.push(
                { trigger: `.o_menu_sections [data-menu-xmlid="${section}"]`, run: "click" },
                { trigger: `.dropdown-item[data-menu-xmlid="${item}"]`, run: "click" },
                { trigger: `.o_control_panel .o_breadcrumb:contains("${title}")` }
            );
        }
    }
    return steps;
}

registry.category("web_tour.tours").add("order_intake_menu_tour", {
    url: "/odoo",
    steps: () =>
        orderManagementMenuSteps([
            [
                "order_intake.menu_order_intake",
                [
                    ["order_intake.menu_order_intake_sale_orders", "Sales Orders"],
                    ["order_intake.menu_order_intake_customers", "Customers"],
                ],
            ],
        ]),
});
