"""HTML -> article (main content, structure, metadata)."""

from __future__ import annotations

from newsmill.errors import ExtractionError
from newsmill.model import Article, Source
from newsmill.options import Options


def extract_html(html: str, source: Source, options: Options) -> Article:
    raise ExtractionError("HTML extraction is not available yet")
