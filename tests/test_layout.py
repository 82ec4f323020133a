"""The addons keep the OCA layout and the manifest rules of the suite."""

import ast
import re

import pytest
from conftest import ADDONS, ROOT

DEPENDS = {
    "order_intake": {"sale_stock"},
    "order_review": {"order_intake", "purchase", "mrp", "calendar"},
    "mrp_planning": {"order_review", "purchase_stock", "mrp"},
    "order_archive": {"order_intake", "order_review", "mrp_planning", "account", "purchase_stock"},
}


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "LGPL-3"
    assert manifest["summary"] and manifest["name"]
    assert set(manifest["depends"]) == DEPENDS[addon]
    for path in manifest.get("data", []) + manifest.get("demo", []):
        assert (ROOT / "addons" / addon / path).is_file(), path


@pytest.mark.parametrize("addon", ADDONS)
def test_oca_layout(addon):
    base = ROOT / "addons" / addon
    for folder in ("security", "views", "i18n", "readme", "tests"):
        assert (base / folder).is_dir(), folder
    assert (base / "readme" / "DESCRIPTION.md").is_file()
    assert (base / "README.rst").is_file()


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_build_config(addon):
    """Each addon builds as a wheel with OCA's whool (scripts/build-wheels); it requires the
    suite addons it depends on from a version that the current one satisfies."""
    import tomllib

    from packaging.requirements import Requirement

    config = tomllib.loads((ROOT / "addons" / addon / "pyproject.toml").read_text())
    assert config["build-system"] == {"requires": ["whool"], "build-backend": "whool.buildapi"}
    overrides = config.get("tool", {}).get("whool", {}).get("depends_override", {})
    suite_depends = DEPENDS[addon] & set(ADDONS)
    assert set(overrides) == suite_depends
    for dep, spec in overrides.items():
        requirement = Requirement(spec)
        assert requirement.name == f"odoo-addon-{dep}"
        current = ast.literal_eval((ROOT / "addons" / dep / "__manifest__.py").read_text())
        assert requirement.specifier.contains(current["version"]), (spec, current["version"])
        assert not requirement.specifier.contains("18.1.1.0.0"), spec
