"""Readers for the shared extraction benchmarks (WCXB dev, ScrapingHub) and the text-mode flattening.

Both readers stream :class:`BenchPage` records one at a time (memory flat in the number of pages)
and are used by bench/, the training script and the quality-floor tests. The text-mode task
(``/work/shared/data/README.md``) flattens each page with resiliparse, see :func:`flatten`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsmill.eval.data import shared_data_dir


@dataclass(slots=True)
class BenchPage:
    """One benchmark page with its ground truth."""

    dataset: str  # "wcxb" or "scrapinghub"
    id: str
    html: str
    truth: str  # the gold main text
    page_type: str  # WCXB primary page type; "article" for ScrapingHub
    url: str | None = None
    domain: str | None = None
    title: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)


def _root(root: Path | None) -> Path:
    root = root or shared_data_dir()
    if root is None:
        raise FileNotFoundError(
            "shared data not found (set NEWSMILL_SHARED_DATA or put it in ../shared/data)"
        )
    return root


def _read_gz(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def iter_wcxb(root: Path | None = None, limit: int | None = None) -> Iterator[BenchPage]:
    """WCXB dev pages in id order (1,497 pages of 7 types)."""
    base = _root(root) / "wcxb-dev"
    meta = json.loads((base / "metadata.json").read_text(encoding="utf-8"))["files"]
    for n, gt_path in enumerate(sorted((base / "dev" / "ground-truth").glob("*.json"))):
        if limit is not None and n >= limit:
            return
        doc = json.loads(gt_path.read_text(encoding="utf-8"))
        gt = doc["ground_truth"]
        pid = gt_path.stem
        yield BenchPage(
            dataset="wcxb",
            id=pid,
            html=_read_gz(base / "dev" / "html" / f"{pid}.html.gz"),
            truth=gt.get("main_content") or "",
            page_type=doc.get("_internal", {}).get("page_type", {}).get("primary", "unknown"),
            url=doc.get("url"),
            domain=meta.get(pid, {}).get("domain"),
            title=gt.get("title"),
            with_snippets=list(gt.get("with") or []),
            without_snippets=list(gt.get("without") or []),
        )


def iter_scrapinghub(root: Path | None = None, limit: int | None = None) -> Iterator[BenchPage]:
    """ScrapingHub article-extraction benchmark pages (181 news/blog articles), in id order."""
    base = _root(root) / "scrapinghub"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    for n, pid in enumerate(sorted(truth)):
        if limit is not None and n >= limit:
            return
        url = truth[pid].get("url")
        yield BenchPage(
            dataset="scrapinghub",
            id=pid,
            html=_read_gz(base / "html" / f"{pid}.html.gz"),
            truth=truth[pid].get("articleBody") or "",
            page_type="article",
            url=url,
            domain=_domain(url),
        )


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def flatten(html: str) -> str:
    """The text-mode task's flattening: the whole page as text, exactly as the data README says."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return extract_plain_text(
        HTMLTree.parse(html),
        preserve_formatting=True,
        main_content=False,
        list_bullets=False,
        links=False,
        alt_texts=False,
        noscript=False,
        form_fields=False,
    )
