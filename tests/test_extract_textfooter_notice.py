"""A copyright notice ends the page's content on flattened pages (newsmill.extract.textfooter)."""

from __future__ import annotations

import numpy as np

from newsmill.extract.textfooter import footer_start
from text_pages import FERRY_BODY, extract_ferry

_NOTICE = "© 2019 Harbour Gazette Media Inc. All Rights Reserved."
# Other stories printed under the footer: more kept text than the article, but short items.
_STORIES = [
    "Council votes to keep the old lighthouse open to visitors through the winter season",
    "Fishing fleet returns early as the autumn storms close the northern grounds again",
    "Island school wins national award for its outdoor science programme this year",
] * 6


def _lines(lines: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    words = np.array([len(s.split()) for s in lines], dtype=np.float64)
    return lines, words >= 8, words


def test_extract_textfooter_notice_cuts_stories_below() -> None:
    lines, keep, words = _lines([*FERRY_BODY, _NOTICE, *_STORIES])
    assert footer_start(lines, keep, words) == len(FERRY_BODY)
    a = extract_ferry([*FERRY_BODY, _NOTICE, *_STORIES])
    assert "the board said" in a.text
    assert "lighthouse" not in a.text and "All Rights Reserved" not in a.text
    assert any(r.reason == "footer" and r.text.startswith("©") and "lighthouse" in r.text for r in a.removed)


def test_extract_textfooter_notice_variants() -> None:
    for notice in ("Copyright 2020 Harbour Gazette", "(c) 2021 Harbour Gazette", "All rights reserved"):
        lines, keep, words = _lines([*FERRY_BODY, notice, *_STORIES[:3]])
        assert footer_start(lines, keep, words) == len(FERRY_BODY), notice


def test_extract_textfooter_article_after_notice_kept() -> None:
    # A footer printed first and a longer article after it (long paragraphs, not short items).
    body = [" ".join(FERRY_BODY)] * 4
    lines, keep, words = _lines([*FERRY_BODY, _NOTICE, *body])
    assert footer_start(lines, keep, words) is None


def test_extract_textfooter_notice_needs_article_above() -> None:
    lines, keep, words = _lines([FERRY_BODY[0], _NOTICE, *_STORIES])
    assert footer_start(lines, keep, words) is None
    # A paragraph that mentions copyright is not a notice.
    para = "Copyright 2019 rules were discussed at length, " + FERRY_BODY[1] + " " + FERRY_BODY[2]
    lines, keep, words = _lines([*FERRY_BODY, para, *_STORIES])
    assert footer_start(lines, keep, words) is None
