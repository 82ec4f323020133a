"""Checks the wheels scripts/build-wheels made (python check_wheels.py ROOT WHEEL_DIR): one wheel
per addon, named odoo_addon_<addon>-<manifest version>[.N]-py3-none-any.whl, holding the addon's
manifest and every data, demo and asset file the manifest names; its requirements are Odoo 18.0,
the suite addons it depends on (a bound the built wheel of each satisfies) and the Python
libraries of its external_dependencies, each installed in this virtualenv at a version the
requirement accepts. Prints one line per wheel; exits 1 on any problem."""

import ast
import importlib.metadata
import re
import sys
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ADDONS = ("order_intake", "order_review", "mrp_planning", "order_archive")


def main(root, wheel_dir):
    root, wheel_dir = Path(root), Path(wheel_dir)
    problems, built, metadata = [], {}, {}
    for addon in ADDONS:
        manifest = ast.literal_eval((root / "addons" / addon / "__manifest__.py").read_text())
        found = sorted(wheel_dir.glob(f"odoo_addon_{addon}-*-py3-none-any.whl"))
        if len(found) != 1:
            problems.append(f"{addon}: {len(found)} wheels in {wheel_dir}")
            continue
        wheel = found[0]
        version = wheel.name.split("-")[1]
        if not re.fullmatch(re.escape(manifest["version"]) + r"(\.\d+|\.dev\d+)?", version):
            problems.append(f"{wheel.name}: version {version} is not the manifest's")
        built[addon] = Version(version)
        with zipfile.ZipFile(wheel) as zf:
            names = set(zf.namelist())
            meta = zf.read(f"odoo_addon_{addon}-{version}.dist-info/METADATA").decode()
        base = f"odoo/addons/{addon}/"
        for path in [
            "__manifest__.py",
            "__init__.py",
            *manifest.get("data", []),
            *manifest.get("demo", []),
        ]:
            if base + path not in names:
                problems.append(f"{wheel.name}: {path} is missing")
        for bundle in manifest.get("assets", {}).values():
            for pattern in bundle:
                prefix = pattern.split("*")[0]
                if not any(n.startswith("odoo/addons/" + prefix) for n in names):
                    problems.append(f"{wheel.name}: no file for the asset {pattern}")
        requires = [
            Requirement(line.split(":", 1)[1].strip())
            for line in meta.splitlines()
            if line.startswith("Requires-Dist:")
        ]
        metadata[addon] = (wheel, manifest, requires)
    for wheel, manifest, requires in metadata.values():
        by_name = {r.name: r for r in requires}
        expected = {"odoo"}
        expected |= {f"odoo-addon-{d}" for d in manifest["depends"] if d in ADDONS}
        expected |= set(manifest.get("external_dependencies", {}).get("python", []))
        if set(by_name) != expected:
            problems.append(
                f"{wheel.name}: requires {sorted(by_name)}, expected {sorted(expected)}"
            )
        for name, req in by_name.items():
            if name == "odoo":
                if str(req.specifier) != "==18.0.*":
                    problems.append(f"{wheel.name}: requires {req}")
            elif name.startswith("odoo-addon-") and name[len("odoo-addon-") :] in ADDONS:
                dep = name[len("odoo-addon-") :]
                if dep in built and not req.specifier.contains(built[dep], prereleases=True):
                    problems.append(f"{wheel.name}: {req} refuses the built {dep} {built[dep]}")
            else:
                try:
                    installed = importlib.metadata.version(name)
                except importlib.metadata.PackageNotFoundError:
                    problems.append(f"{wheel.name}: {name} is not installed (requirements.txt)")
                    continue
                if not req.specifier.contains(installed, prereleases=True):
                    problems.append(f"{wheel.name}: {req}, but {name} {installed} is installed")
        print(f"{wheel.name}: requires {', '.join(sorted(str(r) for r in requires))}")
    for problem in problems:
        print(f"WHEEL PROBLEM: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
