# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily production report (日报) on known work orders, the output recorded during the
day, the morning mail, the PDF and the rights of each group."""

from datetime import date, datetime, timedelta

import pytz
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.order_intake.tests.common import create_role_users, in_extreme_time_zones

# The report is of Tuesday 11 June 2030, Monday beside it; the clock is frozen on Wednesday.
MONDAY, TUESDAY = date(2030, 6, 10), date(2030, 6, 11)


def at(day, hour, minute=0):
    """``day`` days after Monday 10 June 2030 at ``hour`` UTC (the company's calendar is UTC)."""
    return datetime(2030, 6, 10 + day, hour, minute)


class DailyReportCase(TransactionCase):
    """Sewing (an hour a piece) and cutting (half an hour a piece), on a calendar in UTC that
    is also the company's."""

    freeze_time = "2030-06-12 06:00:00"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_role_users(cls.env)
        cls.planner = cls.users["planner"]
        cls.manager = new_test_user(
            cls.env, login="daily_manager", groups="base.group_user,mrp.group_mrp_manager"
        )
        cls.operator = new_test_user(
            cls.env, login="daily_operator", groups="base.group_user,mrp.group_mrp_user"
        )
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create({"name": "Daily UTC", "tz": "UTC"})
        cls.company.resource_calendar_id = cls.calendar

        def center(name, sequence):
            return cls.env["mrp.workcenter"].create(
                {
                    "name": name,
                    "sequence": sequence,
                    "resource_calendar_id": cls.calendar.id,
                    "time_start": 0,
                    "time_stop": 0,
                    "time_efficiency": 100,
                    "default_capacity": 1,
                }
            )

        cls.sewing = center("Daily sewing", 1)
        cls.cutting = center("Daily cutting", 2)
        cls.bra = cls.env["product.product"].create({"name": "Daily bra", "is_storable": True})
        cls.panel = cls.env["product.product"].create({"name": "Daily panel", "is_storable": True})
        cls.bra_bom = cls.bom(cls.bra, cls.sewing, 60)
        cls.panel_bom = cls.bom(cls.panel, cls.cutting, 30)

    @classmethod
    def bom(cls, product, center, minutes):
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "operation_ids": [
                    Command.create(
                        {
                            "name": f"{center.name} op",
                            "workcenter_id": center.id,
                            "time_mode": "manual",
                            "time_cycle_manual": minutes,
                        }
                    )
                ],
            }
        )

    def workorder(self, qty, start, finish, bom=None):
        """The work order of a confirmed manufacturing order of ``qty``, planned from
        ``start`` to ``finish``."""
        bom = bom or self.bra_bom
        production = self.env["mrp.production"].create(
            {
                "product_id": bom.product_tmpl_id.product_variant_id.id,
                "product_qty": qty,
                "bom_id": bom.id,
            }
        )
        production.action_confirm()
        workorder = production.workorder_ids
        workorder.with_context(bypass_duration_calculation=True).write(
            {"date_start": start, "date_finished": finish}
        )
        return workorder

    def record(self, workorder, user=None, **vals):
        return (
            self.env["mrp.workorder.output"]
            .with_user(user or self.operator)
            .create({"workorder_id": workorder.id, **vals})
        )

    def log(self, workorder, start, end):
        loss = self.env["mrp.workcenter.productivity.loss"].search(
            [("loss_type", "=", "productive")], limit=1
        )
        return self.env["mrp.workcenter.productivity"].create(
            {
                "workorder_id": workorder.id,
                "workcenter_id": workorder.workcenter_id.id,
                "loss_id": loss.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def report(self, day=TUESDAY, user=None):
        Report = self.env["mrp.daily.report"].with_user(user or self.planner)
        return Report.create({"company_id": self.company.id, "date": day})

    def line(self, report, center):
        return report.line_ids.filtered(lambda line: line.workcenter_id == center)

    def story(self):
        """Monday: 8 panels cut and recorded. Tuesday: 6 of 10 bras sewn (1 scrapped, a
        reason given), 4 others sewn an hour late and finished with Odoo's button, 2 more
        planned to start and not started."""
        self.cut = self.workorder(8, at(0, 8), at(0, 12), bom=self.panel_bom)
        self.record(self.cut, date=at(0, 12), quantity=8, hours=4)
        self.sew = self.workorder(10, at(1, 8), at(1, 18))
        self.record(self.sew, date=at(1, 13), quantity=6, scrap_qty=1, hours=5, note="needle broke")
        self.late = self.workorder(4, at(1, 9), at(1, 13))
        self.log(self.late, at(1, 10), at(1, 14))
        with freeze_time(at(1, 14)):
            self.late.button_finish()
        self.waiting = self.workorder(2, at(1, 15), at(2, 17))


@tagged("post_install", "-at_install")
class TestDailyReport(DailyReportCase):
    def test_figures_per_work_center(self):
        self.story()
        self.assertEqual(self.late.duration_expected, 240, "4 pieces of an hour")
        self.assertEqual(self.late.date_finished, at(1, 14), "Odoo's finish: its real one")
        report = self.report()
        sewing = self.line(report, self.sewing)
        self.assertEqual(
            (sewing.planned_qty, sewing.planned_hours), (14, 14), "10 + 4 due on Tuesday"
        )
        self.assertEqual(
            (sewing.done_qty, sewing.done_hours), (10, 9), "6 recorded + 4 finished; 5 h + 4 h"
        )
        self.assertEqual(sewing.scrap_qty, 1)
        self.assertAlmostEqual(sewing.efficiency, 111.1, places=1, msg="10 h of work in 9 h")
        self.assertEqual(sewing.late_started_count, 2, "an hour late; planned and not started")
        self.assertEqual(sewing.unfinished_count, 1, "4 of 10 bras still to sew")
        self.assertIn("needle broke", sewing.reasons)
        self.assertIn(self.sew.production_id.name, sewing.reasons)
        # Monday beside it
        cutting = self.line(report, self.cutting)
        self.assertEqual(
            (cutting.prev_planned_qty, cutting.prev_planned_hours, cutting.prev_done_qty),
            (8, 4, 8),
        )
        self.assertEqual((cutting.prev_done_hours, cutting.prev_efficiency), (4, 100))
        self.assertEqual(cutting.prev_unfinished_count, 1, "recorded, not closed in Odoo")
        self.assertEqual((cutting.planned_qty, cutting.done_qty, cutting.done_hours), (0, 0, 0))
        self.assertEqual((sewing.prev_planned_qty, sewing.prev_done_qty), (0, 0))
        self.assertEqual(
            (report.total_planned_qty, report.total_done_qty, report.total_unfinished_count),
            (14, 10, 1),
        )
        self.assertEqual(report.date_previous, MONDAY)
        self.assertEqual((report.date_from, report.date_to), (at(1, 0), at(2, 0)))

    def test_reasons_of_the_late_items_of_the_day(self):
        """A late item of Tuesday explained by the planner; one of Monday is Monday's."""
        self.story()
        Alert = self.env["mrp.delay.alert"].sudo()  # late items are the cron's own
        for workorder, raised, reason, action in (
            (self.late, at(1, 10), "machine_breakdown", "Motor replaced"),
            (self.cut, at(0, 10), "material_shortage", "Lace from the second vendor"),
        ):
            Alert.create(
                {
                    "name": workorder.display_name,
                    "company_id": self.company.id,
                    "stage": "production_start",
                    "res_model": "mrp.workorder",
                    "res_id": workorder.id,
                    "workcenter_id": workorder.workcenter_id.id,
                    "date_raised": raised,
                    "reason": reason,
                    "action_taken": action,
                    "state": "explained",
                }
            )
        report = self.report()
        self.assertIn("Machine Breakdown: Motor replaced", self.line(report, self.sewing).reasons)
        self.assertNotIn("Lace", self.line(report, self.cutting).reasons or "")
        monday = self.report(day=MONDAY)
        self.assertIn(
            "Material Shortage: Lace from the second vendor",
            self.line(monday, self.cutting).reasons,
        )

    def test_odoo_scrap_orders_count(self):
        workorder = self.workorder(3, at(1, 8), at(1, 11))
        with freeze_time(at(1, 10)):
            scrap = self.env["stock.scrap"].create(
                {
                    "product_id": self.bra.id,
                    "scrap_qty": 2,
                    "production_id": workorder.production_id.id,
                    "workorder_id": workorder.id,
                }
            )
            scrap.do_scrap()
        self.assertEqual((scrap.state, scrap.date_done), ("done", at(1, 10)))
        self.assertEqual(self.line(self.report(), self.sewing).scrap_qty, 2)

    def test_refresh_reads_the_day_again(self):
        sew = self.workorder(10, at(1, 8), at(1, 18))
        report = self.report()
        self.assertEqual(self.line(report, self.sewing).done_qty, 0)
        self.record(sew, date=at(1, 16), quantity=3, hours=2)
        report.with_user(self.planner).action_refresh()
        line = self.line(report, self.sewing)
        self.assertEqual((line.done_qty, line.done_hours), (3, 2))
        self.assertEqual(len(report.line_ids.filtered(lambda x: x.workcenter_id == self.sewing)), 1)

    def test_day_of_the_company_time_zone(self):
        # 23:30 UTC on Monday is 07:30 on Tuesday in Shanghai.
        self.calendar.tz = "Asia/Shanghai"
        sew = self.workorder(5, at(0, 22), at(1, 3))
        self.record(sew, date=at(0, 23, 30), quantity=1, hours=0.5)
        tuesday, monday = self.report(TUESDAY), self.report(MONDAY)
        self.assertEqual((tuesday.tz, tuesday.date_from), ("Asia/Shanghai", at(0, 16)))
        line = self.line(tuesday, self.sewing)
        self.assertEqual((line.done_qty, line.done_hours), (1, 0.5))
        self.assertEqual((line.planned_qty, line.prev_done_qty), (5, 0))
        self.assertEqual(self.line(monday, self.sewing).done_qty, 0)

    def test_one_report_per_company_and_day(self):
        report = self.report()
        Report = self.env["mrp.daily.report"]
        self.assertEqual(Report._get_or_create(self.company, TUESDAY), report)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.report()

    def test_no_report_of_a_day_to_come(self):
        with self.assertRaisesRegex(UserError, "cannot be made yet"):
            self.report(date(2030, 6, 13))
        self.assertTrue(self.report(date(2030, 6, 12)), "today's, as far as it goes")

    def test_wizard_opens_the_day_and_makes_it_once(self):
        Wizard = self.env["mrp.daily.report.wizard"].with_user(self.planner)
        wizard = Wizard.create({})
        self.assertEqual(wizard.date, TUESDAY, "yesterday of the company's day")
        action = wizard.action_open()
        report = self.env["mrp.daily.report"].browse(action["res_id"])
        self.assertEqual((report.date, report.company_id), (TUESDAY, self.company))
        self.assertEqual(Wizard.create({}).action_open()["res_id"], report.id)
        with self.assertRaisesRegex(UserError, "no daily report of 2030-06-09"):
            Wizard.with_user(self.users["approver"]).create({"date": "2030-06-09"}).action_open()

    def test_query_count_does_not_grow_with_the_work_orders(self):
        report = self.report()

        def queries():
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            report._refresh_figures()
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        def work(count):
            for index in range(count):
                bom = self.bra_bom if index % 2 else self.panel_bom
                workorder = self.workorder(2, at(1, 8), at(1, 10), bom=bom)
                self.record(workorder, date=at(1, 10), quantity=1, scrap_qty=1, hours=1, note="x")
                self.log(workorder, at(0, 20), at(1, 1))

        work(2)
        queries()  # warms Odoo's caches
        few = queries()
        work(6)
        many = queries()
        self.assertEqual(self.line(report, self.cutting).done_qty, 4)
        self.assertEqual(many, few, f"{few} queries for 2 work orders, {many} for 8")


@tagged("post_install", "-at_install")
class TestWorkorderOutput(DailyReportCase):
    def test_output_adds_to_the_work_order_and_logs_the_hours(self):
        workorder = self.workorder(10, at(1, 8), at(1, 18))
        output = self.record(workorder, date=at(1, 12), quantity=6, scrap_qty=1, hours=2.5)
        self.record(workorder, date=at(1, 16), quantity=2, hours=1, operator="Team 3")
        self.assertEqual((workorder.qty_produced, workorder.qty_remaining), (8, 2))
        self.assertEqual((output.workcenter_id, output.company_id), (self.sewing, self.company))
        self.assertEqual(output.user_id, self.operator)
        log = output.productivity_id
        self.assertEqual((log.date_start, log.date_end), (at(1, 9, 30), at(1, 12)))
        self.assertEqual(
            (log.loss_type, log.workorder_id, log.duration), ("productive", workorder, 150)
        )
        self.assertEqual(workorder.duration, 210, "Odoo's real duration: 2.5 h + 1 h")
        self.assertEqual(len(workorder.time_ids), 2)

    def test_output_without_hours_logs_no_time(self):
        workorder = self.workorder(10, at(1, 8), at(1, 18))
        output = self.record(workorder, quantity=3)
        self.assertFalse(output.productivity_id)
        self.assertEqual(output.date, fields.Datetime.now())
        self.assertEqual(workorder.qty_produced, 3)

    def test_wrong_input_is_refused(self):
        workorder = self.workorder(10, at(1, 8), at(1, 18))
        for vals, message in (
            ({"quantity": -1}, "cannot be negative"),
            ({"quantity": 2, "hours": -1}, "cannot be negative"),
            ({"scrap_qty": -1}, "cannot be negative"),
            ({}, "record a good quantity"),
            ({"quantity": 11}, "10.0 Units left to produce"),
            ({"quantity": 1, "date": at(2, 7)}, "still to come"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, message):
                self.record(workorder, **vals)
        self.record(workorder, quantity=7)
        with self.assertRaisesRegex(UserError, "3.0 Units left"):
            self.env["mrp.workorder.output"].with_user(self.operator).create(
                [
                    {"workorder_id": workorder.id, "quantity": 2},
                    {"workorder_id": workorder.id, "quantity": 2},
                ]
            )
        self.assertEqual(workorder.qty_produced, 7, "nothing of the refused batch")

    def test_closed_work_orders_are_refused(self):
        done = self.workorder(2, at(1, 8), at(1, 10))
        done.button_finish()
        cancelled = self.workorder(2, at(1, 8), at(1, 10))
        cancelled.production_id.action_cancel()
        for workorder in (done, cancelled):
            with self.assertRaisesRegex(UserError, "open work orders only"):
                self.record(workorder, quantity=1)

    def test_recorded_figures_are_kept_and_deleting_takes_them_back(self):
        workorder = self.workorder(10, at(1, 8), at(1, 18))
        output = self.record(workorder, date=at(1, 12), quantity=4, hours=2)
        with self.assertRaisesRegex(UserError, "delete it and record it again"):
            output.write({"quantity": 5})
        output.note = "late fabric"
        log = output.productivity_id
        output.unlink()
        self.assertEqual(workorder.qty_produced, 0)
        self.assertFalse(log.exists())
        done_output = self.record(workorder, quantity=10)
        workorder.button_finish()
        with self.assertRaisesRegex(UserError, "closed"):
            done_output.unlink()


@tagged("post_install", "-at_install")
class TestDailyReportRights(DailyReportCase):
    def test_planners_and_production_managers_make_reports(self):
        self.story()
        for user in (self.planner, self.manager):
            report = self.report(TUESDAY if user == self.planner else MONDAY, user=user)
            report.with_user(user).action_refresh()
            self.assertTrue(report.line_ids, user.login)

    def test_others_read_and_cannot_make_or_refresh(self):
        report = self.report()
        for role in ("approver", "auditor", "reviewer"):
            user = self.users[role]
            self.assertTrue(report.with_user(user).line_ids.read(["done_qty"]), role)
            with self.assertRaises(AccessError, msg=role):
                self.report(MONDAY, user=user)
            with self.assertRaises(AccessError, msg=role):
                report.with_user(user).action_refresh()
        with self.assertRaises(AccessError):
            self.report(MONDAY, user=self.operator)
        with self.assertRaises(AccessError):
            report.with_user(self.users["clerk"]).read(["date"])

    def test_operators_record_output_others_do_not(self):
        workorder = self.workorder(10, at(1, 8), at(1, 18))
        self.record(workorder, user=self.operator, quantity=1)
        self.record(workorder, user=self.planner, quantity=1)
        for role in ("approver", "auditor", "reviewer", "clerk"):
            with self.assertRaises(AccessError, msg=role):
                self.record(workorder, user=self.users[role], quantity=1)
        outputs = (
            self.env["mrp.workorder.output"]
            .with_user(self.users["auditor"])
            .search([("workorder_id", "=", workorder.id)])
        )
        self.assertEqual(
            len(outputs), 2, "the operator's and the planner's; the auditor reads them"
        )

    def test_other_company_reports_are_not_seen(self):
        other = self.env["res.company"].create({"name": "Daily other company"})
        report = (
            self.env["mrp.daily.report"]
            .with_company(other)
            .create({"company_id": other.id, "date": TUESDAY})
        )
        with self.assertRaises(AccessError):
            report.with_user(self.planner).read(["date"])


@tagged("post_install", "-at_install")
class TestDailyReportMailAndPrint(DailyReportCase):
    def test_morning_mail_only_when_turned_on(self):
        self.story()
        Report = self.env["mrp.daily.report"]
        self.company.mrp_daily_report_mail = False
        Report._cron_mail_daily_reports()
        self.assertFalse(Report.search([("date", "=", TUESDAY)]), "off: nothing made")
        self.company.mrp_daily_report_mail = True
        Report._cron_mail_daily_reports()
        report = Report.search([("company_id", "=", self.company.id), ("date", "=", TUESDAY)])
        self.assertEqual(self.line(report, self.sewing).done_qty, 10)
        message = report.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertIn(self.planner.partner_id, message.partner_ids)
        self.assertIn(self.manager.partner_id, message.partner_ids)
        self.assertNotIn(self.operator.partner_id, message.partner_ids)
        self.assertNotIn(self.users["approver"].partner_id, message.partner_ids)
        self.assertEqual(len(message.attachment_ids), 1, "the PDF")
        self.assertIn("2030-06-11", message.attachment_ids.name)
        self.assertIn("Daily Production Report", message.subject)
        # a second morning refreshes the same report
        Report._cron_mail_daily_reports()
        self.assertEqual(Report.search_count([("date", "=", TUESDAY)]), 1)

    def test_printed_in_english_and_chinese(self):
        self.story()
        report = self.report()
        action = report.action_print()
        self.assertEqual(action["report_name"], "mrp_planning.report_daily_production")
        name = self.env.ref("mrp_planning.action_report_daily_production").report_name
        self.env["res.lang"]._activate_lang("zh_CN")
        labels = {
            "en_US": ("Daily Production Report", "Started Late", "Not Finished", "Reasons"),
            "zh_CN": ("生产日报", "延迟开工", "未完成", "原因"),
        }
        for lang, day in (("en_US", "06/11/2030"), ("zh_CN", "2030年06月11日")):
            html = (
                self.env["ir.actions.report"]
                .with_user(self.manager)
                .with_context(lang=lang)
                ._render_qweb_html(name, report.ids)[0]
                .decode()
            )
            self.assertIn(day, html, lang)
            for label in labels[lang]:
                self.assertIn(label, html, lang)
            self.assertIn("Daily sewing", html)
            self.assertIn("needle broke", html)
            self.assertIn("111.1", html, "the efficiency")
            self.assertRegex(html, r">\s*14\s*<", "planned quantity")


@in_extreme_time_zones
@tagged("post_install", "-at_install")
class TestDailyReportDefaultDay(TransactionCase):
    """The day offered is yesterday of the company's day, whatever the user's zone."""

    def test_yesterday_of_the_company(self):
        self.env.company.resource_calendar_id.tz = "Asia/Shanghai"
        wizard = self.env["mrp.daily.report.wizard"].create({})
        today = datetime.now(pytz.utc).astimezone(pytz.timezone("Asia/Shanghai")).date()
        self.assertEqual(wizard.date, today - timedelta(days=1))
