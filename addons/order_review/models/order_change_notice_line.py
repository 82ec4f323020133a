# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare

# The values before the change: read from the order by the notice, never given by a user.
BEFORE_FIELDS = (
    "old_product_id",
    "old_qty",
    "old_price",
    "old_requested_date",
    "old_promised_date",
    "old_process",
)

# What a line's change type and summary depend on.
CHANGE_DEPENDS = (
    "order_line_id",
    "remove",
    "product_id",
    "old_product_id",
    "old_qty",
    "new_qty",
    "old_price",
    "new_price",
    "old_requested_date",
    "new_requested_date",
    "old_promised_date",
    "new_promised_date",
    "old_process",
    "new_process",
)

CHANGE_TYPES = [
    ("none", "No Change"),
    ("modify", "Changed"),
    ("add", "New Line"),
    ("remove", "Removed"),
    ("swap", "Product Swapped"),
]


class OrderChangeNoticeLine(models.Model):
    """One line of an order in a change notice: its values when the notice was raised (old)
    and the proposed ones (new). A line without an order line is a new line of the order."""

    _name = "order.change.notice.line"
    _description = "Change Notice Line"
    _order = "notice_id, sequence, id"

    notice_id = fields.Many2one(
        "order.change.notice", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="notice_id.company_id", store=True)
    currency_id = fields.Many2one(related="notice_id.currency_id")
    order_id = fields.Many2one(related="notice_id.order_id")
    order_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        ondelete="restrict",
        domain="[('order_id', '=', order_id), ('display_type', '=', False)]",
        help="The order line this line changes; empty for a new line of the order.",
    )
    change_type = fields.Selection(
        CHANGE_TYPES, compute="_compute_change_type", store=True, string="Change"
    )
    remove = fields.Boolean(help="Take this line off the order (its quantity becomes 0).")
    old_product_id = fields.Many2one("product.product", string="Product Before", readonly=True)
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        domain="[('sale_ok', '=', True)]",
        help="Another product than before swaps the product: the old line is taken off the "
        "order and a new line is added.",
    )
    product_uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    old_qty = fields.Float(
        string="Quantity Before", digits="Product Unit of Measure", readonly=True
    )
    new_qty = fields.Float(string="Quantity", digits="Product Unit of Measure")
    old_price = fields.Float(string="Price Before", digits="Product Price", readonly=True)
    new_price = fields.Float(string="Unit Price", digits="Product Price")
    old_requested_date = fields.Date(string="Requested Before", readonly=True)
    new_requested_date = fields.Date(string="Requested Date")
    old_promised_date = fields.Date(string="Promised Before", readonly=True)
    new_promised_date = fields.Date(
        string="Promised Date",
        help="A new promised date moves the line's deliveries, manufacturing orders and "
        "purchases with it.",
    )
    old_process = fields.Char(string="Process Before", readonly=True)
    new_process = fields.Char(string="Process Requirements")
    qty_delivered = fields.Float(
        related="order_line_id.qty_delivered", string="Delivered", digits="Product Unit of Measure"
    )
    qty_invoiced = fields.Float(
        related="order_line_id.qty_invoiced", string="Invoiced", digits="Product Unit of Measure"
    )
    summary = fields.Char(
        compute="_compute_summary",
        string="What Changes",
        help="What the line changes, in the reader's language.",
    )

    @api.depends(*CHANGE_DEPENDS)
    def _compute_change_type(self):
        for line in self:
            if not line.order_line_id:
                line.change_type = "add"
            elif line.remove:
                line.change_type = "remove"
            elif line.product_id != line.old_product_id:
                line.change_type = "swap"
            elif line._changed_parts():
                line.change_type = "modify"
            else:
                line.change_type = "none"

    @api.depends_context("lang")
    @api.depends(*CHANGE_DEPENDS)
    def _compute_summary(self):
        for line in self:
            line.summary = ", ".join(line._changed_parts())

    def _changed_parts(self):
        """Names of what this line changes, for people."""
        self.ensure_one()
        if not self.order_line_id:
            return [self.env._("new line")]
        if self.remove:
            return [self.env._("removed")]
        parts = []
        if self.product_id != self.old_product_id:
            parts.append(self.env._("product"))
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        if float_compare(self.new_qty, self.old_qty, precision_digits=digits):
            parts.append(self.env._("quantity"))
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        if float_compare(self.new_price, self.old_price, precision_digits=price_digits):
            parts.append(self.env._("price"))
        if self.new_requested_date != self.old_requested_date:
            parts.append(self.env._("requested date"))
        if self.new_promised_date != self.old_promised_date:
            parts.append(self.env._("promised date"))
        if (self.new_process or "") != (self.old_process or ""):
            parts.append(self.env._("process requirements"))
        return parts

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id and not self.order_line_id:
            self.product_uom_id = self.product_id.uom_id
            if not self.new_price:
                self.new_price = self.product_id.lst_price

    @api.constrains("new_qty", "new_price")
    def _check_values(self):
        for line in self:
            if line.new_qty < 0 or line.new_price < 0:
                raise ValidationError(
                    self.env._(
                        "%(product)s: quantity and price cannot be negative; to take a line "
                        "off the order, tick Remove.",
                        product=line.product_id.display_name,
                    )
                )
            if not line.order_line_id and line.new_qty <= 0:
                raise ValidationError(
                    self.env._(
                        "New line %(product)s needs a quantity.",
                        product=line.product_id.display_name,
                    )
                )

    @api.constrains("order_line_id", "notice_id")
    def _check_order_line(self):
        for line in self.filtered("order_line_id"):
            if line.order_line_id.order_id != line.notice_id.order_id:
                raise ValidationError(
                    self.env._(
                        "Line %(line)s is not a line of order %(order)s.",
                        line=line.order_line_id.display_name,
                        order=line.notice_id.order_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the values before are the order line's, read here: never taken from the client
        sols = self.env["sale.order.line"].browse(
            [vals["order_line_id"] for vals in vals_list if vals.get("order_line_id")]
        )
        Notice = self.env["order.change.notice"]
        for vals in vals_list:
            if vals.get("order_line_id"):
                current = Notice._prepare_line_from_order_line(sols.browse(vals["order_line_id"]))
                for key, value in current.items():
                    if key.startswith("old_") or key == "product_uom_id":
                        vals[key] = value
                    else:
                        vals.setdefault(key, value)
            elif not self.env.su:
                # a new line of the order had nothing before
                for key in BEFORE_FIELDS:
                    vals.pop(key, None)
        lines = super().create(vals_list)
        lines.notice_id._check_editable()
        for line in lines.filtered(lambda ln: not ln.order_line_id and not ln.product_uom_id):
            line.product_uom_id = line.product_id.uom_id
        lines._impact_outdated()
        return lines

    def write(self, vals):
        self._check_before_fields(vals)
        self.notice_id._check_editable()
        res = super().write(vals)
        self._impact_outdated()
        return res

    @api.model
    def _check_before_fields(self, vals):
        """The values before the change are the order's, set by the notice (on creation and
        refresh): nobody writes them, on any path (RPC, one2many commands of the notice)."""
        if self.env.su:
            return
        written = sorted(set(vals) & set(BEFORE_FIELDS))
        if written:
            raise AccessError(
                self.env._(
                    "The values before the change (%(fields)s) are read from the order by the "
                    "change notice; they cannot be written.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in written
                    ),
                )
            )

    def unlink(self):
        notices = self.notice_id
        notices._check_editable()
        res = super().unlink()
        self.with_context(order_change_notice_lines=notices)._impact_outdated()
        return res

    def _impact_outdated(self):
        """The notice's impact follows its lines (unless the notice recomputes it itself)."""
        if self.env.context.get("order_change_notice_no_impact"):
            return
        notices = self.env.context.get("order_change_notice_lines") or self.notice_id
        notices.filtered(lambda n: n.state == "draft")._compute_impact()
