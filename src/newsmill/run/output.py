"""Read a run's output back: only committed parts (the journal's list), never stray files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsmill.model import Article, article_from_dict
from newsmill.run.journal import Journal


def _committed(out: Path, key: str) -> list[Path]:
    journal = Journal(Path(out))
    if not journal.path.exists():
        raise FileNotFoundError(f"{out}: not a newsmill run output (no _newsmill/journal.jsonl)")
    journal.load()
    return [Path(out) / c[key] for c in journal.commits if c.get(key)]


def iter_record_dicts(out: Path | str) -> Iterator[dict[str, Any]]:
    """Every committed record as a JSON-shaped dict (Parquet or JSONL parts)."""
    import pyarrow.parquet as pq

    for path in _committed(Path(out), "part"):
        if path.suffix == ".parquet":
            for batch in pq.ParquetFile(path).iter_batches(batch_size=1000):
                yield from batch.to_pylist()
        else:
            with open(path, encoding="utf-8") as fh:
                yield from (json.loads(line) for line in fh)


def read_records(out: Path | str) -> Iterator[Article]:
    """Every committed record as an :class:`Article`."""
    for row in iter_record_dicts(out):
        yield article_from_dict(row)


def read_errors(out: Path | str) -> Iterator[dict[str, Any]]:
    """Every committed error row."""
    for path in _committed(Path(out), "errors_part"):
        with open(path, encoding="utf-8") as fh:
            yield from (json.loads(line) for line in fh)


def write_db(db: Path, out: Path) -> int:
    """Load the run's records into the archive (``newsmill.store``), if that layer is installed."""
    try:
        from newsmill.store import write_articles
    except ImportError as exc:
        raise ImportError("the archive is not available (newsmill.store.write_articles is missing)") from exc
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        # Dicts, not Articles: write_articles takes the JSON shape as is, and building
        # Articles first cost 6.6 ms per record (store helper's measurement).
        nonlocal count
        for record in iter_record_dicts(out):
            count += 1
            yield record

    write_articles(db, counted())
    return count
