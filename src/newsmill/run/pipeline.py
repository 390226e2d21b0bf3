"""The per-page stages, shared by ``newsmill.process``, the local engine and the Ray engine.

``run_chunk`` takes numbered pages, extracts each (a failure becomes an error row, the chunk
goes on), then runs NLP over the surviving articles as one batch (``nlp.pipe`` inside
:func:`newsmill.nlp.annotate`; the NLP layer caches the spaCy model per process, so each
worker loads it once). The stages are looked up at call time, so the engine picks up the
real extractors and NLP with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsmill.errors import InputError
from newsmill.model import Article
from newsmill.options import Options
from newsmill.sources.inputs import Item

# Error row stages, in pipeline order.
STAGES = ("read", "extract", "nlp")


@dataclass(slots=True)
class ChunkResult:
    """Records and error rows of one chunk; together they cover every item exactly once."""

    articles: list[tuple[Item, Article]] = field(default_factory=list)
    errors: list[tuple[Item, dict[str, Any]]] = field(default_factory=list)


def _one_line(text: str, limit: int = 500) -> str:
    return " ".join(str(text).split())[:limit]


def error_row(item: Item, stage: str, exc: BaseException) -> dict[str, Any]:
    """The error output's row: where the page came from, which stage failed, and why."""
    page = item.page
    name = page.name if not isinstance(page, InputError) else str(page).split(": ", 1)[0]
    return {
        "position": f"{item.key}#{item.index}",
        "input": name,
        "stage": stage,
        "error": type(exc).__name__,
        "message": _one_line(str(exc)),
    }


def run_chunk(items: list[Item], options: Options) -> ChunkResult:
    """Extract every page, then annotate the survivors in one NLP batch."""
    from newsmill.extract import extract_page

    result = ChunkResult()
    for item in items:
        if isinstance(item.page, InputError):
            result.errors.append((item, error_row(item, "read", item.page)))
            continue
        try:
            result.articles.append((item, extract_page(item.page, options)))
        except Exception as exc:  # any failure of one page is that page's error row
            result.errors.append((item, error_row(item, "extract", exc)))
    if options.nlp and result.articles:
        _annotate(result, options)
    return result


def _annotate(result: ChunkResult, options: Options) -> None:
    """NLP over the whole batch; if the batch fails, retry page by page to isolate the culprit."""
    from newsmill.nlp import annotate

    try:
        annotate([a for _, a in result.articles], options)
        return
    except Exception:  # fall through: find which page(s) broke the batch
        pass
    kept: list[tuple[Item, Article]] = []
    for item, article in result.articles:
        try:
            annotate([article], options)
            kept.append((item, article))
        except Exception as exc:
            result.errors.append((item, error_row(item, "nlp", exc)))
    result.articles = kept
