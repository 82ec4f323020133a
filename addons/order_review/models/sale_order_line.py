# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .order_change_notice import changed_fields, is_change_notice_context
from .order_review import ACTIVE_STATES
from .sale_order import REVIEWED_LINE_FIELDS

# Fields of a line of a locked confirmed order that change through change notices only.
# Incidental fields (delivered and invoiced quantities, invoice status, analytic, description)
# stay writable.
LOCKED_LINE_FIELDS = (
    "product_id",
    "product_template_id",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
    "intake_requested_date",
    "intake_promised_date",
    "process_requirements",
    "product_packaging_id",
    "product_packaging_qty",
    "route_id",
    "customer_lead",
    "order_id",
)
# Fields filled in once by the suite itself where empty (the acknowledgment's promised date).
FILLED_WHERE_EMPTY = ("intake_promised_date",)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    process_requirements = fields.Char(
        help="The customer's process requirements for this line (工艺要求), e.g. stitching, "
        "finishing or packing instructions.",
    )

    def _review_watched_orders(self):
        return self.order_id.filtered(
            lambda o: (
                o.review_id.state in ACTIVE_STATES or o.approval_state in ("pending", "approved")
            )
        )

    # ------------------------------------------------------------------ locking

    def _change_lock_raise(self, order, what):
        raise UserError(
            self.env._(
                "%(order)s is confirmed and locked: %(what)s only through a change notice. "
                "Use the Change Notice button on the order.",
                order=order.name,
                what=what,
            )
        )

    @api.model
    def _change_lock_incidental_create(self, vals):
        """New lines Odoo itself adds to confirmed orders: down payments, re-invoiced
        expenses, sections and notes, and products delivered beyond the order (quantity 0)."""
        return bool(
            vals.get("is_downpayment")
            or vals.get("is_expense")
            or vals.get("display_type")
            or ("product_uom_qty" in vals and not vals["product_uom_qty"])
        )

    def _check_change_lock_write(self, vals):
        if is_change_notice_context(self.env):
            return
        governed = set(vals) & set(LOCKED_LINE_FIELDS)
        if not governed:
            return
        if vals.get("order_id"):
            target = self.env["sale.order"].browse(vals["order_id"])
            moved = self.filtered(lambda ln: ln.order_id != target and not ln.display_type)
            if moved and target._change_lock_applies():
                self._change_lock_raise(target, self.env._("lines can be added"))
        for line in self:
            order = line.order_id
            if line.display_type or line.is_downpayment or not order._change_lock_applies():
                continue
            changed = changed_fields(line, vals, governed)
            changed = [
                name for name in changed if not (name in FILLED_WHERE_EMPTY and not line[name])
            ]
            if changed:
                self._change_lock_raise(
                    order,
                    self.env._(
                        "%(product)s (%(fields)s) can change",
                        product=line.product_id.display_name,
                        fields=", ".join(
                            line._fields[name]._description_string(self.env) for name in changed
                        ),
                    ),
                )

    def _update_line_quantity(self, values):
        # A change notice posts one note on the order listing every line it changed (and
        # checks delivered quantities before anyone signs): not one message per line.
        if is_change_notice_context(self.env):
            return None
        return super()._update_line_quantity(values)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not is_change_notice_context(self.env):
            orders = self.env["sale.order"].browse(
                {vals.get("order_id") for vals in vals_list if vals.get("order_id")}
            )
            locked = orders.filtered(lambda o: o._change_lock_applies())
            for vals in vals_list:
                order = locked.filtered(lambda o, v=vals: o.id == v.get("order_id"))
                if order and not self._change_lock_incidental_create(vals):
                    self._change_lock_raise(order, self.env._("lines can be added"))
        lines = super().create(vals_list)
        lines._review_watched_orders()._review_watch_changes()
        return lines

    def write(self, vals):
        self._check_change_lock_write(vals)
        if not REVIEWED_LINE_FIELDS & set(vals):
            return super().write(vals)
        orders = self._review_watched_orders()
        res = super().write(vals)
        (orders | self._review_watched_orders())._review_watch_changes()
        return res

    def unlink(self):
        if not is_change_notice_context(self.env):
            for line in self.filtered(
                lambda ln: (
                    not ln.display_type
                    and not ln.is_downpayment
                    and ln.order_id._change_lock_applies()
                )
            ):
                self._change_lock_raise(line.order_id, self.env._("lines can be removed"))
        orders = self._review_watched_orders()
        res = super().unlink()
        orders.exists()._review_watch_changes()
        return res
