"""Page-level list decision of text mode (newsmill.extract.text.page_threshold)."""

from __future__ import annotations

import numpy as np

from newsmill.extract.text import page_threshold


def _x(words: list[int]) -> np.ndarray:
    x = np.zeros((len(words), 2), dtype=np.float32)
    x[:, 1] = np.log1p(np.asarray(words, dtype=np.float32)) / 6  # COL_LOG_WORDS
    return x


def test_extract_text_page_threshold_article_keeps_threshold() -> None:
    # most of the page's words are in kept lines: one long article, the threshold stays
    x = _x([3, 2, 40, 35, 50, 3])
    logit = np.array([-3, -4, 2, 3, 2, -3], dtype=np.float32)
    assert page_threshold(x, logit, 0.0) == 0.0


def test_extract_text_page_threshold_list_lowers_threshold() -> None:
    # a list of short items the classifier is unsure about, plus a long kept-out footer: few words kept
    x = _x([6, 7, 6, 8, 7, 6, 60, 70])
    logit = np.array([0.5, -1.0, -1.5, -0.5, -1.2, -1.8, -4, -5], dtype=np.float32)
    t = page_threshold(x, logit, 0.0)
    assert t < 0.0
    assert (logit >= t).sum() == 6  # every item kept, the footer still out


def test_extract_text_page_threshold_empty_page() -> None:
    assert page_threshold(_x([]), np.zeros(0, dtype=np.float32), 0.0) == 0.0


def test_extract_text_page_threshold_nothing_kept_stays() -> None:
    # a page of menus where no line passes has no article: not treated as a list
    x = _x([2, 1, 3, 2, 40])
    logit = np.array([-1.0, -1.5, -0.5, -1.2, -6], dtype=np.float32)
    assert page_threshold(x, logit, 0.0) == 0.0
