"""Merge an addon's .pot into its zh_CN.po, keeping the translations already made.

Usage: merge_po.py ADDON.pot zh_CN.po   (prints how many terms still need a translation)
"""

import os
import sys

import polib


def main(pot_path, po_path):
    pot = polib.pofile(pot_path)
    if os.path.exists(po_path):
        po = polib.pofile(po_path)
        po.merge(pot)
    else:
        po = polib.POFile()
        po.metadata = dict(pot.metadata)
        for entry in pot:
            po.append(entry)
    po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"})
    # obsolete entries are terms the addon no longer ships
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    po.save(po_path)
    missing = [e.msgid for e in po if not e.msgstr or "fuzzy" in e.flags]
    print(f"{po_path}: {len(po)} terms, {len(missing)} without a zh_CN translation")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
