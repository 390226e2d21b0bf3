"""Readers keep answering, with consistent results, while a load commits (WAL)."""

from __future__ import annotations

import threading
from pathlib import Path

from newsmill.store import SearchParams, open_reader, search, write_articles
from serve_client import build_db, fixture_records


def test_store_concurrent_reads_during_load(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    base = fixture_records()
    extra = []
    for i in range(400):
        rec = dict(base[i % len(base)], id=f"copy{i:04d}")
        rec["source"] = {**rec["source"], "url": f"https://copy.example/{i}"}
        extra.append(rec)
    result = {}

    def load() -> None:
        result["stats"] = write_articles(db, extra)

    writer = threading.Thread(target=load)
    conn = open_reader(db)
    seen = []
    writer.start()
    while writer.is_alive() or len(seen) < 3:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        hits = search(conn, SearchParams(q="sanctions", limit=100))["items"]
        assert len(hits) >= 4
        # a reader never sees an article without its quotes (each batch commits whole records)
        orphans = conn.execute(
            "SELECT count(*) FROM quotes q LEFT JOIN articles a ON a.rowid = q.article WHERE a.rowid IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        seen.append(n)
    writer.join()
    assert result["stats"].inserted == 400
    assert seen == sorted(seen) and seen[0] >= 5
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 405
