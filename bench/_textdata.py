"""Flattened text-mode pages, cached under bench/.cache/ (flattening is the slow part: ~10 ms/page)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from newsmill.eval.datasets import flatten, iter_scrapinghub, iter_wcxb

CACHE = Path(__file__).resolve().parent / ".cache"
FIELDS = (
    "dataset",
    "id",
    "truth",
    "page_type",
    "url",
    "domain",
    "title",
    "with_snippets",
    "without_snippets",
)


def _build(path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as out:
        for reader in (iter_scrapinghub, iter_wcxb):
            for page in reader():
                rec = {f: getattr(page, f) for f in FIELDS}
                rec["text"] = flatten(page.html)
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.rename(path)


def iter_text_pages() -> Iterator[dict]:
    """Every ScrapingHub and WCXB-dev page, flattened, with its ground truth (built once, then cached)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / "text-pages.jsonl.gz"
    if not path.exists():
        _build(path)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)
