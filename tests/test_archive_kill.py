"""The archive run killed by a real SIGKILL in the middle of a batch, then rerun: no snapshot
lost, none duplicated, and the chain verifies; two runs in parallel keep the chain too.

Each test runs Odoo in separate processes (tests/archive_worker.py) on the suite-level test
database (ODOO_DB), with the configuration of scripts/test (ODOO_RC, by default
.cache/odoo-test.conf), on companies of their own."""

import json
import os
import signal
import subprocess
import sys
import uuid

import pytest
from conftest import ROOT

WORKER = str(ROOT / "tests" / "archive_worker.py")


@pytest.fixture(scope="module")
def odoo_args(server):
    _url, db = server
    conf = os.environ.get("ODOO_RC") or str(ROOT / ".cache" / "odoo-test.conf")
    if not os.path.isfile(conf):
        pytest.fail(f"no Odoo configuration at {conf}: run these tests through scripts/test")
    return [sys.executable, WORKER, conf, db]


def _run(args, *more, timeout=60):
    result = subprocess.run(
        [*args, *map(str, more)], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()


@pytest.fixture(scope="module")
def companies(odoo_args):
    """Two companies of their own with closed orders due: 10 for the kill, 12 for the
    parallel runs."""
    lines = _run(odoo_args, "setup", f"Archive kill {uuid.uuid4().hex[:8]}", 10, 12)
    return [int(line) for line in lines[-2:]]


def test_killed_mid_batch_then_rerun(odoo_args, companies):
    company = companies[0]
    process = subprocess.Popen(
        [*odoo_args, "run", str(company), "4", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The first batch is committed when the second is written: kill during the second,
        # before its commit.
        seen = 0
        for line in process.stdout:
            if line.startswith("appended"):
                seen += 1
                if seen == 2:
                    break
        assert seen == 2, process.stderr.read()[-3000:]
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    # The summary after the kill, the rerun, the summary after the rerun (one process).
    summaries = [line for line in _run(odoo_args, "check", company, 4) if line.startswith("{")]
    after_kill, final = (json.loads(line) for line in summaries)
    assert after_kill["snapshots"] == 4, after_kill
    assert after_kill["verified"], after_kill
    assert final["snapshots"] == final["orders"] == final["distinct_orders"] == 10, final
    assert final["sequences"] == list(range(1, 11)), final
    assert final["verified"], final


def test_parallel_runs_keep_the_chain(odoo_args, companies, tmp_path):
    company = companies[1]
    # Both runs plan the same twelve orders, then start their batches together (a barrier:
    # Odoo's start-up time differs from one process to the other).
    processes = [
        subprocess.Popen(
            [*odoo_args, "run", str(company), "3", "0.1", str(tmp_path), "2"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-3000:]
        outputs.append(out.splitlines())
    # Each run found all twelve due: they overlapped.
    assert all("due 12" in out for out in outputs), outputs
    # Between them they wrote each order once: what one appended the other left out.
    appended = [
        int(line.split()[1]) for out in outputs for line in out if line.startswith("appended")
    ]
    assert sum(appended) == 12, outputs
    final = json.loads(_run(odoo_args, "check", company)[-1])
    assert final["snapshots"] == final["distinct_orders"] == 12, final
    assert final["sequences"] == list(range(1, 13)), final
    assert final["verified"], final
