"""Loading is idempotent; newer versions replace older ones; bad input is reported, not fatal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsmill.model import article_from_dict
from newsmill.store import entities, get_article, load_paths, open_reader, speakers, write_articles
from serve_client import FIXTURE, build_db, by_title, fixture_records

TABLES = ("articles", "paragraphs", "removed", "entities", "mentions", "quotes", "quotes_fts", "articles_fts")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as c:
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_store_load_same_records_twice_changes_nothing(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    before = counts(db)
    with sqlite3.connect(db) as c:
        rowids = c.execute("SELECT rowid, id, loaded_at FROM articles ORDER BY rowid").fetchall()
    stats = load_paths(db, [FIXTURE])
    assert (stats.read, stats.unchanged, stats.inserted, stats.replaced) == (5, 5, 0, 0)
    assert counts(db) == before
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT rowid, id, loaded_at FROM articles ORDER BY rowid").fetchall() == rowids
    assert before["quotes"] == 10 and before["articles"] == 5


def test_store_load_roundtrips_every_record_exactly(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    conn = open_reader(db)
    for rec in fixture_records():
        got = get_article(conn, rec["id"])
        assert got == rec
        assert list(got) == list(rec)  # field order kept too
        article_from_dict(got)  # still a valid record


def test_store_load_reads_paragraph_rows_of_older_archives(tmp_path: Path) -> None:
    """Articles loaded before spans moved into the record kept them in the paragraphs table."""
    import zlib

    from newsmill.store.pack import SPANS

    db = build_db(tmp_path)
    rec = fixture_records()[0]
    with sqlite3.connect(db) as c:
        rowid, blob = c.execute("SELECT rowid, record FROM articles WHERE id = ?", (rec["id"],)).fetchone()
        stored = json.loads(zlib.decompress(blob))
        spans = stored.pop(SPANS)
        assert [list(s) for s in spans] == [[p["kind"], p["start"], p["end"]] for p in rec["paragraphs"]]
        old = zlib.compress(json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode())
        c.execute("UPDATE articles SET record = ? WHERE rowid = ?", (old, rowid))
        c.executemany(
            'INSERT INTO paragraphs (article, idx, kind, start, "end") VALUES (?,?,?,?,?)',
            [(rowid, i, k, s, e) for i, (k, s, e) in enumerate(spans)],
        )
    assert get_article(open_reader(db), rec["id"]) == rec
    assert load_paths(db, [FIXTURE]).unchanged == 5  # same digest as before the move


def test_store_load_parquet_equals_jsonl(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = fixture_records()
    folder = tmp_path / "out"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(recs[:3]), folder / "part-0.parquet")
    pq.write_table(pa.Table.from_pylist(recs[3:]), folder / "part-1.parquet")
    db = tmp_path / "pq.db"
    first = load_paths(db, [folder])
    assert first.inserted == 5 and not first.failed
    conn = open_reader(db)
    for rec in recs:
        assert get_article(conn, rec["id"])["quotes"] == rec["quotes"]
    again = load_paths(db, [FIXTURE])  # same records as JSONL: recognised as unchanged
    assert again.unchanged == 5 and again.inserted == again.replaced == 0


def test_store_load_newer_version_replaces_older(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    recs = fixture_records()
    edited = by_title(recs, "Pompeo")
    edited["title"] = "Pompeo lands in Pyongyang"
    edited["quotes"] = edited["quotes"][:1]
    edited["entities"] = [e for e in edited["entities"] if e["name"] != "Singapore"]
    stats = write_articles(db, [edited])
    assert (stats.replaced, stats.inserted) == (1, 0)
    assert counts(db)["articles"] == 5 and counts(db)["quotes"] == 10 - 3
    conn = open_reader(db)
    assert get_article(conn, edited["id"])["title"] == "Pompeo lands in Pyongyang"
    # the speaker/entity summaries follow the replacement
    names = {s["name"]: s["quotes"] for s in speakers(conn)["items"]}
    assert "Mike Pompeo" not in names and names["Heather Nauert"] == 3 and names["officials"] == 1
    assert entities(conn, q="Singapore")["items"] == []
    assert entities(conn, q="Mike Pompeo")["items"] == [
        {"name": "Mike Pompeo", "type": "person", "articles": 1, "mentions": 3}
    ]


def test_store_load_same_url_new_id_replaces(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    recrawl = by_title(fixture_records(), "weigh")
    old_id = recrawl["id"]
    recrawl["id"] = "recrawled0000000000"
    recrawl["text"] = recrawl["text"].replace("under review", "being drafted")
    stats = write_articles(db, [recrawl])
    assert stats.replaced == 1
    conn = open_reader(db)
    assert get_article(conn, old_id) is None
    assert "being drafted" in get_article(conn, "recrawled0000000000")["text"]
    assert counts(db)["articles"] == 5


def test_store_load_older_schema_does_not_replace(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    rec = fixture_records()[0]
    newer = dict(rec, schema="newsmill.article/2", title="v2 title")
    assert write_articles(db, [newer]).replaced == 1
    older = dict(rec, title="v1 edit")
    stats = write_articles(db, [older])
    assert stats.older == 1 and stats.replaced == 0
    assert get_article(open_reader(db), rec["id"])["title"] == "v2 title"


def test_store_load_accepts_article_objects(tmp_path: Path) -> None:
    arts = [article_from_dict(r) for r in fixture_records()]
    stats = write_articles(tmp_path / "a.db", arts)
    assert stats.inserted == 5
    assert write_articles(tmp_path / "a.db", arts).unchanged == 5


def test_store_load_bad_input_is_reported_and_the_rest_loaded(tmp_path: Path) -> None:
    recs = fixture_records()
    broken = dict(recs[1], id="broken", paragraphs=[{"kind": "paragraph"}])  # no offsets
    lines = [
        json.dumps(recs[0]),
        "{not json",
        "[1, 2]",
        json.dumps({"title": "no id"}),
        json.dumps(broken),
        json.dumps(recs[2]),
    ]
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    stats = load_paths(tmp_path / "m.db", [src, tmp_path / "missing.jsonl", tmp_path / "bad.parquet"])
    assert stats.inserted == 2
    assert stats.failed == 6
    text = "\n".join(stats.errors)
    assert "mixed.jsonl:2: not JSON" in text and "mixed.jsonl:3: not a JSON object" in text
    assert "missing.jsonl: no such file" in text and "bad.parquet: not a readable Parquet file" in text
    assert "broken" in text
    n = counts(tmp_path / "m.db")
    assert n["articles"] == 2
    assert n["quotes"] == len(recs[0]["quotes"]) + len(recs[2]["quotes"])  # nothing left of "broken"


def test_store_load_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsmill.cli import main

    db = tmp_path / "cli.db"
    assert main(["load", str(FIXTURE), "--db", str(db)]) == 0
    assert "inserted 5" in capsys.readouterr().err
    assert main(["load", str(FIXTURE.parent), "--db", str(db)]) == 0
    assert "unchanged 5" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "nope.jsonl"), "--db", str(db)]) == 1
    assert "nope.jsonl: no such file or folder" in capsys.readouterr().err
    assert main(["load", str(FIXTURE), "--db", str(tmp_path / "no" / "dir.db")]) == 1
    assert "folder does not exist" in capsys.readouterr().err


def test_store_load_full_text_index_follows_replacements(tmp_path: Path) -> None:
    from newsmill.store import SearchParams, search

    db = build_db(tmp_path)
    recs = fixture_records()
    first = dict(recs[4], title="Officials weigh zebra sanctions")
    second = dict(recs[4], title="Officials weigh yak sanctions")  # same id again, in the same batch
    other = dict(recs[0], text=recs[0]["text"].replace("WASHINGTON", "GENEVA"), paragraphs=[])
    stats = write_articles(db, [first, second, other])
    assert stats.replaced == 3
    with sqlite3.connect(db) as c:  # FTS5 checks its index against the articles table
        c.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        c.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
    conn = open_reader(db)
    assert search(conn, SearchParams(q="zebra"))["items"] == []
    assert [i["id"] for i in search(conn, SearchParams(q="yak"))["items"]] == [recs[4]["id"]]
    assert search(conn, SearchParams(q="WASHINGTON"))["items"] == []
    assert [i["id"] for i in search(conn, SearchParams(q="GENEVA"))["items"]] == [recs[0]["id"]]
