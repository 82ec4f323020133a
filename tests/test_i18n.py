"""Every string an addon ships has a Simplified Chinese translation."""

import polib
import pytest
from conftest import ADDONS, ROOT


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_translates_every_term(addon):
    i18n = ROOT / "addons" / addon / "i18n"
    pot = polib.pofile(str(i18n / f"{addon}.pot"))
    po = polib.pofile(str(i18n / "zh_CN.po"))
    translated = {e.msgid for e in po if e.msgstr and "fuzzy" not in e.flags and not e.obsolete}
    missing = [e.msgid for e in pot if e.msgid not in translated]
    assert not missing, f"{addon}: no zh_CN translation for {missing}"
    assert len(pot) > 0
