"""A change of a confirmed made-to-order sales order: the suite's change notice against the
direct edit stock Odoo offers.

The order has N lines, each a product of its own: half made to order (Make To Order +
Manufacture, a bill of materials of one component in stock: a manufacturing order per line),
half bought to order (Make To Order + Buy, one vendor: a purchase order line per line, in a
request for quotation; confirmed with --confirm-purchases). The change: every line's quantity
+20 % and a promised date two weeks later.

In the suite database (the addons installed) the change is a change notice: created and its
lines filled in (one save of the form), submitted, signed by each level (the departments
concerned and leadership), then applied (``_apply``: the order lines, deliveries,
manufacturing orders and purchase lines change in place, the order gets revision 1). The
customer's confirmation is asked for, so that the last signature does not apply the notice
itself: the application is timed apart.

In the stock database the same change is one write of the confirmed order (each line's
``product_uom_qty`` and the order's ``commitment_date``), as in the form: Odoo procures the
extra quantity: a second manufacturing order per made line (the first one stays as it was);
for the bought ones, more on the request for quotation while it is one, a new request once
the purchase is confirmed (the confirmed one stays as it was).

Each phase starts with an empty record cache (a request of its own) and ends with a flush.
Prints one JSON line per order size. Everything the benchmark writes is rolled back.
    .venv/bin/python bench/change_notice.py --config .cache/odoo-test.conf --db DB --lines 10,50
"""

import argparse
import json
import os
import sys
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry
from review_flow import Clock

import odoo
from odoo import Command

QTY = 10.0
NEW_QTY = 12.0  # +20 %
DAYS_LATER = 14


def prepare(env, lines, tag):
    """A customer, a vendor, a component in stock and ``lines`` products, the first half made
    to order, the others bought to order."""
    ref = env.ref
    mto = ref("stock.route_warehouse0_mto")
    mto.active = True
    manufacture = ref("mrp.route_warehouse0_manufacture")
    buy = ref("purchase_stock.route_warehouse0_buy")
    stock = ref("stock.warehouse0").lot_stock_id
    customer = env["res.partner"].create({"name": f"Bench Customer {tag}", "is_company": True})
    vendor = env["res.partner"].create({"name": f"Bench Vendor {tag}", "is_company": True})
    component = env["product.product"].create({"name": f"Bench Lace {tag}", "is_storable": True})
    env["stock.quant"]._update_available_quantity(component, stock, 1_000_000)
    made_count = lines // 2
    products = env["product.product"].create(
        [
            {
                "name": f"Bench {'Made' if i < made_count else 'Bought'} {tag}-{i}",
                "is_storable": True,
                "list_price": 50.0 + i,
                "route_ids": [Command.set([mto.id, manufacture.id if i < made_count else buy.id])],
                "seller_ids": []
                if i < made_count
                else [Command.create({"partner_id": vendor.id, "price": 20.0})],
            }
            for i in range(lines)
        ]
    )
    env["mrp.bom"].create(
        [
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [Command.create({"product_id": component.id, "product_qty": 2})],
            }
            for product in products[:made_count]
        ]
    )
    return customer, products


def confirmed_order(env, customer, products, confirm_purchases=False):
    """The order, confirmed (its purchases are requests for quotation; confirmed too with
    ``confirm_purchases``)."""
    order = env["sale.order"].create(
        {
            "partner_id": customer.id,
            "commitment_date": datetime.now() + timedelta(days=30),
            "order_line": [
                Command.create({"product_id": p.id, "product_uom_qty": QTY}) for p in products
            ],
        }
    )
    order.action_confirm()
    if confirm_purchases:
        made_for(env, order)[1].order_id.button_confirm()
    return order


def made_for(env, order):
    """The manufacturing orders and purchase lines made for the order's lines."""
    domain = [("move_dest_ids.sale_line_id", "in", order.order_line.ids)]
    productions = env["mrp.production"].search(domain)
    origin = [("origin", "=", order.name)]
    productions |= env["mrp.production"].search(origin)
    pols = env["purchase.order.line"].search(domain)
    pols |= env["purchase.order.line"].search([("order_id.origin", "ilike", order.name)])
    return productions, pols


def setup_suite(env):
    """A clerk who raises notices and a leader who signs for leadership; the departments'
    leaders (the administrator) sign for theirs. Confirmed orders are locked."""
    env.company.order_change_lock = True
    clerk, boss = env["res.users"].create(
        [
            {
                "name": f"Bench {role}",
                "login": f"bench_change_{role}",
                "notification_type": "inbox",
                "groups_id": [Command.link(env.ref(group).id)],
            }
            for role, group in (
                ("clerk", "order_intake.group_order_clerk"),
                ("boss", "order_intake.group_order_approver"),
            )
        ]
    )
    return clerk, boss


