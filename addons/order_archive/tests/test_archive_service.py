# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import BaseCase, tagged

from ..services import archive_chain as ac


def _chain(contents, key="db/company/1"):
    links, previous = [], ac.GENESIS
    for sequence, (reference, content, files) in enumerate(contents, start=1):
        digest_content = ac.sha256(content)
        digest = ac.chain_digest(previous, sequence, key, reference, digest_content)
        links.append(
            ac.Link(sequence, reference, content, digest_content, previous, digest, False, files)
        )
        previous = digest
    return links


@tagged("post_install", "-at_install")
class TestCanonicalJson(BaseCase):
    """The snapshot format and its chain, without a database."""

    def test_stable_bytes(self):
        document = {
            "b": 1.1,
            "a": [datetime.date(2030, 1, 2), datetime.datetime(2030, 1, 2, 3, 4, 5)],
            "c": {"z": False, "y": "南城"},
            "d": -0.0,
        }
        text = ac.canonical_json(document)
        self.assertEqual(
            text.decode(),
            '{"a":["2030-01-02","2030-01-02T03:04:05Z"],"b":"1.100000",'
            '"c":{"y":"南城","z":null},"d":"0.000000"}',
        )
        reordered = {"d": -0.0, "c": {"y": "南城", "z": None}, "a": document["a"], "b": 1.1}
        self.assertEqual(ac.canonical_json(reordered), text)
        with self.assertRaises(ValueError):
            ac.canonical_json({"x": float("nan")})

    def test_chain_verifies_and_names_first_break(self):
        pdf = ac.sha256(b"%PDF")
        contents = [
            (f"S{n:05d}", ac.canonical_json({"n": n, "attachments": []}), {}) for n in range(4)
        ]
        contents[1] = (
            "S00001",
            ac.canonical_json({"n": 1, "attachments": [{"name": "a.pdf", "sha256": pdf}]}),
            {"a.pdf": pdf},
        )
        links = _chain(contents)
        self.assertIsNone(ac.verify_chain(links, "db/company/1"))
        # The same links under another chain key do not verify.
        self.assertEqual(ac.verify_chain(links, "other").reason, "changed_digest")
        changed = _chain(contents)
        changed[2].content = changed[2].content.replace(b'"n":2', b'"n":3')
        found = ac.verify_chain(changed, "db/company/1")
        self.assertEqual((found.sequence, found.reason), (3, "changed_content"))
        removed = _chain(contents)
        del removed[1]
        found = ac.verify_chain(removed, "db/company/1")
        self.assertEqual((found.sequence, found.reason), (3, "removed"))
        swapped = _chain(contents)
        swapped[1].sequence, swapped[2].sequence = 3, 2
        found = ac.verify_chain(sorted(swapped, key=lambda link: link.sequence), "db/company/1")
        self.assertEqual((found.sequence, found.reason), (2, "reordered"))
        attachment = _chain(contents)
        attachment[1].attachments = {"a.pdf": ac.sha256(b"%PDF changed")}
        found = ac.verify_chain(attachment, "db/company/1")
        self.assertEqual((found.sequence, found.reason), (2, "changed_attachment"))

    def test_tombstone_keeps_the_chain(self):
        contents = [(f"S{n}", ac.canonical_json({"n": n}), {}) for n in range(3)]
        links = _chain(contents)
        links[1].content = ac.tombstone_content(
            "S1", links[1].content_digest, "2040-01-01", "purge"
        )
        links[1].tombstone = True
        self.assertIsNone(ac.verify_chain(links, "db/company/1"))
        # A tombstone whose kept digest is changed breaks the chain.
        links[1].content_digest = ac.sha256(b"forged")
        self.assertEqual(ac.verify_chain(links, "db/company/1").reason, "changed_digest")
