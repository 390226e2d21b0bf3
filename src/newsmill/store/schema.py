"""The archive's SQLite schema and its versioned migrations.

The schema version lives in ``PRAGMA user_version``; :data:`MIGRATIONS` is an
append-only list whose n-th entry takes a database from version n to n+1, so an
empty file and an old archive both reach :data:`VERSION` through the same code.
Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3

# v1: articles with an external-content FTS5 index over title + text (the text is
# stored once, in ``articles.text``); the rest of the record is zlib-compressed JSON
# in ``articles.record`` minus what other tables hold (see store/pack.py); one table
# per repeated part of the record.
_V1 = """
-- articles.rowid is not a counter: it is (publication day number << 24) + a sequence
-- number within that day (store/keys.py), so rowid order is publication order. FTS5
-- walks its matches in rowid order and takes rowid ranges natively, so "newest
-- first" and date-range filters cost O(page size), not O(matches): at 20,000
-- articles a common word (4,347 matches) took 15-21 ms sorted by date through a join,
-- and 1-3 ms this way.
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    site TEXT,
    language TEXT,
    published TEXT,
    day TEXT NOT NULL DEFAULT '',
    title TEXT,
    text TEXT NOT NULL,
    schema TEXT NOT NULL,
    hash TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    record BLOB NOT NULL
);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_site ON articles(site);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
-- No triggers keep articles_fts in step: the writer indexes each batch's new articles
-- with one INSERT ... SELECT just before its commit (0.31 ms of CPU per 8.8 KB article
-- against 0.53 ms for a per-row trigger, measured on 3,000 development records) and
-- removes replaced ones with FTS5 'delete' commands (store/write.py).

CREATE TABLE paragraphs (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

-- One row per article: its removed blocks as zlib-compressed JSON, plus a count per
-- reason. They are only ever shown whole, per article; a row per block (221 blocks
-- per development page on average) made the table 11 KB/article and loading 2x slower.
CREATE TABLE removed (
    article INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    blocks BLOB NOT NULL
);

CREATE TABLE entities (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    eid TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    titles TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, eid)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name, type, article);

CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    eid TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article, start, eid)
) WITHOUT ROWID;

CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker TEXT,
    speaker_text TEXT,
    speaker_entity TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    role TEXT,
    day TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker, day);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

-- Summaries kept current by the writer at every commit (store/write.py: Writer.refresh),
-- so listing speakers or entities reads one small table instead of grouping every
-- quote/entity row of the archive on each request.
CREATE TABLE speakers (
    name TEXT PRIMARY KEY,
    quotes INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    anonymous INTEGER NOT NULL,
    roles TEXT NOT NULL,
    first TEXT,
    last TEXT
) WITHOUT ROWID;
CREATE INDEX speakers_rank ON speakers(quotes DESC, name);

CREATE TABLE entity_names (
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (name, type)
) WITHOUT ROWID;
CREATE INDEX entity_names_rank ON entity_names(articles DESC, name);
"""

# v2: bigger FTS5 in-memory segments. FTS5 flushes its pending terms to a new level-0
# segment whenever they pass 'hashsize' (1 MiB by default: ~100 articles), and
# automerge then rewrites each posting list once per level, so indexing cost grew with
# the archive (0.33 ms of CPU per article at 3,000 articles, 0.83 ms at 100,000).
# With 64 MiB a load batch of 1,000 articles (~20 MB of pending terms) becomes one
# segment: 0.41 -> 0.33 ms per article over a 10,000-article load, 0.83 -> 0.66 ms
# when adding 3,000 to 100,000 (writer-thread CPU, development records). Memory cost
# is bounded by the batch: at most ~64 MiB of pending terms per writer.
_V2 = """
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('hashsize', 67108864);
"""

MIGRATIONS: list[str] = [_V1, _V2]
VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    """The database was written by a newer newsmill than this one."""


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to :data:`VERSION`; returns the version it started at.

    Each step runs in its own transaction together with the ``user_version`` bump,
    so a crash mid-migration leaves the previous version intact.
    """
    start = version(conn)
    if start > VERSION:
        raise SchemaError(f"database schema v{start} is newer than this newsmill (v{VERSION})")
    for n in range(start, VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _statements(MIGRATIONS[n]):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {n + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def _statements(script: str) -> list[str]:
    """Split a migration into statements (triggers contain ``;`` inside BEGIN..END)."""
    out: list[str] = []
    buf = ""
    for line in script.strip().splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
