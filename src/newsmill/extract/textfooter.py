"""Where the page footer starts on a flattened page: a copyright notice ("© 2019 CBS Interactive Inc.
All Rights Reserved.", "Copyright 2020 ...") ends the publisher's content. The line classifier keeps
what follows it when that is sentence-like — the other-stories lists that some sites print under their
footer, blocks too large for the teaser finder's "at most half the article" rule
(newsmill.extract.textteasers).

The notice cuts the page when 80+ kept words are above it and the kept text below is either no larger
than the text above or made of short items (median kept line of at most 20 words: teaser headlines and
standfirsts). The guard keeps the article when a page prints its footer first (the article follows) or
a journal article carries its copyright line under the abstract.

Measured with 3-fold held-out line models (docs/design.md, text mode, step 8d): ScrapingHub word F1
0.889 -> 0.896, WCXB all 0.813 -> 0.815, articles unchanged (0.923), collection +0.005, product +0.007,
no page type lower.
"""

from __future__ import annotations

import re
import statistics

import numpy as np

from newsmill.extract.textlines import _textfast

_MIN_BODY_WORDS = 80
_SHORT_ITEM_WORDS = 20
_MAX_CHARS = 120  # a notice line, not a paragraph that mentions copyright
_NOTICE = re.compile(r"^(?:(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b|.*\ball rights reserved\b)", re.I)


def notice_lines(lines: list[str], lo: int, hi: int) -> list[int]:
    """Indices in [lo, hi) of the lines short enough for a notice; in C, when the fast path is built,
    only those that may match ``_NOTICE`` (a superset: the regex still decides). This replaces eight
    case-sensitive substring searches over the joined span ("opyright", "ights reserved", ...), which
    cost 0.04 ms a page and let odd casings ("CopyRight 2019") through unseen."""
    if _textfast is None:
        return [i for i in range(lo, hi) if len(lines[i]) <= _MAX_CHARS]
    return _textfast.short_lines(lines, lo, _MAX_CHARS, 2, _MAX_CHARS, hi)


def footer_start(lines: list[str], keep: np.ndarray, words: np.ndarray) -> int | None:
    """Index of the copyright notice that ends the page's content, or None. ``words`` holds the word
    count of every line."""
    k = keep.nonzero()[0]
    if len(k) < 2:
        return None
    first, last = int(k[0]), int(k[-1])
    for i in notice_lines(lines, first + 1, last + 1):
        if not _NOTICE.match(lines[i]):
            continue
        kept_words = words * keep  # only for a notice (0.55 lines a page even reach the regex)
        above = float(kept_words[:i].sum())
        if above < _MIN_BODY_WORDS:
            continue
        below = float(kept_words[i:].sum())
        items = words[i:][keep[i:]]  # statistics.median: 1.8 vs 17 µs for np.median on ~40 items
        if below <= above or (len(items) and statistics.median(items.tolist()) <= _SHORT_ITEM_WORDS):
            return i
        return None  # only the first notice after the article start decides
    return None
