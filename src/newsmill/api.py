"""The public library calls: ``extract``, ``analyze``, ``process``.

They only compose the stages (sources -> extract -> nlp); the CLI, the batch engine
and the web app call these and nothing deeper.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsmill.extract import extract_page
from newsmill.model import Article, Source, make_id
from newsmill.options import Options
from newsmill.sources.files import Page


def _as_page(page: bytes | str | Page, url: str | None, path: str | None) -> Page:
    if isinstance(page, Page):
        return page
    data = page.encode("utf-8") if isinstance(page, str) else page
    return Page(data, Source(path=path, url=url))


def extract(
    page: bytes | str | Page,
    *,
    url: str | None = None,
    path: str | None = None,
    options: Options | None = None,
) -> Article:
    """One raw page (HTML or flattened text, bytes or str) -> article record.

    Raises :class:`newsmill.errors.InputError` for input that is not a page
    (empty, binary, undecodable) and :class:`~newsmill.errors.ExtractionError`
    when extraction fails.
    """
    options = options or Options()
    article = extract_page(_as_page(page, url, path), options)
    if options.nlp:
        from newsmill.nlp import annotate

        annotate([article], options)
    return article


def article_from_text(text: str, *, published: str | None = None, source: Source | None = None) -> Article:
    """Wrap already-clean article text in a record; paragraphs split on blank lines.

    Offsets index ``text`` exactly as given (nothing is stripped or re-joined).
    """
    from newsmill.extract.text import split_paragraphs

    source = source or Source()
    article = Article(source=source, text=text, paragraphs=split_paragraphs(text), published=published)
    article.id = make_id(source, text)
    return article


def analyze(
    text: str,
    *,
    published: str | None = None,
    source: Source | None = None,
    options: Options | None = None,
) -> Article:
    """Clean article text -> record with ``entities``, ``quotes`` and ``dates``.

    Every offset in the result indexes ``text`` exactly.
    """
    from newsmill.nlp import annotate

    article = article_from_text(text, published=published, source=source)
    annotate([article], options or Options())
    return article


def process(
    records: Iterable[Page | bytes | str | dict[str, Any]],
    options: Options | None = None,
    *,
    batch_size: int = 32,
) -> Iterator[Article]:
    """Lazily turn many pages into records, NLP batched through ``nlp.pipe``.

    A page that fails yields an ``Article`` whose ``warnings`` start with ``error:``
    and whose text is empty, so the caller sees every input exactly once.
    """
    from newsmill.run.process import process as _process

    return _process(records, options or Options(), batch_size=batch_size)
