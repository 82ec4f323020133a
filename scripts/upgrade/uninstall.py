"""Clean uninstall, part 1 (scripts/uninstall-check), run in an Odoo shell with the suite loaded,
as a user uninstalling from the Apps menu would: notes what the suite added (its models, the
fields it added to Odoo's models, the orders made with it, written to the JSON file named by
OMS_UNINSTALL_STATE), then uninstalls the four addons in reverse dependency order with
button_immediate_uninstall, one at a time. Part 2 (after_uninstall.py) checks the database in a
fresh Odoo process."""

# ruff: noqa: F821  (env is the Odoo shell's)
import json
import os

from odoo import SUPERUSER_ID, api

SUITE = ("order_intake", "order_review", "mrp_planning", "order_archive")
cr = env.cr

# Models and fields whose every xmlid belongs to the suite: they go with it.
cr.execute(
    """
    SELECT m.model, m.id FROM ir_model m
     WHERE EXISTS (SELECT 1 FROM ir_model_data d
                    WHERE d.model = 'ir.model' AND d.res_id = m.id AND d.module = ANY(%(suite)s))
       AND NOT EXISTS (SELECT 1 FROM ir_model_data d
                        WHERE d.model = 'ir.model' AND d.res_id = m.id
                          AND d.module != ALL(%(suite)s))
    """,
    {"suite": list(SUITE)},
)
suite_models = sorted(row[0] for row in cr.fetchall())
cr.execute(
    """
    SELECT f.model, f.name, f.store, f.ttype FROM ir_model_fields f
     WHERE f.model != ALL(%(models)s)
       AND EXISTS (SELECT 1 FROM ir_model_data d WHERE d.model = 'ir.model.fields'
                      AND d.res_id = f.id AND d.module = ANY(%(suite)s))
       AND NOT EXISTS (SELECT 1 FROM ir_model_data d WHERE d.model = 'ir.model.fields'
                          AND d.res_id = f.id AND d.module != ALL(%(suite)s))
    """,
    {"models": suite_models, "suite": list(SUITE)},
)
added_fields = [
    {"model": m, "name": n, "store": s, "table": env[m]._table if m in env else None, "type": t}
    for m, n, s, t in cr.fetchall()
]


def ids(model, domain, limit=None, check=None):
    """Records made with the suite by its users (the demo story's code, the factory's day), not
    its data files: Odoo deletes a module's data records (demo orders with an xmlid) with it."""
    records = env[model].search(domain, order="id")
    cr.execute(
        "SELECT res_id FROM ir_model_data WHERE model = %s AND module = ANY(%s)",
        [model, list(SUITE)],
    )
    data = {row[0] for row in cr.fetchall()}
    records = records.filtered(lambda r: r.id not in data and (check is None or check(r)))
    return records[:limit].ids if limit else records.ids


def untracked(order):
    return all(p.tracking == "none" for p in order.order_line.product_id) and (
        order._name != "sale.order" or kept_with_odoo(order)
    )


# Deleting a customer deletes its draft and cancelled quotations (stock Odoo's sale, so that
# the customer can go): the quotations of the suite's demo customers go with them when Odoo
# deletes the suite's demo data. Not those of customers that are not the suite's data.
cr.execute(
    "SELECT res_id FROM ir_model_data WHERE model = 'res.partner' AND module = ANY(%s)",
    [list(SUITE)],
)
demo_partners = {row[0] for row in cr.fetchall()}


def kept_with_odoo(order):
    partners = {order.partner_id.id, order.partner_invoice_id.id, order.partner_shipping_id.id}
    return order.state not in ("draft", "cancel") or not partners & demo_partners


SaleOrder = env["sale.order"]
suite_sale = [f for f in ("intake_type_id", "review_id") if f in SaleOrder._fields]
draft = [("state", "in", ("draft", "sent"))]
state = {
    "suite_models": suite_models,
    "added_fields": added_fields,
    "sale_orders": ids("sale.order", [], check=kept_with_odoo),
    "purchase_orders": ids("purchase.order", []),
    "productions": ids("mrp.production", []),
    "moves": ids("account.move", []),
    # documents a user goes on with after the uninstall, as stock Odoo does: a quotation the
    # suite was reviewing (else one it took in), a purchase waiting for approval, an open MO
    "draft_sale": ids("sale.order", [*draft, ("review_id", "!=", False)], 1, untracked)
    if "review_id" in suite_sale
    else ids("sale.order", draft, 1, untracked),
    "draft_purchase": ids(
        "purchase.order", [("state", "in", ("draft", "sent", "to approve"))], 1, untracked
    ),
    "open_production": ids("mrp.production", [("state", "in", ("draft", "confirmed"))], 1),
}
with open(os.environ["OMS_UNINSTALL_STATE"], "w", encoding="utf-8") as out:
    json.dump(state, out, indent=0)
print(
    f"uninstall: the suite has {len(suite_models)} models of its own and "
    f"{len(added_fields)} fields on Odoo's models"
)

for name in reversed(SUITE):
    module = env["ir.module.module"].search([("name", "=", name), ("state", "=", "installed")])
    if not module:
        print(f"uninstall: {name} is not installed")
        continue
    module.button_immediate_uninstall()
    # the registry was rebuilt without the addon: a new environment on it
    env = api.Environment(cr, SUPERUSER_ID, {})
    module = env["ir.module.module"].search([("name", "=", name)])
    print(f"uninstall: {name} {module.state}")
    assert module.state == "uninstalled", (name, module.state)
cr.commit()
