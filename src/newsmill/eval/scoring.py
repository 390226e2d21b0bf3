"""Scorers of the shared benchmarks, restated from ``/work/shared/data/README.md``.

* :func:`word_f1` — WCXB: lowercased ``\\w+`` words as multisets, per-page P/R/F1.
* :func:`shingle_counts` / :func:`shingle_f1` — ScrapingHub: token 4-gram multisets, per-page
  tp/fp/fn normalised, precision and recall averaged over pages, F1 of the two means.
* :func:`snippet_rates` — WCXB ``with``/``without`` snippet presence.
* :func:`title_match` — exact match after lowercasing and collapsing whitespace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_f1(pred: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of lowercased word multisets; empty-vs-empty counts as perfect."""
    p, t = Counter(words(pred)), Counter(words(truth))
    np_, nt = sum(p.values()), sum(t.values())
    if np_ == 0 and nt == 0:
        return 1.0, 1.0, 1.0
    overlap = sum((p & t).values())
    prec = overlap / np_ if np_ else 0.0
    rec = overlap / nt if nt else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _WORD.findall(text)
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(pred: str, truth: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of token 4-gram multisets for one page (ScrapingHub metric)."""
    p, t = _shingles(pred), _shingles(truth)
    tp = sum((p & t).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


@dataclass(slots=True)
class ShingleScore:
    precision: float
    recall: float
    f1: float


def shingle_f1(counts: Iterable[tuple[float, float, float]]) -> ShingleScore:
    """Aggregate per-page shingle counts the ScrapingHub way (means of per-page P and R)."""
    precs: list[float] = []
    recs: list[float] = []
    for tp, fp, fn in counts:
        if tp + fp > 0:
            precs.append(tp / (tp + fp))
        if tp + fn > 0:
            recs.append(tp / (tp + fn))
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    return ShingleScore(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.lower()).strip()


def snippet_rates(pred: str, with_: list[str], without: list[str]) -> tuple[float | None, float | None]:
    """(share of ``with`` snippets found, share of ``without`` snippets wrongly present); None if none."""
    norm = _norm(pred)
    found = [_norm(s) in norm for s in with_ if s.strip()]
    leaked = [_norm(s) in norm for s in without if s.strip()]
    return (
        sum(found) / len(found) if found else None,
        sum(leaked) / len(leaked) if leaked else None,
    )


def title_match(pred: str | None, gold: str | None) -> bool:
    return bool(pred) and bool(gold) and _norm(pred or "") == _norm(gold or "")
