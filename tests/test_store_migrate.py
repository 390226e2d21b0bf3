"""Versioned schema: an empty file migrates to the current version; too-new databases are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsmill.store import StoreError, open_reader, open_writer
from newsmill.store.schema import MIGRATIONS, VERSION, migrate, version


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
