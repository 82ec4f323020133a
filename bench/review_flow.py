"""Order-to-cash with review and approvals: the suite's own overhead against stock Odoo.

Each order: a sales order created, confirmed, delivered and invoiced, and a purchase order
created and confirmed. In the suite database (--review), a review policy selects every sales
order and an approval policy every purchase order, so each order is also submitted for review
and given its verdict, and each purchase submitted and approved: those human steps are timed
apart; what is compared with stock Odoo is the rest (the machine's part of the same flow).
Prints one JSON line. Everything the benchmark writes is rolled back.
    .venv/bin/python bench/review_flow.py --config .cache/odoo-test.conf --db DB [--review]
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.environ.get("ODOO_SRC", "/opt/odoo"))

from order_flow import open_registry, order_vals, prepare

import odoo
from odoo import Command, sql_db


class Clock:
    """Seconds and queries spent in the blocks measured with it. Each block starts with an empty
    record cache, as each click of a user is a request of its own: so stock Odoo and the suite
    pay the same cold reads, whatever the human steps between them left in the cache."""

    def __init__(self, env):
        self.env = env
        self.seconds = 0.0
        self.queries = 0

    def __enter__(self):
        self.env.flush_all()
        self.env.invalidate_all()
        self._t, self._q = time.perf_counter(), sql_db.sql_counter

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds += time.perf_counter() - self._t
        self.queries += sql_db.sql_counter - self._q


def setup_review(env):
    """Review and approvals on, with one policy matching everything of each kind, decided by
    two bench users (the submitter never decides its own purchase)."""
    env["order.review.policy"].search([]).active = False
    env["order.approval.policy"].search([]).active = False
    clerk, boss = env["res.users"].create(
        [
            {
                "name": name,
                "login": f"bench_{name.lower()}",
                "notification_type": "inbox",
                "groups_id": [
                    Command.link(env.ref("sales_team.group_sale_salesman_all_leads").id),
                    Command.link(env.ref("purchase.group_purchase_manager").id),
                    Command.link(env.ref("order_intake.group_order_reviewer").id),
                    Command.link(env.ref("stock.group_stock_user").id),
                ],
            }
            for name in ("Clerk", "Boss")
        ]
    )
    department = env["order.review.department"].create(
        {"name": "Bench PMC", "code": "BPMC", "member_ids": [Command.set(boss.ids)]}
    )
    env["order.review.policy"].create(
        {
            "name": "Every order (bench)",
            "trigger": "amount",
            "amount_min": 0.01,
            "department_ids": [Command.set(department.ids)],
        }
    )
    env["order.approval.policy"].create(
        {
            "name": "Every purchase (bench)",
            "model": "purchase.order",
            "level_ids": [
                Command.create({"name": "Buyer", "user_id": boss.id, "approver_type": "user"})
            ],
        }
    )
    env.company.write({"order_review_enabled": True, "order_approval_purchase": True})
    return clerk, boss


def one_order(env, partner, products, vendor, index, review, machine, human):
    with machine:
        order = env["sale.order"].create(order_vals(partner, products, index))
    if review:
        clerk, boss = review
        with human:
            order.with_user(clerk).action_review_submit()
            order.review_id.verdict_ids.with_user(boss).action_approve()
    with machine:
        order.action_confirm()
        for picking in order.picking_ids:
            picking.move_ids.picked = True
            picking.button_validate()
        order._create_invoices().action_post()
        purchase = env["purchase.order"].create(
            {
                "partner_id": vendor.id,
                "order_line": [
                    Command.create(
                        {"product_id": products[0].id, "product_qty": 5 + index, "price_unit": 3}
                    )
                ],
            }
        )
    if review:
        with human:
            purchase.with_user(clerk).action_approval_submit()
            purchase.with_user(boss)._approval_decide(True)
    with machine:
        purchase.button_confirm()
        env.flush_all()
    return order, purchase


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--review", action="store_true", help="review and approvals on")
    args = parser.parse_args()
    with open_registry(args).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"mail_notify_force_send": False})
        partner, products = prepare(env)
        vendor = env["res.partner"].create({"name": "Bench Vendor"})
        review = setup_review(env) if args.review else None
        for index in range(args.warmup):
            one_order(env, partner, products, vendor, index, review, Clock(env), Clock(env))
        env.flush_all()
        halves = [(Clock(env), Clock(env)), (Clock(env), Clock(env))]
        for n in range(args.orders):
            machine, human = halves[0] if n < args.orders // 2 else halves[1]
            order, purchase = one_order(
                env, partner, products, vendor, args.warmup + n, review, machine, human
            )
        if order.invoice_status != "invoiced" or purchase.state != "purchase":
            raise SystemExit(f"the flow did not complete: {order.name} {purchase.name}")
        if review and order.review_id.state != "approved":
            raise SystemExit("the review did not run")
        cr.rollback()
    machine = sum(h[0].seconds for h in halves)
    human = sum(h[1].seconds for h in halves)
    first, second = (args.orders // 2, args.orders - args.orders // 2)
    print(
        json.dumps(
            {
                "db": args.db,
                "review": args.review,
                "orders": args.orders,
                "machine_seconds": round(machine, 3),
                "machine_ms_per_order": round(1000 * machine / args.orders, 1),
                "machine_queries_per_order": round(
                    sum(h[0].queries for h in halves) / args.orders, 1
                ),
                "queries_per_order_first_half": round(halves[0][0].queries / first, 1),
                "queries_per_order_second_half": round(halves[1][0].queries / second, 1),
                "human_steps_ms_per_order": round(1000 * human / args.orders, 1),
                "human_steps_queries_per_order": round(
                    sum(h[1].queries for h in halves) / args.orders, 1
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
