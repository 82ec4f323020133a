# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delay alerts: each stage raised once, kept up to date, resolved; reasons, the report,
informing the customer, access per group, and a cron whose queries do not grow with the
number of late work orders."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import format_date

from odoo.addons.order_intake.tests.common import create_role_users, in_extreme_time_zones

from ..services.delay_alerts import plan_run

TOLERANCES = {
    "material": (0.0, False),
    "production_start": (1.0, False),
    "production_finish": (1.0, True),
    "shipping": (0.0, True),
    "review": (3.0, False),
    "approval": (2.0, False),
}


class DelayAlertCase(TransactionCase):
    """A sewing line, a bra sewn there (or made of fabric bought from a vendor), a customer;
    delay alerts on, with known thresholds. Every date is relative to the frozen now."""

    freeze_time = "2030-06-10 06:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.now = fields.Datetime.now()
        cls.users = create_role_users(env)
        cls.planner = cls.users["planner"]
        cls.clerk = cls.users["clerk"]
        cls.company = env.company
        cls.company.mrp_delay_alerts = True
        cls.thresholds = {
            t.stage: t
            for t in env["mrp.delay.threshold"]
            .with_context(active_test=False)
            .search([("company_id", "=", cls.company.id)])
        }
        for stage, (tolerance, lookahead) in TOLERANCES.items():
            cls.thresholds[stage].write(
                {"active": True, "tolerance_days": tolerance, "lookahead": lookahead}
            )
        cls.workcenter = env["mrp.workcenter"].create({"name": "Delay sewing", "time_start": 0})
        cls.vendor = env["res.partner"].create({"name": "Shaoxing Fabric"})
        cls.customer = env["res.partner"].create({"name": "Lyon Lingerie", "lang": "en_US"})
        cls.fabric = env["product.product"].create({"name": "Delay fabric", "is_storable": True})
        cls.bra = env["product.product"].create(
            {"name": "Delay bra", "is_storable": True, "sale_ok": True, "list_price": 80}
        )
        cls.bom_sewn = env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bra.product_tmpl_id.id,
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Sew",
                            "workcenter_id": cls.workcenter.id,
                            "time_cycle_manual": 60,
                        }
                    )
                ],
            }
        )
        cls.bom_fabric = env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.bra.product_tmpl_id.id,
                "bom_line_ids": [Command.create({"product_id": cls.fabric.id, "product_qty": 2})],
            }
        )

    @classmethod
    def at(cls, days, hours=0):
        return cls.now + timedelta(days=days, hours=hours)

    def production(self, bom=None, **vals):
        production = self.env["mrp.production"].create(
            {
                "product_id": self.bra.id,
                "bom_id": (bom or self.bom_sewn).id,
                "product_qty": 1,
                "user_id": self.planner.id,
                **vals,
            }
        )
        production.action_confirm()
        return production

    def late_workorder(self, start=-3, finish=-2):
        production = self.production()
        production.workorder_ids.with_context(bypass_duration_calculation=True).write(
            {"date_start": self.at(start), "date_finished": self.at(finish)}
        )
        return production.workorder_ids

    def sale_order(self, commitment, partner=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.customer).id,
                "user_id": self.clerk.id,
                "commitment_date": commitment,
                "order_line": [Command.create({"product_id": self.bra.id, "product_uom_qty": 2})],
            }
        )
        order.action_confirm()
        return order

    def run_cron(self):
        self.env["mrp.delay.alert"]._cron_raise_delay_alerts()

    def alerts(self, records, stage=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if stage:
            domain.append(("stage", "=", stage))
        return self.env["mrp.delay.alert"].search(domain)

    def activities(self, alerts):
        return self.env["mail.activity"].search(
            [("res_model", "=", "mrp.delay.alert"), ("res_id", "in", alerts.ids)]
        )


@tagged("post_install", "-at_install")
class TestDelayAlertStages(DelayAlertCase):
    def test_production_start_raised_once_updated_and_resolved(self):
        workorder = self.late_workorder(start=-3, finish=2)
        self.run_cron()
        alert = self.alerts(workorder, "production_start")
        self.assertEqual(len(alert), 1)
        self.assertEqual(
            (alert.state, alert.workcenter_id, alert.production_id, alert.responsible_id),
            ("open", self.workcenter, workorder.production_id, self.planner),
        )
        self.assertAlmostEqual(alert.days_late, 3.0)
        self.assertEqual(alert.required_date, self.at(-3))
        self.assertEqual(alert.date_raised, self.now)
        activity = self.activities(alert)
        self.assertEqual((activity.user_id, activity.res_id), (self.planner, alert.id))
        self.assertIn(workorder.production_id.name, activity.summary)
        self.assertFalse(self.alerts(workorder, "production_finish"), "it may still finish")

        # The next day: not raised again, no new activity, the days late brought up to date.
        self.env["mrp.delay.alert"]._raise_delay_alerts(self.company, now=self.at(1))
        self.assertEqual(self.alerts(workorder, "production_start"), alert)
        self.assertEqual(len(self.activities(alert)), 1)
        self.assertAlmostEqual(alert.days_late, 4.0)
        self.assertEqual(alert.expected_date, self.at(1))

        # Started: no longer late, resolved, its activity gone.
        workorder.button_start()
        self.run_cron()
        self.assertEqual(alert.state, "resolved")
        self.assertEqual(alert.date_resolved, self.now)
        self.assertFalse(self.activities(alert))
        # Late again later: the item was raised once, it is not raised again.
        workorder.with_context(bypass_duration_calculation=True).write(
            {"state": "ready", "date_start": self.at(-3)}
        )
        self.run_cron()
        self.assertEqual(self.alerts(workorder, "production_start"), alert)
        self.assertEqual(alert.state, "resolved")

    def test_start_within_tolerance_is_not_late(self):
        workorder = self.late_workorder(start=-0.5, finish=3)
        self.run_cron()
        self.assertFalse(self.alerts(workorder), "half a day late, one day of tolerance")

    def test_production_finish_against_the_schedule_and_the_deadline(self):
        workorder = self.late_workorder(start=-4, finish=-3)
        production = workorder.production_id
        production.date_deadline = self.at(-2)
        self.run_cron()
        alert = self.alerts(workorder, "production_finish")
        self.assertEqual(len(alert), 1)
        self.assertAlmostEqual(alert.days_late, 3.0)
        # Looking ahead, the order itself: planned to finish after its deadline.
        order_alert = self.alerts(production, "production_finish")
        self.assertEqual(len(order_alert), 1)
        self.assertEqual(order_alert.required_date, self.at(-2))
        self.assertGreaterEqual(order_alert.days_late, 2.0)
        self.run_cron()
        self.assertEqual(len(self.alerts(workorder) | self.alerts(production)), 3)
        # Rescheduled to finish tomorrow, the deadline moved: both resolved.
        workorder.with_context(bypass_duration_calculation=True).write(
            {"date_start": self.at(1), "date_finished": self.at(1, 2)}
        )
        production.date_deadline = self.at(10)
        self.run_cron()
        self.assertEqual(alert.state, "resolved")
        self.assertEqual(order_alert.state, "resolved")

    def test_finish_without_lookahead_ignores_the_deadline(self):
        self.thresholds["production_finish"].lookahead = False
        production = self.production(date_deadline=self.at(-1))
        production.workorder_ids.with_context(bypass_duration_calculation=True).write(
            {"date_start": self.at(1), "date_finished": self.at(2)}
        )
        self.run_cron()
        self.assertFalse(self.alerts(production))
        self.assertFalse(self.alerts(production.workorder_ids))

    def test_material_receipt_after_the_start(self):
        production = self.production(bom=self.bom_fabric, date_start=self.at(2))
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "user_id": self.users["reviewer"].id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.fabric.id,
                            "product_qty": 10,
                            "date_planned": self.at(5),
                        }
                    )
                ],
            }
        )
        purchase.button_confirm()
        move = production.move_raw_ids
        self.assertEqual(move.state, "confirmed", "nothing in stock")
        self.run_cron()
        alert = self.alerts(move, "material")
        self.assertEqual(len(alert), 1)
        self.assertEqual(
            (alert.supplier_id, alert.product_id, alert.production_id, alert.responsible_id),
            (self.vendor, self.fabric, production, self.users["reviewer"]),
        )
        self.assertEqual((alert.required_date, alert.expected_date), (self.at(2), self.at(5)))
        self.assertAlmostEqual(alert.days_late, 3.0)
        self.run_cron()
        self.assertEqual(len(self.alerts(move)), 1)
        # The order moved after the receipt: no longer late.
        production.date_start = self.at(6)
        self.run_cron()
        self.assertEqual(alert.state, "resolved")

    def test_shipping_overdue_and_scheduled_late(self):
        overdue = self.sale_order(self.at(-2))
        coming = self.sale_order(self.at(10))
        coming.picking_ids.scheduled_date = self.at(15)
        self.run_cron()
        alert = self.alerts(overdue.picking_ids, "shipping")
        self.assertEqual(len(alert), 1)
        self.assertEqual(
            (alert.sale_order_id, alert.partner_id, alert.responsible_id),
            (overdue, self.customer, self.clerk),
        )
        self.assertAlmostEqual(alert.days_late, 2.0)
        ahead = self.alerts(coming.picking_ids, "shipping")
        self.assertAlmostEqual(ahead.days_late, 5.0, msg="scheduled five days after the promise")
        self.run_cron()
        self.assertEqual(len(self.alerts((overdue | coming).picking_ids)), 2)
        coming.picking_ids.scheduled_date = self.at(9)
        self.run_cron()
        self.assertEqual(ahead.state, "resolved")
        self.assertEqual(alert.state, "open")

    def test_shipping_without_lookahead_waits_for_the_date(self):
        self.thresholds["shipping"].lookahead = False
        coming = self.sale_order(self.at(10))
        coming.picking_ids.scheduled_date = self.at(15)
        self.run_cron()
        self.assertFalse(self.alerts(coming.picking_ids))

    def test_review_and_approval_waiting_too_long(self):
        order = self.sale_order(self.at(30))
        department = self.env["order.review.department"].create(
            {"name": "Delay PMC", "code": "T-DLY"}
        )
        reviewer = self.users["reviewer"]
        review = self.env["order.review"].create(
            {
                "order_id": order.id,
                "submitted_on": self.at(-5),
                "submitted_by_id": self.clerk.id,
                "verdict_ids": [
                    Command.create(
                        {
                            "department_id": department.id,
                            "reviewer_ids": [Command.set(reviewer.ids)],
                        }
                    )
                ],
            }
        )
        fresh = self.env["order.review"].create(
            {"order_id": order.id, "submitted_on": self.at(-2), "submitted_by_id": self.clerk.id}
        )
        request = self.env["order.approval.request"].create(
            {
                "res_model": "sale.order",
                "res_id": order.id,
                "res_name": order.name,
                "company_id": self.company.id,
                "submitted_on": self.at(-3),
                "step_ids": [
                    Command.create(
                        {
                            "name": "Leadership",
                            "state": "pending",
                            "approver_user_ids": [Command.set(self.users["approver"].ids)],
                        }
                    )
                ],
            }
        )
        self.run_cron()
        alert = self.alerts(review, "review")
        self.assertEqual(
            (alert.responsible_id, alert.sale_order_id, alert.partner_id),
            (reviewer, order, self.customer),
        )
        self.assertAlmostEqual(alert.days_late, 2.0, msg="waiting five days, three allowed")
        self.assertFalse(self.alerts(fresh), "two days of three")
        step_alert = self.alerts(request.step_ids, "approval")
        self.assertEqual(step_alert.responsible_id, self.users["approver"])
        self.assertAlmostEqual(step_alert.days_late, 1.0)
        self.assertEqual(self.activities(step_alert).user_id, self.users["approver"])
        self.run_cron()
        self.assertEqual(len(self.alerts(review) | self.alerts(request.step_ids)), 2)
        request.step_ids.state = "approved"
        review.verdict_ids.verdict = "approve"
        review.state = "approved"
        self.run_cron()
        self.assertEqual((alert.state, step_alert.state), ("resolved", "resolved"))

    def test_nothing_raised_with_the_setting_off(self):
        self.company.mrp_delay_alerts = False
        workorder = self.late_workorder()
        order = self.sale_order(self.at(-2))
        Alert = self.env["mrp.delay.alert"]
        before = Alert.search([])
        figures = before.read(["state", "days_late", "expected_date"])
        self.run_cron()
        self.assertFalse(self.alerts(workorder) | self.alerts(order.picking_ids))
        self.assertEqual(Alert.search([]), before, "nothing raised")
        before.invalidate_recordset()
        self.assertEqual(
            before.read(["state", "days_late", "expected_date"]),
            figures,
            "nothing updated or resolved",
        )

    def test_archived_stage_raises_nothing(self):
        self.thresholds["production_start"].active = False
        workorder = self.late_workorder(start=-3, finish=2)
        self.run_cron()
        self.assertFalse(self.alerts(workorder))

    def test_a_company_turning_alerts_on_gets_thresholds(self):
        company = self.env["res.company"].create({"name": "Delay Co"})
        Threshold = self.env["mrp.delay.threshold"]
        self.assertFalse(Threshold.search([("company_id", "=", company.id)]))
        company.mrp_delay_alerts = True
        self.assertEqual(
            set(Threshold.search([("company_id", "=", company.id)]).mapped("stage")),
            set(TOLERANCES),
        )
        with self.assertRaises(ValidationError):
            Threshold.search([("company_id", "=", company.id)], limit=1).tolerance_days = -1

    def test_run_plan_without_database(self):
        row = {"stage": "shipping", "res_model": "stock.picking", "days_late": 2.0}
        late = [
            {**row, "res_id": 1, "expected_date": "d1"},
            {**row, "res_id": 2, "expected_date": "d2"},
            {**row, "res_id": 2, "expected_date": "d3", "days_late": 3.0},
            {**row, "res_id": 4, "expected_date": "d4"},
        ]
        existing = {
            ("shipping", "stock.picking", 2): (20, "explained"),
            ("shipping", "stock.picking", 3): (30, "open"),
            ("shipping", "stock.picking", 4): (40, "resolved"),
            ("review", "order.review", 5): (50, "open"),
        }
        plan = plan_run(late, existing, {"shipping"})
        self.assertEqual([r["res_id"] for r in plan.create], [1])
        self.assertEqual(plan.update, [(20, 3.0, "d3")])
        self.assertEqual(plan.resolve, [30], "the review stage was not looked at")


