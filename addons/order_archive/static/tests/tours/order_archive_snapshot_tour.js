import { registry } from "@web/core/registry";

// An Archive Manager places a legal hold on a disputed order, runs the archive, finds an
// archived order by its number and verifies the chain (the test prepares two closed orders
// due for archiving, one of them disputed).
registry.category("web_tour.tours").add("order_archive_snapshot_tour", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        {
            trigger: '.o_app[data-menu-xmlid="order_intake.menu_order_management_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="order_archive.menu_order_archive"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="order_archive.menu_order_archive_hold"]',
            run: "click",
        },
        { trigger: ".o_control_panel .o_breadcrumb:contains('Legal Holds')" },
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name='order_id'] input", run: "edit TOUR-DISPUTED" },
        { trigger: ".o-autocomplete--dropdown-item:contains(TOUR-DISPUTED-1)", run: "click" },
        {
            trigger: ".o_field_widget[name='reason'] textarea",
            run: "edit The customer disputes the delivery",
        },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name='target_name']:contains('TOUR-DISPUTED-1')" },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="order_archive.menu_order_archive"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="order_archive.menu_order_archive_run_now"]',
            run: "click",
        },
        { trigger: '.o_field_widget[name="snapshot_count"]:contains("2")' },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="order_archive.menu_order_archive"]',
            run: "click",
        },
        {
            trigger: '.dropdown-item[data-menu-xmlid="order_archive.menu_order_archive_snapshots"]',
            run: "click",
        },
        { trigger: ".o_control_panel .o_breadcrumb:contains('Archived Orders')" },
        { trigger: ".o_searchview_input", run: "edit TOUR-ARCHIVED" },
        { trigger: ".o_searchview_autocomplete" },
        { trigger: ".o_searchview_input", run: "press Enter" },
        { trigger: ".o_searchview_facet:contains('TOUR-ARCHIVED')" },
        { trigger: ".o_data_row td.o_data_cell:contains('Tour Archive Customer')", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name='partner_name']:contains('Tour Archive Customer')" },
        { trigger: ".o_form_view table.o_oa_snapshot" },
        { trigger: "button[name='action_verify_chain']", run: "click" },
        { trigger: ".o_form_view .alert-success:contains('The chain is intact')" },
    ],
});
