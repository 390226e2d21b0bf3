"""The shared-benchmark readers stream pages with their ground truth, and flatten like the data README."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.eval.datasets import flatten, iter_scrapinghub, iter_wcxb
from newsmill.eval.scoring import words

pytestmark = pytest.mark.shared


def test_eval_datasets_readers_wcxb(shared_data: Path) -> None:
    pages = list(iter_wcxb(shared_data, limit=3))
    assert [p.id for p in pages] == ["0001", "0002", "0003"]
    first = pages[0]
    assert first.dataset == "wcxb" and first.page_type == "article"
    assert first.url and first.url.startswith("https://scratchculinary.com/")
    assert first.domain == "scratchculinary.com"
    assert first.title and first.truth.startswith("Fall isn't just pumpkin spice season")
    assert "<html" in first.html.lower()


def test_eval_datasets_readers_scrapinghub(shared_data: Path) -> None:
    pages = list(iter_scrapinghub(shared_data))
    assert len(pages) == 181
    assert all(p.page_type == "article" and p.truth and p.html for p in pages[:5])


def test_eval_datasets_readers_flatten_keeps_article_lines(shared_data: Path) -> None:
    page = next(iter_wcxb(shared_data, limit=1))
    flat = flatten(page.html)
    assert "<" not in flat[:200]
    # the gold text's words occur in order in the flattened page (quote marks may differ)
    gold = " ".join(words(page.truth.split("\n")[0])[5:25])
    assert gold in " ".join(words(flat))
