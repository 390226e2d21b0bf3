"""The OpenAPI 3.1 description of /api, built by hand from a few helpers.

The article record's schema is the one generated from the dataclasses
(:func:`newsmill.model.json_schema`), referenced, never copied by hand.
docs/api.md embeds this spec; tests/test_serve_openapi.py checks it is current.
"""

from __future__ import annotations

from typing import Any

from newsmill import __version__
from newsmill.store.query import MAX_LIMIT


def _param(
    name: str, desc: str, schema: dict[str, Any] | None = None, where: str = "query", required: bool = False
) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": required or where == "path",
        "description": desc,
        "schema": schema or {"type": "string"},
    }


def _page(item_ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": item_ref}},
            "next": {
                "type": ["string", "null"],
                "description": "pass as `cursor` for the next page; null at the end",
            },
        },
    }


def _json(schema: dict[str, Any], desc: str = "OK") -> dict[str, Any]:
    return {"description": desc, "content": {"application/json": {"schema": schema}}}


_ERR = {"$ref": "#/components/schemas/Error"}
_LIMIT = {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
_CURSOR = _param("cursor", "the `next` value of the previous page")


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props}


_STR, _INT, _BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
_NSTR = {"type": ["string", "null"]}
_NDATE = {"type": ["string", "null"], "format": "date"}
_ENTITY_TYPE = {"type": "string", "enum": ["person", "organization", "place"]}

_API_SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": _STR}},
    "SearchHit": _obj(
        id=_STR,
        title=_NSTR,
        url=_NSTR,
        site=_NSTR,
        language=_NSTR,
        published=_NSTR,
        snippet={"type": "string", "description": "plain text around the hits (or the article start)"},
        highlights={
            "type": "array",
            "items": {"type": "array", "items": _INT},
            "description": "[start, end) of each hit in `snippet`",
        },
    ),
    "Speaker": _obj(
        name=_STR,
        quotes=_INT,
        articles=_INT,
        anonymous=_BOOL,
        roles={"type": "array", "items": _STR},
        first_quote=_NDATE,
        last_quote=_NDATE,
    ),
    "SpeakerQuote": _obj(
        text=_STR,
        kind=_STR,
        start=_INT,
        end=_INT,
        index=_INT,
        speaker_text=_NSTR,
        anonymous=_BOOL,
        role=_NSTR,
        date=_NDATE,
        article=_obj(id=_STR, title=_NSTR, published=_NSTR),
    ),
    "EntityCount": _obj(name=_STR, type=_ENTITY_TYPE, articles=_INT, mentions=_INT),
}


def _schemas() -> dict[str, Any]:
    """The record's schema (generated from the dataclasses) plus the API's own shapes."""
    from newsmill.model import json_schema

    article = json_schema()
    defs = article.pop("$defs")
    for key in ("$schema", "$id"):
        article.pop(key, None)
    return {"Article": _rebase(article), **{k: _rebase(v) for k, v in defs.items()}, **_API_SCHEMAS}


def _rebase(node: Any) -> Any:
    """JSON Schema ``#/$defs/X`` refs -> OpenAPI ``#/components/schemas/X``."""
    if isinstance(node, dict):
        return {
            k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _rebase(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


_BAD = {"400": _json(_ERR, "malformed query, filter or cursor")}


def _get(summary: str, params: list[dict[str, Any]], item: str) -> dict[str, Any]:
    """A cursor-paged GET listing of ``item`` objects."""
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {"200": _json(_page(f"#/components/schemas/{item}")), **_BAD},
        }
    }


def _article_paths() -> dict[str, Any]:
    date = {"type": "string", "format": "date"}
    search = [
        _param("q", 'full-text query (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*)'),
        _param("from", "published on or after (YYYY-MM-DD)", date),
        _param("to", "published on or before (YYYY-MM-DD)", date),
        _param("site", "host name, e.g. example.com"),
        _param("language", "ISO 639-1 code"),
        _param("entity", "articles naming this entity"),
        _param("speaker", "articles quoting this speaker"),
        _param(
            "sort",
            "date (newest first, the default) or relevance (BM25 over every match; slower for common words)",
            {"type": "string", "enum": ["date", "relevance"]},
        ),
        _CURSOR,
        _param("limit", "page size (default 20)", _LIMIT),
    ]
    one = {
        "get": {
            "summary": "One whole article record, as loaded",
            "parameters": [_param("id", "article id", where="path")],
            "responses": {
                "200": _json({"$ref": "#/components/schemas/Article"}),
                "404": _json(_ERR, "no such id"),
            },
        }
    }
    return {
        "/api/articles": _get(
            "Search articles (FTS5 full-text query and filters), cursor-paged", search, "SearchHit"
        ),
        "/api/articles/{id}": one,
    }


