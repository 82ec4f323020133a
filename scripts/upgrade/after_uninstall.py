"""Clean uninstall, part 2 (scripts/uninstall-check): in a fresh Odoo process after uninstall.py
removed the four addons, checks that the database holds nothing of the suite that could break
standard Odoo, and that standard Odoo works on the orders made with the suite:
- nothing left: no xmlid, model, field, table or column of the suite; no database trigger or
  function named after it; no record rule, server action, scheduled action, window action or
  view referring to its models or to the fields it added; every view of the models it extended
  still valid;
- the sales, purchase and manufacturing orders made with the suite readable (every field), their
  forms and lists loading, the quotation report rendering; a quotation made with the suite
  confirmed, delivered and invoiced; a purchase confirmed, received and billed; a manufacturing
  order confirmed and produced; as stock Odoo does.
Prints "after uninstall: PROBLEM ..." lines and exits 1 on any."""

# ruff: noqa: F821  (env is the Odoo shell's)
import json
import os
import sys
import traceback

from odoo import fields

SUITE = ("order_intake", "order_review", "mrp_planning", "order_archive")
PREFIXES = ("order_intake", "order_review", "order_approval", "order_change", "order_archive")
with open(os.environ["OMS_UNINSTALL_STATE"], encoding="utf-8") as f:
    state = json.load(f)
cr = env.cr
problems = []


def problem(text):
    problems.append(text)
    print(f"after uninstall: PROBLEM {text}")


def rows(query, params=None):
    cr.execute(query, params or {})
    return cr.fetchall()


# --- nothing left of the suite ---------------------------------------------------------------
for name, st in rows(
    "SELECT name, state FROM ir_module_module WHERE name = ANY(%s)", [list(SUITE)]
):
    if st != "uninstalled":
        problem(f"module {name} is {st}")
# Odoo deletes a module's data records with it, except those other documents use (its demo
# customers, products, work centers): those stay, with their xmlid, as in stock Odoo. Its
# technical records (views, rules, actions, menus, groups, access rights...) must all be gone.
models = state["suite_models"]
kept, dangling = 0, 0
for module, model, n in rows(
    "SELECT module, model, count(*) FROM ir_model_data WHERE module = ANY(%s) GROUP BY 1, 2",
    [list(SUITE)],
):
    if model.startswith("ir.") or model in ("res.groups", "res.users"):
        problem(f"{n} xmlid(s) of {module} left on {model}")
    elif model in models:
        # data records of its own models that its other records used when Odoo tried to delete
        # them (e.g. review departments with verdicts): the table is gone with the model, the
        # xmlid stays (Odoo logs "ir.model.data could not be deleted"); a reinstall recreates
        # the records (Odoo checks that an xmlid's record exists).
        dangling += n
        print(f"after uninstall: NOTE {n} xmlid(s) of {module} left on the removed model {model}")
    else:
        kept += n
print(f"after uninstall: {kept} demo records of the suite kept (other documents use them)")
models = state["suite_models"]
for (model,) in rows("SELECT model FROM ir_model WHERE model = ANY(%s)", [models]):
    problem(f"model {model} still in ir_model")
for model in models:
    table = model.replace(".", "_")
    if rows("SELECT 1 FROM pg_class WHERE relname = %s AND relkind IN ('r', 'v', 'm')", [table]):
        problem(f"table or view {table} of {model} left")
added = [(f["model"], f["name"]) for f in state["added_fields"]]
for fld in state["added_fields"]:
    if fld["model"] in env and fld["name"] in env[fld["model"]]._fields:
        continue  # another (standard) module defines a field of that name too
    if rows(
        "SELECT 1 FROM ir_model_fields WHERE model = %s AND name = %s", [fld["model"], fld["name"]]
    ):
        problem(f"field {fld['model']}.{fld['name']} still in ir_model_fields")
    if fld["table"] and rows(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
        [fld["table"], fld["name"]],
    ):
        problem(f"column {fld['table']}.{fld['name']} left")
like = [f"{p}%" for p in (*PREFIXES, "mrp_planning")]
for tgname, rel in rows(
    """SELECT t.tgname, t.tgrelid::regclass::text FROM pg_trigger t
        JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal
         AND (t.tgname LIKE ANY(%(like)s) OR p.proname LIKE ANY(%(like)s))""",
    {"like": like},
):
    problem(f"database trigger {tgname} on {rel} left")
for (proname,) in rows(
    """SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname LIKE ANY(%s)""",
    [like],
):
    problem(f"database function {proname} left")

# references to the removed models and fields from what stays
model_words = models + [m.replace(".", "_") for m in models]
field_names = sorted(
    {n for m, n in added if not (m in env and n in env[m]._fields)}
)  # removed everywhere
for rid, name, domain in rows("SELECT id, name, domain_force FROM ir_rule"):
    text = domain or ""
    hits = [w for w in field_names + model_words if f"'{w}'" in text or f'"{w}"' in text]
    if hits:
        problem(f"record rule {rid} {name} refers to {hits}")
