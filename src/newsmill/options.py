"""One options object for every stage, instead of long keyword lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InputFormat = Literal["auto", "html", "text"]


@dataclass(slots=True, frozen=True)
class Options:
    """How to turn a page into a record.

    ``input_format``: ``auto`` sniffs HTML vs flattened text.
    ``nlp``: run entities/quotes/dates after extraction (English only).
    ``model``: spaCy pipeline name or path; None picks the installed small English model.
    ``comments``: keep reader comments (in ``Article.comments``, never in the body).
    ``max_bytes``: larger inputs are truncated to this size with a warning.
    ``timeout``: seconds one page may take in extraction before a best effort is returned.
    """

    input_format: InputFormat = "auto"
    nlp: bool = True
    model: str | None = None
    comments: bool = False
    max_bytes: int = 20_000_000
    timeout: float = 10.0
