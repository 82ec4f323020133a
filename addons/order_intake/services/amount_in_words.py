# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Amounts written out in Chinese capital numerals (大写金额), as on Chinese commercial
documents, cheques and invoices: 人民币壹万零贰佰叁拾元伍角整.

Plain Python, no Odoo: the order acknowledgment prints it, the accountant views of
``order_archive`` reuse it.
"""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
# units inside a group of four digits, from the right
SMALL_UNITS = ("", "拾", "佰", "仟")
# group units, from the right: ones, ten thousands (万), hundred millions (亿), 万亿
GROUP_UNITS = ("", "万", "亿", "万亿")

# How the common currencies are named in front of the amount. Amounts are always counted in
# 元 / 角 / 分, as Chinese documents do for every decimal currency.
CURRENCY_NAMES = {
    "CNY": "人民币",
    "USD": "美元",
    "EUR": "欧元",
    "HKD": "港币",
    "JPY": "日元",
    "GBP": "英镑",
    "TWD": "新台币",
    "MOP": "澳门元",
    "KRW": "韩元",
    "SGD": "新加坡元",
    "AUD": "澳元",
    "CAD": "加元",
}


def _group_words(number):
    """0 < number < 10000 in capital numerals, zeros inside collapsed to one 零."""
    words = []
    pending_zero = False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            # a zero counts only between two non-zero digits of the group
            pending_zero = bool(words)
            continue
        if pending_zero:
            words.append(DIGITS[0])
            pending_zero = False
        words.append(DIGITS[digit] + SMALL_UNITS[position])
    return "".join(words)


def integer_to_chinese_capital(number):
    """A non-negative integer in capital numerals: 10005 -> 壹万零伍."""
    if number < 0:
        raise ValueError("integer_to_chinese_capital takes a non-negative integer")
    if number == 0:
        return DIGITS[0]
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(GROUP_UNITS):
        raise ValueError("amount too large to write in words")
    words = []
    zero_needed = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_needed = bool(words)
            continue
        # a group below 1000 after a higher group reads with a leading zero: 壹万零伍
        if words and (zero_needed or group < 1000):
            words.append(DIGITS[0])
        words.append(_group_words(group) + GROUP_UNITS[index])
        zero_needed = False
    return "".join(words)


def amount_to_chinese_capital(amount, currency_code="CNY"):
    """An amount of money in Chinese capital numerals, rounded to the fen (0.01).

    >>> amount_to_chinese_capital(10230.5)
    '人民币壹万零贰佰叁拾元伍角整'
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "负" if value < 0 else ""
    fen_total = int(abs(value) * 100)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    prefix = CURRENCY_NAMES.get(currency_code or "", currency_code or "")
    if not fen_total:
        return f"{prefix}零元整"
    words = []
    if yuan:
        words.append(integer_to_chinese_capital(yuan) + "元")
    if jiao:
        words.append(DIGITS[jiao] + "角")
    elif yuan and fen:
        # 壹元零伍分: the missing jiao is read as a zero
        words.append(DIGITS[0])
    if fen:
        words.append(DIGITS[fen] + "分")
    else:
        words.append("整")
    return prefix + sign + "".join(words)
