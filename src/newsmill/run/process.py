"""Lazy record processing for library users (``newsmill.process``).

Records are pulled from the iterable ``batch_size`` at a time (bounded memory), extracted,
annotated in one NLP batch, and yielded in input order. A page that fails yields a record
whose ``warnings`` start with ``error:`` and whose text is empty, so the caller sees every
input exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from newsmill.errors import InputError
from newsmill.model import Article, Source, make_id
from newsmill.options import Options
from newsmill.run.pipeline import run_chunk
from newsmill.sources.files import Page
from newsmill.sources.inputs import Item
from newsmill.sources.jsonl import JsonlFields

_FIELDS = JsonlFields()


def to_page(rec: Page | bytes | str | dict[str, Any], fields: JsonlFields = _FIELDS) -> Page | InputError:
    """A Page, raw bytes/str, or a dict with html/text/url/date/id keys -> Page."""
    if isinstance(rec, Page):
        return rec
    if isinstance(rec, dict):
        html, text = rec.get(fields.html), rec.get(fields.text)
        body, kind = (html, "html") if html else (text, "text")
        if not body:
            return InputError(f"record has no '{fields.html}' or '{fields.text}' field")
        data = body.encode("utf-8") if isinstance(body, str) else body
        src = Source(path=rec.get("path"), url=rec.get(fields.url), record_id=_opt(rec.get(fields.id)))
        return Page(data, src, kind=kind, published=_opt(rec.get(fields.date)))
    if isinstance(rec, str | bytes):
        return Page(rec.encode("utf-8") if isinstance(rec, str) else rec)
    return InputError(f"cannot process a {type(rec).__name__}")


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def _failed(item: Item, row: dict[str, Any]) -> Article:
    page = item.page
    source = page.source if isinstance(page, Page) else Source()
    article = Article(source=source, warnings=[f"error: {row['stage']}: {row['error']}: {row['message']}"])
    article.id = make_id(source, f"error at input #{item.index}", None)  # distinct per failed input
    return article


def process(
    records: Iterable[Page | bytes | str | dict[str, Any]], options: Options, *, batch_size: int = 32
) -> Iterator[Article]:
    """Yield one record per input, in order, ``batch_size`` pages per NLP batch."""
    numbered = (Item("records", i, to_page(rec)) for i, rec in enumerate(records))
    while batch := list(islice(numbered, max(1, batch_size))):
        result = run_chunk(batch, options)
        done: dict[int, Article] = {item.index: a for item, a in result.articles}
        done.update({item.index: _failed(item, row) for item, row in result.errors})
        for item in batch:
            yield done[item.index]
