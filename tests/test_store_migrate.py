"""Versioned schema: an empty file migrates to the current version; too-new databases are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsmill.store import StoreError, open_reader, open_writer
from newsmill.store.schema import MIGRATIONS, VERSION, _statements, migrate, version


def test_store_migrate_from_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()  # a zero-byte file is a valid, empty SQLite database
    conn = open_writer(db)
    assert version(conn) == VERSION == len(MIGRATIONS)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {
        "articles",
        "paragraphs",
        "removed",
        "entities",
        "mentions",
        "quotes",
        "articles_fts",
        "quotes_fts",
    } <= names
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrate(conn) == VERSION  # already current: nothing to do
    conn.close()
    reader = open_reader(db)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_store_migrate_steps_one_version_at_a_time(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "steps.db", isolation_level=None)
    assert migrate(conn) == 0
    assert version(conn) == VERSION


def test_store_migrate_refuses_a_newer_database(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with sqlite3.connect(db) as c:
        c.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this newsmill"):
        open_writer(db)
    with pytest.raises(StoreError, match="schema v"):
        open_reader(db)


def test_store_migrate_rejects_non_databases(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_writer(junk)
    with pytest.raises(StoreError, match="no such database"):
        open_reader(tmp_path / "missing.db")


def test_store_reader_is_read_only(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    open_writer(db).close()
    conn = open_reader(db)
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        conn.execute("CREATE TABLE evil (x)")
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")


def test_store_migrate_v1_archive_keeps_its_records(tmp_path: Path) -> None:
    """A v1 archive with an article moves to the current version; its FTS index still answers."""
    db = tmp_path / "v1.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    for stmt in _statements(MIGRATIONS[0]):
        conn.execute(stmt)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (rowid, id, title, text, schema, hash, loaded_at, record)"
        " VALUES (5, 'a1', 'Zebra news', 'the zebra crossed', 's/1', 'h', 'now', x'')"
    )
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (5, 'Zebra news', 'the zebra crossed')"
    )
    conn.execute("COMMIT")
    assert migrate(conn) == 1
    assert version(conn) == VERSION
    hashsize = conn.execute("SELECT v FROM articles_fts_config WHERE k = 'hashsize'").fetchone()
    assert hashsize == (64 * 2**20,)
    hits = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zebra'").fetchall()
    assert hits == [(5,)]
    conn.close()
    assert [tuple(r) for r in open_reader(db).execute("SELECT id FROM articles")] == [("a1",)]
