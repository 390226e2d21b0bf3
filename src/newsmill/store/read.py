"""Reading ``newsmill run`` / ``newsmill extract --jsonl`` output: JSONL and Parquet.

Rows become plain dicts in the record's JSON shape. They are not round-tripped
through :func:`newsmill.model.article_from_dict`: that costs 6.6 ms per record
(measured on 20 ScrapingHub pages with ~130 removed blocks each), which alone would
cap loading at ~150 records/s against a 1,000/s target. The writer checks the few
fields it relies on and reports a malformed record as an error instead.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from newsmill.model import SCHEMA

OnError = Callable[[str], None]
_PARQUET = (".parquet", ".pq")
_JSONL = (".jsonl", ".json", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")


def expand_outputs(paths: Iterable[str | Path], on_error: OnError) -> Iterator[Path]:
    """Files as given; folders searched recursively for Parquet and JSONL files (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # A `newsmill run` output folder: only records/ holds records (errors/ holds error
            # rows, _newsmill/ the run's journal and settings).
            if (path / "_newsmill").is_dir() and (path / "records").is_dir():
                path = path / "records"
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.name.lower().endswith(_PARQUET + _JSONL)
                and not any(part.startswith(("_", ".")) for part in p.relative_to(path).parts)
            )
            if not found:
                on_error(f"{path}: no .parquet or .jsonl files in this folder")
            yield from found
        elif path.is_file():
            yield path
        else:
            on_error(f"{path}: no such file or folder")


def _fill(record: dict[str, Any]) -> dict[str, Any]:
    """Give rows from older writers or sparse Parquet the fields a record always has."""
    record.setdefault("schema", SCHEMA)
    return record


def iter_jsonl(path: Path, on_error: OnError) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                on_error(f"{path}:{n}: not JSON ({exc.msg})")
                continue
            if not isinstance(rec, dict):
                on_error(f"{path}:{n}: not a JSON object")
                continue
            yield _fill(rec)


def iter_parquet(path: Path, on_error: OnError, batch_rows: int = 512) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several unrelated types for bad files
        on_error(f"{path}: not a readable Parquet file ({exc})")
        return
    for batch in pf.iter_batches(batch_size=batch_rows):
        for rec in batch.to_pylist():
            yield _fill(rec)


def _kind(path: Path) -> str:
    """'parquet', 'jsonl' or '' -- by suffix, else by the first bytes."""
    name = path.name.lower()
    if name.endswith(_PARQUET):
        return "parquet"
    if name.endswith(_JSONL):
        return "jsonl"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return ""
    if head == b"PAR1":
        return "parquet"
    return "jsonl" if head[:1] == b"{" else ""


def iter_records(paths: Iterable[str | Path], on_error: OnError) -> Iterator[dict[str, Any]]:
    """Every record in the given outputs, in order; problems go to ``on_error``."""
    for path in expand_outputs(paths, on_error):
        kind = _kind(path)
        try:
            if kind == "parquet":
                yield from iter_parquet(path, on_error)
            elif kind == "jsonl":
                yield from iter_jsonl(path, on_error)
            else:
                on_error(f"{path}: neither Parquet nor JSONL")
        except OSError as exc:
            on_error(f"{path}: {exc.strerror or exc}")
