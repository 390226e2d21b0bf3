"""JSON Lines: one page per line, field names configurable (``--html-field`` etc.)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from newsmill.errors import InputError
from newsmill.model import Source
from newsmill.sources.files import Page


@dataclass(slots=True, frozen=True)
class JsonlFields:
    """Which keys of a JSONL object hold the page, its URL, date and id.

    ``html`` wins over ``text`` when a line has both. Dotted names reach into nested
    objects (``meta.url``).
    """

    html: str = "html"
    text: str = "text"
    url: str = "url"
    date: str = "date"
    id: str = "id"


def _get(obj: dict[str, Any], key: str) -> Any:
    cur: Any = obj
    for part in key.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def jsonl_page(line: bytes, fields: JsonlFields, name: str, lineno: int) -> Page | InputError:
    """One JSONL line -> Page, or an InputError naming the file and line."""
    where = f"{name}:{lineno}"
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return InputError(f"{where}: not JSON ({exc.__class__.__name__}: {exc})")
    if not isinstance(obj, dict):
        return InputError(f"{where}: a JSON object was expected")
    html, text = _get(obj, fields.html), _get(obj, fields.text)
    body, kind = (html, "html") if html else (text, "text")
    if not isinstance(body, str) or not body:
        return InputError(f"{where}: no '{fields.html}' or '{fields.text}' string field")
    source = Source(path=name, url=_str(_get(obj, fields.url)), record_id=_str(_get(obj, fields.id)))
    if source.record_id is None:
        source.record_id = f"line:{lineno}"  # keeps ids distinct for identical lines
    return Page(
        body.encode("utf-8", "surrogatepass"),
        source,
        kind=kind,
        charset="utf-8",
        published=_str(_get(obj, fields.date)),
    )


def iter_jsonl(stream: BinaryIO, name: str, fields: JsonlFields) -> Iterator[Page | InputError]:
    """Pages of a JSONL stream; blank lines are skipped, bad lines become errors."""
    for lineno, line in enumerate(stream, 1):
        if line.strip():
            yield jsonl_page(line, fields, name, lineno)
