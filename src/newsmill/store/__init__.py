"""The archive: an embedded SQLite store with FTS5 over article and quote text.

``newsmill load`` and ``newsmill run --db`` write through :func:`write_articles` /
:func:`load_paths`; ``newsmill serve`` reads through the query functions. See
docs/store.md for the schema, the idempotent-load rule and the measurements.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsmill.model import Article
from newsmill.store.db import StoreError, open_reader, open_writer
from newsmill.store.people import entities, speaker, speaker_quotes, speakers, stats
from newsmill.store.query import QueryError, SearchParams, get_article, search, split_snippet
from newsmill.store.read import iter_records
from newsmill.store.write import LoadStats, write_records

__all__ = [
    "LoadStats",
    "QueryError",
    "SearchParams",
    "StoreError",
    "entities",
    "get_article",
    "load_paths",
    "open_reader",
    "open_writer",
    "search",
    "speaker",
    "speaker_quotes",
    "speakers",
    "split_snippet",
    "stats",
    "write_articles",
]


def write_articles(db_path: str | Path, articles: Iterable[Article | dict[str, Any]]) -> LoadStats:
    """Store records (``Article`` objects or their dicts) idempotently; returns what happened.

    Called by ``newsmill run ... --db``. See :mod:`newsmill.store.write` for the rule
    deciding when a record replaces a stored one.
    """
    return write_records(db_path, articles)


def load_paths(db_path: str | Path, paths: Iterable[str | Path]) -> LoadStats:
    """Load ``run``/``extract`` output (JSONL files, Parquet files or folders) into the archive.

    Unreadable files and malformed lines are counted in ``failed`` and described in
    ``errors``; everything else is loaded.
    """
    problems: list[str] = []
    stats_ = write_records(db_path, iter_records(paths, problems.append))
    stats_.failed += len(problems)
    stats_.errors = (problems + stats_.errors)[:20]
    return stats_