def suite_change(env, order, clerk, clocks):
    """The change as a change notice; returns the notice."""
    promised = (datetime.now() + timedelta(days=30 + DAYS_LATER)).date()
    Notice = env["order.change.notice"].with_user(clerk)
    with clocks["create"]:
        notice = Notice.create(
            {
                "order_id": order.id,
                "reason": "The customer asks for 20 % more, two weeks later.",
                "customer_reference": "BENCH-CHG",
                "customer_confirmation_required": True,
            }
        )
        # the form's save: the lines' new values in one write
        notice.write(
            {
                "line_ids": [
                    Command.update(line.id, {"new_qty": NEW_QTY, "new_promised_date": promised})
                    for line in notice.line_ids
                ]
            }
        )
    with clocks["submit"]:
        notice.action_submit()
    with clocks["sign"]:
        for _round in range(20):
            if notice.approval_state != "pending":
                break
            step = notice.sudo().approval_request_id.current_step_id
            signer = (step.approver_user_ids - clerk)[:1]
            notice.with_user(signer)._approval_decide(True, "OK")
    if notice.state != "approved":
        raise SystemExit(f"{notice.name} is {notice.state} after the signatures")
    notice.write({"customer_confirmed_by": "Bench buyer", "customer_confirmed_on": datetime.now()})
    with clocks["apply"]:
        notice.with_user(clerk).action_apply()
    return notice


def stock_change(env, order, clocks):
    """The same change as stock Odoo's direct edit of the confirmed order."""
    with clocks["apply"]:
        order.write(
            {
                "commitment_date": order.commitment_date + timedelta(days=DAYS_LATER),
                "order_line": [
                    Command.update(line.id, {"product_uom_qty": NEW_QTY})
                    for line in order.order_line
                ],
            }
        )


def one_run(env, lines, tag, suite, confirm_purchases=False):
    customer, products = prepare(env, lines, tag)
    order = confirmed_order(env, customer, products, confirm_purchases)
    productions, pols = made_for(env, order)
    if len(productions) != lines // 2 or len(pols) != lines - lines // 2:
        raise SystemExit(
            f"{order.name}: {len(productions)} manufacturing orders and {len(pols)} purchase "
            f"lines for {lines} lines"
        )
    env.flush_all()
    clocks = {phase: Clock(env) for phase in ("create", "submit", "sign", "apply")}
    if suite:
        clerk, _boss = suite
        notice = suite_change(env, order, clerk, clocks)
        if notice.state != "applied" or order.order_revision != 1:
            raise SystemExit(f"{notice.name} was not applied: {notice.apply_error}")
    else:
        stock_change(env, order, clocks)
    env.invalidate_all()
    productions_after, pols_after = made_for(env, order)
    result = {
        "lines": lines,
        "productions": len(productions_after),
        "productions_at_new_qty": sum(
            1 for mo in productions_after if abs(mo.product_qty - NEW_QTY) < 1e-6
        ),
        "purchase_lines": len(pols_after),
        "purchase_lines_at_new_qty": sum(
            1 for pol in pols_after if abs(pol.product_qty - NEW_QTY) < 1e-6
        ),
        "purchases": len(pols_after.order_id),
    }
    for phase, clock in clocks.items():
        if clock.queries or clock.seconds:
            result[f"{phase}_seconds"] = round(clock.seconds, 3)
            result[f"{phase}_queries"] = clock.queries
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--lines", default="10,50", help="order sizes, comma-separated")
    parser.add_argument("--warmup", type=int, default=4, help="lines of the warm-up run")
    parser.add_argument(
        "--confirm-purchases",
        action="store_true",
        help="confirm the purchases bought for the order before the change",
    )
    args = parser.parse_args()
    with open_registry(args).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"mail_notify_force_send": False})
        suite = setup_suite(env) if "order.change.notice" in env else None
        if args.warmup:
            one_run(env, args.warmup, "warmup", suite, args.confirm_purchases)
        results = []
        for lines in (int(n) for n in args.lines.split(",")):
            result = one_run(env, lines, f"n{lines}", suite, args.confirm_purchases)
            results.append(
                dict(
                    result,
                    db=args.db,
                    suite=bool(suite),
                    confirmed_purchases=args.confirm_purchases,
                )
            )
        cr.rollback()
    for result in results:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