def _people_paths() -> dict[str, Any]:
    page50 = _param("limit", "page size (default 50)", _LIMIT)
    flag = {"type": "string", "enum": ["0", "1"]}
    return {
        "/api/speakers": _get(
            "People quoted, most-quoted first, with counts, roles seen, first/last quote date",
            [
                _param("q", "name contains"),
                _param("anonymous", "1: only anonymous sources, 0: only named", flag),
                _CURSOR,
                page50,
            ],
            "Speaker",
        ),
        "/api/speakers/{name}/quotes": _get(
            "A speaker's quotes, oldest first",
            [
                _param("name", "speaker name as listed by /api/speakers (URL-encoded)", where="path"),
                _param("q", "full-text query over the quote text"),
                _CURSOR,
                page50,
            ],
            "SpeakerQuote",
        ),
        "/api/entities": _get(
            "Entities across the archive, most widely mentioned first",
            [_param("q", "name contains"), _param("type", "entity type", _ENTITY_TYPE), _CURSOR, page50],
            "EntityCount",
        ),
    }


def _paths() -> dict[str, Any]:
    return {**_article_paths(), **_people_paths(), "/api/extract": _extract_path()}


def _extract_path() -> dict[str, Any]:
    return {
        "post": {
            "summary": "Run newsmill on a page sent in the body; returns the record (stored only with store=1)",
            "parameters": [
                _param("format", "input format", {"type": "string", "enum": ["auto", "html", "text"]}),
                _param(
                    "nlp",
                    "find entities, quotes and dates (default 1)",
                    {"type": "string", "enum": ["0", "1"]},
                ),
                _param("url", "the page's URL, recorded in source.url (never fetched)"),
                _param(
                    "store",
                    "1: also load the record (server started with --allow-writes)",
                    {"type": "string", "enum": ["0", "1"]},
                ),
                _param(
                    "fetch",
                    "fetch this public http(s) URL instead of reading the body (server started with "
                    "--allow-fetch; private and loopback addresses are refused)",
                ),
            ],
            "requestBody": {
                "required": False,
                "content": {
                    "text/html": {"schema": {"type": "string"}},
                    "text/plain": {"schema": {"type": "string"}},
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                },
            },
            "responses": {
                "200": {
                    **_json({"$ref": "#/components/schemas/Article"}),
                    "headers": {
                        "X-Newsmill-Stored": {
                            "description": "with store=1: inserted, replaced, unchanged or older",
                            "schema": {"type": "string"},
                        }
                    },
                },
                "400": _json(_ERR, "empty body, bad parameter, or refused fetch"),
                "403": _json(_ERR, "store=1 on a read-only server, or fetch without --allow-fetch"),
                "413": _json(_ERR, "body larger than the server's limit"),
                "422": _json(_ERR, "not a page (empty, binary, undecodable) or extraction failed"),
            },
        }
    }


def spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsmill archive API",
            "version": __version__,
            "description": "Search and browse articles, speakers, quotes and entities loaded with "
            '`newsmill load`; run extraction on a page. Errors are `{"error": message}`.',
        },
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }


BEGIN, END = "<!-- openapi:begin -->", "<!-- openapi:end -->"


def doc_block() -> str:
    """The spec as it is embedded in docs/api.md."""
    import json

    return f"{BEGIN}\n```json\n{json.dumps(spec(), indent=2, ensure_ascii=False)}\n```\n{END}"


def update_doc(path: str) -> None:
    """Rewrite the spec block of a Markdown file in place (``python -m newsmill.serve.openapi docs/api.md``)."""
    from pathlib import Path

    doc = Path(path)
    text = doc.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(head + doc_block() + tail, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - used to refresh docs/api.md
    import sys

    if len(sys.argv) > 1:
        update_doc(sys.argv[1])
    else:
        print(doc_block())
