"""docs/api.md carries the current OpenAPI spec, and the spec describes the app's actual routes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsmill.serve.openapi import BEGIN, END, doc_block, spec

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_serve_openapi_doc_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert block == doc_block(), (
        "docs/api.md is stale: run `PYTHONPATH=src python -m newsmill.serve.openapi docs/api.md`"
    )


def test_serve_openapi_matches_routes() -> None:
    from starlette.routing import Route

    from newsmill.serve import api

    routes = {
        re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", r.path): r.methods for r in api.routes() if isinstance(r, Route)
    }
    documented = spec()["paths"]
    assert set(documented) == set(routes) - {"/openapi.json"}
    for path, ops in documented.items():
        assert {m.upper() for m in ops} <= routes[path], path


def test_serve_openapi_refs_resolve() -> None:
    s = spec()
    refs = set(re.findall(r'"\$ref": "#/components/schemas/(\w+)"', json.dumps(s)))
    assert refs and refs <= set(s["components"]["schemas"])
