# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module

_logger = logging.getLogger(__name__)


class OrderArchiveRun(models.Model):
    """One archive run of a company: the due orders found, written as snapshots batch by
    batch (a commit per batch), in the request or as OCA Job Queue jobs (a job per batch).

    Idempotent and resumable: an order is snapshotted once (unique per order, checked under
    the chain lock), so a rerun after a crash or a kill writes only what is missing."""

    _name = "order.archive.run"
    _description = "Archive Run"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    trigger = fields.Selection(
        [("manual", "Manual"), ("cron", "Scheduled"), ("job", "Background Jobs")],
        readonly=True,
        required=True,
        default="manual",
    )
    date_start = fields.Datetime(readonly=True)
    due_count = fields.Integer(string="Due Orders", readonly=True)
    job_count = fields.Integer(string="Jobs", readonly=True)
    snapshot_ids = fields.One2many("order.archive.snapshot", "run_id", readonly=True)
    snapshot_count = fields.Integer(string="Snapshots", compute="_compute_snapshot_count")

    def _compute_snapshot_count(self):
        counts = dict(
            self.env["order.archive.snapshot"]
            .sudo()
            ._read_group([("run_id", "in", self.ids)], ["run_id"], ["__count"])
        )
        for run in self:
            run.snapshot_count = counts.get(run, 0)

    @api.model
    def _batch_size(self):
        return int(
            self.env["ir.config_parameter"].sudo().get_param("order_archive.batch_size", 200)
        )

    @api.model
    def _in_background(self, company):
        return company.oa_archive_in_background and hasattr(self, "with_delay")

    def action_run_archive(self):
        """The Archive Managers' button: archive the due orders of their current company."""
        self.env["order.archive.snapshot"]._check_archive_manager()
        company = self.env.company
        if not company.oa_archive_orders:
            raise UserError(
                self.env._(
                    "%(company)s does not archive closed orders. Turn on Archive Closed "
                    "Orders in the settings (Order Archive) first.",
                    company=company.name,
                )
            )
        # sudo: the run reads every document of the orders (an archive manager may not read
        # manufacturing or stock); the manager's right was checked above.
        run = self.sudo()._start(company, "manual")
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _cron_archive(self):
        for company in self.env["res.company"].search([("oa_archive_orders", "=", True)]):
            self.with_company(company)._start(company, "cron")

    @api.model
    def _start(self, company, trigger, batch_size=None, commit=None):
        policy = self.env["order.archive.policy"]._sale_policies(company).get(company.id)
        if not policy:
            raise UserError(
                self.env._(
                    "%(company)s has no active retention policy for sales orders.",
                    company=company.name,
                )
            )
        due = self.env["sale.order"]._oa_due_orders(company, policy.archive_after_days)
        batch_size = batch_size or self._batch_size()
        background = self._in_background(company)
        run = self.create(
            {
                "name": self.env._(
                    "Archive of %(company)s, %(date)s",
                    company=company.name,
                    date=fields.Datetime.now(),
                ),
                "company_id": company.id,
                "trigger": "job" if background else trigger,
                "date_start": fields.Datetime.now(),
                "due_count": len(due),
            }
        )
        # The chain exists before parallel batches append to it.
        self.env["order.archive.chain"]._get_local(company)
        order_ids = list(due)
        batches = [order_ids[i : i + batch_size] for i in range(0, len(order_ids), batch_size)]
        if background:
            run.job_count = len(batches)
            for batch in batches:
                self.with_company(company).with_delay(
                    description=self.env._(
                        "Archive %(count)s orders of %(company)s",
                        count=len(batch),
                        company=company.name,
                    ),
                    identity_key=f"order_archive.batch.{company.id}.{batch[0]}.{batch[-1]}",
                )._archive_batch_job(run.id, batch)
            return run
        if commit is None:
            commit = not module.current_test
        if commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        for batch in batches:
            # One commit per batch (in _append): a crash or a kill loses at most the batch
            # in progress, which the next run writes again.
            run._archive_batch(batch, commit=commit)
            if commit:
                self.env.invalidate_all()
        return run

    def _archive_batch_job(self, run_id, order_ids):
        run = self.browse(run_id).exists()
        return len(run._archive_batch(order_ids, commit=not module.current_test)) if run else 0

    def _archive_batch(self, order_ids, commit=False):
        """Snapshot the orders of ``order_ids`` still due (the others were archived by an
        earlier attempt or a parallel job)."""
        self.ensure_one()
        company = self.company_id
        due = self.env["sale.order"]._oa_due_orders(company, 0, order_ids=order_ids)
        if not due:
            return self.env["order.archive.snapshot"]
        orders = self.env["sale.order"].browse(list(due)).with_company(company)
        snapshots = self.env["order.archive.snapshot"]._append(
            company, orders, due, run=self, commit=commit
        )
        _logger.info("order_archive: %s snapshots written for %s", len(snapshots), company.name)
        return snapshots
