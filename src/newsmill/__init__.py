"""newsmill: raw news pages -> clean, structured, attributed article records."""

from newsmill.api import analyze, extract, process
from newsmill.errors import ExtractionError, InputError, NewsmillError
from newsmill.model import (
    SCHEMA,
    Article,
    Entity,
    Mention,
    Paragraph,
    Quote,
    Removed,
    Source,
    Span,
    Speaker,
    TimeExpr,
)
from newsmill.options import Options
from newsmill.sources.files import Page

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Article",
    "Entity",
    "ExtractionError",
    "InputError",
    "Mention",
    "NewsmillError",
    "Options",
    "Page",
    "Paragraph",
    "Quote",
    "Removed",
    "Source",
    "Span",
    "Speaker",
    "TimeExpr",
    "__version__",
    "analyze",
    "extract",
    "process",
]
