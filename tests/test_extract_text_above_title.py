"""What stays above the headline in text mode (newsmill.extract.text._above_title)."""

from __future__ import annotations

import numpy as np

from newsmill.extract.text import _above_title
from newsmill.extract.textlines import COL_LOG_WORDS


def _x(words: list[int]) -> np.ndarray:
    x = np.zeros((len(words), COL_LOG_WORDS + 1), dtype=np.float32)
    x[:, COL_LOG_WORDS] = np.log1p(np.asarray(words, dtype=np.float32)) / 6
    return x


# Lines: 0-2 teasers (kept), 3 a dropped menu word, 4 a kept menu item, 5 a dropped share line, 6 a
# standfirst, 7 the headline, 8-10 the article.
_WORDS = [30, 28, 35, 1, 2, 2, 20, 9, 40, 45, 38]
_KEEP = [True, True, True, False, True, False, True, True, True, True, True]


def test_extract_text_above_title_keeps_only_the_run_next_to_it() -> None:
    keep = np.array(_KEEP)
    _above_title(keep, _x(_WORDS), 7)
    # teasers behind the dropped line go, the short menu item goes, the standfirst and article stay
    assert keep.tolist() == [False] * 6 + [True] * 5


def test_extract_text_above_title_short_article_below_keeps_sentences_above() -> None:
    # under 80 kept words after the headline: the headline may be a teaser, the sentences above stay
    words = [*_WORDS[:8], 20, 15, 10]
    keep = np.array(_KEEP)
    _above_title(keep, _x(words), 7)
    assert keep.tolist() == [True, True, True, False, False, False] + [True] * 5


def test_extract_text_above_title_headline_at_top() -> None:
    keep = np.array([True, True, True])
    _above_title(keep, _x([9, 50, 60]), 0)
    assert keep.tolist() == [True, True, True]
