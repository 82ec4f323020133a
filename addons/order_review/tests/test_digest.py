# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import decimal

from odoo.tests import BaseCase, tagged

from ..services.digest import canonical_json, changed_paths, digest


@tagged("post_install", "-at_install")
class TestDigest(BaseCase):
    """The canonical form of what was reviewed: the same content gives the same digest on any
    run, whatever the order of keys or the noise of floats."""

    def test_key_order_and_float_noise_do_not_matter(self):
        one = {"qty": 1.0, "price": 0.1 + 0.2, "name": "文胸", "lines": [{"b": 2, "a": 1}]}
        two = {
            "lines": [{"a": 1, "b": 2}],
            "name": "文胸",
            "price": 0.3,
            "qty": decimal.Decimal("1"),
        }
        self.assertEqual(canonical_json(one), canonical_json(two))
        self.assertEqual(digest(one), digest(two))

    def test_fixed_text_for_numbers_and_dates(self):
        text = canonical_json(
            {
                "d": datetime.date(2026, 3, 1),
                "t": datetime.datetime(2026, 3, 1, 8, 5, 0),
                "n": -0.0,
                "x": 12.5,
                "i": 7,
                "b": True,
            }
        )
        self.assertEqual(
            text, '{"b":true,"d":"2026-03-01","i":7,"n":"0","t":"2026-03-01 08:05:00","x":"12.5"}'
        )

    def test_a_changed_value_changes_the_digest(self):
        base = {"lines": [{"qty": 100, "price": 80}]}
        self.assertNotEqual(digest(base), digest({"lines": [{"qty": 101, "price": 80}]}))
        self.assertEqual(len(digest(base)), 64)

    def test_changed_paths_name_what_changed(self):
        before = {"partner": 1, "lines": [{"qty": 100, "price": 80}, {"qty": 5, "price": 1}]}
        after = {"partner": 1, "lines": [{"qty": 120, "price": 80}, {"qty": 5, "price": 2}]}
        self.assertEqual(changed_paths(before, after), ["lines[0].qty", "lines[1].price"])
        self.assertEqual(changed_paths(before, {**before, "lines": []}), ["lines"])
        self.assertEqual(changed_paths(before, {**before, "note": "x"}), ["note"])
        self.assertEqual(changed_paths(before, before), [])

    def test_values_that_cannot_be_canonical_are_refused(self):
        with self.assertRaises(ValueError):
            canonical_json({"x": float("nan")})
        with self.assertRaises(TypeError):
            canonical_json({"x": object()})
