import { registry } from "@web/core/registry";

function toggleFilter(name) {
    return [
        {
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: `.o_filter_menu .dropdown-item:contains(${name})`,
            run: "click",
        },
        {
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        { trigger: `.o_searchview_facet:contains(${name})` },
    ];
}

/**
 * An accountant ages what was received and not billed: a receipt of 45 days ago is older
 * than 30 days, not older than 60.
 */
registry.category("web_tour.tours").add("order_archive_ageing_tour", {
    steps: () => [
        {
            content: "The receipt not billed is listed, under its vendor",
            trigger: ".o_list_view .o_group_name:contains(Tour Ageing Mill)",
            timeout: 30000,
        },
        ...toggleFilter("Older than 60 Days"),
        {
            content: "45 days is not older than 60",
            trigger: ".o_list_view:not(:has(.o_group_name:contains(Tour Ageing Mill)))",
        },
        ...toggleFilter("Older than 30 Days"),
        {
            content: "Older than 30 (or 60) days: it is back",
            trigger: ".o_list_view .o_group_name:contains(Tour Ageing Mill)",
        },
    ],
});
