"""Quality floor of text mode on a fixed sample of the shared benchmarks (text-mode task of
/work/shared/data/README.md: pages flattened with resiliparse, word F1 against the gold main text).

This uses the SHIPPED model, which was trained on all of these pages, so it is an in-sample regression
guard, not a quality claim: the honest held-out (domain-grouped 3-fold) numbers are in
docs/benchmarks.md, section "text", produced by bench/bench_text.py.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from newsmill.eval.datasets import flatten, iter_scrapinghub, iter_wcxb
from newsmill.eval.scoring import title_match, word_f1
from newsmill.extract.text import extract_text
from newsmill.model import Source
from newsmill.options import Options

pytestmark = pytest.mark.shared

# Every 6th ScrapingHub page (31) and every 12th WCXB-dev page (125): a fixed 156-page sample.
_SH_STEP, _WCXB_STEP = 6, 12
# Measured on this sample with the shipped model (2026-12-07 04:50 UTC, after the footer-notice and
# above-headline steps of issue 2): ScrapingHub 0.943, WCXB article 0.942, other WCXB types 0.705 word
# F1; titles 88.9% (64 of 72 article pages, page URL given). Before them (2026-12-06 04:35 UTC): 0.931,
# 0.946, 0.679, 86.1%. The article floor moves down 0.004 with its measurement: the footer-notice step
# cuts one sample page (fool.com prints its footer before the article, and the article's short list
# lines pass the "short items" test; 0.904 -> 0.113) while held-out articles over all pages went up,
# 0.923 -> 0.924 (bench_text). The floors sit 0.02 F1 under the measurement; the title
# floor 3 points (2 pages) under it: the 5-seed scorer moves less with its seeds (held-out 78.1% vs
# 78.0% for two seed sets) than one MLP (76.9-78.9%), for which the floor had 5 points.
MEASURED = {"scrapinghub": 0.943, "article": 0.942, "other": 0.705, "title": 0.889}
FLOORS = {"scrapinghub": 0.923, "article": 0.922, "other": 0.685, "title": 0.86}


def _scores(root: Path) -> dict[str, float]:
    opts = Options(nlp=False)
    f1: dict[str, list[float]] = {"scrapinghub": [], "article": [], "other": []}
    titles: list[bool] = []
    pages = [
        *islice(iter_scrapinghub(root), 0, None, _SH_STEP),
        *islice(iter_wcxb(root), 0, None, _WCXB_STEP),
    ]
    for page in pages:
        art = extract_text(flatten(page.html), Source(url=page.url), opts)
        group = "scrapinghub" if page.dataset == "scrapinghub" else page.page_type
        f1[group if group in f1 else "other"].append(word_f1(art.text, page.truth)[2])
        if page.dataset == "wcxb" and page.page_type == "article" and page.title:
            titles.append(title_match(art.title, page.title))
    out = {k: float(np.mean(v)) for k, v in f1.items()}
    out["title"] = float(np.mean(titles))
    return out


def test_extract_text_quality_floor_shared_sample(shared_data: Path) -> None:
    scores = _scores(shared_data)
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key}: {scores[key]:.3f} < floor {floor} (measured {MEASURED[key]})"
