# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Canonical form and digest of what a reviewer or an approver saw.

Plain Python, no database: the values come in as dicts and lists of JSON types (plus dates
and decimals) and leave as a canonical JSON text (sorted keys, no spaces, fixed number and
date formats) whose SHA-256 digest is stable across runs, Python versions and databases.
"""

import datetime
import decimal
import hashlib
import json
import math


def _canonical(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float | decimal.Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"cannot canonicalise {value!r}")
        # Fixed precision so that 1.0, 1.000000001 (float noise) and Decimal('1') agree;
        # -0 is 0.
        text = f"{decimal.Decimal(str(value)).quantize(decimal.Decimal('0.000001')):f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return "0" if text in ("-0", "") else text
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    raise TypeError(f"cannot canonicalise a {type(value).__name__}")


def canonical_json(values):
    """``values`` as canonical JSON text: sorted keys, compact separators, numbers as fixed
    decimal strings, dates as ISO text; non-ASCII kept as it is (UTF-8)."""
    return json.dumps(_canonical(values), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(values):
    """SHA-256 hex digest of the canonical JSON of ``values``."""
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def changed_paths(before, after, prefix=""):
    """The paths (``a.b[2].c``) at which two canonical values differ, in a stable order.
    A list that changed length is reported as a whole."""
    if isinstance(before, dict) and isinstance(after, dict):
        paths = []
        for key in sorted(set(before) | set(after)):
            path = f"{prefix}.{key}" if prefix else str(key)
            if key not in before or key not in after:
                paths.append(path)
            else:
                paths.extend(changed_paths(before[key], after[key], path))
        return paths
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        paths = []
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            paths.extend(changed_paths(old, new, f"{prefix}[{index}]"))
        return paths
    return [] if before == after else [prefix]
