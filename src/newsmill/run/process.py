"""Lazy record processing for library users (``newsmill.process``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsmill.errors import NewsmillError
from newsmill.model import Article, Source, make_id
from newsmill.options import Options
from newsmill.sources.files import Page


def _to_page(rec: Page | bytes | str | dict[str, Any]) -> Page:
    if isinstance(rec, Page):
        return rec
    if isinstance(rec, dict):
        body = rec.get("html") or rec.get("text") or ""
        data = body.encode("utf-8") if isinstance(body, str) else body
        kind = "html" if rec.get("html") else ("text" if rec.get("text") else "auto")
        src = Source(path=rec.get("path"), url=rec.get("url"), record_id=rec.get("id"))
        return Page(data, src, kind=kind, published=rec.get("date"))
    return Page(rec.encode("utf-8") if isinstance(rec, str) else rec)


def process(
    records: Iterable[Page | bytes | str | dict[str, Any]], options: Options, *, batch_size: int = 32
) -> Iterator[Article]:
    from newsmill.extract import extract_page

    batch: list[Article] = []
    for rec in records:
        page = _to_page(rec)
        try:
            batch.append(extract_page(page, Options(**{**_opts(options), "nlp": False})))
        except NewsmillError as exc:
            failed = Article(source=page.source, warnings=[f"error: {exc}"])
            failed.id = make_id(page.source, "", None)
            batch.append(failed)
        if len(batch) >= batch_size:
            yield from _finish(batch, options)
            batch = []
    yield from _finish(batch, options)


def _opts(options: Options) -> dict[str, Any]:
    return {f: getattr(options, f) for f in options.__slots__}


def _finish(batch: list[Article], options: Options) -> Iterator[Article]:
    if options.nlp:
        from newsmill.nlp import annotate

        annotate([a for a in batch if a.text], options)
    yield from batch
