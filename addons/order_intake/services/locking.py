# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two users acting on the same thing at once get one effect and a clear message.

The suite's actions that must not run twice at the same time (an approval decided, a change
notice applied, an order closed out, planned orders confirmed, an MRP or schedule run per
company) take their lock through these two helpers, without waiting: the second user is told
at once who or what holds it, rather than waiting on a lock or failing on a serialization
error later.
"""

import psycopg2

from odoo.exceptions import UserError
from odoo.tools import SQL


def lock_rows(records, message):
    """Lock the database rows of ``records`` (``FOR UPDATE NOWAIT``) for the rest of the
    transaction, or raise ``UserError(message)`` when another transaction holds one of them;
    ``message`` may be a callable, called only then. The records' cached values are dropped,
    so that what the caller reads next is what the lock protects."""
    if not records:
        return
    cr = records.env.cr
    try:
        with cr.savepoint(flush=False):
            # a lock held by another user is an answer, not an error to log
            cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id = ANY(%s) FOR UPDATE NOWAIT",
                    SQL.identifier(records._table),
                    list(records._ids),
                ),
                log_exceptions=False,
            )
    except psycopg2.errors.LockNotAvailable:
        raise UserError(message() if callable(message) else message) from None
    records.invalidate_recordset()


def lock_key(cr, key, subkey, message):
    """Take the transaction-level advisory lock ``(key, subkey)`` (e.g. a kind of run and a
    company id), or raise ``UserError(message)`` at once when another transaction holds it;
    ``message`` may be a callable, called only then."""
    cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", key, subkey))
    if not cr.fetchone()[0]:
        raise UserError(message() if callable(message) else message)
