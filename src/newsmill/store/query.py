"""Questions to the archive, answered as plain data (dicts and lists).

Every value reaches SQLite as a bound parameter; the only SQL text assembled at
run time is a fixed set of filter clauses chosen by which arguments are present.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import zlib
from dataclasses import dataclass
from typing import Any

# Markers that FTS5 snippet() puts around hits; private-use code points, so a
# caller can split on them and escape every piece (see :func:`split_snippet`).
HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"
MAX_LIMIT = 100
MAX_OFFSET = 10_000  # relevance paging is by offset; deeper pages cost a full re-rank each
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class QueryError(ValueError):
    """A bad request: malformed full-text query, cursor or filter. The message is for the user."""


@dataclass(slots=True)
class SearchParams:
    q: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    site: str | None = None
    language: str | None = None
    entity: str | None = None
    speaker: str | None = None
    sort: str | None = None  # "relevance" (default with q) or "date" (newest first)
    cursor: str | None = None
    limit: int = 20


def encode_cursor(value: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, kind: str) -> list[Any] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise QueryError("invalid cursor: pass back the 'next' value of the previous page") from exc
    if not isinstance(value, list) or not value or value[0] != kind:
        raise QueryError("invalid cursor: it belongs to a different listing or sort order")
    return value[1:]


def _limit(limit: int) -> int:
    if not 1 <= int(limit) <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    return int(limit)


def _check_day(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DAY.match(value):
        raise QueryError(f"{name} must be a date like 2018-06-12")
    return value


def _filters(p: SearchParams) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if d := _check_day("from", p.date_from):
        where.append("a.day >= ?")
        args.append(d)
    if d := _check_day("to", p.date_to):
        where.append("a.day <> '' AND a.day <= ?")
        args.append(d)
    if p.site:
        where.append("a.site = ?")
        args.append(p.site.strip().lower().removeprefix("www."))
    if p.language:
        where.append("a.language = ?")
        args.append(p.language.strip().lower())
    if p.entity:
        where.append("a.rowid IN (SELECT article FROM entities WHERE name = ?)")
        args.append(p.entity.strip())
    if p.speaker:
        where.append("a.rowid IN (SELECT article FROM quotes WHERE speaker = ?)")
        args.append(p.speaker.strip())
    return where, args


def _fts_error(exc: sqlite3.OperationalError) -> QueryError | None:
    msg = str(exc)
    if any(
        k in msg
        for k in ("fts5", "syntax error", "no such column", "unterminated", "MATCH", "unknown special")
    ):
        detail = msg.removeprefix("fts5: ")
        return QueryError(
            f'cannot parse the search query ({detail}). Use words, "exact phrases", OR, NOT, '
            "prefix* -- or put the whole query in double quotes"
        )
    return None


def _item(row: sqlite3.Row, snippet: str) -> dict[str, Any]:
    text, hits = split_snippet(snippet)
    return {
        "id": row["id"],
        "title": row["title"],
        "url": row["url"],
        "site": row["site"],
        "language": row["language"],
        "published": row["published"],
        "snippet": text,
        "highlights": hits,
    }


def split_snippet(snippet: str) -> tuple[str, list[list[int]]]:
    """Snippet with hit markers -> (plain text, [[start, end], ...] of the hits)."""
    out: list[str] = []
    hits: list[list[int]] = []
    pos = 0
    start = None
    for part in re.split(f"([{HIT_OPEN}{HIT_CLOSE}])", snippet or ""):
        if part == HIT_OPEN:
            start = pos
        elif part == HIT_CLOSE:
            if start is not None and pos > start:
                hits.append([start, pos])
            start = None
        else:
            out.append(part)
            pos += len(part)
    return "".join(out), hits


def search(conn: sqlite3.Connection, p: SearchParams) -> dict[str, Any]:
    """Articles matching the query and filters: ``{"items": [...], "next": cursor or None}``."""
    limit = _limit(p.limit)
    q = (p.q or "").strip()
    sort = p.sort or ("relevance" if q else "date")
    if sort not in ("relevance", "date"):
        raise QueryError("sort must be 'relevance' or 'date'")
    if sort == "relevance" and not q:
        raise QueryError("sort=relevance needs a query q")
    where, args = _filters(p)
    if q:
        where.insert(0, "articles_fts MATCH ?")
        args.insert(0, q)
    if sort == "relevance":
        return _search_ranked(conn, p.cursor, where, args, limit)
    return _search_by_date(conn, p.cursor, bool(q), where, args, limit)


_SELECT = "SELECT a.rowid, a.id, a.title, a.url, a.site, a.language, a.published, a.day, "
_FTS_SNIPPET = f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 24) AS snip "
_PLAIN_SNIPPET = "substr(a.text, 1, 240) AS snip "


def _run(conn: sqlite3.Connection, sql: str, args: list[Any]) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        err = _fts_error(exc)
        if err is not None:
            raise err from exc
        raise


def _search_ranked(
    conn: sqlite3.Connection, cursor: str | None, where: list[str], args: list[Any], limit: int
) -> dict[str, Any]:
    (offset,) = decode_cursor(cursor, "r") or [0]
    if not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise QueryError(
            f"relevance paging stops after {MAX_OFFSET} results; narrow the query or sort by date"
        )
    sql = (
        _SELECT
        + _FTS_SNIPPET
        + "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE "
        + " AND ".join(where)
        + " ORDER BY articles_fts.rank LIMIT ? OFFSET ?"
    )
    rows = _run(conn, sql, [*args, limit + 1, offset])
    nxt = encode_cursor(["r", offset + limit]) if len(rows) > limit else None
    return {"items": [_item(r, r["snip"]) for r in rows[:limit]], "next": nxt}


def _search_by_date(
    conn: sqlite3.Connection, cursor: str | None, fts: bool, where: list[str], args: list[Any], limit: int
) -> dict[str, Any]:
    after = decode_cursor(cursor, "d")
    if after is not None:
        if len(after) != 2 or not isinstance(after[0], str) or not isinstance(after[1], int):
            raise QueryError("invalid cursor")
        where = [*where, "(a.day < ? OR (a.day = ? AND a.rowid < ?))"]
        args = [*args, after[0], after[0], after[1]]
    if fts:
        src = _FTS_SNIPPET + "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    else:
        src = _PLAIN_SNIPPET + "FROM articles a"
    sql = (
        _SELECT
        + src
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.day DESC, a.rowid DESC LIMIT ?"
    )
    rows = _run(conn, sql, [*args, limit + 1])
    nxt = None
    if len(rows) > limit:
        last = rows[limit - 1]
        nxt = encode_cursor(["d", last["day"], last["rowid"]])
    return {"items": [_item(r, r["snip"]) for r in rows[:limit]], "next": nxt}


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The whole stored record, exactly as loaded (text re-joined from its column)."""
    row = conn.execute("SELECT text, record FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    rec = json.loads(zlib.decompress(row[1]))
    out: dict[str, Any] = {}
    for key, value in rec.items():  # keep the record's field order, text after title
        out[key] = value
        if key == "title":
            out["text"] = row[0]
    out.setdefault("text", row[0])
    return out
