# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

# What a recorded output fixes once saved: to correct it, delete it and record it again.
LOCKED_FIELDS = ("workorder_id", "date", "quantity", "scrap_qty", "hours")
# A device clock a little ahead of the server's is not refused.
FUTURE_TOLERANCE = timedelta(minutes=10)


class MrpWorkorderOutput(models.Model):
    """Output recorded on a work order during the day by an operator or a team leader, where
    Odoo's work order tablet is not used: the good quantity is added to the work order's
    produced quantity, the hours become a time log of the work center (so that Odoo's real
    duration and costs see them), and the note is a reason read in the daily report."""

    _name = "mrp.workorder.output"
    _description = "Work Order Output"
    _order = "date desc, id desc"
    _rec_name = "workorder_id"

    workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Work Order",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('state', 'not in', ('done', 'cancel'))]",
    )
    production_id = fields.Many2one(
        related="workorder_id.production_id", store=True, string="Manufacturing Order"
    )
    workcenter_id = fields.Many2one(
        related="workorder_id.workcenter_id", store=True, index=True, string="Work Center"
    )
    product_id = fields.Many2one(related="workorder_id.product_id", store=True)
    product_uom_id = fields.Many2one(related="workorder_id.product_uom_id", string="Unit")
    company_id = fields.Many2one(
        related="workorder_id.production_id.company_id", store=True, index=True
    )
    date = fields.Datetime(
        string="Recorded At",
        required=True,
        index=True,
        default=fields.Datetime.now,
        help="When the work was done; the hours are logged as ending at this moment.",
    )
    quantity = fields.Float(string="Good Quantity", digits="Product Unit of Measure")
    scrap_qty = fields.Float(string="Scrap", digits="Product Unit of Measure")
    hours = fields.Float(string="Hours", help="Working hours spent on this output.")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, default=lambda self: self.env.user
    )
    operator = fields.Char(help="Operator or team who did the work, when not the recorder.")
    note = fields.Char(string="Note / Reason", help="Read in the daily report as a reason.")
    productivity_id = fields.Many2one(
        "mrp.workcenter.productivity", string="Time Log", readonly=True, index="btree_not_null"
    )

    def _check_input(self, vals_list):
        """Refuse what cannot be recorded, before anything is written."""
        workorders = self.env["mrp.workorder"].browse(
            [vals["workorder_id"] for vals in vals_list if vals.get("workorder_id")]
        )
        added = defaultdict(float)
        for vals in vals_list:
            workorder = workorders.browse(vals.get("workorder_id"))
            if not workorder:
                raise UserError(self.env._("Choose the work order the output is recorded on."))
            quantity = vals.get("quantity") or 0.0
            scrap = vals.get("scrap_qty") or 0.0
            hours = vals.get("hours") or 0.0
            if min(quantity, scrap, hours) < 0:
                raise UserError(
                    self.env._(
                        "Work order %(wo)s: the quantity, scrap and hours recorded cannot be "
                        "negative. To correct an output, delete it and record it again.",
                        wo=workorder.display_name,
                    )
                )
            if not (quantity or scrap or hours):
                raise UserError(
                    self.env._(
                        "Work order %(wo)s: record a good quantity, a scrap quantity or hours.",
                        wo=workorder.display_name,
                    )
                )
            if workorder.state in ("done", "cancel") or workorder.production_id.state in (
                "done",
                "cancel",
            ):
                raise UserError(
                    self.env._(
                        "Work order %(wo)s is %(state)s: output is recorded on open work "
                        "orders only.",
                        wo=workorder.display_name,
                        state=dict(workorder._fields["state"]._description_selection(self.env)).get(
                            workorder.state
                        ),
                    )
                )
            moment = fields.Datetime.to_datetime(vals.get("date"))
            if moment and moment > fields.Datetime.now() + FUTURE_TOLERANCE:
                raise UserError(
                    self.env._(
                        "Work order %(wo)s: output is recorded once done; %(moment)s is "
                        "still to come.",
                        wo=workorder.display_name,
                        moment=fields.Datetime.to_string(moment),
                    )
                )
            added[workorder] += quantity
        for workorder, quantity in added.items():
            rounding = workorder.production_id.product_uom_id.rounding or 0.01
            if float_compare(quantity, workorder.qty_remaining, precision_rounding=rounding) > 0:
                raise UserError(
                    self.env._(
                        "Work order %(wo)s has %(left)s %(uom)s left to produce: %(qty)s cannot "
                        "be recorded. Record the good quantity only, the rest as scrap.",
                        wo=workorder.display_name,
                        left=workorder.qty_remaining,
                        uom=workorder.product_uom_id.name or "",
                        qty=quantity,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        outputs = super().create(vals_list)
        outputs._apply_to_workorders()
        return outputs

    def _apply_to_workorders(self):
        """Add the quantities to the work orders and log the hours as time logs."""
        by_workorder = defaultdict(float)
        for output in self:
            by_workorder[output.workorder_id] += output.quantity
        for workorder, quantity in by_workorder.items():
            if quantity:
                workorder.qty_produced = workorder.qty_produced + quantity
        with_hours = self.filtered(lambda output: output.hours > 0)
        if not with_hours:
            return
        loss = self.env["mrp.workcenter.productivity.loss"].search(
            [("loss_type", "=", "productive")], limit=1
        )
        if not loss:
            raise UserError(
                self.env._(
                    "Hours are logged as productive time: define a productivity loss of the "
                    "category 'Productivity' (Manufacturing > Configuration > Productivity "
                    "Losses)."
                )
            )
        # the operator apart: no f-string inside a translated call (the term extraction fails)
        suffixes = {o.id: f" ({o.operator})" if o.operator else "" for o in with_hours}
        logs = self.env["mrp.workcenter.productivity"].create(
            [
                {
                    "workorder_id": output.workorder_id.id,
                    "workcenter_id": output.workcenter_id.id,
                    "company_id": output.company_id.id,
                    "loss_id": loss.id,
                    "user_id": output.user_id.id or self.env.uid,
                    "date_start": (output.date - timedelta(hours=output.hours)).replace(
                        microsecond=0
                    ),
                    "date_end": output.date.replace(microsecond=0),
                    "description": self.env._(
                        "Output recorded: %(qty)s good, %(scrap)s scrap%(operator)s",
                        qty=output.quantity,
                        scrap=output.scrap_qty,
                        operator=suffixes[output.id],
                    ),
                }
                for output in with_hours
            ]
        )
        for output, log in zip(with_hours, logs, strict=True):
            output.productivity_id = log

    def write(self, vals):
        if any(name in vals for name in LOCKED_FIELDS):
            raise UserError(
                self.env._(
                    "A recorded output's work order, moment, quantities and hours are not "
                    "changed: delete it and record it again."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_open(self):
        for output in self:
            if output.workorder_id.state in ("done", "cancel"):
                raise UserError(
                    self.env._(
                        "Work order %(wo)s is closed: its recorded output is kept.",
                        wo=output.workorder_id.display_name,
                    )
                )

    def unlink(self):
        """Deleting an output takes its quantity back from the work order and removes its
        time log, while the work order is open."""
        by_workorder = defaultdict(float)
        for output in self:
            by_workorder[output.workorder_id] += output.quantity
        logs = self.productivity_id
        result = super().unlink()
        for workorder, quantity in by_workorder.items():
            if not float_is_zero(quantity, precision_digits=6):
                workorder.qty_produced = max(workorder.qty_produced - quantity, 0.0)
        logs.unlink()
        return result
