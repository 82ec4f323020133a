"""The factory's day, run in an Odoo shell (`odoo-bin shell ... < factory_day.py`) on a database
with the suite and its demo data, at whatever commit of the suite is installed: orders through
intake and, as they exist at that commit, review, change notice, production notice, MRP run,
delivery, invoicing, purchase, receipt and vendor bill (order_archive's three-way match).

Version-tolerant: each stage checks that the models and methods it uses exist, runs in a
savepoint, and prints one line "day: STAGE ok|skipped|FAILED ...". A stage that exists and
fails makes the script exit non-zero (scripts/upgrade-check reports it).
"""

# ruff: noqa: F821  (env is the Odoo shell's)
import sys
import traceback

from odoo import fields

failed = []
done = {}


def stage(name, needs=()):
    def deco(func):
        missing = [m for m in needs if m not in env]
        if missing:
            print(f"day: {name} skipped (no {', '.join(missing)} at this commit)")
            return func
        try:
            with env.cr.savepoint():
                detail = func()
            print(f"day: {name} ok {detail or ''}")
        except Exception:
            failed.append(name)
            print(f"day: {name} FAILED\n{traceback.format_exc()}")
        return func

    return deco


company = env.company
customer = env["res.partner"].create({"name": "Upgrade Check Customer", "is_company": True})
vendor = env["res.partner"].create({"name": "Upgrade Check Vendor", "is_company": True})
bom = env["mrp.bom"].search(
    [
        ("type", "=", "normal"),
        ("product_id", "=", False),
        ("company_id", "in", (False, company.id)),
    ],
    limit=1,
)
made = bom.product_tmpl_id.product_variant_id
bought = env["product.product"].create(
    {
        "name": "Upgrade Check Lace",
        "is_storable": True,
        "standard_price": 2.5,
        "list_price": 4.0,
        "seller_ids": [(0, 0, {"partner_id": vendor.id, "price": 2.5})],
    }
)


def new_order(lines):
    return env["sale.order"].create(
        {
            "partner_id": customer.id,
            "order_line": [
                (0, 0, {"product_id": p.id, "product_uom_qty": q, "price_unit": pr})
                for p, q, pr in lines
            ],
        }
    )


@stage("intake")
def _intake():
    order = new_order([(bought, 10, 6.0), (made, 2, 40.0)])
    if hasattr(order, "action_intake_check"):
        order.action_intake_check()
    order.action_confirm()
    done["order"] = order
    return order.name


@stage("change notice", needs=("order.change.notice",))
def _change():
    order = done["order"]
    notice = env["order.change.notice"].create(
        {"order_id": order.id, "reason": "Upgrade check: the customer asks for a change"}
    )
    return f"{notice.name} {notice.state}"


@stage("production notice", needs=("mrp.production.notice",))
def _production_notice():
    order = done["order"]
    Notice = env["mrp.production.notice"]
    notice = Notice.create(Notice._prepare_from_order(order))
    notice.action_issue()
    return f"{notice.name} {notice.state}"


@stage("mrp run", needs=("mrp.planning.run",))
def _mrp_run():
    run = env["mrp.planning.run"]._run_mrp(company)
    return f"{run.name if 'name' in run else run}"


@stage("delivery and invoice")
def _deliver_invoice():
    order = done["order"]
    for picking in order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
    invoice = order._create_invoices()
    invoice.action_post()
    return f"{order.name} {invoice.name}"


@stage("purchase, receipt and bill")
def _purchase():
    purchase = env["purchase.order"].create(
        {
            "partner_id": vendor.id,
            "order_line": [(0, 0, {"product_id": bought.id, "product_qty": 20, "price_unit": 2.5})],
        }
    )
    purchase.button_confirm()
    for picking in purchase.picking_ids:
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
    purchase.action_create_invoice()
    bill = purchase.invoice_ids
    bill.invoice_date = fields.Date.context_today(bill)
    bill.action_post()
    return f"{purchase.name} {bill.name} {bill.state}"


@stage("manufacturing order")
def _production():
    production = env["mrp.production"].create({"product_id": made.id, "product_qty": 1})
    production.action_confirm()
    production.qty_producing = 1
    production.move_raw_ids.picked = True
    production.with_context(skip_backorder=True).button_mark_done()
    return f"{production.name} {production.state}"


@stage("review", needs=("order.review",))
def _review():
    # the demo's review policies on for this order (the demo data leaves them off), then off
    booleans = [n for n, f in company._fields.items() if f.type == "boolean" and f.store]
    flags = {n: company[n] for n in booleans}
    if hasattr(env["order.review"], "_demo_policies_on"):
        env["order.review"]._demo_policies_on()
    policy = env["order.review.policy"].create(
        {
            "name": "Upgrade check",
            "trigger": "amount",
            "amount_min": 1.0,
            "department_ids": [(6, 0, env["order.review.department"].search([], limit=2).ids)],
        }
    )
    order = new_order([(bought, 5, 6.0)])
    order.action_review_submit()
    policy.active = False
    company.write({n: v for n, v in flags.items() if company[n] != v})
    return f"{order.name} {order.review_id.name} {order.review_id.state}"


env.cr.commit()
if failed:
    print(f"day: FAILED stages: {', '.join(failed)}")
    sys.exit(1)
