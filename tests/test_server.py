"""Drive the running demo/test server over XML-RPC, as the suite's users would."""

from conftest import ADDONS


def test_the_four_addons_are_installed(login):
    admin = login("admin")
    modules = admin.call(
        "ir.module.module", "search_read", [("name", "in", list(ADDONS))], fields=["name", "state"]
    )
    assert {m["name"]: m["state"] for m in modules} == dict.fromkeys(ADDONS, "installed")


def _sections(rpc, lang="en_US"):
    """Names of the Order Management sections the user's web client shows."""
    menus = rpc.call("ir.ui.menu", "load_menus", False, context={"lang": lang})
    root = next(
        (m for m in menus.values() if m.get("xmlid") == "order_intake.menu_order_management_root"),
        None,
    )
    if root is None:
        return None, set()
    return root["name"], {menus[str(child)]["name"] for child in root["children"]}


def test_each_role_sees_its_sections(login):
    expected = {
        "clerk": {"Order Intake", "Order Review"},
        "reviewer": {"Order Intake", "Order Review"},
        "planner": {"Order Intake", "Order Review", "Planning"},
        "approver": {"Order Intake", "Order Review", "Planning", "Archive"},
        "archivist": {"Archive"},
        "auditor": {"Order Intake", "Order Review", "Planning", "Archive"},
    }
    for user, sections in expected.items():
        app, seen = _sections(login(user))
        assert app == "Order Management", user
        assert seen == sections, user


def test_menus_read_in_chinese(login):
    app, seen = _sections(login("admin"), lang="zh_CN")
    assert app == "订单管理"
    assert seen == {"订单接收", "订单评审", "生产计划", "订单归档"}


def test_demo_tells_the_factory_story(login):
    admin = login("admin")
    grades = admin.call(
        "res.partner",
        "read_group",
        [("customer_grade", "!=", False)],
        ["customer_grade"],
        ["customer_grade"],
    )
    assert {g["customer_grade"] for g in grades} == {"a", "b", "c"}
    states = {
        g["state"]
        for g in admin.call("sale.order", "read_group", [], ["state"], ["state"], lazy=False)
    }
    assert {"draft", "sent", "sale", "cancel"} <= states
    workcenters = admin.call("mrp.workcenter", "search_read", [], fields=["code"])
    assert {"CUT", "SEW", "QC", "PACK"} <= {w["code"] for w in workcenters}
    boms = admin.call(
        "mrp.bom",
        "search_read",
        [("product_tmpl_id.default_code", "=like", "BRA-%")],
        fields=["product_qty", "bom_line_ids", "operation_ids"],
    )
    assert len(boms) == 3
    for bom in boms:
        assert bom["product_qty"] == 1, "bills of materials are per unit"
        assert len(bom["bom_line_ids"]) >= 3 and len(bom["operation_ids"]) == 4
    sellers = admin.call(
        "product.supplierinfo",
        "search_read",
        [("product_tmpl_id.default_code", "=", "ELA-12")],
        fields=["partner_id", "delay", "price"],
    )
    assert len({s["partner_id"][0] for s in sellers}) == 2, "elastic has two suppliers"
    assert all(s["price"] > 0 and s["delay"] > 0 for s in sellers)
    held = admin.call("sale.order", "search_count", [("intake_state", "=", "hold")])
    assert held >= 2, "the demo shows orders held by the intake checks"


def test_demo_tells_the_review_story(login):
    """The demo's reviews and approvals: reviews in every state a factory meets, a repeat order
    signed off by leadership, a purchase waiting for leadership's approval, change notices on a
    confirmed custom order (one applied, one waiting for signatures)."""
    admin = login("admin")
    reviews = admin.call("order.review", "search_read", [], ["state", "mode", "order_id"])
    assert {r["state"] for r in reviews} >= {"in_review", "escalated", "approved"}
    assert any(r["mode"] == "leadership" and r["state"] == "approved" for r in reviews)
    waiting = admin.call(
        "purchase.order", "search_read", [("approval_state", "=", "pending")], ["approval_step_ids"]
    )
    assert waiting, "a purchase order waits for approval"
    steps = admin.call(
        "order.approval.step", "read", waiting[0]["approval_step_ids"], ["kind", "state"]
    )
    assert [(s["kind"], s["state"]) for s in steps] == [
        ("review", "approved"),
        ("approval", "pending"),
    ]
    approver = login("approver")
    mine = approver.call(
        "order.approval.step",
        "search_count",
        [("approver_user_ids", "in", approver.uid), ("state", "=", "pending")],
    )
    assert mine >= 2, "the escalated review and the purchase wait for the approver"
    notices = admin.call(
        "order.change.notice",
        "search_read",
        [],
        ["state", "approval_state", "revision", "order_revision", "before_values", "after_values"],
    )
    applied = [n for n in notices if n["state"] == "applied"]
    assert applied, "a change notice was applied"
    assert any(n["revision"] >= 1 and n["order_revision"] >= 1 for n in applied)
    grown = [
        n
        for n in applied
        if {ln["line"]: ln["qty"] for ln in n["after_values"]["lines"]}
        != {ln["line"]: ln["qty"] for ln in n["before_values"]["lines"]}
    ]
    assert grown, "the applied notice changed the order's quantities"
    assert any(n["state"] == "submitted" and n["approval_state"] == "pending" for n in notices), (
        "a change notice waits for signatures"
    )


