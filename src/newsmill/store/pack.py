"""How a record is split between columns and compressed blobs, and put back together.

The article text lives once, in ``articles.text`` (the FTS5 index reads it from
there). Paragraph texts are slices of it, so when every paragraph's text equals
``text[start:end]`` only (kind, start, end) is kept (:data:`SPANS`). Removed
blocks go to their own table. Everything else (metadata, entities, quotes, dates,
comments, warnings) is zlib-compressed JSON in ``articles.record``, with the names
of the fields stored elsewhere under ``__derived__`` so :func:`unpack` restores the
record exactly, field order included.

Measured on 1,652 development records (8.8 KB text, 40 paragraphs, 221 removed
blocks each on average): storing the whole record as one blob took 32 MB per 1,000
articles and capped loading near 220 records/s (JSON encoding and zlib level 6 were
60% of the time); this layout is the fix.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass
from typing import Any

DERIVED = "__derived__"
# Paragraph spans ([kind, start, end] each) inside the compressed record. Archives loaded
# before this kept them as rows of the ``paragraphs`` table (still read when the key is
# absent): 40 rows per article cost ~0.08 ms of writer CPU and 1.3 KB per article, the
# compressed list a few hundred bytes.
SPANS = "__spans__"
_LEVEL = 1  # zlib level 1: ~3x faster than 6 on these blobs for a few % more bytes


@dataclass(slots=True)
class Packed:
    record: bytes
    removed: bytes
    removed_n: int
    reasons: str
    digest: str
    paragraphs: list[tuple[str, int, int]]


# Built once: ``json.dumps`` with keyword arguments builds a new encoder per call, ~3 us
# each, five calls per record (exactly what json.dumps does, so the bytes are the same).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SORTED_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _dumps(value: Any, sort: bool = False) -> str:
    return (_SORTED_ENCODER if sort else _ENCODER).encode(value)


def _spans(text: str, paras: list[dict[str, Any]]) -> tuple[list[tuple[str, int, int]], bool]:
    """Paragraph (kind, start, end) spans, and whether every paragraph text is its slice of ``text``."""
    spans = []
    sliced = True
    for p in paras:
        s, e = int(p["start"]), int(p["end"])
        spans.append((p.get("kind") or "paragraph", s, e))
        if sliced and p.get("text") != text[s:e]:
            sliced = False
    return spans, sliced


def pack(rec: dict[str, Any]) -> Packed:
    """Split a record dict for storage; ``digest`` identifies its content whatever its key order."""
    text: str = rec["text"]
    spans, sliced = _spans(text, rec.get("paragraphs") or [])
    derived = ["text", "removed", "paragraphs"] if sliced else ["text", "removed"]
    rest = {k: (None if k in derived else v) for k, v in rec.items()}
    rest[DERIVED] = derived
    removed = rec.get("removed") or []
    removed_json = _dumps(removed, sort=True)
    spans_json = _dumps(spans)
    h = hashlib.blake2b(digest_size=16)
    for part in (text, _dumps(rest, sort=True), removed_json, spans_json):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    reasons: dict[str, int] = {}
    for r in removed:
        reason = r.get("reason") or ""
        reasons[reason] = reasons.get(reason, 0) + 1
    if sliced and SPANS not in rest:  # spans stored, not hashed (the digest stays what v1
        # archives hold): the JSON made for the hash is spliced in as the last key, not re-encoded
        record_json = f'{_dumps(rest)[:-1]},"{SPANS}":{spans_json}}}'
    else:
        if sliced:
            rest[SPANS] = spans
        record_json = _dumps(rest)
    return Packed(
        record=zlib.compress(record_json.encode("utf-8", "surrogatepass"), _LEVEL),
        removed=zlib.compress(removed_json.encode("utf-8", "surrogatepass"), _LEVEL),
        removed_n=len(removed),
        reasons=_dumps(reasons),
        digest=h.hexdigest(),
        paragraphs=spans,
    )


def unpack(
    conn: sqlite3.Connection, rowid: int, text: str, blob: bytes, removed_limit: int | None = None
) -> dict[str, Any]:
    """The stored record, exactly as loaded.

    With ``removed_limit``, an article with more removed blocks than that gets
    ``removed = None`` instead of its blocks (see :func:`removed_count`): decoding
    ~220 blocks is wasted work for a page that loads them on demand.
    """
    rec = json.loads(zlib.decompress(blob))
    derived = rec.pop(DERIVED, [])
    if "text" in derived:
        rec["text"] = text
    spans = rec.pop(SPANS, None)
    if "paragraphs" in derived:
        rows = spans
        if rows is None:
            rows = conn.execute(
                'SELECT kind, start, "end" FROM paragraphs WHERE article = ? ORDER BY idx', (rowid,)
            ).fetchall()
        rec["paragraphs"] = [{"text": text[s:e], "start": s, "end": e, "kind": k} for k, s, e in rows]
    if "removed" in derived:
        row = conn.execute("SELECT n, blocks FROM removed WHERE article = ?", (rowid,)).fetchone()
        if row and removed_limit is not None and row[0] > removed_limit:
            rec["removed"] = None
        else:
            rec["removed"] = json.loads(zlib.decompress(row[1])) if row else []
    return rec


def removed_count(conn: sqlite3.Connection, article_id: str) -> int:
    """How many blocks were removed from an article (0 if unknown)."""
    row = conn.execute(
        "SELECT r.n FROM articles a JOIN removed r ON r.article = a.rowid WHERE a.id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row else 0
