# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.order_intake.services.locking import lock_rows


class OrderArchivePurge(models.Model):
    """The expiry of archived orders, waiting for an Archive Manager's approval.

    The daily check gathers the company's snapshots past their expiry date; an Archive
    Manager approves: the orders under legal hold are left out, the others' live records are
    purged or anonymised (their policy's expiry action) and each snapshot's content is
    replaced by a tombstone that keeps its digests, so that the chain still verifies."""

    _name = "order.archive.purge"
    _description = "Archive Expiry"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    state = fields.Selection(
        [("to_approve", "To Approve"), ("done", "Purged"), ("refused", "Refused")],
        default="to_approve",
        required=True,
        readonly=True,
        tracking=True,
    )
    # The relation named as the database trigger and the verification read it.
    snapshot_ids = fields.Many2many(
        "order.archive.snapshot",
        relation="order_archive_purge_order_archive_snapshot_rel",
        column1="order_archive_purge_id",
        column2="order_archive_snapshot_id",
        string="Expired Snapshots",
        readonly=True,
    )
    snapshot_count = fields.Integer(compute="_compute_snapshot_count", string="Snapshots")
    approved_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_done = fields.Datetime(readonly=True)
    held_count = fields.Integer(string="Left Out (Legal Hold)", readonly=True)
    purged_count = fields.Integer(string="Purged", readonly=True)

    def _compute_snapshot_count(self):
        for purge in self:
            purge.snapshot_count = len(purge.snapshot_ids)

    @api.model
    def _cron_request(self):
        """Gather the expired snapshots of each company in one request to approve."""
        Snapshot = self.env["order.archive.snapshot"].sudo()
        today = fields.Date.context_today(self)
        open_requests = self.search([("state", "=", "to_approve")])
        waiting = open_requests.snapshot_ids
        expired = Snapshot.search(
            [
                ("expiry_date", "<=", today),
                ("tombstone", "=", False),
                ("imported", "=", False),
                ("id", "not in", waiting.ids),
            ]
        )
        requests = self.browse()
        for company in expired.company_id:
            snapshots = expired.filtered(lambda s, c=company: s.company_id == c)
            requests |= self.create(
                {
                    "name": self.env._(
                        "Expiry of %(count)s archived orders of %(company)s",
                        count=len(snapshots),
                        company=company.name,
                    ),
                    "company_id": company.id,
                    "snapshot_ids": [fields.Command.set(snapshots.ids)],
                }
            )
        return requests

    def _lock(self):
        lock_rows(
            self,
            self.env._("Another Archive Manager is deciding this expiry; try again in a moment."),
        )

    def action_refuse(self):
        self.env["order.archive.snapshot"]._check_archive_manager()
        self._lock()
        if self.filtered(lambda p: p.state != "to_approve"):
            raise UserError(self.env._("Only an expiry waiting for approval can be refused."))
        self.write({"state": "refused", "approved_by_id": self.env.uid})

    def action_approve(self):
        """Approve and carry out the expiry (Archive Managers only)."""
        self.env["order.archive.snapshot"]._check_archive_manager()
        self._lock()
        if self.filtered(lambda p: p.state != "to_approve"):
            raise UserError(self.env._("This expiry was already approved or refused."))
        for purge in self:
            # sudo: the expiry touches the live documents and the snapshots that nobody may
            # write; the Archive Manager's right was checked above.
            purge.sudo()._execute()

    def _execute(self):
        self.ensure_one()
        snapshots = self.snapshot_ids.filtered(lambda s: not s.tombstone)
        orders = snapshots.sale_order_id
        free = self.env["sale.order"]._oa_filter_not_held(orders)
        held = orders - free
        snapshots = snapshots.filtered(lambda s: s.sale_order_id not in held)
        for action in ("purge", "anonymise"):
            group = snapshots.filtered(lambda s, a=action: s.expiry_action == a)
            if group:
                self._expire_live(group.sale_order_id, action)
        # The approver first: the database lets a snapshot become a tombstone only for an
        # expiry being carried out by an approver, and the verification checks it afterwards.
        self.write({"approved_by_id": self.env.uid})
        self.env.flush_all()
        snapshots._make_tombstones(fields.Date.context_today(self))
        self.write(
            {
                "state": "done",
                "date_done": fields.Datetime.now(),
                "held_count": len(held),
                "purged_count": len(snapshots),
            }
        )
        if held:
            self.message_post(
                body=self.env._(
                    "Left out, under legal hold: %(orders)s",
                    orders=", ".join(held.mapped("name")),
                )
            )

    @api.model
    def _expire_live(self, orders, action):
        """Purge: the PDFs and chatter messages stored on the orders' documents are deleted.
        Anonymise: the orders' customer reference and notes are blanked and their chatter
        messages deleted. (Posted invoices and stock moves stay, as accounting law wants.)"""
        if not orders:
            return
        models_ids = {"sale.order": orders.ids}
        if "picking_ids" in orders._fields:
            models_ids["stock.picking"] = orders.picking_ids.ids
        models_ids["account.move"] = orders.invoice_ids.ids
        messages = self.env["mail.message"]
        for model, ids in models_ids.items():
            messages |= messages.search(
                [
                    ("model", "=", model),
                    ("res_id", "in", ids),
                    ("message_type", "!=", "notification"),
                ]
            )
        messages.unlink()
        if action == "purge":
            for model, ids in models_ids.items():
                self.env["ir.attachment"].search(
                    [("res_model", "=", model), ("res_id", "in", ids), ("res_field", "=", False)]
                ).unlink()
        else:
            orders.write({"client_order_ref": False, "note": False})
