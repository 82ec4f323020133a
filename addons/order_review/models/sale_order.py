# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..services.digest import digest
from .order_change_notice import changed_fields, is_change_notice_context
from .order_review import ACTIVE_STATES

# Fields of the order whose change may change what was reviewed or approved.
REVIEWED_ORDER_FIELDS = (
    "partner_id",
    "partner_shipping_id",
    "partner_invoice_id",
    "pricelist_id",
    "currency_id",
    "commitment_date",
    "payment_term_id",
    "incoterm",
    "intake_packaging_terms",
    "intake_transport_terms",
    "intake_type_id",
    "client_order_ref",
    "note",
    "order_line",
)
# Fields of a confirmed order that change through change notices only, when the company
# locks confirmed orders (the lines are locked field by field, see sale.order.line).
LOCKED_ORDER_FIELDS = (
    "partner_id",
    "partner_shipping_id",
    "commitment_date",
    "pricelist_id",
    "currency_id",
    "payment_term_id",
    "incoterm",
    "incoterm_location",
    "intake_packaging_terms",
    "intake_transport_terms",
)
# Fields of an order line whose change may change what was reviewed or approved.
REVIEWED_LINE_FIELDS = {
    "product_id",
    "name",
    "product_uom_qty",
    "product_uom",
    "price_unit",
    "discount",
    "tax_id",
    "intake_requested_date",
    "display_type",
    "order_id",
}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "order.approval.mixin"]

    _approval_company_flag = "order_approval_sale"
    _approval_target_states = ("sale",)
    _approval_content_fields = REVIEWED_ORDER_FIELDS

    review_ids = fields.One2many("order.review", "order_id", string="Reviews", copy=False)
    order_revision = fields.Integer(
        string="Revision",
        default=0,
        readonly=True,
        copy=False,
        help="Raised by one each time a change notice is applied to the confirmed order.",
    )
    change_notice_ids = fields.One2many(
        "order.change.notice", "order_id", string="Change Notices", copy=False
    )
    change_notice_count = fields.Integer(compute="_compute_change_notice_count")
    change_locked = fields.Boolean(
        compute="_compute_change_locked",
        help="The company locks confirmed orders: they change through change notices only.",
    )
    review_id = fields.Many2one(
        "order.review", string="Current Review", readonly=True, copy=False, index="btree_not_null"
    )
    review_state = fields.Selection(related="review_id.state", store=True, string="Review Status")
    review_conditions = fields.Text(related="review_id.conditions", string="Review Conditions")
    review_count = fields.Integer(compute="_compute_review_count")
    review_required = fields.Boolean(
        compute="_compute_review_required",
        help="A review policy selects this order: it is reviewed before it can be confirmed.",
    )

    def _compute_review_count(self):
        counts = dict(
            self.env["order.review"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.review_count = counts.get(order, 0)

    @api.depends("change_notice_ids")
    def _compute_change_notice_count(self):
        counts = dict(
            self.env["order.change.notice"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.change_notice_count = counts.get(order, 0)

    @api.depends("state", "company_id.order_change_lock")
    def _compute_change_locked(self):
        for order in self:
            order.change_locked = order._change_lock_applies()

    def _change_lock_applies(self):
        self.ensure_one()
        return self.state == "sale" and bool(self.company_id.order_change_lock)

    def _compute_review_required(self):
        drafts = self.filtered(lambda o: o.id and o.state in ("draft", "sent"))
        policies = self.env["order.review.policy"]._policies_by_order(drafts)
        for order in self:
            order.review_required = bool(policies.get(order))

    # ------------------------------------------------------------------ content

    def _review_content(self):
        """What is reviewed and approved of the order, by ids and values (no names, so that
        renaming a product does not change it); lines in the order they were entered."""
        self.ensure_one()
        lines = []
        for line in self.order_line.sorted("id"):
            lines.append(
                {
                    "display_type": line.display_type or "",
                    "name": line.name or "",
                    "product": line.product_id.id,
                    "qty": line.product_uom_qty,
                    "uom": line.product_uom.id,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "taxes": sorted(line.tax_id.ids),
                    "requested_date": line.intake_requested_date or "",
                }
            )
        return {
            "partner": self.partner_id.id,
            "shipping": self.partner_shipping_id.id,
            "invoice": self.partner_invoice_id.id,
            "pricelist": self.pricelist_id.id,
            "currency": self.currency_id.id,
            "commitment_date": self.commitment_date or "",
            "payment_term": self.payment_term_id.id,
            "incoterm": self.incoterm.id,
            "packaging_terms": self.intake_packaging_terms or "",
            "transport_terms": self.intake_transport_terms or "",
            "type": self.intake_type_id.id,
            "customer_reference": self.client_order_ref or "",
            "note": str(self.note or ""),
            "lines": lines,
        }

    def _review_snapshot(self, content):
        """The readable snapshot: the content, plus the names as they were."""
        self.ensure_one()
        names = {
            "order": self.name,
            "partner": self.partner_id.display_name,
            "shipping": self.partner_shipping_id.contact_address or "",
            "currency": self.currency_id.name,
            "payment_term": self.payment_term_id.name or "",
            "incoterm": self.incoterm.display_name or "",
            "type": self.intake_type_id.name or "",
            "amount_untaxed": self.amount_untaxed,
            "amount_total": self.amount_total,
            "lines": [
                {
                    "product": line.product_id.display_name or "",
                    "uom": line.product_uom.name or "",
                    "subtotal": line.price_subtotal,
                }
                for line in self.order_line.sorted("id")
            ],
        }
        return {"content": content, "names": names}

    def _review_digest(self):
        self.ensure_one()
        return digest(self._review_content())

    def _get_approval_content(self):
        self.ensure_one()
        return self._review_content()

    # ------------------------------------------------------------------ review

    def action_review_submit(self):
        """Submit the orders for review (clerk): freeze what is reviewed and ask each required
        department for its verdict, or leadership for its sign-off (repeat orders)."""
        self.check_access("write")
        not_draft = self.filtered(lambda o: o.state not in ("draft", "sent"))
        if not_draft:
            raise UserError(
                self.env._(
                    "Only quotations can be submitted for review; not: %(orders)s.",
                    orders=", ".join(not_draft.mapped("name")),
                )
            )
        in_progress = self.filtered(
            lambda o: (
                o.review_id.state in ACTIVE_STATES and o.review_id.digest == o._review_digest()
            )
        )
        if in_progress:
            raise UserError(
                self.env._(
                    "%(orders)s already have a review that stands for their current content.",
                    orders=", ".join(in_progress.mapped("name")),
                )
            )
        by_order = self.env["order.review.policy"]._policies_by_order(self)
        unselected = self.filtered(lambda o: not by_order.get(o))
        if unselected:
            raise UserError(
                self.env._(
                    "No review policy selects %(orders)s: they can be confirmed without review.",
                    orders=", ".join(unselected.mapped("name")),
                )
            )
        Review = self.env["order.review"]
        reviews = Review
        for order in self:
            order.review_id._invalidate(self.env._("submitted again"))
            # Reviews and their verdicts are written by the review itself: the clerk may
            # write the order (checked above) but not the reviewers' verdicts.
            review = Review.sudo().create(Review._prepare_from_order(order, by_order[order]))
            order.sudo().write({"review_id": review.id})
            order._approval_post(
                self.env._(
                    "Submitted for review %(review)s: %(who)s.",
                    review=review.name,
                    who=", ".join(review.verdict_ids.department_id.mapped("name"))
                    or self.env._("leadership sign-off"),
                )
            )
            reviews |= review
        reviews._start()
        return True

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("order_review.action_order_review")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        if self.review_id:
            action.update(
                {"res_id": self.review_id.id, "view_mode": "form", "views": [(False, "form")]}
            )
        return action

    def _review_check(self):
        """Raise unless every order a review policy selects has an approved review of its
        current content."""
        orders = self.filtered(lambda o: o.company_id.order_review_enabled)
        unreviewed = orders.filtered(
            lambda o: o.review_id.state in (False, "invalidated") or o.review_id.order_id != o
        )
        selected = self.env["order.review.policy"]._policies_by_order(unreviewed)
        states = dict(self.env["order.review"]._fields["state"]._description_selection(self.env))
        messages = []
        for order in orders:
            review = order.review_id
            if order in unreviewed:
                if selected.get(order):
                    messages.append(
                        self.env._(
                            "%(order)s needs a review (%(policies)s): submit it for review.",
                            order=order.name,
                            policies=", ".join(selected[order].mapped("name")),
                        )
                    )
            elif review.digest != order._review_digest():
                messages.append(
                    self.env._(
                        "%(order)s changed after review %(review)s (%(changes)s): submit it "
                        "for review again.",
                        order=order.name,
                        review=review.name,
                        changes=", ".join(review._changes_since_submission()[:5]),
                    )
                )
            elif review.state == "rejected":
                messages.append(
                    self.env._(
                        "Review %(review)s of %(order)s was rejected (%(state)s): change the "
                        "order and submit it for review again.",
                        order=order.name,
                        review=review.name,
                        state=states[review.state],
                    )
                )
            elif review.state != "approved":
                messages.append(
                    self.env._(
                        "%(order)s is in review %(review)s (%(state)s): it can be confirmed "
                        "once the review is approved.",
                        order=order.name,
                        review=review.name,
                        state=states[review.state],
                    )
                )
        if messages:
            raise UserError("\n".join(messages))

    def _review_outdate_changed(self):
        """Reviews of orders whose content changed no longer stand."""
        for order in self.filtered(
            lambda o: o.state in ("draft", "sent") and o.review_id.state in ACTIVE_STATES
        ):
            review = order.review_id
            if review.digest != order._review_digest():
                changes = review._changes_since_submission()
                review.sudo()._invalidate(
                    self.env._(
                        "the order changed after submission (%(changes)s)",
                        changes=", ".join(changes[:5]) or "-",
                    )
                )

    def _review_watch_changes(self):
        """After a change of the order or its lines: reviews and approvals that no longer
        match the content are withdrawn."""
        self._review_outdate_changed()
        self._approval_outdate_changed()

    # ------------------------------------------------------------------ write / confirm

    def _check_change_lock(self, vals):
        """Confirmed orders of a company that locks them change through change notices only:
        the fields a notice governs may not be written on any other path."""
        if is_change_notice_context(self.env):
            return
        if "order_revision" in vals:
            raise AccessError(self.env._("An order's revision is raised by its change notices."))
        governed = set(vals) & set(LOCKED_ORDER_FIELDS)
        if not governed:
            return
        for order in self.filtered(lambda o: o._change_lock_applies()):
            changed = changed_fields(order, vals, governed)
            if changed:
                raise UserError(
                    self.env._(
                        "%(order)s is confirmed and locked: %(fields)s can only change through "
                        "a change notice. Use the Change Notice button on the order.",
                        order=order.name,
                        fields=", ".join(
                            order._fields[name]._description_string(self.env) for name in changed
                        ),
                    )
                )

    def _change_snapshot(self):
        """The order as it stands, in readable values (kept by each notice for ever)."""
        self.ensure_one()
        fmt_date = fields.Date.to_string
        return {
            "order": self.name,
            "revision": self.order_revision,
            "customer": self.partner_id.display_name,
            "customer_reference": self.client_order_ref or "",
            "delivery_address": self.partner_shipping_id.display_name or "",
            "delivery_date": fields.Datetime.to_string(self.commitment_date) or "",
            "packaging_terms": self.intake_packaging_terms or "",
            "transport_terms": self.intake_transport_terms or "",
            "incoterm": self.incoterm.display_name or "",
            "payment_terms": self.payment_term_id.display_name or "",
            "currency": self.currency_id.name,
            "amount_untaxed": self.amount_untaxed,
            "amount_total": self.amount_total,
            "lines": [
                {
                    "line": line.id,
                    "product": line.product_id.display_name or "",
                    "description": line.name or "",
                    "qty": line.product_uom_qty,
                    "uom": line.product_uom.name or "",
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "subtotal": line.price_subtotal,
                    "requested_date": fmt_date(line.intake_requested_date) or "",
                    "promised_date": fmt_date(line.intake_promised_date) or "",
                    "process": line.process_requirements or "",
                    "delivered": line.qty_delivered,
                    "invoiced": line.qty_invoiced,
                }
                for line in self.order_line.filtered(lambda ln: not ln.display_type).sorted(
                    lambda ln: (ln.sequence, ln.id)
                )
            ],
        }

    def action_change_notice_new(self):
        """Raise a change notice on the confirmed order."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "%(order)s is not confirmed: change the quotation itself.", order=self.name
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Notice"),
            "res_model": "order.change.notice",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_order_id": self.id},
        }

    def action_print_as_confirmed(self):
        """Print the order as it was confirmed (revision 0), from the values its first
        change notice kept."""
        self.ensure_one()
        first = self.change_notice_ids.filtered(lambda n: n.state == "applied").sorted(
            lambda n: (n.revision, n.id)
        )[:1]
        if not first:
            raise UserError(
                self.env._(
                    "%(order)s was not changed by a change notice: it is as confirmed; print "
                    "the order itself.",
                    order=self.name,
                )
            )
        return first.action_print_before()

    def action_view_change_notices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "order_review.action_order_change_notice"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action

    def write(self, vals):
        self._check_change_lock(vals)
        if "review_id" in vals and not self.env.su:
            raise AccessError(
                self.env._("An order's review is set by submitting the order for review.")
            )
        if vals.get("state") == "sale":
            self.filtered(lambda o: o.state in ("draft", "sent"))._review_check()
        watched = self.browse()
        if set(vals) & set(REVIEWED_ORDER_FIELDS):
            watched = self.filtered(lambda o: o.review_id.state in ACTIVE_STATES)
        res = super().write(vals)
        if watched:
            watched._review_outdate_changed()
        return res

    def action_cancel(self):
        res = super().action_cancel()
        cancelled = self.filtered(lambda o: o.state == "cancel")
        cancelled._approval_supersede(self.env._("the order was cancelled"))
        cancelled.review_id.sudo()._invalidate(self.env._("the order was cancelled"))
        return res

    def copy_data(self, default=None):
        vals_list = super().copy_data(default)
        for vals in vals_list:
            vals.pop("review_id", None)
            vals.pop("order_revision", None)
        return vals_list

    @api.depends(
        "state",
        "intake_checked",
        "intake_result_ids.passed",
        "intake_result_ids.severity",
        "intake_override_user_id",
        "review_state",
    )
    def _compute_intake_state(self):
        # an approved review answers the intake checks that ask for review
        return super()._compute_intake_state()