@tagged("post_install", "-at_install")
class TestDelayAlertReasons(DelayAlertCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Alert = cls.env["mrp.delay.alert"]

        def alert(stage, days, reason, workcenter=None, supplier=None, **vals):
            return Alert.create(
                {
                    "company_id": cls.company.id,
                    "stage": stage,
                    "res_model": "res.partner",
                    "res_id": cls.env["res.partner"].create({"name": f"Doc {stage} {days}"}).id,
                    "name": f"Doc {stage} {days}",
                    "days_late": days,
                    "reason": reason,
                    "action_taken": reason and "Handled",
                    "state": "explained" if reason else "open",
                    "workcenter_id": workcenter and workcenter.id,
                    "supplier_id": supplier and supplier.id,
                    "date_raised": cls.now,
                    **vals,
                }
            )

        cls.report = (
            alert("material", 2.0, "material_shortage", supplier=cls.vendor)
            | alert("material", 4.0, "material_shortage", supplier=cls.vendor)
            | alert("production_start", 1.5, "capacity", workcenter=cls.workcenter)
            | alert("production_finish", 3.0, "machine_breakdown", workcenter=cls.workcenter)
            | alert("shipping", 1.0, False)
        )

    def test_reason_and_action_explain_the_item(self):
        workorder = self.late_workorder(start=-3, finish=2)
        self.run_cron()
        alert = self.alerts(workorder).with_user(self.planner)
        alert.reason = "machine_breakdown"
        self.assertEqual(alert.state, "open", "the action is missing")
        alert.action_taken = "Spare part ordered, second shift on Saturday"
        self.assertEqual(alert.state, "explained")
        self.assertEqual(alert.date_explained, self.now)
        self.assertFalse(self.activities(alert), "the To-Do is done")
        self.assertTrue(
            alert.message_ids.filtered(lambda m: "Reason and action given" in (m.body or ""))
        )
        with self.assertRaises(ValidationError):
            alert.reason = False

    def test_explained_refused_without_reason(self):
        workorder = self.late_workorder(start=-3, finish=2)
        self.run_cron()
        alert = self.alerts(workorder)
        with self.assertRaises(ValidationError):
            alert.write({"state": "explained", "action_taken": "Overtime"})

    def test_users_change_only_the_explanation(self):
        alert = self.report[0].with_user(self.planner)
        with self.assertRaises(UserError):
            alert.days_late = 0
        with self.assertRaises(UserError):
            alert.state = "resolved"
        alert.responsible_id = self.users["reviewer"]
        self.assertEqual(alert.responsible_id, self.users["reviewer"])

    def test_report_by_reason_stage_workcenter_supplier(self):
        domain = [("id", "in", self.report.ids)]
        Alert = self.env["mrp.delay.alert"]
        by_reason = {
            reason: (count, total)
            for reason, count, total in Alert._read_group(
                domain, ["reason"], ["__count", "days_late:sum"]
            )
        }
        self.assertEqual(
            by_reason,
            {
                "material_shortage": (2, 6.0),
                "capacity": (1, 1.5),
                "machine_breakdown": (1, 3.0),
                False: (1, 1.0),
            },
        )
        by_stage = dict(Alert._read_group(domain, ["stage"], ["days_late:avg"]))
        self.assertEqual(by_stage["material"], 3.0)
        by_workcenter = dict(Alert._read_group(domain, ["workcenter_id"], ["__count"]))
        self.assertEqual(by_workcenter[self.workcenter], 2)
        by_supplier = dict(Alert._read_group(domain, ["supplier_id"], ["days_late:sum"]))
        self.assertEqual(by_supplier[self.vendor], 6.0)
        by_month = Alert._read_group(domain, ["date_raised:month"], ["__count"])
        self.assertEqual(by_month, [(self.now.replace(day=1, hour=0, minute=0, second=0), 5)])


@tagged("post_install", "-at_install")
class TestDelayAlertAccess(DelayAlertCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workorder = cls.late_workorder_cls()
        cls.order = cls.sale_order_cls()
        cls.env["mrp.delay.alert"]._cron_raise_delay_alerts()
        Alert = cls.env["mrp.delay.alert"]
        cls.production_alert = Alert.search(
            [
                ("res_model", "=", "mrp.workorder"),
                ("res_id", "=", cls.workorder.id),
                ("stage", "=", "production_start"),
            ]
        )
        cls.shipping_alert = Alert.search(
            [("res_model", "=", "stock.picking"), ("res_id", "in", cls.order.picking_ids.ids)]
        )

    @classmethod
    def late_workorder_cls(cls):
        production = cls.env["mrp.production"].create(
            {"product_id": cls.bra.id, "bom_id": cls.bom_sewn.id, "user_id": cls.planner.id}
        )
        production.action_confirm()
        production.workorder_ids.with_context(bypass_duration_calculation=True).write(
            {"date_start": cls.at(-3), "date_finished": cls.at(-2)}
        )
        return production.workorder_ids

    @classmethod
    def sale_order_cls(cls):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.clerk.id,
                "commitment_date": cls.at(-2),
                "order_line": [Command.create({"product_id": cls.bra.id})],
            }
        )
        order.action_confirm()
        return order

    def test_planner_explains_any_item_and_creates_or_deletes_none(self):
        alert = self.production_alert.with_user(self.planner)
        alert.write({"reason": "capacity", "action_taken": "Overtime"})
        self.assertEqual(alert.state, "explained")
        with self.assertRaises(AccessError):
            alert.unlink()
        with self.assertRaises(AccessError):
            self.env["mrp.delay.alert"].with_user(self.planner).create(
                {"company_id": self.company.id, "stage": "shipping", "res_model": "x", "res_id": 1}
            )

    def test_clerk_reads_and_explains_only_the_items_of_their_orders(self):
        Alert = self.env["mrp.delay.alert"].with_user(self.clerk)
        self.assertEqual(
            Alert.search([("id", "in", (self.production_alert | self.shipping_alert).ids)]),
            self.shipping_alert,
        )
        with self.assertRaises(AccessError):
            self.production_alert.with_user(self.clerk).read(["name"])
        with self.assertRaises(AccessError):
            self.production_alert.with_user(self.clerk).write({"reason": "other"})
        shipping = self.shipping_alert.with_user(self.clerk)
        shipping.write({"reason": "customer_change", "action_taken": "New colour asked"})
        self.assertEqual(shipping.state, "explained")
        with self.assertRaises(UserError):
            shipping.responsible_id = self.planner

    def test_auditor_and_approver_read_all_write_none(self):
        alerts = self.production_alert | self.shipping_alert
        for role in ("auditor", "approver"):
            user = self.users[role]
            self.assertEqual(
                self.env["mrp.delay.alert"].with_user(user).search([("id", "in", alerts.ids)]),
                alerts,
                role,
            )
            with self.assertRaises(AccessError, msg=role):
                self.production_alert.with_user(user).write({"reason": "other"})
        thresholds = self.env["mrp.delay.threshold"].with_user(self.users["auditor"])
        self.assertTrue(thresholds.search([]))

    def test_thresholds_read_by_planners_written_by_managers(self):
        threshold = self.thresholds["shipping"]
        self.assertEqual(threshold.with_user(self.planner).tolerance_days, 0.0)
        with self.assertRaises(AccessError):
            threshold.with_user(self.planner).tolerance_days = 2
        self.planner.groups_id = [Command.link(self.env.ref("mrp.group_mrp_manager").id)]
        threshold.with_user(self.planner).tolerance_days = 2
        self.assertEqual(threshold.tolerance_days, 2)

    def test_employee_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.shipping_alert.with_user(self.users["employee"]).read(["name"])

    def test_other_company_items_hidden(self):
        other = self.env["res.company"].create({"name": "Delay Other Co"})
        self.shipping_alert.company_id = other
        self.assertFalse(
            self.env["mrp.delay.alert"]
            .with_user(self.planner)
            .search([("id", "=", self.shipping_alert.id)])
        )


