"""Speakers, their quotes, and entities: aggregate questions over the quotes/entities tables."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newsmill.store.query import QueryError, _fts_error, _limit, decode_cursor, encode_cursor


def _offset(cursor: str | None, kind: str) -> int:
    (offset,) = decode_cursor(cursor, kind) or [0]
    if not isinstance(offset, int) or offset < 0:
        raise QueryError("invalid cursor")
    return offset


def _like(prefix: str) -> str:
    """A LIKE pattern matching names containing ``prefix`` literally (wildcards escaped)."""
    esc = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def _roles(raw: str | None) -> list[str]:
    return sorted({r for r in json.loads(raw or "[]") if r})


def speakers(
    conn: sqlite3.Connection,
    *,
    q: str | None = None,
    anonymous: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """People quoted, most-quoted first: counts, roles seen, first and last quote date."""
    limit = _limit(limit)
    offset = _offset(cursor, "s")
    where, args = [], []
    if q and q.strip():
        where.append("name LIKE ? ESCAPE '\\'")
        args.append(_like(q.strip()))
    if anonymous is not None:
        where.append("anonymous = ?")
        args.append(1 if anonymous else 0)
    sql = (
        "SELECT * FROM speakers"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY quotes DESC, name LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*args, limit + 1, offset]).fetchall()
    items = [_speaker(r) for r in rows[:limit]]
    return {"items": items, "next": encode_cursor(["s", offset + limit]) if len(rows) > limit else None}


def _speaker(r: sqlite3.Row) -> dict[str, Any]:
    return {
        "name": r["name"],
        "quotes": r["quotes"],
        "articles": r["articles"],
        "anonymous": bool(r["anonymous"]),
        "roles": _roles(r["roles"]),
        "first_quote": r["first"],
        "last_quote": r["last"],
    }


CO_MENTION_ARTICLES = 500  # co-mentions come from the speaker's latest 500 quotes' articles: bounded cost


def speaker(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    """One speaker's summary plus the entities most often named in the articles quoting them."""
    row = conn.execute("SELECT * FROM speakers WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    out = _speaker(row)
    co = conn.execute(
        "SELECT e.name, e.type, count(*) AS n FROM entities e WHERE e.article IN"
        " (SELECT article FROM quotes WHERE speaker = ? ORDER BY day DESC LIMIT ?) AND e.name <> ?"
        " GROUP BY e.name, e.type ORDER BY n DESC, e.name LIMIT 20",
        (name, CO_MENTION_ARTICLES, name),
    ).fetchall()
    out["co_mentioned"] = [{"name": r["name"], "type": r["type"], "articles": r["n"]} for r in co]
    return out


def timeline(conn: sqlite3.Connection, name: str) -> dict[str, int]:
    """Quotes per month (``YYYY-MM``) for one speaker; undated quotes are left out."""
    rows = conn.execute(
        "SELECT substr(day, 1, 7) AS month, count(*) FROM quotes WHERE speaker = ? AND day <> '' GROUP BY month",
        (name,),
    )
    return {r[0]: r[1] for r in rows}


def speaker_quotes(
    conn: sqlite3.Connection, name: str, *, q: str | None = None, cursor: str | None = None, limit: int = 50
) -> dict[str, Any]:
    """A speaker's quotes in date order (oldest first), each with its article."""
    limit = _limit(limit)
    after = decode_cursor(cursor, "q")
    where, args = ["q.speaker = ?"], [name]
    if after is not None:
        if len(after) != 2 or not isinstance(after[0], str) or not isinstance(after[1], int):
            raise QueryError("invalid cursor")
        where.append("(q.day > ? OR (q.day = ? AND q.rowid > ?))")
        args += [after[0], after[0], after[1]]
    if q and q.strip():
        _check_fts(conn, q.strip())
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(q.strip())
    sql = (
        'SELECT q.rowid, q.idx, q.kind, q.text, q.start, q."end", q.speaker_text, q.anonymous, q.role, q.day,'
        " a.id AS article_id, a.title, a.published FROM quotes q JOIN articles a ON a.rowid = q.article"
        " WHERE " + " AND ".join(where) + " ORDER BY q.day, q.rowid LIMIT ?"
    )
    rows = conn.execute(sql, [*args, limit + 1]).fetchall()
    items = [
        {
            "text": r["text"],
            "kind": r["kind"],
            "start": r["start"],
            "end": r["end"],
            "index": r["idx"],
            "speaker_text": r["speaker_text"],
            "anonymous": bool(r["anonymous"]),
            "role": r["role"],
            "date": r["day"] or None,
            "article": {"id": r["article_id"], "title": r["title"], "published": r["published"]},
        }
        for r in rows[:limit]
    ]
    nxt = (
        encode_cursor(["q", rows[limit - 1]["day"], rows[limit - 1]["rowid"]]) if len(rows) > limit else None
    )
    return {"items": items, "next": nxt}


def _check_fts(conn: sqlite3.Connection, q: str) -> None:
    """Parse the query even when the other conditions would skip the FTS lookup."""
    try:
        conn.execute("SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT 1", (q,)).fetchall()
    except sqlite3.OperationalError as exc:
        err = _fts_error(exc)
        if err is None:
            raise
        raise err from exc


def entities(
    conn: sqlite3.Connection,
    *,
    q: str | None = None,
    type: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """Entities across the archive, most widely mentioned first."""
    limit = _limit(limit)
    offset = _offset(cursor, "e")
    where, args = [], []
    if q and q.strip():
        where.append("name LIKE ? ESCAPE '\\'")
        args.append(_like(q.strip()))
    if type:
        if type not in ("person", "organization", "place"):
            raise QueryError("type must be person, organization or place")
        where.append("type = ?")
        args.append(type)
    sql = (
        "SELECT name, type, articles, mentions FROM entity_names"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY articles DESC, name LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, [*args, limit + 1, offset]).fetchall()
    items = [{"name": r[0], "type": r[1], "articles": r[2], "mentions": r[3]} for r in rows[:limit]]
    return {"items": items, "next": encode_cursor(["e", offset + limit]) if len(rows) > limit else None}


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Counts for the front page (quotes = attributed quotes, from the speaker summaries)."""
    one = conn.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT coalesce(sum(quotes), 0) FROM speakers),"
        " (SELECT count(*) FROM speakers), (SELECT count(DISTINCT name) FROM entity_names)"
    ).fetchone()
    return {"articles": one[0], "quotes": one[1], "speakers": one[2], "entities": one[3]}
