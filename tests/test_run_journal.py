"""The journal: merged ranges, torn last line cut off, uncommitted parts deleted."""

from __future__ import annotations

from pathlib import Path

from newsmill.run.journal import Journal, Ranges


def test_run_journal_ranges_merge() -> None:
    r = Ranges()
    for a, b in [(10, 20), (0, 5), (5, 10), (30, 31), (25, 35), (40, 41)]:
        r.add(a, b)
    assert r.pairs() == [[0, 20], [25, 35], [40, 41]]
    assert 19 in r and 20 not in r and 24 not in r and 40 in r
    assert r.count() == 20 + 10 + 1
    assert Ranges.of([3, 1, 2, 7]).pairs() == [[1, 4], [7, 8]]


def test_run_journal_torn_line_and_orphans(tmp_path: Path) -> None:
    for sub in ("records", "errors"):
        (tmp_path / sub).mkdir()
    j = Journal(tmp_path)
    j.append({"type": "start"})
    j.append(
        {
            "type": "commit",
            "part": "records/p1.parquet",
            "errors_part": None,
            "ranges": {"in": [[0, 10]]},
            "records": 10,
            "errors": 0,
        }
    )
    j.close()
    with open(j.path, "ab") as fh:  # a kill in the middle of the next append
        fh.write(b'{"type": "commit", "part": "records/p2.parq')
    for name in ("p1.parquet", "p2.parquet", ".p3.parquet.tmp"):
        (tmp_path / "records" / name).write_bytes(b"x")
    loaded = Journal(tmp_path).load()
    assert loaded.attempts == 1 and loaded.is_done("in", 9) and not loaded.is_done("in", 10)
    assert j.path.read_bytes().endswith(b']]}, "records": 10, "errors": 0}\n')
    assert loaded.remove_uncommitted() == 2
    assert [p.name for p in (tmp_path / "records").iterdir()] == ["p1.parquet"]
