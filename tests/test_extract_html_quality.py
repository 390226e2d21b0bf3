"""Quality floor on the ScrapingHub article benchmark (deterministic sub-sample, shingle F1)."""

from __future__ import annotations

import itertools
from pathlib import Path

from newsmill.eval.html import scrapinghub, shingle_prf
from newsmill.extract import extract_page
from newsmill.model import Source
from newsmill.options import Options
from newsmill.sources.files import Page

# Every 3rd page in id order (61 of 181) keeps the test around a second.
# Measured: 0.957 on this sample (newsmill text incl. captions; 0.941 before the caption, standfirst,
# body-class and credit-line rules); 0.968 on all 181 pages without captions (bench_html --quick).
# The floor leaves ~0.007 for noise-free refactoring, not for regressions.
_FLOOR = 0.95


def test_extract_html_quality_scrapinghub_floor(shared_data: Path) -> None:
    opts = Options(nlp=False, input_format="html")
    pairs = []
    for doc in itertools.islice(scrapinghub(shared_data), 0, None, 3):
        article = extract_page(Page(doc.data, Source(url=doc.url), "html", None, None), opts)
        pairs.append((doc.truth, article.text))
    precision, recall, f1 = shingle_prf(pairs)
    assert len(pairs) == 61
    assert f1 >= _FLOOR, f"ScrapingHub shingle F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) under {_FLOOR}"


# WCXB dev, all 1,497 pages (~10 s): word F1 per page type on the scored text (paragraphs without
# captions, as bench_html scores it) and metadata on article pages. Measured 2026-12-08 (eighth
# round): all 0.8573, article 0.9546, collection 0.6238, documentation 0.9291, forum 0.7840, listing
# 0.6589, product 0.6729, service 0.8178; title 0.868, date 0.880, authors 0.859. trafilatura in the
# same bench: 0.823 / 0.937 / 0.574 / 0.917 / 0.704 / 0.577 / 0.637 / 0.765, title 0.521, date
# 0.845, authors 0.679. The floors sit ~0.005 under ours (product, the narrowest margin over
# trafilatura, 0.01): lowering one is a visible change to explain.
_WCXB_FLOORS = {
    "all": 0.852,
    "article": 0.949,
    "collection": 0.618,
    "documentation": 0.924,
    "forum": 0.778,
    "listing": 0.653,
    "product": 0.667,
    "service": 0.812,
}
_META_FLOORS = {"title": 0.86, "date": 0.875, "authors": 0.85}


def test_extract_html_quality_wcxb_floors(shared_data: Path) -> None:
    from collections import defaultdict

    from newsmill.eval.html import author_f1, date_ok, title_ok, wcxb, word_prf

    opts = Options(nlp=False, input_format="html")
    f1: dict[str, list[float]] = defaultdict(list)
    meta: dict[str, list[float]] = defaultdict(list)
    for doc in wcxb(shared_data):
        a = extract_page(Page(doc.data, Source(url=doc.url), "html", None, None), opts)
        text = "\n\n".join(p.text for p in a.paragraphs if p.kind != "caption")
        score = word_prf(doc.truth, text)[2]
        f1["all"].append(score)
        f1[doc.page_type].append(score)
        if doc.page_type == "article":
            if doc.title:
                meta["title"].append(title_ok(doc.title, a.title))
            if doc.date:
                meta["date"].append(date_ok(doc.date, a.published))
            if doc.author:
                meta["authors"].append(author_f1(doc.author, a.authors))
    means = {k: sum(v) / len(v) for k, v in (f1 | meta).items()}
    low = {k: round(means[k], 4) for k, floor in (_WCXB_FLOORS | _META_FLOORS).items() if means[k] < floor}
    assert len(f1["all"]) == 1497
    assert not low, f"WCXB dev under its floors: {low} (floors {_WCXB_FLOORS | _META_FLOORS})"
