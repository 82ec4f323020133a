"""What scripts/upgrade-check compares before and after an upgrade, written as JSON to the file
named by OMS_SNAPSHOT (run in an Odoo shell: `odoo-bin shell ... < snapshot.py`).

- counts: rows per model of the suite (the models its addons define) and of sale, purchase,
  stock, mrp and account (stored, non-transient models);
- records: the key fields (name, state, amounts, the suite's selections) of orders, reviews,
  notices and the suite's documents, per record id;
- chain: order_archive's snapshot chains verified, where order_archive has them (from
  18.0.1.3.0): order.archive.chain._verify() per chain, each giving a verification record whose
  "ok" says it verified.
"""

# ruff: noqa: F821  (env is the Odoo shell's)
import json
import os

from odoo.tools import SQL

SUITE = ("order_intake", "order_review", "mrp_planning", "order_archive")
STANDARD = ("sale", "sale_stock", "purchase", "purchase_stock", "stock", "mrp", "account")
KEY_FIELDS = (
    "name",
    "state",
    "amount_untaxed",
    "amount_total",
    "product_qty",
    "product_uom_qty",
    "qty_delivered",
    "qty_invoiced",
    "approval_state",
    "review_state",
    "intake_state",
    "revision",
    "order_revision",
    "digest",
)
DOCUMENTS = (
    "sale.order",
    "sale.order.line",
    "purchase.order",
    "purchase.order.line",
    "mrp.production",
    "account.move",
    "stock.picking",
)

cr = env.cr
cr.execute(
    """
    SELECT DISTINCT m.model, d.module
      FROM ir_model_data d JOIN ir_model m ON m.id = d.res_id
     WHERE d.model = 'ir.model' AND d.module = ANY(%s)
    """,
    [list(SUITE + STANDARD)],
)
owners = {}
for model, module in cr.fetchall():
    owners.setdefault(model, set()).add(module)

counts, records = {}, {}
for model in sorted(owners):
    if model not in env:
        continue
    Model = env[model]
    if Model._abstract or Model._transient or not Model._auto:
        continue
    cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(Model._table)))
    counts[model] = cr.fetchone()[0]
    if owners[model] & set(SUITE) or model in DOCUMENTS:
        names = [f for f in KEY_FIELDS if f in Model._fields and Model._fields[f].store]
        if not names:
            continue
        rows = Model.with_context(active_test=False).search_read([], names, order="id", load=False)
        records[model] = {
            str(row.pop("id")): {
                k: (round(v, 6) if isinstance(v, float) else v) for k, v in row.items()
            }
            for row in rows
        }

chain = None
if "order.archive.chain" in env:
    chain = {}
    for archive_chain in env["order.archive.chain"].with_context(active_test=False).search([]):
        verification = archive_chain._verify()
        chain[archive_chain.display_name] = {
            "ok": all(verification.mapped("ok")),
            "result": repr(verification.read(["ok", "count", "break_sequence", "break_reason"]))[
                :500
            ],
        }
with open(os.environ["OMS_SNAPSHOT"], "w", encoding="utf-8") as out:
    json.dump({"counts": counts, "records": records, "chain": chain}, out, default=str, indent=0)
print(f"snapshot: {len(counts)} models counted, {sum(map(len, records.values()))} records digested")
