# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import float_round


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    planned_peg_ids = fields.One2many(
        "mrp.planning.peg", "sale_line_id", string="Planned Orders Serving It", readonly=True
    )

    def action_view_planned_orders(self):
        """The planned orders, at every level, that serve this line."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrp_planning.action_mrp_planning_order"
        )
        action["domain"] = [("peg_ids.sale_line_id", "=", self.id)]
        action["name"] = self.env._("Planned orders for %(line)s", line=self.display_name)
        return action

    # The order line's planned cost, fixed when the order is confirmed (bill of materials'
    # components at their cost and operations at their work centers' hourly cost, or the
    # product's cost for what is not made), for the close-out's variance.
    closeout_planned_set = fields.Boolean(copy=False, readonly=True)
    closeout_planned_material = fields.Float(copy=False, readonly=True)
    closeout_planned_labour = fields.Float(copy=False, readonly=True)
    closeout_last_unit_cost = fields.Float(
        string="Last Actual Cost",
        compute="_compute_closeout_last_unit_cost",
        digits="Product Price",
        help="Unit cost of this product in the last order closed out (in the company's "
        "currency): the base for quoting it again.",
    )

    def _compute_closeout_last_unit_cost(self):
        products = self.product_id
        last = {}
        if products:
            # The last actual cost is shown to the salesperson quoting the product again,
            # who need not hold the rights on close-outs (one read for all the lines).
            rows = (
                self.env["mrp.order.closeout.line"]
                .sudo()
                .search_read(
                    [
                        ("product_id", "in", products.ids),
                        ("state", "=", "closed"),
                        ("qty", ">", 0),
                        ("company_id", "in", self.company_id.ids or self.env.company.ids),
                    ],
                    ["product_id", "company_id", "unit_cost"],
                    order="date_closed desc, id desc",
                )
            )
            for row in rows:
                last.setdefault((row["product_id"][0], row["company_id"][0]), row["unit_cost"])
        for line in self:
            company = line.company_id or self.env.company
            line.closeout_last_unit_cost = last.get((line.product_id.id, company.id), 0.0)

    def _closeout_planned_cost(self):
        """(material, labour) this line is planned to cost, in the company's currency."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        qty = self.product_uom._compute_quantity(self.product_uom_qty, product.uom_id)
        if not product or product.type == "combo":
            return 0.0, 0.0
        bom = self.env["mrp.bom"]._bom_find(
            product, company_id=self.company_id.id, bom_type="normal"
        )[product]
        if not bom:
            return product.standard_price * qty, 0.0
        material = labour = 0.0
        boms_done, lines_done = bom.explode(
            product, product.uom_id._compute_quantity(qty, bom.product_uom_id)
        )
        for bom_line, data in lines_done:
            component = bom_line.product_id.with_company(self.company_id)
            material += (
                component.uom_id._compute_price(component.standard_price, bom_line.product_uom_id)
                * data["qty"]
            )
        for exploded_bom, data in boms_done:
            for operation in exploded_bom.operation_ids:
                # Odoo's expected duration of the operation for this quantity (cycles of the
                # work center's capacity, its setup and cleanup, its efficiency), as the
                # manufacturing order's work orders will expect it, at the hourly cost.
                minutes = operation._get_duration_expected(data["product"], data["qty"])
                labour += minutes / 60.0 * operation._total_cost_per_hour()
        rounding = self.company_id.currency_id.rounding
        return (
            float_round(material, precision_rounding=rounding),
            float_round(labour, precision_rounding=rounding),
        )

    def _closeout_fix_planned_cost(self):
        for line in self.filtered(lambda x: not x.display_type and not x.closeout_planned_set):
            # The planned cost is the company's record of the confirmation, read from the
            # bill of materials and written whoever confirms: a salesperson may read neither
            # the operations nor the work centers' costs (nothing of it is shown to them).
            material, labour = line.sudo()._closeout_planned_cost()
            line.sudo().write(
                {
                    "closeout_planned_set": True,
                    "closeout_planned_material": material,
                    "closeout_planned_labour": labour,
                }
            )
