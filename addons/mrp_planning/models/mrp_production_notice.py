# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

# What stays editable on an issued notice: its free-text note and the chatter.
ISSUED_WRITABLE = {"note", "state", "user_id", "date_issued", "message_main_attachment_id"}
# Written by the Issue and Cancel actions only, after their checks.
ACTION_FIELDS = {"state", "user_id", "date_issued"}


class MrpProductionNotice(models.Model):
    """The production notice (生产通知单): sales tells production what to make for an approved,
    confirmed order. Issuing it releases the order's demand to material planning."""

    _name = "mrp.production.notice"
    _description = "Production Notice"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('state', '=', 'sale'), ('company_id', '=', company_id)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(related="sale_order_id.partner_id", store=True, string="Customer")
    customer_grade = fields.Selection(related="sale_order_id.customer_grade")
    client_order_ref = fields.Char(related="sale_order_id.client_order_ref")
    warehouse_id = fields.Many2one(related="sale_order_id.warehouse_id", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    date_wanted = fields.Date(
        string="Wanted By",
        required=True,
        help="When the goods must be ready to ship; each line may ask for another day.",
    )
    user_id = fields.Many2one("res.users", string="Issued By", readonly=True, copy=False)
    date_issued = fields.Datetime(string="Issued On", readonly=True, copy=False)
    line_ids = fields.One2many(
        "mrp.production.notice.line", "notice_id", string="To Make", copy=True
    )
    review_id = fields.Many2one(related="sale_order_id.review_id", string="Review")
    review_conditions = fields.Text(related="sale_order_id.review_conditions")
    process_requirements = fields.Html(related="review_id.process_requirements")
    material_ids = fields.One2many(
        related="review_id.material_ids", string="Material Usage per Unit"
    )
    note = fields.Html(string="Notes for Production")
    planned_order_count = fields.Integer(compute="_compute_planned_order_count")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A production notice number is unique per company.",
        ),
    ]

    def _compute_planned_order_count(self):
        pegs = self.env["mrp.planning.peg"]._read_group(
            [("sale_line_id", "in", self.line_ids.sale_line_id.ids)],
            ["sale_line_id"],
            ["planned_order_id:count_distinct"],
        )
        by_line = {line.id: count for line, count in pegs}
        for notice in self:
            notice.planned_order_count = sum(
                by_line.get(line.id, 0) for line in notice.line_ids.sale_line_id
            )

    @api.model
    def _prepare_from_order(self, order, lines=None):
        """Values of a draft notice for ``lines`` of ``order`` (default: every line to make or
        buy that no other notice covers)."""
        covered = self.search(
            [("sale_order_id", "=", order.id), ("state", "!=", "cancel")]
        ).line_ids.sale_line_id
        lines = (lines or order.order_line).filtered(
            lambda line: (
                not line.display_type and line.product_id.type == "consu" and line not in covered
            )
        )
        if not lines:
            raise UserError(
                self.env._(
                    "Every product line of %(order)s is already on a production notice; open the "
                    "existing notice, or cancel it to issue a new one.",
                    order=order.name,
                )
            )
        return {
            "sale_order_id": order.id,
            "company_id": order.company_id.id,
            "date_wanted": order.commitment_date.date()
            if order.commitment_date
            else order.expected_date.date(),
            "line_ids": [Command.create({"sale_line_id": line.id}) for line in lines],
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("mrp.production.notice")
                    or "/"
                )
        notices = super().create(vals_list)
        notices._check_order()
        return notices

    def write(self, vals):
        if ACTION_FIELDS & set(vals) and not self.env.su:
            raise UserError(
                self.env._(
                    "A production notice is issued or cancelled with its Issue and Cancel buttons."
                )
            )
        if set(vals) - ISSUED_WRITABLE and self.filtered(lambda n: n.state != "draft"):
            raise UserError(self._issued_message())
        res = super().write(vals)
        if "sale_order_id" in vals:
            self._check_order()
        return res

    def _issued_message(self):
        return self.env._(
            "Production notice %(notice)s has been issued: what it asks production to make "
            "follows its sales order. To change a quantity, a product or a date, raise a change "
            "notice on the sales order.",
            notice=", ".join(self.filtered(lambda n: n.state != "draft").mapped("name")),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda n: n.state != "draft"):
            raise UserError(
                self.env._(
                    "An issued or cancelled production notice is kept; cancel it instead of "
                    "deleting it."
                )
            )

    def _check_order(self):
        for notice in self:
            order = notice.sale_order_id
            if order.company_id != notice.company_id:
                raise ValidationError(
                    self.env._(
                        "Production notice %(notice)s and its order belong to different companies.",
                        notice=notice.name,
                    )
                )

    @api.constrains("line_ids", "state")
    def _check_lines(self):
        for notice in self:
            foreign = notice.line_ids.sale_line_id.filtered(
                lambda line, n=notice: line.order_id != n.sale_order_id
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Production notice %(notice)s lists lines of another order: %(lines)s.",
                        notice=notice.name,
                        lines=", ".join(foreign.mapped("display_name")),
                    )
                )
            if notice.state == "issued":
                others = self.env["mrp.production.notice.line"].search(
                    [
                        ("sale_line_id", "in", notice.line_ids.sale_line_id.ids),
                        ("notice_id", "!=", notice.id),
                        ("notice_id.state", "=", "issued"),
                    ]
                )
                if others:
                    raise ValidationError(
                        self.env._(
                            "%(lines)s already issued on %(notices)s: a line is made once.",
                            lines=", ".join(others.sale_line_id.mapped("display_name")),
                            notices=", ".join(others.notice_id.mapped("name")),
                        )
                    )

    def action_issue(self):
        for notice in self:
            if notice.state != "draft":
                raise UserError(
                    self.env._("Production notice %(notice)s is not a draft.", notice=notice.name)
                )
            order = notice.sale_order_id
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Order %(order)s is not confirmed: a production notice is issued for an "
                        "approved, confirmed order. Confirm the order first.",
                        order=order.name,
                    )
                )
            if not notice.line_ids:
                raise UserError(
                    self.env._(
                        "Production notice %(notice)s has no line to make.", notice=notice.name
                    )
                )
        # The state and who issued it are the action's fields, refused to users by write();
        # the user's right to change the notice is checked first. sudo() keeps the user as
        # the author of the tracking message.
        self.check_access("write")
        self.sudo().write(
            {"state": "issued", "user_id": self.env.uid, "date_issued": fields.Datetime.now()}
        )
        self._check_lines()
        for notice in self:
            notice.sale_order_id.message_post(
                body=self.env._(
                    "Production notice %(notice)s issued: its demand is released to planning.",
                    notice=notice.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cancel(self):
        self.check_access("write")
        # The state is the action's field, refused to users by write(); access checked above.
        self.sudo().write({"state": "cancel"})
        return True

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_planned_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_planning_order"
        )
        action["domain"] = [("peg_ids.sale_line_id", "in", self.line_ids.sale_line_id.ids)]
        action["context"] = {"search_default_group_kind": 1}
        return action