def test_demo_tells_the_planning_story(login):
    """The demo's planning: production notices issued for the confirmed orders, an MRP run
    with planned orders pegged to them, supplier scores with a purchasing history behind."""
    planner = login("planner")
    notices = planner.call(
        "mrp.production.notice", "search_read", [("state", "=", "issued")], ["sale_order_id"]
    )
    assert notices, "production notices are issued"
    runs = planner.call("mrp.planning.run", "search_read", [], ["planned_order_count"])
    assert runs and runs[0]["planned_order_count"] > 0, "the planner ran MRP"
    planned = planner.call(
        "mrp.planning.order",
        "search_read",
        [("state", "=", "proposed")],
        ["kind", "sale_order_ids"],
    )
    assert {p["kind"] for p in planned} == {"buy", "make"}
    noticed = {n["sale_order_id"][0] for n in notices}
    assert all(set(p["sale_order_ids"]) <= noticed for p in planned)
    assert any(p["sale_order_ids"] for p in planned if p["kind"] == "buy"), "purchases pegged"
    scores = planner.call(
        "mrp.supplier.score",
        "search_read",
        [("categ_id", "=", False), ("partner_id.name", "ilike", "elastic")],
        ["partner_id", "score", "receipts", "receipts_on_time"],
    )
    assert scores and all(s["receipts"] for s in scores), "scores have receipts behind them"


def test_demo_tells_the_capacity_story(login):
    """The demo's capacity story: a schedule of the factory's work centers with its load and
    promise check, sewing outsourced with leadership's approval (a draft purchase), and a
    rush order whose what-if waits for leadership."""
    planner = login("planner")
    runs = planner.call("mrp.schedule.run", "search_read", [], ["workorder_count", "solver_status"])
    assert runs and runs[0]["workorder_count"] > 0, "the planner scheduled the work centers"
    load = planner.call(
        "mrp.schedule.load",
        "read_group",
        [("run_id", "=", runs[0]["id"])],
        ["load_hours:sum", "capacity_hours:sum"],
        ["workcenter_id"],
    )
    assert load and all(g["capacity_hours"] > 0 for g in load), "load against capacity"
    assert any(g["load_hours"] > 0 for g in load)
    approver = login("approver")
    outsourcing = approver.call(
        "mrp.outsource.request", "search_read", [], ["state", "purchase_id", "inhouse_cost"]
    )
    assert [o["state"] for o in outsourcing] == ["approved"]
    assert outsourcing[0]["purchase_id"] and outsourcing[0]["inhouse_cost"] > 0
    rush = approver.call(
        "mrp.rush.request",
        "search_read",
        [],
        ["state", "approval_can_decide", "whatif_finish", "rush_hours"],
    )
    assert [r["state"] for r in rush] == ["submitted"]
    assert rush[0]["approval_can_decide"], "leadership decides the rush order"
    assert rush[0]["whatif_finish"] and rush[0]["rush_hours"] > 0, "its what-if is frozen"


def test_demo_tells_the_follow_up_story(login):
    """The demo's follow-up story: late items raised by the delay alerts (the planner explained
    one), the cutting team leader's output recorded the day before the demo was built and that
    day's daily report, Chengdu's order closed out with its cost against its plan."""
    planner = login("planner")
    alerts = planner.call(
        "mrp.delay.alert", "search_read", [], ["stage", "days_late", "reason", "action_taken"]
    )
    assert alerts and any(a["days_late"] >= 1 for a in alerts), "late items, days late"
    explained = [a for a in alerts if a["reason"]]
    assert [a["reason"] for a in explained] == ["capacity"], "the planner explained one"
    assert explained[0]["action_taken"]
    outputs = planner.call(
        "mrp.workorder.output", "search_read", [], ["workcenter_id", "quantity", "date"]
    )
    assert outputs and all(o["quantity"] > 0 for o in outputs)
    assert {o["workcenter_id"][1] for o in outputs} == {"Cutting (裁剪)"}
    reports = planner.call("mrp.daily.report", "search_read", [], ["date", "line_ids"])
    assert reports and reports[0]["line_ids"], "a daily report with its work centers"
    day_lines = planner.call(
        "mrp.daily.report.line",
        "search_read",
        [("report_id", "=", reports[0]["id"])],
        ["workcenter_id", "done_qty"],
    )
    cutting = [line for line in day_lines if line["workcenter_id"][1] == "Cutting (裁剪)"]
    assert cutting and cutting[0]["done_qty"] > 0, "the output recorded on cutting"
    closeouts = planner.call(
        "mrp.order.closeout",
        "search_read",
        [("state", "=", "closed")],
        ["partner_id", "revenue", "material", "labour", "total_cost", "margin", "planned_cost"],
    )
    assert len(closeouts) == 1 and "Chengdu" in closeouts[0]["partner_id"][1]
    chengdu = closeouts[0]
    assert chengdu["revenue"] > 0 and chengdu["material"] > 0 and chengdu["labour"] > 0
    assert chengdu["margin"] == chengdu["revenue"] - chengdu["total_cost"]
    assert chengdu["planned_cost"] > 0, "the plan it is measured against"


