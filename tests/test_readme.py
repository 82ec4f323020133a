"""Each addon's README.rst is the one its readme/ fragments make (scripts/gen-readme)."""

import subprocess
import sys

from conftest import ROOT


def test_readme_rst_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen-readme"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr + " (run scripts/gen-readme)"
