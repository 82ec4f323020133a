# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round

from ..services.document_match import BLOCKING, invoiced_over, worst_status
from .account_move_line import MATCH_STATUSES

OVERRIDE_GROUP = "order_archive.group_bill_match_override"
OVERRIDE_FIELDS = (
    "oa_match_override_reason",
    "oa_match_override_user_id",
    "oa_match_override_date",
)


class AccountMove(models.Model):
    _inherit = "account.move"

    oa_match_status = fields.Selection(
        MATCH_STATUSES,
        string="Match Status",
        compute="_compute_oa_match_status",
        store=True,
        index=True,
        help="The worst match of the bill's lines against their purchase orders and receipts.",
    )
    oa_match_blocking = fields.Boolean(
        compute="_compute_oa_match_blocking",
        string="Outside Tolerance",
        help="A line is billed over what was received or over the ordered price, beyond the "
        "tolerance.",
    )
    oa_match_summary = fields.Text(compute="_compute_oa_match_blocking", string="Match Summary")
    oa_match_policy = fields.Boolean(related="company_id.oa_bill_match_policy")
    oa_needs_override = fields.Boolean(
        compute="_compute_oa_needs_override",
        string="Needs Override",
        help="The company's policy refuses posting this document as it is: a user of the Bill "
        "Match Override group may post it with a reason.",
    )
    oa_match_override_reason = fields.Text(
        string="Override Reason", readonly=True, copy=False, tracking=True
    )
    oa_match_override_user_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, copy=False, tracking=True
    )
    oa_match_override_date = fields.Datetime(string="Overridden On", readonly=True, copy=False)
    oa_posted_at = fields.Datetime(
        string="Posted On",
        readonly=True,
        copy=False,
        help="When the entry was last posted. The three-way match of a posted bill counts the "
        "bills posted before it.",
    )
    oa_amount_in_words = fields.Char(
        string="Amount in Words",
        compute="_compute_oa_amount_in_words",
        help="The total in words in the partner's language; Chinese capital numerals "
        "(大写金额) for Chinese.",
    )

    # Three-way match ----------------------------------------------------------------------
    @api.depends("move_type", "invoice_line_ids.oa_match_status")
    def _compute_oa_match_status(self):
        """Bills only. The statuses of saved bills' lines come from one grouped read, not from
        ``invoice_line_ids``: reading that one2many sorts the lines by ``move_name``, which
        would compute their ``move_name`` while Odoo is giving the entry its number
        (``_set_next_sequence`` flushes the entry between marking ``move_name`` to recompute
        and setting ``name``), and the journal items of the posted entry would keep no
        number."""
        bills = self.filtered(lambda move: move.move_type == "in_invoice")
        (self - bills).oa_match_status = False
        saved = bills.filtered("id")
        statuses = defaultdict(list)
        if saved:
            for move, status in self.env["account.move.line"]._read_group(
                [("move_id", "in", saved.ids), ("display_type", "=", "product")],
                ["move_id", "oa_match_status"],
            ):
                statuses[move.id].append(status)
        for move in bills:
            if move.id:
                line_statuses = statuses[move.id]
            else:
                lines = move.invoice_line_ids.filtered(lambda line: line.display_type == "product")
                line_statuses = lines.mapped("oa_match_status")
            move.oa_match_status = worst_status(line_statuses)

    @api.depends("move_type", "invoice_line_ids.oa_match_status")
    def _compute_oa_match_blocking(self):
        for move in self:
            lines = move.invoice_line_ids.filtered(lambda line: line.display_type == "product")
            is_bill = move.move_type == "in_invoice"
            off = lines.filtered(lambda line: line.oa_match_status in BLOCKING) if is_bill else []
            move.oa_match_blocking = bool(off)
            move.oa_match_summary = "\n".join(line._oa_match_description() for line in off)

    @api.depends("state", "oa_match_blocking", "invoice_line_ids.quantity", "company_id")
    def _compute_oa_needs_override(self):
        for move in self:
            needs = False
            if move.state == "draft" and move.id:
                if move.move_type == "in_invoice" and move.company_id.oa_bill_match_policy:
                    needs = move.oa_match_blocking
                elif move.move_type == "out_invoice" and move.company_id.oa_invoice_double_policy:
                    needs = bool(move._oa_double_invoicing_problems())
            move.oa_needs_override = needs

    def action_oa_recheck_match(self):
        """Recompute the match with today's receipts and tolerances."""
        self.invoice_line_ids._oa_recompute_match()
        return True

    def action_oa_match_override(self):
        self._oa_check_override_right()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Post Despite Mismatch"),
            "res_model": "order.archive.match.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }

    def _oa_check_override_right(self):
        if not self.env.user.has_group(OVERRIDE_GROUP):
            raise AccessError(
                self.env._(
                    "Only a user of the group Bill Match Override may post a document that "
                    "does not match its orders."
                )
            )

    def _oa_overridden(self):
        self.ensure_one()
        return bool(
            self.oa_match_override_reason
            and self.oa_match_override_user_id
            and self.oa_match_override_user_id.has_group(OVERRIDE_GROUP)
        )

    def _oa_override(self, reason):
        """Accept the mismatch of ``self`` with ``reason`` (kept on the document and posted in
        its chatter), for the current user of the override group."""
        self._oa_check_override_right()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the document is posted despite the mismatch."))
        self.write(
            {
                "oa_match_override_reason": reason,
                "oa_match_override_user_id": self.env.user.id,
                "oa_match_override_date": fields.Datetime.now(),
            }
        )
        for move in self:
            problems = move._oa_bill_match_problems() or move._oa_double_invoicing_problems()
            move.message_post(
                body=self.env._(
                    "Posted despite the mismatch by %(user)s: %(reason)s\n%(problems)s",
                    user=self.env.user.name,
                    reason=reason,
                    problems="\n".join(problems),
                )
            )

    def _oa_bill_match_problems(self):
        """The lines of this bill off beyond tolerance, described (recomputed now)."""
        self.ensure_one()
        lines = self.invoice_line_ids.filtered(lambda line: line.display_type == "product")
        lines._oa_recompute_match()
        return [line._oa_match_description() for line in lines if line.oa_match_status in BLOCKING]

    # Double invoicing ---------------------------------------------------------------------
    def _oa_invoiced_quantities(self):
        """{(move id, sales line id): quantity in the sales line's unit} that each posted
        customer invoice (credit notes negative) outside ``self`` and each of ``self`` bring
        to the sales lines of ``self``: one grouped read for the other documents."""
        # Down payments are amounts, not quantities (Odoo orders them as 0): Odoo's own
        # deduction on the final invoice settles them, so they are left out.
        lines = self.invoice_line_ids.filtered(
            lambda line: (
                line.display_type == "product"
                and len(line.sale_line_ids) == 1
                and not line.sale_line_ids.is_downpayment
            )
        )
        sale_lines = lines.sale_line_ids
        elsewhere = defaultdict(float)
        rows = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                # sudo: totals of the other invoices of the same sales lines; the user already
                # reads this invoice and its sales lines
                [
                    ("sale_line_ids", "in", sale_lines.ids),
                    ("parent_state", "=", "posted"),
                    ("display_type", "=", "product"),
                    ("move_id", "not in", self.ids),
                    ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ],
                ["sale_line_ids", "move_id", "product_uom_id"],
                ["quantity:sum"],
            )
        )
        for sale_line, move, uom, quantity in rows:
            sign = -1 if move.move_type == "out_refund" else 1
            elsewhere[sale_line.id] += sign * uom._compute_quantity(
                quantity, sale_line.product_uom, round=False
            )
        here = defaultdict(float)
        for line in lines:
            sign = -1 if line.move_id.move_type == "out_refund" else 1
            here[line.move_id.id, line.sale_line_ids.id] += (
                sign
                * line.product_uom_id._compute_quantity(
                    line.quantity, line.sale_line_ids.product_uom, round=False
                )
            )
        return elsewhere, here, lines

    def _oa_double_invoicing_problems(self):
        """The sales lines this invoice brings above what was delivered (products invoiced
        on delivery) or ordered, described."""
        self.ensure_one()
        if self.move_type != "out_invoice":
            return []
        elsewhere, here, lines = self._oa_invoiced_quantities()
        problems = []
        for sale_line in lines.sale_line_ids:
            on_delivery = sale_line.product_id.invoice_policy == "delivery"
            limit = sale_line.qty_delivered if on_delivery else sale_line.product_uom_qty
            invoiced = elsewhere[sale_line.id] + here[self.id, sale_line.id]
            over = invoiced_over(limit, invoiced, sale_line.product_uom.rounding)
            if over:
                problems.append(
                    self.env._(
                        "%(order)s - %(product)s: invoiced %(invoiced)s for %(limit)s %(what)s "
                        "(%(over)s too many)",
                        order=sale_line.order_id.name,
                        product=sale_line.product_id.display_name or sale_line.name,
                        invoiced=float_round(
                            invoiced, precision_rounding=sale_line.product_uom.rounding
                        ),
                        limit=limit,
                        what=self.env._("delivered") if on_delivery else self.env._("ordered"),
                        over=float_round(over, precision_rounding=sale_line.product_uom.rounding),
                    )
                )
        return problems

    # Posting ------------------------------------------------------------------------------
    def _oa_check_posting(self):
        """Refuse posting documents that do not match while their company's policy is on,
        unless a user of the override group accepted them with a reason."""
        errors = []
        for move in self:
            if move.state == "posted" or move._oa_overridden():
                continue
            problems = []
            if move.move_type == "in_invoice" and move.company_id.oa_bill_match_policy:
                problems = move._oa_bill_match_problems()
            elif move.move_type == "out_invoice" and move.company_id.oa_invoice_double_policy:
                problems = move._oa_double_invoicing_problems()
            if problems:
                name = move.name if move.name and move.name != "/" else move.display_name
                errors.append(name + ":\n" + "\n".join("- " + problem for problem in problems))
        if not errors:
            return
        if self.env.user.has_group(OVERRIDE_GROUP):
            hint = self.env._("To post it anyway, use Post Despite Mismatch and give the reason.")
        else:
            hint = self.env._(
                "Correct the quantities or prices, or ask a user of the group Bill Match "
                "Override to post it with a reason."
            )
        raise UserError(
            self.env._("These documents do not match their orders:")
            + "\n"
            + "\n".join(errors)
            + "\n"
            + hint
        )

    def write(self, vals):
        if any(name in vals for name in OVERRIDE_FIELDS) and not self.env.su:
            if vals.get("oa_match_override_reason") or vals.get("oa_match_override_user_id"):
                self._oa_check_override_right()
        if vals.get("state") == "posted":
            self._oa_check_posting()
            vals = dict(vals, oa_posted_at=fields.Datetime.now())
        return super().write(vals)

    def button_draft(self):
        res = super().button_draft()
        # an override holds for the document as it was posted: a new posting needs a new one
        overridden = self.filtered("oa_match_override_reason")
        if overridden:
            # sudo: only the override group may write these fields, but whoever may reset the
            # document to draft withdraws its override (the audit trail keeps it)
            overridden.sudo().write(dict.fromkeys(OVERRIDE_FIELDS, False))
        return res

    # Amounts in words ---------------------------------------------------------------------
    @api.depends("amount_total", "currency_id", "partner_id.lang")
    def _compute_oa_amount_in_words(self):
        for move in self:
            move.oa_amount_in_words = move.currency_id._oa_amount_in_words(
                move.amount_total, move.partner_id.lang or self.env.lang
            )
