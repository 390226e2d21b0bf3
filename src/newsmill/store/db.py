"""Opening the archive: one writer (WAL, migrated) or any number of read-only readers."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from newsmill.store.schema import SchemaError, migrate, version


class StoreError(Exception):
    """The archive cannot be opened or used (missing, not a newsmill database, too new)."""


def open_writer(db_path: str | Path) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the archive for loading.

    WAL lets readers (``newsmill serve``) keep answering while a load commits;
    ``synchronous=NORMAL`` is the WAL-safe setting (a power cut may lose the last
    transaction, never corrupt the file).
    """
    path = Path(db_path)
    if path.parent and not path.parent.exists():
        raise StoreError(f"{db_path}: folder does not exist")
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache for bulk loads
        migrate(conn)
    except (sqlite3.DatabaseError, SchemaError) as exc:
        conn.close()
        raise StoreError(f"{db_path}: {exc}") from exc
    return conn


def open_reader(db_path: str | Path) -> sqlite3.Connection:
    """Open the archive read-only (``mode=ro`` URI): serving can never write to it."""
    path = Path(db_path)
    if not path.is_file():
        raise StoreError(f"{db_path}: no such database (create it with `newsmill load`)")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
    try:
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA cache_size=-32768")
        have = version(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{db_path}: not a newsmill database ({exc})") from exc
    from newsmill.store.schema import VERSION

    if have != VERSION:
        conn.close()
        raise StoreError(
            f"{db_path}: schema v{have}, this newsmill reads v{VERSION} (run `newsmill load` to migrate)"
        )
    conn.row_factory = sqlite3.Row
    return conn