@tagged("post_install", "-at_install")
@in_extreme_time_zones
class TestDelayAlertCustomer(DelayAlertCase):
    """The dates the customer and the responsible person read are in their own day."""

    def test_activity_due_today_for_the_person(self):
        order = self.sale_order(self.at(-2))
        self.run_cron()
        activity = self.activities(self.alerts(order.picking_ids))
        self.assertEqual(
            activity.date_deadline, fields.Date.context_today(activity.with_user(self.clerk))
        )

    def test_inform_the_customer_in_their_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        customer = self.env["res.partner"].create(
            {"name": "Paris Dessous", "lang": "fr_FR", "email": "achats@paris-dessous.example"}
        )
        order = self.sale_order(self.at(-2), partner=customer)
        promised = order.commitment_date
        self.run_cron()
        alert = self.alerts(order.picking_ids).with_user(self.clerk)
        action = alert.action_inform_customer()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.clerk)
            .with_context(**action["context"])
            .create({})
        )
        new_day = fields.Datetime.context_timestamp(alert, alert.expected_date).date()
        french = format_date(self.env, new_day, lang_code="fr_FR")
        self.assertEqual(composer.lang, "fr_FR")
        self.assertIn(french, composer.body)
        self.assertNotEqual(french, format_date(self.env, new_day, lang_code="en_US"))
        self.assertIn(customer, composer.partner_ids)
        # a note about it on the order is not informing the customer
        order.with_user(self.clerk).with_context(**action["context"]).message_post(
            body="Customer to be called", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(alert.customer_informed_on)
        composer.action_send_mail()
        message = order.message_ids.filtered(lambda m: customer in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn(french, message.body)
        self.assertEqual(alert.customer_informed_on, self.now)
        self.assertEqual(order.commitment_date, promised, "the promise is not changed silently")

    def test_inform_refused_without_order_or_rights(self):
        workorder = self.late_workorder(start=-3, finish=2)
        self.run_cron()
        with self.assertRaises(UserError):
            self.alerts(workorder).action_inform_customer()
        order = self.sale_order(self.at(-2))
        self.run_cron()
        alert = self.alerts(order.picking_ids)
        # the auditor reads the item but may not write to the customer of the order
        with self.assertRaises(UserError):
            alert.with_user(self.users["auditor"]).action_inform_customer()
        self.assertEqual(
            alert.with_user(self.planner).action_inform_customer()["res_model"],
            "mail.compose.message",
        )


@tagged("post_install", "-at_install")
class TestDelayAlertQueries(DelayAlertCase):
    def count_cron_queries(self):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.run_cron()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_late_work_orders(self):
        Alert = self.env["mrp.delay.alert"]
        workorders = self.late_workorder() | self.late_workorder()
        self.run_cron()  # warms the caches
        Alert.search([]).unlink()
        two = self.count_cron_queries()
        self.assertEqual(len(self.alerts(workorders)), 4, "start and finish of each")
        Alert.search([]).unlink()
        for _i in range(6):
            workorders |= self.late_workorder()
        eight = self.count_cron_queries()
        self.assertEqual(len(self.alerts(workorders)), 16)
        self.assertEqual(eight, two, "the same queries for 2 and 8 late work orders")
        # and a second run (figures updated) as well
        self.assertLessEqual(self.count_cron_queries(), two)
