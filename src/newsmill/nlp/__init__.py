"""Article -> who said what: entities, quotes, dates (English, spaCy).

``annotate`` parses the articles with one spaCy pipeline per process (batched through
``nlp.pipe``) and adds, in place: ``entities`` (:mod:`.entities`), ``quotes`` with
speakers (:mod:`.quotes`, :mod:`.speakers`) and ``dates`` (:mod:`.timex`). Every offset
indexes ``Article.text``. Non-English articles are skipped with a warning.
"""

from __future__ import annotations

import re
from typing import Any

from newsmill.model import Article, Quote, Span, TimeExpr
from newsmill.nlp import entities as _entities
from newsmill.nlp import quotes as _quotes
from newsmill.nlp import speakers as _speakers
from newsmill.nlp import timex as _timex
from newsmill.nlp.pipeline import ModelError, load
from newsmill.options import Options

__all__ = ["annotate", "annotate_doc", "ModelError"]

# "just hours", "three years": a length of time, not when something was said.
_DURATION = re.compile(
    r"^(?:just |about |some |several |a few |the past |the last )?(?:\w+ )?(?:hours|minutes|days|weeks|months|years)$",
    re.I,
)
# spaCy's own default batch size for nlp.pipe; articles are long, so keep it modest.
_BATCH = 16


def _language(article: Article) -> str | None:
    if article.language:
        return article.language
    from newsmill.extract.language import detect_language

    return detect_language(article.text)


def _when(dates: list[TimeExpr], att: _quotes.Attribution, doc: Any) -> TimeExpr | None:
    """The time expression of the cue's sentence that is not part of the content."""
    if att.cue is None:
        return None
    span = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    if span is None:
        return None
    sent = span.sent
    cands = [
        d
        for d in dates
        if sent.start_char <= d.start < sent.end_char
        and not (att.start <= d.start < att.end)
        and not _DURATION.match(d.text)
    ]
    return min(cands, key=lambda d: abs(d.start - att.cue[0]), default=None)


def annotate_doc(article: Article, doc: Any) -> None:
    """Fill one article's ``entities``, ``quotes`` and ``dates`` from its parsed ``doc``."""
    doc.user_data["newsmill.text"] = article.text  # == doc.text, without spaCy rebuilding it
    index = _entities.extract(doc)
    dates = _timex.extract(doc, article.published)
    atts = _quotes.extract(doc)
    speakers = _speakers.resolve(doc, atts, index)
    text = article.text
    quotes = []
    for att, speaker in zip(atts, speakers, strict=True):
        cue = Span(text[att.cue[0] : att.cue[1]], *att.cue) if att.cue else None
        quote = Quote(text[att.start : att.end], att.start, att.end, att.kind, cue, speaker)  # type: ignore[arg-type]
        quote.when = _when(dates, att, doc)
        quotes.append(quote)
    article.entities = index.entities
    article.quotes = quotes
    article.dates = dates


def annotate(articles: list[Article], options: Options) -> None:
    """Fill ``entities``, ``quotes`` and ``dates`` on each English article, in place.

    Other languages get a warning and no NLP fields (never a guess). A missing model
    is a warning on every article, not a crash: extraction results are kept.
    """
    todo = []
    for article in articles:
        lang = _language(article)
        if lang is not None and lang != "en":
            article.warnings.append(f"nlp: skipped, language {lang} is not English")
        elif article.text.strip():
            todo.append(article)
    if not todo:
        return
    try:
        nlp = load(options.model)
    except ModelError as exc:
        for article in todo:
            article.warnings.append(str(exc))
        return
    # spaCy refuses texts over nlp.max_length (1,000,000 chars by default): keep the run going.
    for article in [a for a in todo if len(a.text) > nlp.max_length]:
        article.warnings.append(f"nlp: skipped, text longer than {nlp.max_length} characters")
    todo = [a for a in todo if len(a.text) <= nlp.max_length]
    for article, doc in zip(todo, nlp.pipe((a.text for a in todo), batch_size=_BATCH), strict=True):
        try:
            annotate_doc(article, doc)
        except Exception as exc:  # noqa: BLE001 - one odd article must not stop a corpus run
            article.warnings.append(f"nlp: failed on this article: {type(exc).__name__}: {exc}")
