# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Canonical JSON of archived orders and their SHA-256 hash chain, in plain Python (no Odoo).

A snapshot's *content digest* is the SHA-256 of its canonical JSON, which lists the digests
of its attachments. Its *chain digest* covers the previous snapshot's chain digest, its
position in the chain, its chain key, its order reference and its content digest. A purged
snapshot (tombstone) keeps its content digest, so the chain over the digests still verifies
once its content is gone.
"""

import datetime
import hashlib
import json
import math
from dataclasses import dataclass, field

GENESIS = "0" * 64
DECIMALS = 6


def _canonical_value(value):
    """The JSON-ready value with fixed formats: floats as strings with 6 decimals, dates
    ISO (YYYY-MM-DD), datetimes in UTC (YYYY-MM-DDTHH:MM:SSZ), sets sorted, False/None null.
    """
    if value is None or value is False:
        return None
    if value is True:
        return True
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"not a finite number: {value!r}")
        text = f"{value:.{DECIMALS}f}"
        return "0.000000" if text == "-0.000000" else text
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {str(k): _canonical_value(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical_value(v) for v in value), key=_sort_key)
    if isinstance(value, (list, tuple)):
        return [_canonical_value(v) for v in value]
    return str(value)


def _sort_key(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def canonical_json(document):
    """UTF-8 bytes of ``document``: sorted keys, no spaces, fixed number and date formats;
    the same document gives the same bytes on every run and machine."""
    return json.dumps(
        _canonical_value(document),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    ).encode("utf-8")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def chain_digest(prev_digest, sequence, chain_key, reference, content_digest):
    """The digest of a link: the previous digest, the position, the chain, the order
    reference and the content digest, separated so that no two inputs give the same text."""
    text = "\n".join(
        (prev_digest or GENESIS, str(int(sequence)), chain_key, reference, content_digest)
    )
    return sha256(text.encode("utf-8"))


@dataclass
class Link:
    """One snapshot as the verification sees it."""

    sequence: int
    reference: str
    content: bytes | None  # canonical JSON; None for a tombstone
    content_digest: str
    prev_digest: str
    digest: str
    tombstone: bool = False
    # {attachment name: sha256 of the stored bytes as read now}
    attachments: dict = field(default_factory=dict)
    ident: object = None
    # a tombstone left by an approved expiry (the caller checks the approval)
    tombstone_approved: bool = True


@dataclass
class Break:
    """The first broken link of a chain."""

    sequence: int
    reference: str
    reason: str  # changed_content, changed_attachment, missing_attachment, removed, reordered,
    # changed_digest, unapproved_tombstone
    detail: str = ""
    ident: object = None


def expected_attachments(content):
    """{name: sha256} of the attachments listed in a snapshot's canonical JSON."""
    document = json.loads(content.decode("utf-8"))
    return {a["name"]: a["sha256"] for a in document.get("attachments") or []}


def verify_chain(links, chain_key, known_digests=None, first=None):
    """The first break of ``links`` (in sequence order), or None; ``known_digests`` are all
    the chain's digests (to tell a reordered pair from a changed digest), by default those of
    ``links``. ``first`` = (position, previous digest) where a partial chain (an imported
    excerpt) starts; by default a whole chain from position 1.

    Checks, link by link: the content still hashes to its content digest (changed byte);
    each attachment still hashes to the digest the content lists (changed attachment); the
    positions follow 1, 2, 3... (a gap is a removed snapshot; the next one names it); each
    link points to the previous digest (a swapped pair is reordered) and its own digest is
    recomputed from its fields (changed digest); a tombstone (content purged, digests kept)
    was left by an approved expiry (unapproved tombstone).
    """
    if known_digests is None:
        links = list(links)
        known_digests = {link.digest for link in links}
    expected_sequence, previous = first or (1, GENESIS)
    for link in links:
        if link.sequence != expected_sequence:
            return Break(
                link.sequence,
                link.reference,
                "removed",
                f"snapshot {expected_sequence} is missing before {link.sequence}",
                link.ident,
            )
        if link.tombstone and not link.tombstone_approved:
            return Break(
                link.sequence,
                link.reference,
                "unapproved_tombstone",
                "purged without an approved expiry",
                link.ident,
            )
        if not link.tombstone:
            actual = sha256(link.content or b"")
            if actual != link.content_digest:
                return Break(
                    link.sequence,
                    link.reference,
                    "changed_content",
                    _first_change(link),
                    link.ident,
                )
            expected = expected_attachments(link.content)
            for name, digest in sorted(expected.items()):
                if name not in link.attachments:
                    return Break(
                        link.sequence, link.reference, "missing_attachment", name, link.ident
                    )
                if link.attachments[name] != digest:
                    return Break(
                        link.sequence, link.reference, "changed_attachment", name, link.ident
                    )
        if link.prev_digest != previous:
            reason = "reordered" if link.prev_digest in known_digests else "changed_digest"
            return Break(link.sequence, link.reference, reason, "", link.ident)
        recomputed = chain_digest(
            link.prev_digest, link.sequence, chain_key, link.reference, link.content_digest
        )
        if recomputed != link.digest:
            return Break(link.sequence, link.reference, "changed_digest", "", link.ident)
        previous = link.digest
        expected_sequence += 1
    return None


def _first_change(link):
    return f"content digest {sha256(link.content or b'')[:12]}, expected {link.content_digest[:12]}"


def tombstone_content(reference, content_digest, purged_on, action):
    """What replaces a purged snapshot's content: no personal data, the digest it had."""
    return canonical_json(
        {
            "tombstone": True,
            "reference": reference,
            "content_digest": content_digest,
            "purged_on": purged_on,
            "action": action,
        }
    )


def anonymise(document, fields=("name", "email", "phone", "mobile", "street", "street2", "vat")):
    """A copy of a snapshot document with the personal data of its partners blanked."""
    result = json.loads(json.dumps(document))
    for key in ("customer", "shipping", "invoicing"):
        partner = result.get(key)
        if isinstance(partner, dict):
            for name in fields:
                if partner.get(name):
                    partner[name] = "***"
    return result
