"""Part files: written under a temp name, fsynced, then atomically renamed.

Records go to ``OUT/records/part-*.parquet`` (or ``.jsonl`` with ``--format jsonl``), error
rows to ``OUT/errors/part-*.jsonl``. A part is closed when it reaches ``max_rows`` records or
``max_bytes`` of (in-memory Arrow / JSON) data, so files have a bounded size; Parquet row
groups hold ``ROW_GROUP`` rows so readers can skip through them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsmill.model import Article
from newsmill.run.journal import ERRORS, RECORDS
from newsmill.run.schema import arrow_schema, articles_table

# A row group is flushed at 1,000 rows or 4 MB of Arrow data, whichever comes first. With a
# 1,000-row buffer a worker's RSS grew 29% between page 2,000 and 3,000 of a run (Python dicts
# of records with many removed blocks); Arrow tables per chunk and a 4 MB cap keep it flat
# (docs/benchmarks.md, "Corpus runs").
ROW_GROUP = 1000
GROUP_BYTES = 4_000_000


def _fsync_rename(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    dir_fd = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class PartWriter:
    """One records part (Parquet or JSONL) plus its errors part, committed together."""

    def __init__(self, out: Path, name: str, fmt: str, max_rows: int, max_bytes: int) -> None:
        self.out, self.name, self.fmt = out, name, fmt
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.rows = self.nbytes = 0
        self.errors: list[dict[str, Any]] = []
        self._tables: list[Any] = []
        self._buffered = 0
        self._writer: Any = None
        self._fh: Any = None
        suffix = "parquet" if fmt == "parquet" else "jsonl"
        self.final = out / RECORDS / f"{name}.{suffix}"
        self.tmp = out / RECORDS / f".{name}.{suffix}.tmp"

    @property
    def full(self) -> bool:
        return self.rows >= self.max_rows or self.nbytes >= self.max_bytes

    def write_articles(self, articles: list[Article], errors: list[dict[str, Any]]) -> None:
        """Append records (and the chunk's error rows) to this part."""
        if self.fmt == "jsonl":
            self.errors.extend(errors)
            self.rows += len(articles)
            self._write_jsonl([a.to_dict() for a in articles])
        else:
            self.write_table(articles_table(articles), errors)

    def write_table(self, table: Any, errors: list[dict[str, Any]]) -> None:
        """Records already as an Arrow table (the Ray engine's actors build them)."""
        self.errors.extend(errors)
        if table.num_rows == 0:
            return
        self.rows += table.num_rows
        if self.fmt == "jsonl":
            self._write_jsonl(table.to_pylist())
            return
        self._tables.append(table)
        self._buffered += table.nbytes
        if self._buffered >= GROUP_BYTES or sum(t.num_rows for t in self._tables) >= ROW_GROUP:
            self._flush_group()

    def _write_jsonl(self, rows: list[dict[str, Any]]) -> None:
        if self._fh is None:
            self._fh = open(self.tmp, "w", encoding="utf-8")  # noqa: SIM115 - closed in commit()
        for row in rows:
            line = json.dumps(row, ensure_ascii=False) + "\n"
            self._fh.write(line)
            self.nbytes += len(line)

    def _flush_group(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._tables:
            return
        table = pa.concat_tables(self._tables)
        self._tables, self._buffered = [], 0
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.tmp, arrow_schema(), compression="zstd")
        self._writer.write_table(table, row_group_size=ROW_GROUP)
        self.nbytes += table.nbytes

    def commit(self) -> tuple[str | None, str | None]:
        """Close, fsync and rename; returns the (records, errors) paths relative to OUT."""
        records = errors = None
        if self.fmt == "parquet":
            self._flush_group()
            if self._writer is not None:
                self._writer.close()
        elif self._fh is not None:
            self._fh.close()
        if self.rows:
            _fsync_rename(self.tmp, self.final)
            records = f"{RECORDS}/{self.final.name}"
        if self.errors:
            final = self.out / ERRORS / f"{self.name}.jsonl"
            tmp = final.with_name(f".{final.name}.tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in self.errors)
            _fsync_rename(tmp, final)
            errors = f"{ERRORS}/{final.name}"
        return records, errors
