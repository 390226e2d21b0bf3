"""HTML benchmark data and metrics: ScrapingHub (shingle F1), WCXB dev (word F1, snippets, metadata).

Used by bench/bench_html.py and the ScrapingHub quality-floor test. Metrics restate
``../shared/data/README.md``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsmill.eval.scoring import shingle_counts, shingle_f1, word_f1

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Doc:
    id: str
    url: str
    data: bytes
    truth: str
    page_type: str = "article"
    title: str | None = None
    author: str | None = None
    date: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)


def scrapinghub(root: Path) -> Iterator[Doc]:
    base = root / "scrapinghub"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        data = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes())
        yield Doc(key, truth[key]["url"], data, truth[key]["articleBody"])


def wcxb(root: Path) -> Iterator[Doc]:
    base = root / "wcxb-dev" / "dev"
    for gt_path in sorted((base / "ground-truth").glob("*.json")):
        g = json.loads(gt_path.read_text(encoding="utf-8"))
        gt = g["ground_truth"]
        data = gzip.decompress((base / "html" / f"{gt_path.stem}.html.gz").read_bytes())
        yield Doc(
            gt_path.stem,
            g.get("url") or "",
            data,
            gt.get("main_content") or "",
            g["_internal"]["page_type"]["primary"],
            gt.get("title"),
            gt.get("author"),
            gt.get("publish_date"),
            list(gt.get("with") or []),
            list(gt.get("without") or []),
        )


# --- ScrapingHub shingle metric (the benchmark's own, restated in shared/data/README.md) ---


def shingle_prf(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Mean precision and recall over pages, F1 of the means, for ``(truth, prediction)`` pairs.

    One implementation of the metric serves text and HTML mode: :mod:`newsmill.eval.scoring`.
    """
    score = shingle_f1(shingle_counts(pred, truth) for truth, pred in pairs)
    return score.precision, score.recall, score.f1


# --- WCXB word F1, snippets, metadata ---------------------------------------------


def word_prf(truth: str, pred: str) -> tuple[float, float, float]:
    """WCXB word P/R/F1 for ``(truth, prediction)``: the one implementation in eval.scoring."""
    return word_f1(pred or "", truth or "")


def _norm(s: str) -> str:
    return _SPACE.sub(" ", (s or "").lower()).strip()


def snippet_rates(doc: Doc, pred: str) -> tuple[int, int, int, int]:
    """(with found, with total, without present, without total)."""
    p = _norm(pred)
    w = [s for s in doc.with_ if _norm(s)]
    wo = [s for s in doc.without if _norm(s)]
    return (sum(_norm(s) in p for s in w), len(w), sum(_norm(s) in p for s in wo), len(wo))


def title_ok(truth: str, pred: str | None) -> bool:
    return _norm(truth) == _norm(pred or "")


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_ok(truth: str, pred: str | None) -> bool:
    t = _day(truth)
    return t is not None and t == _day(pred)


_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)


def author_names(value: str | list[str] | None) -> set[str]:
    if not value:
        return set()
    parts = value if isinstance(value, list) else [value]
    out = set()
    for part in parts:
        for name in _AUTHOR_SPLIT.split(str(part)):
            n = " ".join(_WORD.findall(name.lower()))
            n = re.sub(r"^by ", "", n)
            if n:
                out.add(n)
    return out


def author_f1(truth: str, pred: str | list[str] | None) -> float:
    t, p = author_names(truth), author_names(pred)
    if not t:
        return 1.0 if not p else 0.0
    overlap = len(t & p)
    if not overlap:
        return 0.0
    prec, rec = overlap / len(p), overlap / len(t)
    return 2 * prec * rec / (prec + rec)
