"""The article record: one versioned schema shared by every stage.

Every stage of newsmill (extract, nlp, run, store, serve) reads and writes these
objects. They are plain slotted dataclasses so they are cheap to build in hot
loops, and :func:`to_dict` / :func:`article_from_dict` turn them into the JSON
shape documented in ``docs/schema.md``. The JSON Schema in
``docs/article.schema.json`` is generated from these classes by
:func:`json_schema` (``python -m newsmill.model``), never written by hand.

Field names are a contract: later versions add fields, they never rename.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union, get_args, get_origin

SCHEMA = "newsmill.article/1"

ParagraphKind = Literal["paragraph", "heading", "list_item", "caption", "blockquote", "table_row"]
QuoteKind = Literal["direct", "indirect", "mixed"]
EntityType = Literal["person", "organization", "place"]


@dataclass(slots=True)
class Source:
    """Where a page came from."""

    path: str | None = None
    url: str | None = None
    crawl_date: str | None = None
    record_id: str | None = None


@dataclass(slots=True)
class Paragraph:
    """One block of the clean article; ``start``/``end`` index into ``Article.text``."""

    text: str
    start: int
    end: int
    kind: ParagraphKind = "paragraph"


@dataclass(slots=True)
class Removed:
    """A boilerplate block that was dropped, and why (a short slug)."""

    text: str
    reason: str


@dataclass(slots=True)
class Span:
    """A piece of ``Article.text``: the text as written and its offsets."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """A person, organisation or place, with every mention clustered under one name."""

    id: str
    type: EntityType
    name: str
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to."""

    text: str
    start: int
    end: int
    name: str | None = None
    entity: str | None = None
    anonymous: bool = False
    role: str | None = None


@dataclass(slots=True)
class TimeExpr:
    """A time expression; ``value`` is an ISO date, an ISO interval ``a/b``, or null."""

    text: str
    start: int
    end: int
    value: str | None = None
    relative: bool = False


@dataclass(slots=True)
class Quote:
    """A direct, indirect or mixed quotation with its cue and speaker."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None = None
    speaker: Speaker | None = None
    when: TimeExpr | None = None


@dataclass(slots=True)
class Article:
    """The clean article plus everything newsmill knows about it."""

    id: str = ""
    source: Source = field(default_factory=Source)
    title: str | None = None
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    removed: list[Removed] = field(default_factory=list)
    comments: list[Paragraph] = field(default_factory=list)
    entities: list[Entity] | None = None
    quotes: list[Quote] | None = None
    dates: list[TimeExpr] | None = None
    warnings: list[str] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def join_paragraphs(blocks: list[tuple[str, str]]) -> tuple[str, list[Paragraph]]:
    """Join ``(text, kind)`` blocks with a blank line, recording each block's offsets."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for text, kind in blocks:
        if paragraphs:
            pos += 2
        paragraphs.append(Paragraph(text, pos, pos + len(text), kind))  # type: ignore[arg-type]
        pos += len(text)
    return "\n\n".join(t for t, _ in blocks), paragraphs


def make_id(source: Source, text: str, title: str | None = None) -> str:
    """A stable id: the same source and content always give the same id."""
    h = hashlib.blake2b(digest_size=10)
    for part in (source.url or "", source.path or "", source.record_id or "", title or "", text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


# --- (de)serialisation -------------------------------------------------------------


def to_dict(obj: Any) -> Any:
    """Dataclass -> JSON-ready dict, field order as declared (``schema`` first)."""
    if isinstance(obj, Article):
        out: dict[str, Any] = {"schema": obj.schema}
        for f in dataclasses.fields(obj):
            if f.name != "schema":
                out[f.name] = to_dict(getattr(obj, f.name))
        return out
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [to_dict(x) for x in obj]
    return obj


def _from(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _from(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = get_args(tp)
        return [_from(item, v) for v in value]
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        kwargs = {k: _from(hints[k], v) for k, v in value.items() if k in hints}
        return tp(**kwargs)
    return value


def article_from_dict(data: dict[str, Any]) -> Article:
    """JSON dict -> :class:`Article` (unknown keys from newer versions are ignored)."""
    return _from(Article, data)


# --- JSON Schema, generated from the classes above -------------------------------

_PRIMITIVES = {str: "string", int: "integer", bool: "boolean", float: "number"}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        parts = [_schema_for(a, defs) for a in get_args(tp) if a is not type(None)]
        nullable = type(None) in get_args(tp)
        base = parts[0] if len(parts) == 1 else {"anyOf": parts}
        return {"anyOf": [base, {"type": "null"}]} if nullable else base
    if origin is list:
        (item,) = get_args(tp)
        return {"type": "array", "items": _schema_for(item, defs)}
    if origin is Literal:
        return {"type": "string", "enum": list(get_args(tp))}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp)
            props = {f.name: _schema_for(hints[f.name], defs) for f in dataclasses.fields(tp)}
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip().splitlines()[0] if tp.__doc__ else "",
                "properties": props,
                "required": [f.name for f in dataclasses.fields(tp)],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    if tp in _PRIMITIVES:
        return {"type": _PRIMITIVES[tp]}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of an article record, generated from the dataclasses."""
    defs: dict[str, Any] = {}
    _schema_for(Article, defs)
    root = dict(defs.pop("Article"))
    root["properties"] = dict(root["properties"])
    root["properties"]["schema"] = {"const": SCHEMA}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsmill.dev/schema/article-1.json",
        "title": "newsmill article record",
        **root,
        "$defs": defs,
    }


if __name__ == "__main__":  # pragma: no cover - used by `make schema`
    print(json.dumps(json_schema(), indent=2))
