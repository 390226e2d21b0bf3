"""What one ``newsmill run`` does (:class:`RunConfig`) and what it did (:class:`Summary`)."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmill.errors import NewsmillError
from newsmill.options import Options
from newsmill.run.journal import ERRORS, META, RECORDS, Journal
from newsmill.sources.inputs import Item, iter_items
from newsmill.sources.jsonl import JsonlFields


class RunError(NewsmillError):
    """The run cannot start or go on (bad output folder, a worker died, ...)."""


@dataclass(slots=True)
class RunConfig:
    """Everything ``newsmill run`` needs; the CLI only builds this and calls an engine.

    ``chunk``: pages per task (and per NLP batch). ``part_rows``/``part_bytes``: when a part
    file is closed and committed (smaller parts: less redone after a kill, more files).
    """

    inputs: list[str]
    out: Path
    fmt: str = "parquet"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    options: Options = field(default_factory=Options)
    fields: JsonlFields = field(default_factory=JsonlFields)
    engine: str = "local"
    ray_address: str | None = None
    quiet: bool = False
    db: Path | None = None
    chunk: int = 32
    part_rows: int = 50_000
    part_bytes: int = 256_000_000

    def identity(self) -> dict[str, Any]:
        """What must not change between a run and its resumption (output would be mixed)."""
        return {
            "inputs": list(self.inputs),
            "format": self.fmt,
            "options": dataclasses.asdict(self.options),
            "fields": dataclasses.asdict(self.fields),
        }


# The memory check compares a worker's RSS at the end with its RSS after its first 1,000 pages.
RSS_BASELINE = 1000


@dataclass(slots=True)
class Summary:
    """Counts for this attempt (``pages``...) and for the whole output (``total_*``)."""

    pages: int = 0
    skipped: int = 0
    records: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    total_records: int = 0
    total_errors: int = 0
    started: float = field(default_factory=time.perf_counter)
    first: tuple[float, int] | None = None  # (time, pages done) when every worker was ready
    worker_cpu: float = 0.0  # CPU seconds of the workers after their start-up (local engine)
    main_cpu: float = 0.0  # CPU seconds of the main process (reading, journal)
    # Per worker, its RSS (KiB) right after a chunk and the trim: "first" is the first sample at or
    # past RSS_BASELINE pages of that worker, "last" the latest, as (pages done, KiB); "max" the
    # largest sample. Sampled at the same point of every chunk cycle, so it is not noise of where
    # a chunk happened to be (the local engine only).
    worker_rss: dict[int, dict[str, Any]] = field(default_factory=dict)

    def note_rss(self, worker: int, pages: int, kib: int) -> None:
        """Record a worker's RSS after ``pages`` pages (reported by the worker after each chunk)."""
        entry = self.worker_rss.setdefault(worker, {"first": None, "last": None, "max": 0})
        if entry["first"] is None and pages >= RSS_BASELINE:
            entry["first"] = (pages, kib)
        entry["last"] = (pages, kib)
        entry["max"] = max(entry["max"], kib)

    def ready(self) -> None:
        """Mark the end of start-up: every worker has loaded (and warmed up) its pipeline."""
        self.first = (time.perf_counter(), self.pages)

    def steady_rate(self) -> float:
        """Pages/s after start-up (spawning workers, loading the pipeline), 0 if too short to say."""
        if self.first is None or self.pages <= self.first[1]:
            return 0.0
        elapsed = self.started + self.seconds - self.first[0]
        return (self.pages - self.first[1]) / elapsed if elapsed > 0 else 0.0

    def line(self, out: Path) -> str:
        by_stage = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())) or "none"
        rate = self.pages / self.seconds if self.seconds else 0.0
        resumed = f" ({self.skipped} already done)" if self.skipped else ""
        return (
            f"newsmill run: {self.pages} pages in{resumed}, {self.records} records out, "
            f"{sum(self.errors.values())} errors ({by_stage}), {self.seconds:.1f} s, {rate:.1f} pages/s; "
            f"{out} holds {self.total_records} records and {self.total_errors} error rows"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "skipped": self.skipped,
            "records": self.records,
            "errors": dict(self.errors),
            "seconds": round(self.seconds, 3),
            "total_records": self.total_records,
            "total_errors": self.total_errors,
            "worker_rss": {str(w): dict(v) for w, v in sorted(self.worker_rss.items())},
        }


def prepare(config: RunConfig) -> Journal:
    """Open (or start) the output folder: check it is this run's, drop uncommitted parts."""
    out = config.out
    if out.exists() and not out.is_dir():
        raise RunError("exists and is not a folder")
    meta = out / META
    ident_path = meta / "run.json"
    ident = config.identity()
    if ident_path.exists():
        if json.loads(ident_path.read_text(encoding="utf-8")) != json.loads(json.dumps(ident)):
            raise RunError("holds a run with other inputs or settings; use a new --out")
    elif out.exists() and any(out.iterdir()):
        raise RunError("folder is not empty and is not a newsmill run; use a new --out")
    for sub in (meta, out / RECORDS, out / ERRORS):
        sub.mkdir(parents=True, exist_ok=True)
    if not ident_path.exists():
        tmp = ident_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(ident, indent=2), encoding="utf-8")
        os.replace(tmp, ident_path)
    journal = Journal(out).load()
    journal.remove_uncommitted()
    journal.append({"type": "start", "attempt": journal.attempts, "engine": config.engine})
    return journal


def pending(config: RunConfig, journal: Journal, summary: Summary) -> Iterator[Item]:
    """Input items not yet committed, in input order (committed ones counted as skipped)."""
    for item in iter_items(config.inputs, config.options, config.fields):
        if journal.is_done(item.key, item.index):
            summary.skipped += 1
            continue
        yield item


def commit_entry(
    name: str,
    files: tuple[str | None, str | None],
    positions: list[tuple[str, int]],
    records: int,
    errors: Counter[str],
) -> dict[str, Any]:
    """The journal line for one committed part (see :mod:`newsmill.run.journal`)."""
    from newsmill.run.journal import Ranges

    by_key: dict[str, list[int]] = {}
    for key, index in positions:
        by_key.setdefault(key, []).append(index)
    return {
        "type": "commit",
        "name": name,
        "part": files[0],
        "errors_part": files[1],
        "ranges": {k: Ranges.of(v).pairs() for k, v in by_key.items()},
        "records": records,
        "errors": sum(errors.values()),
        "by_stage": dict(errors),
    }


def finish(config: RunConfig, journal: Journal, summary: Summary) -> Summary:
    """Totals from the journal, the ``done`` line and ``summary.json``."""
    summary.seconds = time.perf_counter() - summary.started
    summary.total_records = sum(c["records"] for c in journal.commits)
    summary.total_errors = sum(c["errors"] for c in journal.commits)
    journal.append({"type": "done", **summary.as_dict()})
    journal.close()
    path = config.out / META / "summary.json"
    path.write_text(json.dumps(summary.as_dict(), indent=2), encoding="utf-8")
    return summary
