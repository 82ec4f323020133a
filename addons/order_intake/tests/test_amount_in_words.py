# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import BaseCase, tagged

from ..services.amount_in_words import amount_to_chinese_capital, integer_to_chinese_capital


@tagged("post_install", "-at_install")
class TestChineseCapitalAmounts(BaseCase):
    """大写金额 as a Chinese accountant writes them on an order or a cheque."""

    def test_whole_amounts_end_with_zheng(self):
        self.assertEqual(amount_to_chinese_capital(10), "人民币壹拾元整")
        self.assertEqual(amount_to_chinese_capital(20000), "人民币贰万元整")
        self.assertEqual(amount_to_chinese_capital(1000000), "人民币壹佰万元整")
        self.assertEqual(amount_to_chinese_capital(100000000), "人民币壹亿元整")

    def test_zeros_inside_are_read_once(self):
        self.assertEqual(amount_to_chinese_capital(1001), "人民币壹仟零壹元整")
        self.assertEqual(amount_to_chinese_capital(10010), "人民币壹万零壹拾元整")
        self.assertEqual(amount_to_chinese_capital(100005), "人民币壹拾万零伍元整")
        self.assertEqual(amount_to_chinese_capital(101000), "人民币壹拾万壹仟元整")
        self.assertEqual(amount_to_chinese_capital(100010000), "人民币壹亿零壹万元整")
        self.assertEqual(amount_to_chinese_capital(105000000), "人民币壹亿零伍佰万元整")

    def test_jiao_and_fen(self):
        self.assertEqual(amount_to_chinese_capital(10230.5), "人民币壹万零贰佰叁拾元伍角整")
        self.assertEqual(amount_to_chinese_capital(1.05), "人民币壹元零伍分")
        self.assertEqual(amount_to_chinese_capital(0.05), "人民币伍分")
        self.assertEqual(amount_to_chinese_capital(0.5), "人民币伍角整")
        self.assertEqual(
            amount_to_chinese_capital(1234567890.12),
            "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分",
        )

    def test_rounding_zero_negative_and_currency(self):
        self.assertEqual(amount_to_chinese_capital(0), "人民币零元整")
        self.assertEqual(amount_to_chinese_capital(0.004), "人民币零元整")
        self.assertEqual(amount_to_chinese_capital(2.675), "人民币贰元陆角捌分")
        self.assertEqual(amount_to_chinese_capital(-12.3), "人民币负壹拾贰元叁角整")
        self.assertEqual(amount_to_chinese_capital(15, "USD"), "美元壹拾伍元整")
        self.assertEqual(amount_to_chinese_capital(15, "XYZ"), "XYZ壹拾伍元整")

    def test_integers(self):
        self.assertEqual(integer_to_chinese_capital(0), "零")
        self.assertEqual(integer_to_chinese_capital(10005), "壹万零伍")
        with self.assertRaises(ValueError):
            integer_to_chinese_capital(-1)
        with self.assertRaises(ValueError):
            integer_to_chinese_capital(10**16)
