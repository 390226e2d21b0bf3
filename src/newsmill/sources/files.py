"""Files, folders, globs, gzip and stdin."""

from __future__ import annotations

import glob
import gzip
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsmill.errors import InputError
from newsmill.model import Source

PAGE_SUFFIXES = (".html", ".htm", ".txt", ".xhtml", ".shtml")
# Gzip bombs: never inflate more than this from one file (matches Options.max_bytes' default x5).
MAX_INFLATE = 100_000_000


@dataclass(slots=True)
class Page:
    """Raw bytes of one page plus what the reader knows about it."""

    data: bytes
    source: Source = field(default_factory=Source)
    kind: str = "auto"  # "auto", "html" or "text"
    charset: str | None = None  # declared by the transport (HTTP header, JSONL field)
    published: str | None = None  # a date hint from the container (crawl metadata)

    @property
    def name(self) -> str:
        return self.source.path or self.source.url or self.source.record_id or "<page>"


def _kind_for(name: str) -> str:
    base = name[:-3] if name.endswith(".gz") else name
    if base.endswith(".txt"):
        return "text"
    if base.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return "html"
    return "auto"


def read_path(path: str) -> Page:
    """Read one file (gzip transparently) into a :class:`Page`; ``-`` is stdin."""
    if path == "-":
        return Page(sys.stdin.buffer.read(), Source(path="<stdin>"))
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or directory")
    if p.is_dir():
        raise InputError("is a directory")
    try:
        if path.endswith(".gz"):
            with gzip.open(p, "rb") as fh:
                data = fh.read(MAX_INFLATE + 1)
            if len(data) > MAX_INFLATE:
                raise InputError(f"decompresses to more than {MAX_INFLATE} bytes")
        else:
            data = p.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read: {exc}") from exc
    return Page(data, Source(path=str(path)), kind=_kind_for(path))


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Expand folders (recursively, page suffixes only, sorted) and globs; keep others as given.

    A path that does not exist is yielded unchanged so the caller can report it.
    """
    for item in inputs:
        if item == "-":
            yield item
        elif os.path.isdir(item):
            for root, dirs, files in os.walk(item):
                dirs.sort()
                for name in sorted(files):
                    base = name[:-3] if name.endswith(".gz") else name
                    if base.endswith(PAGE_SUFFIXES):
                        yield os.path.join(root, name)
        elif not os.path.exists(item) and glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            yield from matches if matches else [item]
        else:
            yield item


def iter_pages(inputs: Iterable[str]) -> Iterator[Page | tuple[str, InputError]]:
    """Yield a Page per input file, or ``(name, error)`` for one that cannot be read."""
    for path in expand(inputs):
        try:
            yield read_path(path)
        except InputError as exc:
            yield (path, exc)
