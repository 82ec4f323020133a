# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a run of the delay alerts does, on plain figures (no database).

A late item is identified by its key ``(stage, res_model, res_id)``. Given the items found
late now and the alerts already raised, a run:

- raises the keys never raised before (each key is raised once, whatever became of its
  alert since);
- brings the figures of the still-open alerts up to date (days late, expected date);
- resolves the open alerts of the stages it looked at whose document is no longer late.
"""

import dataclasses

OPEN_STATES = ("open", "explained")


@dataclasses.dataclass
class RunPlan:
    create: list  # late rows (dicts) to raise
    update: list  # (alert id, days late, expected date) of open alerts still late
    resolve: list  # ids of open alerts no longer late


def key_of(row):
    return (row["stage"], row["res_model"], row["res_id"])


def plan_run(late_rows, existing, stages):
    """``late_rows``: dicts with at least stage, res_model, res_id, days_late and
    expected_date; ``existing``: {key: (alert id, state)} of the company's alerts;
    ``stages``: the stages looked at in this run (the others are left as they are)."""
    late = {}
    for row in late_rows:
        # one document may come out twice (e.g. two receipts): the worst counts
        key = key_of(row)
        if key not in late or row["days_late"] > late[key]["days_late"]:
            late[key] = row
    create, update = [], []
    for key, row in late.items():
        known = existing.get(key)
        if known is None:
            create.append(row)
        elif known[1] in OPEN_STATES:
            update.append((known[0], row["days_late"], row["expected_date"]))
    resolve = [
        alert_id
        for key, (alert_id, state) in existing.items()
        if state in OPEN_STATES and key[0] in stages and key not in late
    ]
    create.sort(key=key_of)
    update.sort()
    resolve.sort()
    return RunPlan(create=create, update=update, resolve=resolve)
