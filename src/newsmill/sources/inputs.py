"""Every input form behind one call: :func:`open_inputs` / :func:`iter_items`.

An input argument is a file, a folder (walked recursively, sorted), a glob, or ``-`` for
stdin. Each file is read by its type: loose pages (.html/.htm/.txt, plain or .gz), JSON Lines
(.jsonl/.ndjson), WARC (.warc) or ARC (.arc), gzip or not; a file with another name is
sniffed from its first bytes. Reading is streaming: one record in memory at a time.

:func:`iter_items` also numbers what it yields, per input argument (``key``, ``index``), in
a deterministic order: the batch engine journals these positions to resume exactly. An
archive or JSONL file is numbered by its own path; loose page files by the argument that
named them (a folder of a million pages is one key, not a million).
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsmill.errors import InputError
from newsmill.model import Source
from newsmill.options import Options
from newsmill.sources.files import PAGE_SUFFIXES, Page, expand, read_path
from newsmill.sources.jsonl import JsonlFields, iter_jsonl
from newsmill.sources.warc import iter_arc, iter_warc

WARC_SUFFIXES = (".warc",)
ARC_SUFFIXES = (".arc",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CONTAINER_SUFFIXES = WARC_SUFFIXES + ARC_SUFFIXES + JSONL_SUFFIXES


@dataclass(slots=True)
class Item:
    """One numbered thing read from an input: a page, or the error that replaced it.

    ``nbytes`` is how many bytes of the input files were consumed to produce it (progress/ETA).
    """

    key: str
    index: int
    page: Page | InputError
    nbytes: int = 0


def file_type(path: str, head: bytes = b"") -> str:
    """``warc``, ``arc``, ``jsonl`` or ``page``: by suffix, else by the first bytes."""
    base = path[:-3] if path.endswith(".gz") else path
    for suffixes, kind in ((WARC_SUFFIXES, "warc"), (ARC_SUFFIXES, "arc"), (JSONL_SUFFIXES, "jsonl")):
        if base.lower().endswith(suffixes):
            return kind
    if base.lower().endswith(PAGE_SUFFIXES):
        return "page"
    return sniff_type(head)


def sniff_type(head: bytes) -> str:
    """Container type from the (inflated) first bytes of a stream."""
    start = head.lstrip()[:16]
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"filedesc://"):
        return "arc"
    if start.startswith(b"{"):
        return "jsonl"
    return "page"


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
            if head[:2] == b"\x1f\x8b":
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as gz:
                    return gz.read(512)
            return head
    except (OSError, EOFError):
        return b""


def expand_inputs(inputs: Iterable[str]) -> Iterator[tuple[str, str]]:
    """``(argument, path)`` pairs: folders include archives and JSONL as well as pages."""
    for arg in inputs:
        if arg != "-" and os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs.sort()
                for name in sorted(files):
                    base = name[:-3] if name.endswith(".gz") else name
                    if base.lower().endswith(PAGE_SUFFIXES + CONTAINER_SUFFIXES):
                        yield arg, os.path.join(root, name)
        else:
            for path in expand([arg]):
                yield arg, path


def input_bytes(inputs: Iterable[str]) -> int | None:
    """Total size of the input files (None when reading stdin): the progress bar's 100%."""
    total = 0
    for _arg, path in expand_inputs(inputs):
        if path == "-":
            return None
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
    return total


def _container(kind: str, stream: BinaryIO, name: str, fields: JsonlFields) -> Iterator[Page | InputError]:
    if kind == "warc" and stream.seekable():
        return iter_warc(stream, name)
    if kind in ("warc", "arc"):  # warcio reads unseekable streams (stdin) and ARC
        return iter_arc(_inflate(stream), name, arc=kind == "arc")
    if kind == "arc":
        return iter_arc(_inflate(stream), name)
    return iter_jsonl(_inflate(stream), name, fields)


