"""Helpers for the store/serve tests: the hand-written fixture records and an archive built from them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "articles.jsonl"


def fixture_records() -> list[dict[str, Any]]:
    """Five articles: quotes by named and anonymous speakers, entities, removed blocks,
    an undated one, a German one without NLP, and one full of <script>/onerror markup."""
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def by_title(records: list[dict[str, Any]], word: str) -> dict[str, Any]:
    return next(r for r in records if word in (r.get("title") or ""))


def build_db(folder: Path, name: str = "news.db") -> Path:
    from newsmill.store import load_paths

    db = folder / name
    stats = load_paths(db, [FIXTURE])
    assert stats.inserted == len(fixture_records()) and not stats.failed, stats
    return db


def client(db: Path, **kwargs: Any):  # -> TestClient
    import warnings

    from newsmill.serve import create_app

    with warnings.catch_warnings():  # starlette 1.0 warns that its TestClient prefers httpx2
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        return TestClient(create_app(db, **kwargs))


def many_removed(n: int = 60) -> dict[str, Any]:
    """A copy of the first fixture whose page had ``n`` boilerplate blocks (one of them hostile)."""
    rec = dict(fixture_records()[0], id="manyremoved00000000")
    rec["source"] = {**rec["source"], "url": "https://www.dailynews.example/many-removed"}
    rec["removed"] = [{"text": f"Menu item {i}", "reason": "navigation"} for i in range(n - 1)]
    rec["removed"].append(
        {"text": "<script>alert('lazy')</script><img src=x onerror=alert(5)>", "reason": "ad"}
    )
    return rec