def test_demo_tells_the_archive_and_accounts_story(login):
    """The demo's archive and accountants' story: Chengdu's closed-out order archived by the
    archivist in a verified chain, Hangzhou's disputed order under legal hold after the
    clerk's change (in the audit trail), a vendor bill over what was received and over the
    ordered price, and an order delivered but not invoiced."""
    archivist = login("archivist")
    snapshots = archivist.call(
        "order.archive.snapshot",
        "search_read",
        [("company_id", "=", 1)],
        ["partner_name", "tombstone", "sequence"],
    )
    assert any("Chengdu" in s["partner_name"] for s in snapshots), "Chengdu's order archived"
    assert not any(s["tombstone"] for s in snapshots)
    chains = archivist.call(
        "order.archive.chain", "search_read", [("company_id", "=", 1)], ["last_verification_id"]
    )
    verification = archivist.call(
        "order.archive.verification", "read", [chains[0]["last_verification_id"][0]], ["ok"]
    )
    assert verification[0]["ok"], "the chain verifies"
    holds = archivist.call(
        "order.archive.hold", "search_read", [("state", "=", "active")], ["order_id", "reason"]
    )
    assert len(holds) == 1 and "HZ-1203" in holds[0]["reason"]
    entries = archivist.call(
        "order.archive.audit.log",
        "search_read",
        [("res_model", "=", "sale.order"), ("field_name", "=", "client_order_ref")],
        ["res_id", "old_value", "new_value", "user_id"],
    )
    claim = [e for e in entries if e["res_id"] == holds[0]["order_id"][0]]
    assert claim and claim[0]["old_value"] == "HZ-ARCHIVE-DEMO"
    assert claim[0]["new_value"] == "HZ-ARCHIVE-DEMO / CLAIM HZ-1203"
    admin = login("admin")
    bills = admin.call(
        "account.move",
        "search_read",
        [("move_type", "=", "in_invoice"), ("ref", "=", "SLM-2026-0412")],
        ["oa_match_status", "state", "invoice_line_ids"],
    )
    assert len(bills) == 1 and bills[0]["state"] == "draft"
    assert bills[0]["oa_match_status"] in ("qty_over_received", "price_over_tolerance")
    line = admin.call(
        "account.move.line",
        "read",
        bills[0]["invoice_line_ids"],
        ["oa_qty_received", "oa_qty_billed", "oa_price_ordered", "price_unit"],
    )[0]
    assert (line["oa_qty_received"], line["oa_qty_billed"]) == (180, 200), "billed over received"
    assert (line["oa_price_ordered"], line["price_unit"]) == (6.8, 7.2), "over the ordered price"
    missed = admin.call(
        "order.archive.uninvoiced",
        "search_read",
        [("kind", "=", "sale")],
        ["partner_id", "qty", "amount"],
    )
    hangzhou = [m for m in missed if "Hangzhou" in m["partner_id"][1]]
    assert hangzhou and hangzhou[0]["qty"] == 20 and hangzhou[0]["amount"] == 20 * 129.0


def test_demo_has_the_accountant(login):
    """The demo's senior accountant finds the mismatched bill under Bills to Check in the
    Invoicing application, and is the one whose bill form offers Post Despite Mismatch (a
    billing clerk's does not: the button is for the override group, which admin holds too)."""
    accountant = login("accountant")
    menus = accountant.call("ir.ui.menu", "load_menus", False)
    xmlids = {menu.get("xmlid") for menu in menus.values()}
    assert {
        "order_archive.menu_account_bills_to_check",
        "order_archive.menu_account_delivered_not_invoiced",
        "order_archive.menu_account_order_control",
    } <= xmlids
    bills = accountant.call(
        "account.move",
        "search_read",
        [
            ("move_type", "=", "in_invoice"),
            ("oa_match_status", "in", ("qty_over_received", "price_over_tolerance", "no_po")),
        ],
        ["ref"],
    )
    assert "SLM-2026-0412" in {bill["ref"] for bill in bills}

    def form_buttons(rpc):
        views = rpc.call("account.move", "get_views", [[False, "form"]])
        return views["views"]["form"]["arch"]

    assert "action_oa_match_override" in form_buttons(accountant)
    assert "action_oa_match_override" in form_buttons(login("admin"))
    assert "action_oa_match_override" not in form_buttons(login("auditor")), "reads, never posts"
