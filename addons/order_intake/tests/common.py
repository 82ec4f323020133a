# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

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
