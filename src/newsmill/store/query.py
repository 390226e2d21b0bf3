"""Questions to the archive, answered as plain data (dicts and lists).

Every value reaches SQLite as a bound parameter; the only SQL text assembled at
run time is a fixed set of filter clauses chosen by which arguments are present.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsmill.store.keys import day_range
from newsmill.store.snippet import cut, query_terms

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
    sort: str | None = None  # "date" (newest first, the default) or "relevance" (bm25)
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


def _filters(p: SearchParams, key: str) -> tuple[list[str], list[Any]]:
    """WHERE clauses for the filters; ``key`` is the rowid column that drives the scan."""
    where: list[str] = []
    args: list[Any] = []
    bounds = day_range(_check_day("from", p.date_from), _check_day("to", p.date_to))
    if bounds:
        where.append(f"{key} BETWEEN ? AND ?")
        args += bounds
    if p.site:
        where.append("a.site = ?")
        args.append(p.site.strip().lower().removeprefix("www."))
    if p.language:
        where.append("a.language = ?")
        args.append(p.language.strip().lower())
    if p.entity:
        where.append(f"{key} IN (SELECT article FROM entities WHERE name = ?)")
        args.append(p.entity.strip())
    if p.speaker:
        where.append(f"{key} IN (SELECT article FROM quotes WHERE speaker = ?)")
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


def _item(row: sqlite3.Row, text: str, hits: list[list[int]]) -> dict[str, Any]:
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
    """Articles matching the query and filters: ``{"items": [...], "next": cursor or None}``.

    ``sort=date`` (the default) is newest published first and costs O(page size)
    whatever the number of matches (rowids are date keys, store/keys.py);
    ``sort=relevance`` ranks every match with FTS5's bm25, so it costs O(matches).
    """
    limit = _limit(p.limit)
    q = (p.q or "").strip()
    sort = p.sort or "date"
    if sort not in ("relevance", "date"):
        raise QueryError("sort must be 'relevance' or 'date'")
    if sort == "relevance" and not q:
        raise QueryError("sort=relevance needs a query q")
    key = "articles_fts.rowid" if q else "a.rowid"
    where, args = _filters(p, key)
    if q:
        where.insert(0, "articles_fts MATCH ?")
        args.insert(0, q)
    if sort == "relevance":
        return _search_ranked(conn, p.cursor, where, args, limit)
    return _search_by_date(conn, p.cursor, key, where, args, limit)


_SELECT = "SELECT a.rowid, a.id, a.title, a.url, a.site, a.language, a.published, "
_FTS_SNIPPET = f"snippet(articles_fts, 1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', 24)"
_FTS_TEXT = "a.text AS body "  # snippets are cut in Python (store/snippet.py)
_PLAIN_SNIPPET = "substr(a.text, 1, 240) AS snip "
# CROSS JOIN keeps the FTS table as the outer loop, so its rowid order serves ORDER BY.
_FTS_FROM = "FROM articles_fts CROSS JOIN articles a ON a.rowid = articles_fts.rowid"


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
    sql = _SELECT + _FTS_TEXT + _FTS_FROM + " WHERE " + " AND ".join(where)
    rows = _run(conn, sql + " ORDER BY articles_fts.rank LIMIT ? OFFSET ?", [*args, limit + 1, offset])
    nxt = encode_cursor(["r", offset + limit]) if len(rows) > limit else None
    return {"items": _items(conn, rows[:limit], args[0]), "next": nxt}


def _search_by_date(
    conn: sqlite3.Connection, cursor: str | None, key: str, where: list[str], args: list[Any], limit: int
) -> dict[str, Any]:
    after = decode_cursor(cursor, "d")
    if after is not None:
        if len(after) != 1 or not isinstance(after[0], int):
            raise QueryError("invalid cursor")
        where = [*where, f"{key} < ?"]
        args = [*args, after[0]]
    fts = key.startswith("articles_fts")
    src = _FTS_TEXT + _FTS_FROM if fts else _PLAIN_SNIPPET + "FROM articles a"
    sql = _SELECT + src + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {key} DESC LIMIT ?"
    rows = _run(conn, sql, [*args, limit + 1])
    nxt = encode_cursor(["d", rows[limit - 1]["rowid"]]) if len(rows) > limit else None
    if fts:
        return {"items": _items(conn, rows[:limit], args[0]), "next": nxt}
    return {"items": [_item(r, r["snip"], []) for r in rows[:limit]], "next": nxt}


def _items(conn: sqlite3.Connection, rows: list[sqlite3.Row], q: str) -> list[dict[str, Any]]:
    """Result items for full-text hits: snippets cut in Python, FTS5 snippet() as the fallback."""
    terms = query_terms(q)
    out = []
    for r in rows:
        got = cut(r["body"], terms) if terms is not None else None
        if got is None:
            snip = conn.execute(
                f"SELECT {_FTS_SNIPPET} FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                (q, r["rowid"]),
            ).fetchone()
            got = split_snippet(snip[0] if snip else "")
        out.append(_item(r, *got))
    return out


def get_article(
    conn: sqlite3.Connection, article_id: str, *, removed_limit: int | None = None
) -> dict[str, Any] | None:
    """The whole stored record, exactly as loaded.

    ``removed_limit``: leave ``removed`` as None when there are more blocks than this
    (the article page fetches them on demand; :func:`newsmill.store.pack.removed_count`).
    """
    from newsmill.store.pack import unpack

    row = conn.execute("SELECT rowid, text, record FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    return unpack(conn, row[0], row[1], row[2], removed_limit)
