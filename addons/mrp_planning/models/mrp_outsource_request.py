# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount

# Set by the request itself (its comparison, its states, its purchase), never by users.
OUTSOURCE_ENGINE_FIELDS = frozenset(
    {
        "state",
        "inhouse_hours",
        "inhouse_cost",
        "outsource_cost",
        "finish_before",
        "finish_after",
        "orders_earlier",
        "hours_freed",
        "purchase_id",
    }
)


class MrpOutsourceRequest(models.Model):
    """Outsourcing (外协) of work orders or a whole manufacturing order: why (capacity
    saturated, a special process, a better or cheaper supplier), to whom and at what price,
    against the cost of doing it in house and what it does to the schedule. Leadership
    approves it before the subcontracting purchase can be confirmed."""

    _name = "mrp.outsource.request"
    _description = "Outsourcing Request"
    _inherit = ["mrp.leadership.request.mixin"]
    _order = "id desc"

    _approval_target_states = ("approved",)
    _approval_amount_field = "outsource_cost"
    _approval_currency_field = "currency_id"
    _request_engine_fields = OUTSOURCE_ENGINE_FIELDS
    _request_sequence_code = "mrp.outsource.request"
    _approval_content_fields = (
        "production_id",
        "workorder_ids",
        "partner_id",
        "product_id",
        "price_unit",
        "lead_days",
        "reason",
    )

    currency_id = fields.Many2one(related="company_id.currency_id")
    production_id = fields.Many2one(
        "mrp.production",
        string="Manufacturing Order",
        required=True,
        index=True,
        domain="[('company_id', '=', company_id), ('state', 'in', ('confirmed', 'progress'))]",
        tracking=True,
    )
    product_qty = fields.Float(related="production_id.product_qty", string="Quantity")
    workorder_ids = fields.Many2many(
        "mrp.workorder",
        string="Work Orders",
        domain="[('production_id', '=', production_id), "
        "('state', 'in', ('pending', 'waiting', 'ready'))]",
        help="The operations given out; none: the whole manufacturing order.",
    )
    reason = fields.Selection(
        [
            ("capacity", "Capacity saturated"),
            ("special", "Special process"),
            ("supplier", "Better or cheaper supplier"),
        ],
        required=True,
        tracking=True,
    )
    note = fields.Text(string="Explanation")
    partner_id = fields.Many2one(
        "res.partner", string="Subcontractor", required=True, tracking=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Purchased Service",
        domain="[('type', '=', 'service'), ('purchase_ok', '=', True)]",
        help="What is bought from the subcontractor (a service product); not needed when the "
        "product itself is bought through Odoo's subcontracting.",
    )
    purchase_mode = fields.Selection(
        [("service", "Service purchase"), ("subcontract", "Subcontracting (the product)")],
        string="Bought As",
        compute="_compute_purchase_mode",
        help="Subcontracting when the whole manufacturing order is given out and its product "
        "has a subcontracting bill of materials for this subcontractor (Odoo's Subcontracting "
        "app): the product itself is bought, Odoo sends the components and receives it; "
        "otherwise a service is bought for the operations given out.",
    )
    subcontract_bom_id = fields.Many2one(
        "mrp.bom", string="Subcontracting BoM", compute="_compute_purchase_mode"
    )
    price_unit = fields.Monetary(
        string="Price per Unit", required=True, tracking=True, help="Per unit made."
    )
    lead_days = fields.Integer(
        string="Subcontractor Lead Time (days)",
        default=3,
        help="Days the subcontractor needs; the operations after it wait for them.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Waiting for Leadership"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    inhouse_hours = fields.Float(string="In-house Hours", readonly=True, digits=(16, 1))
    inhouse_cost = fields.Monetary(
        string="In-house Cost",
        readonly=True,
        help="The work centers' hours at their cost per hour.",
    )
    outsource_cost = fields.Monetary(string="Subcontractor Cost", readonly=True)
    saving = fields.Monetary(
        compute="_compute_saving", help="In-house cost less the subcontractor's."
    )
    finish_before = fields.Datetime(string="Finishes In House", readonly=True)
    finish_after = fields.Datetime(string="Finishes Outsourced", readonly=True)
    orders_earlier = fields.Integer(
        string="Other Orders Earlier",
        readonly=True,
        help="Orders that finish earlier once this work leaves the work centers.",
    )
    hours_freed = fields.Float(string="Work Center Hours Freed", readonly=True, digits=(16, 1))
    purchase_id = fields.Many2one("purchase.order", string="Purchase", readonly=True, copy=False)

    @api.depends("inhouse_cost", "outsource_cost")
    def _compute_saving(self):
        for request in self:
            request.saving = request.inhouse_cost - request.outsource_cost

    @api.constrains("workorder_ids", "production_id")
    def _check_workorders(self):
        for request in self:
            if request.workorder_ids - request.production_id.workorder_ids:
                raise ValidationError(
                    self.env._(
                        "Only work orders of %(production)s can be outsourced with it.",
                        production=request.production_id.name,
                    )
                )

    @api.constrains("price_unit", "lead_days")
    def _check_figures(self):
        for request in self:
            if request.price_unit < 0 or request.lead_days < 0:
                raise ValidationError(self.env._("The price and the lead time cannot be negative."))

    # ------------------------------------------------------------------ comparison

    def _outsourced_workorders(self):
        self.ensure_one()
        open_wos = self.production_id.workorder_ids.filtered(
            lambda wo: wo.state in ("pending", "waiting", "ready")
        )
        return self.workorder_ids & open_wos if self.workorder_ids else open_wos

    def action_compare(self):
        for request in self:
            request._request_check_draft()
            request._compare()
        return True

    @api.depends("production_id", "partner_id", "workorder_ids")
    def _compute_purchase_mode(self):
        Bom = self.env["mrp.bom"]
        # Odoo's subcontracting (mrp_subcontracting) adds this kind of bill of materials;
        # without it every outsourcing buys a service.
        can_subcontract = "subcontract" in dict(Bom._fields["type"].selection)
        for request in self:
            bom = Bom
            production = request.production_id
            whole = not request.workorder_ids or not (
                production.workorder_ids - request.workorder_ids
            )
            if can_subcontract and whole and production and request.partner_id:
                bom = Bom._bom_subcontract_find(
                    production.product_id,
                    company_id=production.company_id.id,
                    bom_type="subcontract",
                    subcontractor=request.partner_id,
                )
            request.subcontract_bom_id = bom
            request.purchase_mode = "subcontract" if bom else "service"

    @api.constrains("product_id", "production_id", "partner_id", "workorder_ids")
    def _check_product(self):
        for request in self:
            if request.purchase_mode == "service" and not request.product_id:
                raise ValidationError(
                    self.env._(
                        "Choose the service bought from %(partner)s for %(production)s: the "
                        "product has no subcontracting bill of materials for them (or only part "
                        "of the order is given out), so the work is bought as a service.",
                        partner=request.partner_id.display_name,
                        production=request.production_id.name,
                    )
                )

    def _compare(self):
        """Cost in house against the subcontractor's, and the schedule with and without
        this work on the work centers (nothing written but this request's figures)."""
        self.ensure_one()
        workorders = self._outsourced_workorders()
        if not workorders:
            raise UserError(
                self.env._(
                    "%(production)s has no open work order to outsource.",
                    production=self.production_id.name,
                )
            )
        hours = sum(workorders.mapped("duration_expected")) / 60.0
        cost = sum(wo.duration_expected / 60.0 * wo.workcenter_id.costs_hour for wo in workorders)
        company = self.company_id
        # The comparison reads the factory's work orders as the system and writes nothing;
        # the user's right to change this request was checked by the caller.
        Run = self.env["mrp.schedule.run"].sudo().with_company(company)
        data = Run._schedule_read(company)
        before = Run._schedule_compute(dict(data), 0.0)
        Run._schedule_apply_outsourcing(data, workorders.ids, self.lead_days)
        after = Run._schedule_compute(data, 0.0)
        origin = data["origin"]

        def at(minute):
            return origin + datetime.timedelta(minutes=minute) if minute is not None else False

        job = self.production_id.id
        earlier = 0
        if before and after:
            for other in data["jobs"]:
                if other.id == job:
                    continue
                old, new = before.schedule.job_end(other.id), after.schedule.job_end(other.id)
                if old is not None and new is not None and new < old:
                    earlier += 1
        vals = {
            "inhouse_hours": hours,
            "inhouse_cost": cost,
            "outsource_cost": self.price_unit * self.product_qty,
            "finish_before": at(before.schedule.job_end(job)) if before else False,
            "finish_after": at(after.schedule.job_end(job)) if after else False,
            "orders_earlier": earlier,
            "hours_freed": hours,
        }
        if not vals["finish_after"] and before:
            # The whole order is outsourced: it comes back after the subcontractor's lead time.
            vals["finish_after"] = origin + datetime.timedelta(days=self.lead_days)
        # The request's own comparison (engine fields).
        self.sudo().write(vals)

    # ------------------------------------------------------------------ approval

    def action_submit(self):
        for request in self:
            request._request_check_draft()
            request._compare()
            request._request_submit()
        return True

    def _get_approval_content(self):
        self.ensure_one()
        return {
            "production": self.production_id.id,
            "workorders": sorted(self.workorder_ids.ids),
            "partner": self.partner_id.id,
            "product": self.product_id.id,
            "price": self.price_unit,
            "lead_days": self.lead_days,
            "reason": self.reason or "",
            # Only a subcontracting purchase adds its mode (service requests keep the
            # content, and the approvals, they had).
            **({"mode": "subcontract"} if self.purchase_mode == "subcontract" else {}),
        }

    def _approval_summary(self):
        self.ensure_one()
        return self.env._(
            "Outsource %(production)s to %(partner)s: %(outsource)s against %(inhouse)s in "
            "house; %(orders)s other orders finish earlier.",
            production=self.production_id.name,
            partner=self.partner_id.display_name,
            outsource=format_amount(self.env, self.outsource_cost, self.currency_id),
            inhouse=format_amount(self.env, self.inhouse_cost, self.currency_id),
            orders=self.orders_earlier,
        )

    def _approval_on_approved(self):
        # Approved by leadership: the state and the draft purchase are the request's own.
        self.sudo().write({"state": "approved"})
        self.sudo()._create_purchase()

    def _create_purchase(self):
        """A draft purchase of the service from the subcontractor, for the manufacturing
        order; a buyer confirms it (which the approval allows)."""
        self.ensure_one()
        if self.purchase_mode == "subcontract":
            return self._create_subcontract_purchase()
        operations = ", ".join(self._outsourced_workorders().mapped("name")) or "-"
        description = self.env._(
            "%(service)s for %(production)s (%(operations)s)",
            service=self.product_id.display_name,
            production=self.production_id.name,
            operations=operations,
        )
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "origin": self.production_id.name,
                "outsource_request_id": self.id,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": self.product_id.id,
                            "name": description,
                            "product_qty": self.product_qty,
                            "price_unit": self.price_unit,
                            "date_planned": fields.Datetime.now()
                            + datetime.timedelta(days=self.lead_days),
                        }
                    )
                ],
            }
        )
        self.purchase_id = order
        return order

    def _create_subcontract_purchase(self):
        """A draft purchase of the product itself from the subcontractor, which Odoo's
        subcontracting turns, once confirmed, into a receipt with the subcontractor's
        manufacturing order (and the components to send them)."""
        production = self.production_id
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "origin": production.name,
                "outsource_request_id": self.id,
                "picking_type_id": production.picking_type_id.warehouse_id.in_type_id.id
                or self.env["purchase.order"]._default_picking_type().id,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": production.product_id.id,
                            "name": self.env._(
                                "%(product)s, made by the subcontractor instead of %(production)s",
                                product=production.product_id.display_name,
                                production=production.name,
                            ),
                            "product_qty": production.product_qty,
                            "product_uom": production.product_uom_id.id,
                            "price_unit": self.price_unit,
                            "date_planned": fields.Datetime.now()
                            + datetime.timedelta(days=self.lead_days),
                        }
                    )
                ],
            }
        )
        self.purchase_id = order
        return order

    def _on_purchase_confirmed(self):
        """The product is bought made: the manufacturing order it replaces is cancelled."""
        for request in self.filtered(lambda r: r.purchase_mode == "subcontract"):
            production = request.production_id
            if production.state in ("done", "cancel"):
                continue
            # The buyer confirming the approved purchase may hold no manufacturing rights;
            # cancelling the order it replaces is part of what leadership approved.
            production.sudo().action_cancel()
            production.sudo().message_post(
                body=self.env._(
                    "Cancelled: %(purchase)s buys this product made by %(partner)s "
                    "(outsourcing %(request)s).",
                    purchase=request.purchase_id.name,
                    partner=request.partner_id.display_name,
                    request=request.name,
                )
            )

    def action_view_purchase(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
