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

import numpy as np

_MIN_BODY_WORDS = 80
_SHORT_ITEM_WORDS = 20
_MAX_CHARS = 120  # a notice line, not a paragraph that mentions copyright
_NOTICE = re.compile(r"^(?:(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b|.*\ball rights reserved\b)", re.I)
# Substrings one of which every notice holds: one C-level search each over the kept span decides
# whether any line has to reach the regex (most pages have no notice inside the article span).
_NEEDLES = ("©", "(c)", "(C)", "opyright", "OPYRIGHT", "ights reserved", "ights Reserved", "IGHTS RESERVED")


def footer_start(lines: list[str], keep: np.ndarray, words: np.ndarray) -> int | None:
    """Index of the copyright notice that ends the page's content, or None. ``words`` holds the word
    count of every line."""
    k = np.flatnonzero(keep)
    if len(k) < 2:
        return None
    first, last = int(k[0]), int(k[-1])
    span = "\n".join(lines[first + 1 : last + 1])
    if not any(n in span for n in _NEEDLES):
        return None
    kept_words = words * keep
    for i in range(first + 1, last + 1):
        s = lines[i]
        if len(s) > _MAX_CHARS or not _NOTICE.match(s):
            continue
        above = float(kept_words[:i].sum())
        if above < _MIN_BODY_WORDS:
            continue
        below = float(kept_words[i:].sum())
        items = words[i:][keep[i:]]
        if below <= above or (len(items) and float(np.median(items)) <= _SHORT_ITEM_WORDS):
            return i
        return None  # only the first notice after the article start decides
    return None
