# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestChineseTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "=", "order_intake")])._update_translations(
            "zh_CN"
        )
        cls.zh = cls.env(context={"lang": "zh_CN"})

    def test_menus_and_groups_read_in_chinese(self):
        expected = {
            "order_intake.menu_order_management_root": "订单管理",
            "order_intake.menu_order_intake": "订单接收",
            "order_intake.group_order_clerk": "订单文员",
            "order_intake.group_order_reviewer": "部门评审员",
            "order_intake.group_order_planner": "计划员 (PMC)",
            "order_intake.group_order_approver": "审批人",
            "order_intake.group_order_archive_manager": "档案管理员",
            "order_intake.group_order_auditor": "审计员 (只读)",
            "order_intake.module_category_order_management": "订单管理",
        }
        for xmlid, chinese in expected.items():
            self.assertEqual(self.zh.ref(xmlid).name, chinese, xmlid)
            self.assertNotEqual(self.env.ref(xmlid).with_context(lang="en_US").name, chinese)

    def test_grade_labels_read_in_chinese(self):
        labels = dict(
            self.zh["res.partner"]._fields["customer_grade"]._description_selection(self.zh)
        )
        self.assertEqual(labels["a"], "A - 重点客户")
