"""The run journal: which input positions are safely in the output (docs/scaling.md).

``OUT/_newsmill/journal.jsonl`` is append-only. A ``commit`` line is written (one ``write``,
then ``fsync``) only *after* its part files were fsynced and renamed to their final names,
and lists the input positions (per input argument, ``[start, stop)`` ranges of record
indexes) those parts hold. So on restart:

- a position in a commit line is in the output exactly once, and is skipped;
- any other position is redone;
- a part file not named by a commit line (a temp file, or one renamed just before a kill)
  is deleted, so it can never be mistaken for complete;
- a torn last line (killed mid-write) fails to parse and is cut off.
"""

from __future__ import annotations

import bisect
import json
import os
from pathlib import Path
from typing import Any

META = "_newsmill"
RECORDS = "records"
ERRORS = "errors"


class Ranges:
    """A set of non-negative ints stored as sorted, merged ``[start, stop)`` intervals."""

    __slots__ = ("starts", "stops")

    def __init__(self, pairs: list[list[int]] | None = None) -> None:
        self.starts: list[int] = []
        self.stops: list[int] = []
        for a, b in pairs or []:
            self.add(a, b)

    def add(self, start: int, stop: int) -> None:
        i = bisect.bisect_left(self.stops, start)  # first interval that may touch [start, stop)
        j = bisect.bisect_right(self.starts, stop)
        if i < j:
            start, stop = min(start, self.starts[i]), max(stop, self.stops[j - 1])
        self.starts[i:j], self.stops[i:j] = [start], [stop]

    def __contains__(self, x: int) -> bool:
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and x < self.stops[i]

    def pairs(self) -> list[list[int]]:
        return [[a, b] for a, b in zip(self.starts, self.stops, strict=True)]

    def count(self) -> int:
        return sum(b - a for a, b in zip(self.starts, self.stops, strict=True))

    @classmethod
    def of(cls, indexes: list[int]) -> Ranges:
        out = cls()
        for x in sorted(indexes):
            out.add(x, x + 1)
        return out


class Journal:
    """Read the committed state of an output folder and append commits durably."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / META / "journal.jsonl"
        self.done: dict[str, Ranges] = {}
        self.files: set[str] = set()
        self.commits: list[dict[str, Any]] = []
        self.attempts = 0
        self._fd: int | None = None

    def load(self) -> Journal:
        """Read every complete line; cut a torn tail (a kill during the append)."""
        if not self.path.exists():
            return self
        data = self.path.read_bytes()
        good = 0
        for line in data.splitlines(keepends=True):
            try:
                entry = json.loads(line) if line.endswith(b"\n") else None
            except ValueError:
                entry = None
            if not isinstance(entry, dict):
                break
            good += len(line)
            self._apply(entry)
        if good < len(data):
            with open(self.path, "r+b") as fh:
                fh.truncate(good)
        return self

    def _apply(self, entry: dict[str, Any]) -> None:
        if entry.get("type") == "start":
            self.attempts += 1
        elif entry.get("type") == "commit":
            self.commits.append(entry)
            self.files.update(f for f in (entry.get("part"), entry.get("errors_part")) if f)
            for key, pairs in entry["ranges"].items():
                ranges = self.done.setdefault(key, Ranges())
                for a, b in pairs:
                    ranges.add(a, b)

    def is_done(self, key: str, index: int) -> bool:
        ranges = self.done.get(key)
        return ranges is not None and index in ranges

    def append(self, entry: dict[str, Any]) -> None:
        """One line, one write, fsync: a commit is durable before the run goes on."""
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(self._fd)
        self._apply(entry)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove_uncommitted(self) -> int:
        """Delete temp files and parts no commit line names; returns how many."""
        removed = 0
        for sub in (RECORDS, ERRORS):
            folder = self.out / sub
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if f"{sub}/{path.name}" not in self.files:
                    path.unlink()
                    removed += 1
        return removed
