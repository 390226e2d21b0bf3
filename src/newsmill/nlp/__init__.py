"""Article -> who said what: entities, quotes, dates (English, spaCy)."""

from __future__ import annotations

from newsmill.model import Article
from newsmill.options import Options


def annotate(articles: list[Article], options: Options) -> None:
    """Fill ``entities``, ``quotes`` and ``dates`` on each article, in place.

    Placeholder until the NLP layer lands: records a warning instead of guessing.
    """
    for article in articles:
        article.warnings.append("nlp: not available yet")