for rid, name, code in rows(
    "SELECT id, name->>'en_US', code FROM ir_act_server WHERE state = 'code' OR code IS NOT NULL"
):
    text = code or ""
    hits = [w for w in model_words + [f".{n}" for n in field_names] if w in text]
    if hits:
        problem(f"server action {rid} {name} refers to {hits[:5]}")
for rid, name in rows(
    """SELECT c.id, c.cron_name FROM ir_cron c JOIN ir_act_server a ON a.id = c.ir_actions_server_id
       WHERE a.model_name = ANY(%s)""",
    [models],
):
    problem(f"scheduled action {rid} {name} on a removed model")
for rid, res_model in rows(
    "SELECT id, res_model FROM ir_act_window WHERE res_model = ANY(%s)", [models]
):
    problem(f"window action {rid} opens the removed model {res_model}")
for vid, name, model in rows(
    "SELECT id, name, model FROM ir_ui_view WHERE model = ANY(%s)", [models]
):
    problem(f"view {vid} {name} of the removed model {model}")
for model, name in added:
    if model in env and name in env[model]._fields:
        continue
    for vid, vname in rows(
        """SELECT id, name FROM ir_ui_view WHERE model = %s AND type != 'qweb'
             AND arch_db::text ~ %s""",
        [model, f"name=\\\\?[\"']{name}\\\\?[\"']"],
    ):
        problem(f"view {vid} {vname} of {model} refers to the removed field {name}")
extended = sorted({m for m, _n in added if m in env})
views = (
    env["ir.ui.view"]
    .with_context(active_test=False)
    .search([("model", "in", extended), ("type", "!=", "qweb")])
)
for view in views:
    try:
        view._check_xml()
    except Exception as exc:
        problem(f"view {view.id} {view.name} of {view.model} no longer valid: {exc}")
print(f"after uninstall: {len(views)} views of {len(extended)} extended models valid")


# --- standard Odoo at work on the orders made with the suite ----------------------------------
def work(name, func):
    try:
        with cr.savepoint():
            print(f"after uninstall: {name}: {func()}")
    except Exception:
        problem(f"{name} failed:\n{traceback.format_exc()}")


def read_all():
    out = []
    for model, key in (
        ("sale.order", "sale_orders"),
        ("purchase.order", "purchase_orders"),
        ("mrp.production", "productions"),
        ("account.move", "moves"),
    ):
        records = env[model].browse(state[key]).exists()
        if len(records) != len(state[key]):
            raise AssertionError(f"{len(state[key]) - len(records)} {model} records gone")
        records.read()
        env[model].get_views([(False, "form"), (False, "list"), (False, "search")])
        out.append(f"{len(records)} {model}")
    return ", ".join(out)


def report():
    orders = env["sale.order"].browse(state["sale_orders"])
    html, _kind = env["ir.actions.report"]._render_qweb_html(
        "sale.action_report_saleorder", orders.ids
    )
    return f"quotation report of {len(orders)} orders rendered ({len(html)} bytes)"


def validate(pickings):
    for picking in pickings.filtered(lambda p: p.state not in ("done", "cancel")):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
        assert picking.state == "done", (picking.name, picking.state)


def sale():
    order = env["sale.order"].browse(state["draft_sale"])
    order.action_confirm()
    validate(order.picking_ids)
    invoice = order._create_invoices()
    invoice.action_post()
    assert order.invoice_status == "invoiced", order.invoice_status
    return f"{order.name} confirmed, delivered, invoiced ({invoice.name})"


def purchase():
    order = env["purchase.order"].browse(state["draft_purchase"])
    if order.state == "to approve":
        order.button_approve()
    else:
        order.button_confirm()
    assert order.state == "purchase", order.state
    validate(order.picking_ids)
    order.action_create_invoice()
    bill = order.invoice_ids[-1:]
    bill.invoice_date = fields.Date.context_today(bill)
    bill.action_post()
    return f"{order.name} confirmed, received, billed ({bill.name})"


def production():
    mo = env["mrp.production"].browse(state["open_production"])
    if mo.state == "draft":
        mo.action_confirm()
    mo.qty_producing = mo.product_qty
    mo.move_raw_ids.picked = True
    mo.with_context(skip_backorder=True, skip_consumption=True).button_mark_done()
    assert mo.state == "done", mo.state
    return f"{mo.name} confirmed and produced"


work("orders made with the suite readable", read_all)
work("quotation report", report)
if state["draft_sale"]:
    work("quotation to invoice", sale)
else:
    problem("no quotation made with the suite to confirm")
if state["draft_purchase"]:
    work("purchase to bill", purchase)
else:
    problem("no open purchase made with the suite to confirm")
if state["open_production"]:
    work("manufacturing order", production)
else:
    problem("no open manufacturing order made with the suite to produce")
cr.rollback()
if problems:
    print(f"after uninstall: {len(problems)} problem(s)")
    sys.exit(1)
print("after uninstall: ok")