def _inflate(stream: BinaryIO) -> BinaryIO:
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    if buffered.peek(2)[:2] == b"\x1f\x8b":  # type: ignore[attr-defined]
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    return buffered  # type: ignore[return-value]


def _kind(path: str) -> str:
    """``page`` for a loose page (or a path that cannot be read), else the container type."""
    if not os.path.isfile(path):
        return "page"
    return file_type(path, _head(path))


def _read_container(path: str, kind: str, fields: JsonlFields) -> Iterator[tuple[Page | InputError, int]]:
    # fastwarc needs a seekable file; the file position (tell) is the progress measure.
    with open(path, "rb") as fh:
        seen = 0
        for page in _container(kind, fh, path, fields):
            pos = fh.tell()
            yield page, max(pos - seen, 0)
            seen = pos


def _read_loose(path: str) -> tuple[Page | InputError, int]:
    try:
        return read_path(path), _size(path)
    except InputError as exc:
        return InputError(f"{path}: {exc}"), _size(path)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _read_stdin(fields: JsonlFields) -> Iterator[tuple[Page | InputError, int]]:
    stream = _inflate(sys.stdin.buffer)
    kind = sniff_type(stream.peek(512)[:512]) if hasattr(stream, "peek") else "page"
    if kind == "page":
        data = stream.read()
        yield Page(data, Source(path="<stdin>")), len(data)
        return
    yield from ((page, 0) for page in _container(kind, stream, "<stdin>", fields))


@dataclass(slots=True)
class Shard:
    """A unit of reading: one container file (key = its path), a run of loose page files
    (key = the input argument, ``start`` = the first one's index), or stdin (key ``-``).

    Positions (key, index) are the same whichever engine reads the shard, so a run resumes
    exactly; the Ray engine reads shards in parallel on the cluster.
    """

    key: str
    kind: str
    paths: list[str]
    start: int = 0


# Loose page files per shard: enough to amortise a Ray read task, small enough to spread.
SHARD_FILES = 256


def iter_shards(inputs: Iterable[str]) -> Iterator[Shard]:
    """Shards of the inputs, in input order (folders sorted)."""
    counters: dict[str, int] = {}
    loose: Shard | None = None
    for arg, path in expand_inputs(inputs):
        kind = "stdin" if path == "-" else _kind(path)
        if kind != "page":
            if loose:
                yield loose
                loose = None
            yield Shard(path, kind, [path])
            continue
        index = counters.get(arg, 0)
        counters[arg] = index + 1
        if loose is not None and (loose.key != arg or len(loose.paths) >= SHARD_FILES):
            yield loose
            loose = None
        loose = loose or Shard(arg, "page", [], index)
        loose.paths.append(path)
    if loose:
        yield loose


def read_shard(shard: Shard, fields: JsonlFields | None = None) -> Iterator[Item]:
    """Numbered pages (or read errors) of one shard."""
    fields = fields or JsonlFields()
    if shard.kind == "page":
        for i, path in enumerate(shard.paths):
            page, nbytes = _read_loose(path)
            yield Item(shard.key, shard.start + i, page, nbytes)
        return
    pairs = (
        _read_stdin(fields) if shard.kind == "stdin" else _read_container(shard.paths[0], shard.kind, fields)
    )
    for i, (page, nbytes) in enumerate(pairs):
        yield Item(shard.key, i, page, nbytes)


def iter_items(
    inputs: Iterable[str], options: Options | None = None, fields: JsonlFields | None = None
) -> Iterator[Item]:
    """Every page (or read error) of the inputs, numbered per shard key, in a deterministic order."""
    for shard in iter_shards(inputs):
        yield from read_shard(shard, fields)


def open_inputs(
    inputs: Iterable[str], options: Options | None = None, fields: JsonlFields | None = None
) -> Iterator[Page | InputError]:
    """Pages from files, folders, globs, JSONL, WARC/ARC and stdin; unreadable ones as errors."""
    for item in iter_items(inputs, options, fields):
        yield item.page
