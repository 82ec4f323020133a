# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import PlanningCase


@tagged("post_install", "-at_install")
class TestMrpRunInTheBackground(PlanningCase):
    """With OCA's Job Queue installed (the test command installs it beside the suite) and the
    company's setting on, MRP runs on the job workers; without either, in the request."""

    def test_menu_queues_one_run_per_company(self):
        self.env.company.mrp_planning_in_background = True
        self.issue_notice(self.confirmed_order(10), days=30)
        Run = self.env["mrp.planning.run"].with_user(self.planner)
        with trap_jobs() as trap:
            action = Run.action_run_mrp()
            Run.action_run_mrp()
            self.assertEqual(action["tag"], "display_notification")
            trap.assert_jobs_count(1, only=Run._run_mrp_job)
            self.assertFalse(self.proposals(), "nothing planned before the job runs")
            trap.perform_enqueued_jobs()
        run = self.env["mrp.planning.run"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        self.assertEqual(run.trigger, "job")
        self.assertEqual(self.proposals(self.bra).product_qty, 10)

    def test_in_the_request_when_off_or_without_job_queue(self):
        self.issue_notice(self.confirmed_order(10), days=30)
        Run = self.env["mrp.planning.run"].with_user(self.planner)
        with trap_jobs() as trap:
            action = Run.action_run_mrp()
            trap.assert_jobs_count(0)
        self.assertEqual(action["res_model"], "mrp.planning.order")
        self.assertEqual(self.proposals(self.bra).product_qty, 10)
        # Setting on, but no Job Queue (as when queue_job is not installed): in the request.
        self.env.company.mrp_planning_in_background = True
        with patch.object(type(Run), "_mrp_in_background", return_value=False), trap_jobs() as trap:
            action = Run.action_run_mrp()
            trap.assert_jobs_count(0)
        self.assertEqual(action["res_model"], "mrp.planning.order")

    def test_cron_queues_or_runs(self):
        self.issue_notice(self.confirmed_order(10), days=30)
        Run = self.env["mrp.planning.run"]
        with trap_jobs() as trap:
            Run._cron_run_mrp()
            trap.assert_jobs_count(0)
        self.assertEqual(self.proposals(self.bra).product_qty, 10)
        self.env.company.mrp_planning_in_background = True
        with trap_jobs() as trap:
            Run._cron_run_mrp()
            trap.assert_jobs_count(1, only=Run._run_mrp_job)
