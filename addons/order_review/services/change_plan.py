# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a change notice does to an order and to everything made for it.

Plain Python, no database. The notice gathers, in a few set-based reads, each changed line of
the order with the documents made for it (its delivery moves, its make-to-order manufacturing
orders, the purchase order lines bought for it) as plain dicts; ``plan_line`` turns one line's
change into a list of ``Action``: what will be written, and what cannot be done. The same plan
is shown before anyone signs (the impact preview) and carried out on final approval, so the
preview always matches what is applied.

Quantities of a document are in that document's unit: each document carries ``factor``, its
quantity for one unit of the order line.

Days are the days of the people who promise them: the notice gives the documents' datetimes in
its time zone (aware datetimes; naive ones are taken as they are), so that a document's day, and
a new date on the same day at the same hour, are that time zone's. The executor stores them back
in UTC.
"""

import dataclasses
import datetime

EPSILON = 1e-6

# Which department signs for which kind of document (codes of order.review.department).
DEPARTMENT_BY_KIND = {
    "delivery": "WH",
    "production": "PMC",
    "purchase": "PUR",
    "invoice": "FIN",
    "price": "FIN",
}


@dataclasses.dataclass
class Action:
    """One thing the notice does (``op``) or cannot do (``blocking``) to one document.

    ``kind``: order_line, delivery, production, purchase, invoice, order.
    ``op``: what the executor does (``None`` for information only): line_write, line_create,
    move_qty, move_cancel, move_date, procure, mo_qty, mo_cancel, mo_date, pol_qty,
    pol_remove, pol_date, picking_partner, order_write.
    ``code`` names the message shown to people, ``params`` fill it.
    """

    kind: str
    model: str
    res_id: int | None
    document: str
    code: str
    params: dict = dataclasses.field(default_factory=dict)
    op: str | None = None
    value: object = None
    blocking: bool = False
    line_key: object = None
    department_code: str | None = None

    @property
    def department(self):
        if self.department_code:
            return self.department_code
        if self.kind == "order_line" and self.code == "line_price":
            return DEPARTMENT_BY_KIND["price"]
        return DEPARTMENT_BY_KIND.get(self.kind)


def _zero(value):
    return abs(value) < EPSILON


def _shift(value, days):
    if value is None or not days:
        return value
    return value + datetime.timedelta(days=days)


def plan_line(line):
    """The actions for one notice line (see the module's docstring for the dict's keys)."""
    actions = []
    key = line.get("key")

    def add(**kwargs):
        kwargs.setdefault("line_key", key)
        actions.append(Action(**kwargs))

    old_qty = line.get("old_qty") or 0.0
    new_qty = 0.0 if line.get("remove") else (line.get("new_qty") or 0.0)
    delivered = line.get("delivered") or 0.0
    invoiced = line.get("invoiced") or 0.0
    name = line.get("name") or ""
    # what the messages name: the product itself when the notice gives it (named in the
    # reader's language), else its name
    product = line.get("product") or name
    document = line.get("document") or name

    if line.get("add"):
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=None,
            document=document,
            code="line_add",
            params={"product": product, "qty": new_qty, "price": line.get("new_price")},
            op="line_create",
            value=line.get("create_vals"),
        )
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=None,
            document=document,
            code="line_add_routes",
            params={"product": product, "routes": line.get("routes") or ""},
        )
        return actions

    delta = new_qty - old_qty
    line_vals = dict(line.get("write_vals") or {})
    if new_qty + EPSILON < delivered:
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="below_delivered",
            params={"product": product, "qty": new_qty, "delivered": delivered},
            blocking=True,
        )
    if line.get("remove"):
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="line_remove",
            params={"product": product, "old": old_qty},
        )
    elif not _zero(delta):
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="line_qty",
            params={"product": product, "old": old_qty, "new": new_qty},
        )
    old_price, new_price = line.get("old_price"), line.get("new_price")
    if old_price is not None and new_price is not None and not _zero(new_price - old_price):
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="line_price",
            params={"product": product, "old": old_price, "new": new_price},
        )
    for label, (old, new) in (line.get("other_changes") or {}).items():
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="line_field",
            params={"product": product, "field": label, "old": old, "new": new},
        )
    if line_vals:
        add(
            kind="order_line",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="line_write",
            params={"product": product},
            op="line_write",
            value=line_vals,
        )

    # Deliveries: each step (pick, pack, ship) must move what is ordered, less what that step
    # has already done.
    new_date = line.get("new_date")
    old_date = line.get("old_date")
    date_days = (new_date - old_date).days if new_date and old_date else 0
    moves = line.get("moves") or []
    steps = {}
    for move in moves:
        steps.setdefault(move["step"], []).append(move)
    any_pending = False
    made_to_order = bool(line.get("productions") or line.get("purchases"))
    # a make-to-order line whose manufacturing order is done or purchase closed is blocked by
    # those; the delivery's own block is said only while they are open
    open_supply = any(
        p["state"] not in ("done", "cancel") for p in line.get("productions") or []
    ) or any(p["po_state"] not in ("done", "cancel") for p in line.get("purchases") or [])
    # a step that has moved everything cannot take more: the extra quantity needs a chain of
    # its own (a new procurement), not larger moves in the later steps
    closed_step = delta > EPSILON and any(
        not [m for m in step_moves if m["state"] not in ("done", "cancel")]
        for step_moves in steps.values()
    )
    if closed_step and len(steps) > 1:
        if made_to_order and open_supply:
            add(
                kind="delivery",
                model="sale.order.line",
                res_id=line.get("line_id"),
                document=document,
                code="step_closed",
                params={"qty": delta},
                blocking=True,
            )
        elif not made_to_order:
            add(
                kind="delivery",
                model="sale.order.line",
                res_id=line.get("line_id"),
                document=document,
                code="procure",
                params={"qty": delta},
                op="procure",
            )
    for step_moves in steps.values():
        done = sum(m["qty"] for m in step_moves if m["state"] == "done")
        pending = [m for m in step_moves if m["state"] not in ("done", "cancel")]
        any_pending = any_pending or bool(pending)
        factor = step_moves[0].get("factor", 1.0)
        target = new_qty * factor - done
        current = sum(m["qty"] for m in pending)
        change = target - current
        if target < -EPSILON:
            if not any(a.code == "below_delivered" for a in actions):
                add(
                    kind="delivery",
                    model="stock.move",
                    res_id=step_moves[0]["id"],
                    document=step_moves[0]["document"],
                    code="step_below_done",
                    params={"qty": new_qty * factor, "done": done},
                    blocking=True,
                )
            continue
        if not _zero(change) and pending and not (closed_step and len(steps) > 1):
            # more goes on the first pending move; less is taken from the last ones
            if change > 0:
                move = pending[0]
                add(
                    kind="delivery",
                    model="stock.move",
                    res_id=move["id"],
                    document=move["document"],
                    code="move_qty",
                    params={"old": move["qty"], "new": move["qty"] + change},
                    op="move_qty",
                    value=move["qty"] + change,
                )
            else:
                left = -change
                for move in reversed(pending):
                    if _zero(left):
                        break
                    take = min(left, move["qty"])
                    left -= take
                    if _zero(move["qty"] - take):
                        add(
                            kind="delivery",
                            model="stock.move",
                            res_id=move["id"],
                            document=move["document"],
                            code="move_cancel",
                            params={"old": move["qty"]},
                            op="move_cancel",
                        )
                    else:
                        add(
                            kind="delivery",
                            model="stock.move",
                            res_id=move["id"],
                            document=move["document"],
                            code="move_qty",
                            params={"old": move["qty"], "new": move["qty"] - take},
                            op="move_qty",
                            value=move["qty"] - take,
                        )
        if new_date:
            for move in pending:
                if move.get("date") and move["date"].date() != new_date:
                    # the new day at the move's hour, both in the move's time zone
                    value = datetime.datetime.combine(
                        new_date, move["date"].time(), tzinfo=move["date"].tzinfo
                    )
                    add(
                        kind="delivery",
                        model="stock.move",
                        res_id=move["id"],
                        document=move["document"],
                        code="move_date",
                        params={"old": move["date"].date(), "new": new_date},
                        op="move_date",
                        value=value,
                    )
    if (
        delta > EPSILON
        and not any_pending
        and not (closed_step and len(steps) > 1)
        and (open_supply or not made_to_order)
    ):
        add(
            kind="delivery",
            model="sale.order.line",
            res_id=line.get("line_id"),
            document=document,
            code="step_closed" if made_to_order else "procure",
            params={"qty": delta},
            op=None if made_to_order else "procure",
            blocking=made_to_order,
        )

    # Make-to-order manufacturing: the line's open manufacturing order changes in place.
    productions = line.get("productions") or []
    open_mos = [p for p in productions if p["state"] not in ("done", "cancel")]
    done_mos = [p for p in productions if p["state"] == "done"]
    if not _zero(delta) and productions:
        if not open_mos:
            mo = done_mos[-1] if done_mos else productions[-1]
            add(
                kind="production",
                model="mrp.production",
                res_id=mo["id"],
                document=mo["document"],
                code="mo_done",
                params={"produced": mo["produced"]},
                blocking=True,
            )
        else:
            mo = open_mos[-1]
            factor = mo.get("factor", 1.0)
            target = mo["qty"] + delta * factor
            if target < mo["produced"] - EPSILON:
                add(
                    kind="production",
                    model="mrp.production",
                    res_id=mo["id"],
                    document=mo["document"],
                    code="mo_below_produced",
                    params={"qty": target, "produced": mo["produced"]},
                    blocking=True,
                )
            elif _zero(target):
                if mo["state"] == "progress" or mo["produced"] > EPSILON or mo["consumed"]:
                    add(
                        kind="production",
                        model="mrp.production",
                        res_id=mo["id"],
                        document=mo["document"],
                        code="mo_started",
                        params={},
                        blocking=True,
                    )
                else:
                    add(
                        kind="production",
                        model="mrp.production",
                        res_id=mo["id"],
                        document=mo["document"],
                        code="mo_cancel",
                        params={"old": mo["qty"]},
                        op="mo_cancel",
                    )
            else:
                add(
                    kind="production",
                    model="mrp.production",
                    res_id=mo["id"],
                    document=mo["document"],
                    code="mo_qty",
                    params={"old": mo["qty"], "new": target, "produced": mo["produced"]},
                    op="mo_qty",
                    value=target,
                )
                if mo["consumed"] and delta < 0:
                    add(
                        kind="production",
                        model="mrp.production",
                        res_id=mo["id"],
                        document=mo["document"],
                        code="mo_consumed",
                        params={},
                    )
    if date_days:
        for mo in open_mos:
            add(
                kind="production",
                model="mrp.production",
                res_id=mo["id"],
                document=mo["document"],
                code="mo_date",
                params={"old": mo["date_start"], "new": _shift(mo["date_start"], date_days)},
                op="mo_date",
                value=date_days,
            )

    # Make-to-order buying: the purchase order lines bought for this line only.
    purchases = line.get("purchases") or []
    open_pols = [p for p in purchases if p["po_state"] not in ("done", "cancel")]
    if not _zero(delta) and purchases:
        if not open_pols:
            pol = purchases[-1]
            add(
                kind="purchase",
                model="purchase.order.line",
                res_id=pol["id"],
                document=pol["document"],
                code="po_closed",
                params={"received": pol["received"]},
                blocking=True,
            )
        else:
            pol = open_pols[-1]
            factor = pol.get("factor", 1.0)
            target = pol["qty"] + delta * factor
            if target < pol["received"] - EPSILON:
                add(
                    kind="purchase",
                    model="purchase.order.line",
                    res_id=pol["id"],
                    document=pol["document"],
                    code="pol_below_received",
                    params={"qty": target, "received": pol["received"]},
                    blocking=True,
                )
            elif _zero(target) and pol["po_state"] in ("draft", "sent", "to approve"):
                add(
                    kind="purchase",
                    model="purchase.order.line",
                    res_id=pol["id"],
                    document=pol["document"],
                    code="pol_remove",
                    params={"old": pol["qty"]},
                    op="pol_remove",
                )
            else:
                add(
                    kind="purchase",
                    model="purchase.order.line",
                    res_id=pol["id"],
                    document=pol["document"],
                    code="pol_qty",
                    params={
                        "old": pol["qty"],
                        "new": max(target, 0.0),
                        "confirmed": pol["po_state"] == "purchase",
                    },
                    op="pol_qty",
                    value=max(target, 0.0),
                )
    if date_days:
        for pol in open_pols:
            if pol.get("date_planned"):
                add(
                    kind="purchase",
                    model="purchase.order.line",
                    res_id=pol["id"],
                    document=pol["document"],
                    code="pol_date",
                    params={
                        "old": pol["date_planned"].date(),
                        "new": _shift(pol["date_planned"], date_days).date(),
                        "confirmed": pol["po_state"] == "purchase",
                    },
                    op="pol_date",
                    value=_shift(pol["date_planned"], date_days),
                )

    # Invoices: what was invoiced at the old quantity or price.
    if invoiced > EPSILON:
        if new_qty + EPSILON < invoiced:
            add(
                kind="invoice",
                model="sale.order.line",
                res_id=line.get("line_id"),
                document=document,
                code="credit_note_qty",
                params={"qty": invoiced - new_qty, "invoiced": invoiced},
            )
        if old_price is not None and new_price is not None and not _zero(new_price - old_price):
            add(
                kind="invoice",
                model="sale.order.line",
                res_id=line.get("line_id"),
                document=document,
                code="credit_note_price" if new_price < old_price else "extra_invoice_price",
                params={"qty": min(invoiced, new_qty), "diff": abs(new_price - old_price)},
            )
    return actions


def plan(lines, header=None):
    """The actions of a whole notice: each line's, then the order's own (``header``: a dict
    with ``pickings`` to readdress and ``order_vals`` to write, each with its document)."""
    actions = []
    for line in lines:
        actions.extend(plan_line(line))
    header = header or {}
    for change in header.get("changes") or []:
        actions.append(
            Action(
                kind="order",
                model="sale.order",
                res_id=header.get("order_id"),
                document=header.get("document") or "",
                code="order_field",
                params={"field": change[0], "old": change[1], "new": change[2]},
                department_code=change[3] if len(change) > 3 else None,
            )
        )
    if header.get("order_vals"):
        actions.append(
            Action(
                kind="order",
                model="sale.order",
                res_id=header.get("order_id"),
                document=header.get("document") or "",
                code="order_write",
                op="order_write",
                value=header["order_vals"],
            )
        )
    for picking in header.get("pickings") or []:
        actions.append(
            Action(
                kind="delivery",
                model="stock.picking",
                res_id=picking["id"],
                document=picking["document"],
                code="picking_partner",
                params={"old": picking["old"], "new": picking["new"]},
                op="picking_partner",
                value=picking["partner_id"],
            )
        )
    return actions


def blocking(actions):
    return [action for action in actions if action.blocking]


def departments(actions):
    """Codes of the departments that sign for these actions, in a stable order."""
    order = ["PMC", "PUR", "WH", "FIN"]
    found = {action.department for action in actions if action.department}
    return [code for code in order if code in found]
