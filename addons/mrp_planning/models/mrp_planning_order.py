# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.order_intake.services.locking import lock_rows


class MrpPlanningOrder(models.Model):
    """A proposal of the MRP run: buy or make a quantity of a product by a date, for the
    demands its pegging names. Confirming it creates the request for quotation or the
    manufacturing order; a rerun replaces the proposals that were not confirmed."""

    _name = "mrp.planning.order"
    _description = "Planned Order"
    _order = "release_date, level, id"
    _rec_name = "name"

    name = fields.Char(required=True, readonly=True)
    run_id = fields.Many2one(
        "mrp.planning.run",
        string="MRP Run",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    state = fields.Selection(
        [("proposed", "Proposed"), ("confirmed", "Confirmed")],
        default="proposed",
        required=True,
        readonly=True,
        index=True,
    )
    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    kind = fields.Selection([("buy", "Buy"), ("make", "Make")], required=True, readonly=True)
    product_qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    need_date = fields.Date(
        string="Needed By", readonly=True, help="When the demands it serves need it."
    )
    release_date = fields.Date(
        string="Order By", readonly=True, help="When to order or start it to be in time."
    )
    due_date = fields.Date(
        string="Available On",
        readonly=True,
        help="When it can be there: the need date, or later when late.",
    )
    lead_days = fields.Integer(string="Lead Time (days)", readonly=True)
    level = fields.Integer(
        readonly=True, help="0 for ordered products, 1 for their components, and so on."
    )
    late = fields.Boolean(readonly=True, help="Even ordered today, it comes after its need date.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Vendor",
        domain="[('id', 'in', allowed_partner_ids)]",
        help="Proposed by the run; a planner may choose another vendor of the product, "
        "with a reason.",
    )
    proposed_partner_id = fields.Many2one("res.partner", string="Proposed Vendor", readonly=True)
    allowed_partner_ids = fields.Many2many("res.partner", compute="_compute_allowed_partner_ids")
    vendor_reason = fields.Char(string="Reason for the Vendor")
    vendor_ranking = fields.Html(
        compute="_compute_vendor_ranking",
        string="Vendors",
        sanitize=False,
        help="The product's vendors, best first: score, price, lead time and whether the "
        "need date can still be met.",
    )
    supplierinfo_id = fields.Many2one(
        "product.supplierinfo", string="Price List Entry", readonly=True
    )
    bom_id = fields.Many2one("mrp.bom", string="Bill of Materials", readonly=True)
    peg_ids = fields.One2many(
        "mrp.planning.peg", "planned_order_id", string="Pegging", readonly=True
    )
    sale_order_ids = fields.Many2many(
        "sale.order", compute="_compute_sale_order_ids", string="For Orders"
    )
    partner_customer_ids = fields.Many2many(
        "res.partner", compute="_compute_sale_order_ids", string="For Customers"
    )
    purchase_line_id = fields.Many2one("purchase.order.line", readonly=True, copy=False)
    purchase_id = fields.Many2one(
        related="purchase_line_id.order_id", string="Request for Quotation"
    )
    production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", readonly=True, copy=False
    )

    def _compute_sale_order_ids(self):
        pegs = self.env["mrp.planning.peg"].search_read(
            [("planned_order_id", "in", self.ids), ("sale_line_id", "!=", False)],
            ["planned_order_id", "sale_order_id"],
        )
        orders = defaultdict(set)
        for peg in pegs:
            orders[peg["planned_order_id"][0]].add(peg["sale_order_id"][0])
        for planned in self:
            sale_orders = self.env["sale.order"].browse(sorted(orders.get(planned.id, ())))
            planned.sale_order_ids = sale_orders
            planned.partner_customer_ids = sale_orders.partner_id

    def _get_sellers(self):
        """The product's price list entries this planned order may buy from: of its company
        (or of none) and of its variant (or of every variant)."""
        self.ensure_one()
        return self.product_id.seller_ids.filtered(
            lambda s: (
                (not s.company_id or s.company_id == self.company_id)
                and (not s.product_id or s.product_id == self.product_id)
            )
        )

    @api.depends_context("lang")
    @api.depends("product_id", "need_date", "kind")
    def _compute_vendor_ranking(self):
        today = fields.Date.context_today(self)
        for planned in self:
            if planned.kind != "buy":
                planned.vendor_ranking = False
                continue
            sellers = planned._get_sellers().filtered(
                lambda s: not s.date_end or s.date_end >= today
            )
            scores = self.env["mrp.supplier.score"]._get_scores(
                planned.company_id, set(sellers.partner_id.ids)
            )
            categ_id = planned.product_id.categ_id.id
            company = planned.company_id
            lead = company.po_lead + company.days_to_purchase
            rows = []
            for seller in sellers:
                partner_id = seller.partner_id.id
                score = scores.get((partner_id, categ_id), scores.get((partner_id, False)))
                in_time = bool(planned.need_date) and (
                    today + timedelta(days=seller.delay + lead) <= planned.need_date
                )
                rows.append((-(score or 0.0), seller.sequence, seller.id, seller, score, in_time))
            rows.sort(key=lambda row: row[:3])
            planned.vendor_ranking = self.env["ir.qweb"]._render(
                "mrp_planning.planning_order_vendor_ranking",
                {
                    "rows": [
                        {
                            "rank": n,
                            "seller": row[3],
                            "score": row[4],
                            "in_time": row[5],
                            "chosen": row[3].partner_id == planned.partner_id,
                        }
                        for n, row in enumerate(rows, 1)
                    ],
                },
            )

    @api.depends("product_id")
    def _compute_allowed_partner_ids(self):
        for planned in self:
            sellers = planned._get_sellers()
            planned.allowed_partner_ids = sellers.partner_id

    def write(self, vals):
        if set(vals) - {"partner_id", "vendor_reason"} and not self.env.su:
            raise UserError(
                self.env._("Planned orders are written by the MRP run; change only their vendor.")
            )
        if "partner_id" in vals:
            confirmed = self.filtered(lambda p: p.state != "proposed" or p.kind != "buy")
            if confirmed:
                raise UserError(
                    self.env._(
                        "The vendor of %(orders)s cannot change: only proposals to buy that "
                        "are not confirmed yet can.",
                        orders=", ".join(confirmed.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.constrains("partner_id", "vendor_reason")
    def _check_vendor(self):
        for planned in self.filtered(lambda p: p.kind == "buy"):
            if planned.partner_id and planned.partner_id not in planned.allowed_partner_ids:
                raise ValidationError(
                    self.env._(
                        "%(vendor)s sells no %(product)s: choose one of its vendors, or add the "
                        "vendor to the product's Purchase tab first.",
                        vendor=planned.partner_id.display_name,
                        product=planned.product_id.display_name,
                    )
                )
            if (
                planned.partner_id != planned.proposed_partner_id
                and not (planned.vendor_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why %(vendor)s is chosen instead of the proposed %(proposed)s "
                        "for %(order)s.",
                        vendor=planned.partner_id.display_name,
                        proposed=planned.proposed_partner_id.display_name or "-",
                        order=planned.name,
                    )
                )

    # Confirmation ----------------------------------------------------------------------------
    def action_confirm(self):
        """Requests for quotation grouped by vendor and date window, manufacturing orders with
        their components; each names the customer orders it serves."""
        if not (self.env.su or self.env.user.has_group("order_intake.group_order_planner")):
            raise UserError(self.env._("Only planners (PMC) confirm planned orders."))
        planned = self.exists()
        lock_rows(
            planned,
            lambda: self.env._(
                "Another planner is confirming some of these planned orders at this very "
                "moment. Refresh the list in a moment: what they confirmed will show as "
                "confirmed."
            ),
        )
        done = planned.filtered(lambda p: p.state != "proposed")
        if done:
            raise UserError(
                self.env._(
                    "Already confirmed: %(orders)s. Refresh the list and confirm the others.",
                    orders=", ".join(done.mapped("name")),
                )
            )
        missing = planned.filtered(lambda p: p.kind == "buy" and not p.partner_id)
        if missing:
            raise UserError(
                self.env._(
                    "Choose a vendor for %(orders)s first.",
                    orders=", ".join(missing.mapped("name")),
                )
            )
        buy = planned.filtered(lambda p: p.kind == "buy")
        make = planned - buy
        buy._confirm_purchases()
        make._confirm_productions()
        return True

    def _get_origin(self):
        return ", ".join(sorted(set(self.sale_order_ids.mapped("name")))) or ", ".join(
            self.mapped("run_id.name")
        )

    def _get_purchase_groups(self):
        """Planned purchases in groups of one request for quotation: same vendor and
        warehouse, receipt dates within the company's window from the group's first."""
        by_vendor = defaultdict(self.browse)
        for planned in self.sorted(lambda p: (p.due_date, p.id)):
            by_vendor[(planned.partner_id.id, planned.warehouse_id.id, planned.company_id.id)] |= (
                planned
            )
        groups = []
        for planned_orders in by_vendor.values():
            window = planned_orders[0].company_id.mrp_planning_rfq_window
            group = self.browse()
            for planned in planned_orders:
                if group and (planned.due_date - group[0].due_date).days > window:
                    groups.append(group)
                    group = self.browse()
                group |= planned
            groups.append(group)
        return groups

    def _confirm_purchases(self):
        if not self:
            return
        for group in self._get_purchase_groups():
            order = self.env["purchase.order"].create(group._prepare_purchase_order())
            lines = order.order_line
            for planned, line in zip(group, lines, strict=True):
                # State and links are the run's fields, closed to users by write(); the caller
                # checked that the user is a planner.
                planned.sudo().write({"state": "confirmed", "purchase_line_id": line.id})
            order.message_post(
                body=self.env._(
                    "Created from planned orders %(orders)s for %(sale)s.",
                    orders=", ".join(group.mapped("name")),
                    sale=group._get_origin(),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _prepare_purchase_order(self):
        first = self[0]
        picking_type = first.warehouse_id.in_type_id
        lines = []
        for planned in self:
            uom_po = planned.product_id.uom_po_id or planned.product_id.uom_id
            lines.append(
                Command.create(
                    {
                        "product_id": planned.product_id.id,
                        "product_qty": planned.product_uom_id._compute_quantity(
                            planned.product_qty, uom_po
                        ),
                        "product_uom": uom_po.id,
                        "date_planned": datetime.datetime.combine(
                            planned.due_date, datetime.time(12)
                        ),
                    }
                )
            )
        return {
            "partner_id": first.partner_id.id,
            "company_id": first.company_id.id,
            "picking_type_id": picking_type.id,
            "origin": self._get_origin(),
            "order_line": lines,
        }

    def _confirm_productions(self):
        if not self:
            return
        productions = self.env["mrp.production"].create([p._prepare_production() for p in self])
        productions.action_confirm()
        for planned, production in zip(self, productions, strict=True):
            # State and links are the run's fields, closed to users by write(); the caller
            # checked that the user is a planner.
            planned.sudo().write({"state": "confirmed", "production_id": production.id})

    def _prepare_production(self):
        self.ensure_one()
        picking_type = self.bom_id.picking_type_id or self.warehouse_id.manu_type_id
        return {
            "product_id": self.product_id.id,
            "product_qty": self.product_qty,
            "product_uom_id": self.product_uom_id.id,
            "bom_id": self.bom_id.id,
            "picking_type_id": picking_type.id,
            "company_id": self.company_id.id,
            "date_start": datetime.datetime.combine(self.release_date, datetime.time(8)),
            "origin": self._get_origin(),
        }

    def action_open_document(self):
        self.ensure_one()
        record = self.production_id or self.purchase_id
        if not record:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
