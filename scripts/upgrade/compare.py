"""Compares two snapshots of scripts/upgrade/snapshot.py (before and after an upgrade):
python compare.py BEFORE.json AFTER.json. Prints what differs; exits 1 on any loss:
a model whose rows decreased or that is gone, a record gone, a key field whose value changed,
the snapshot chain not verifying after the upgrade."""

import json
import sys


def main(before_path, after_path):
    with open(before_path, encoding="utf-8") as f:
        before = json.load(f)
    with open(after_path, encoding="utf-8") as f:
        after = json.load(f)
    problems = []
    for model, n in sorted(before["counts"].items()):
        m = after["counts"].get(model)
        if m is None:
            problems.append(f"{model}: {n} rows before, the model is gone after the upgrade")
        elif m < n:
            problems.append(f"{model}: {n} rows before, {m} after")
    changed = 0
    for model, rows in sorted(before["records"].items()):
        rows_after = after["records"].get(model, {})
        for rid, values in rows.items():
            if rid not in rows_after:
                problems.append(f"{model}({rid}) {values.get('name', '')}: gone")
                continue
            for field, value in values.items():
                if field in rows_after[rid] and rows_after[rid][field] != value:
                    changed += 1
                    if changed <= 30:
                        problems.append(
                            f"{model}({rid}).{field}: {value!r} before, "
                            f"{rows_after[rid][field]!r} after"
                        )
    if changed > 30:
        problems.append(f"... {changed - 30} more changed values")
    chain = after.get("chain")
    if chain is not None:
        for company, res in chain.items():
            if not res["ok"]:
                problems.append(f"snapshot chain of {company} does not verify: {res['result']}")
    records = sum(len(r) for r in before["records"].values())
    chain_text = "not at this commit" if chain is None else "checked after the upgrade"
    print(
        f"compared {len(before['counts'])} models' counts and {records} records' key fields; "
        f"snapshot chain: {chain_text}"
    )
    for problem in problems:
        print(f"LOST: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
