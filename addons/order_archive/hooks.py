# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

# The stored match figures of journal items, created empty before the install so that Odoo
# does not compute them for every journal item of the database: only vendor bill lines get
# figures (post_init_hook).
LINE_COLUMNS = {
    "oa_qty_ordered": "numeric",
    "oa_qty_received": "numeric",
    "oa_qty_billed": "numeric",
    "oa_price_ordered": "numeric",
    "oa_qty_over": "numeric",
    "oa_price_over": "numeric",
    "oa_match_status": "varchar",
}


def pre_init_hook(env):
    for column, column_type in LINE_COLUMNS.items():
        env.cr.execute(
            SQL(
                "ALTER TABLE account_move_line ADD COLUMN IF NOT EXISTS %s %s",
                SQL.identifier(column),
                SQL(column_type),
            )
        )
    env.cr.execute("ALTER TABLE account_move ADD COLUMN IF NOT EXISTS oa_match_status varchar")


def post_init_hook(env):
    """Match the vendor bills already in the database."""
    lines = env["account.move.line"].search(
        [
            ("move_id.move_type", "in", ("in_invoice", "in_refund")),
            ("display_type", "=", "product"),
        ]
    )
    Line = env["account.move.line"]
    for name in LINE_COLUMNS:
        env.add_to_compute(Line._fields[name], lines)
    env.add_to_compute(env["account.move"]._fields["oa_match_status"], lines.move_id)
    env.flush_all()


def uninstall_hook(env):
    """Leave no trigger or function of the archive behind: the snapshots' read-only guard
    and the legal hold's guards (tables of other modules keep none)."""
    from .models.order_archive_hold import (
        FUNCTION_GUARD_PREFIX,
        FUNCTION_HOLD_TABLE,
        FUNCTION_ORDER_HOLD,
        FUNCTION_REFUSE,
        HELD_MODELS,
        TRIGGER_NAME,
    )

    cr = env.cr
    cr.execute("DROP TRIGGER IF EXISTS order_archive_snapshot_readonly ON order_archive_snapshot")
    cr.execute("DROP FUNCTION IF EXISTS order_archive_snapshot_guard()")
    tables = [table for table, __ in HELD_MODELS.values()] + ["order_archive_hold"]
    cr.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = %s AND c.relname = ANY(%s)",
        [TRIGGER_NAME, tables],
    )
    for (table,) in cr.fetchall():
        cr.execute(
            SQL(
                "DROP TRIGGER IF EXISTS %s ON %s",
                SQL.identifier(TRIGGER_NAME),
                SQL.identifier(table),
            )
        )
    functions = [FUNCTION_GUARD_PREFIX + table for table, __ in HELD_MODELS.values()]
    functions.append(FUNCTION_HOLD_TABLE)
    for function in functions:
        cr.execute(SQL("DROP FUNCTION IF EXISTS %s()", SQL.identifier(function)))
    cr.execute(
        SQL(
            "DROP FUNCTION IF EXISTS %s(integer, integer, text, integer)",
            SQL.identifier(FUNCTION_REFUSE),
        )
    )
    cr.execute(SQL("DROP FUNCTION IF EXISTS %s(integer)", SQL.identifier(FUNCTION_ORDER_HOLD)))
