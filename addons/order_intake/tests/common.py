# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import sys
from datetime import UTC, datetime, time

from odoo.tests import new_test_user

# a 1x1 PNG standing for a customer's signature
SIGNATURE = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
)

# One user per role of the suite, named after the role; each logs in with its login as password.
ROLE_GROUPS = {
    "clerk": "order_intake.group_order_clerk",
    "reviewer": "order_intake.group_order_reviewer",
    "planner": "order_intake.group_order_planner",
    "approver": "order_intake.group_order_approver",
    "archivist": "order_intake.group_order_archive_manager",
    "auditor": "order_intake.group_order_auditor",
    "employee": "base.group_user",
}


def create_role_users(env, prefix="oms_test_"):
    """Return {role: user}, one internal user per role with only that role's group."""
    return {
        role: new_test_user(
            env, login=prefix + role, groups=group, name=f"Test {role}", lang="en_US"
        )
        for role, group in ROLE_GROUPS.items()
    }


def visible_menu_xmlids(env, user, module):
    """The xmlids (in ``module``) of the menus the web client shows ``user``: the menus that
    ``load_menus`` returns, which are reachable from an application the user sees."""
    menus = env["ir.ui.menu"].with_user(user).load_menus(debug=False)
    return {
        menu["xmlid"]
        for key, menu in menus.items()
        if key != "root" and (menu.get("xmlid") or "").startswith(module + ".")
    }


# The two ends of the world's day. Late in the evening UTC, Kiritimati (UTC+14) already lives
# the next day; just after midnight UTC, Pago Pago (UTC-11) still lives the day before. A test
# that mixes the UTC day (``fields.Date.today()``) with the user's day (what Odoo compares,
# ``fields.Date.context_today(record)``) fails in one of them, at whatever hour it runs.
EXTREME_DAYS = {
    "Kiritimati": ("Pacific/Kiritimati", time(23, 30)),
    "PagoPago": ("Pacific/Pago_Pago", time(0, 30)),
}


class _AtTimeZone:
    """Runs a test class with its users in time zone ``tz`` and the clock frozen (for the
    whole class, ``setUpClass`` included) at ``freeze_time``, an instant in UTC."""

    tz = None
    # Odoo's loader collects the test methods a class defines itself, unless this is set
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz=cls.tz))
        # the users of the class (the superuser included): their day is the one Odoo compares
        cls.env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write(
            {"tz": cls.tz}
        )


def in_extreme_time_zones(cls):
    """Class decorator for date-sensitive test classes: besides ``cls`` itself (at the real
    hour), its module gets one variant per entry of ``EXTREME_DAYS``, named
    ``<class><place>`` (e.g. ``TestStockByRequestedDateKiritimati``), whose tests run with the
    users in that time zone at the hour of today (UTC) when its day differs from UTC's.
    Meant for ``TransactionCase`` classes (the clock is frozen with Odoo's ``freeze_time``)."""
    module = sys.modules[cls.__module__]
    today = datetime.now(UTC).date()
    for place, (tz, hour) in EXTREME_DAYS.items():
        name = cls.__name__ + place
        variant = type(cls)(
            name,
            (_AtTimeZone, cls),
            {
                "__module__": cls.__module__,
                "__qualname__": name,
                "__doc__": f"{cls.__doc__ or cls.__name__} ({tz}, {hour:%H:%M} UTC)",
                "tz": tz,
                "freeze_time": datetime.combine(today, hour),
            },
        )
        setattr(module, name, variant)
    return cls
