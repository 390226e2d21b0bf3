"""Other-stories lists below the article on flattened pages (newsmill.extract.textteasers)."""

from __future__ import annotations

import numpy as np
import pytest

from newsmill.extract import textteasers as tt
from newsmill.extract.textteasers import teaser_start
from text_pages import FERRY_BODY, extract_ferry

_BODY = FERRY_BODY
_DATED = [
    "Council votes to keep the old lighthouse open to visitors through the winter season",
    "By HARBOUR STAFF",
    "11/20/2019 01:14 PM",
    "Fishing fleet returns early as the autumn storms close the northern grounds again",
    "By REUTERS",
    "11/20/2019 10:08 AM",
    "Island school wins national award for its outdoor science programme this year",
    "By HARBOUR STAFF",
    "11/19/2019 08:54 PM",
]


def _lines(text: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    lines = [s for s in text.split("\n") if s.strip()]
    words = np.array([len(s.split()) for s in lines], dtype=np.float64)
    return lines, words >= 8, words


def test_extract_textteasers_dated_items_cut_after_article() -> None:
    lines, keep, words = _lines("\n".join(_BODY + _DATED))
    assert teaser_start(lines, keep, words) == len(_BODY)
    a = extract_ferry(_BODY + _DATED)
    assert "the board said" in a.text
    assert "lighthouse" not in a.text and "Fishing fleet" not in a.text
    assert any("lighthouse" in r.text and r.reason == "related_links" for r in a.removed)


def test_extract_textteasers_list_heading_cuts() -> None:
    teasers = [
        "More from the Harbour Gazette",
        "Council votes to keep the old lighthouse open to visitors through the winter season",
        "Fishing fleet returns early as the autumn storms close the northern grounds again",
    ]
    lines, keep, words = _lines("\n".join(_BODY + teasers))
    assert teaser_start(lines, keep, words) == len(_BODY)


def test_extract_textteasers_article_section_heading_is_not_a_list() -> None:
    # "More ..." that names a section of the article, and an end-punctuated line, do not cut.
    for heading in ("More Ferry Routes to Consider", "Related: the board's budget."):
        extra = [heading, *_BODY[:2]]
        lines, keep, words = _lines("\n".join(_BODY + extra))
        assert teaser_start(lines, keep, words) is None, heading


def test_extract_textteasers_live_blog_not_cut() -> None:
    # A timestamp per entry with most of the text below the first one: the article itself.
    lines = [_BODY[0]] * 3
    for stamp in ("10:41 AM 11/20/2019", "11:05 AM 11/20/2019", "11:30 AM 11/20/2019", "12:02 PM 11/20/2019"):
        lines += [stamp, *_BODY[1:4]]
    words = np.array([len(s.split()) for s in lines], dtype=np.float64)
    assert teaser_start(lines, words >= 8, words) is None


def test_extract_textteasers_short_page_not_cut() -> None:
    lines = [_BODY[0], *_DATED]
    words = np.array([len(s.split()) for s in lines], dtype=np.float64)
    assert teaser_start(lines, words >= 8, words) is None


def test_textteasers_maybe_marker_equals_the_single_regex() -> None:
    import re

    from newsmill.extract.textteasers import _maybe_marker

    single = re.compile(r"\s*(?:\D*\d|(?:by|von|par|por|yesterday|today)\b)", re.I)
    lines = ["By Ann Lee", "  today at 5", "Bylaws", "no digit here", "Posted 3h ago", "Yesterday's news",
             "\u0663 days", "\tVON Karl", "par-ci", "", "   ", "porridge", "x9", "TODAY"]  # fmt: skip
    assert [_maybe_marker(s) for s in lines] == [single.match(s) is not None for s in lines]
    assert _maybe_marker("By Ann Lee") and not _maybe_marker("Bylaws") and _maybe_marker("\u0663 days")


def test_extract_textteasers_scan_c_equals_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    # The finder's array work (kept-word sums, first kept line, marker start, heading candidates) is
    # the same from the C pass and from numpy, on random pages and the edge cases of the keep mask.
    if tt._textfast is None:
        pytest.skip("the C fast path is not built")
    rng = np.random.default_rng(19)
    cases = [(np.zeros(0), np.zeros(0, dtype=bool)), (np.array([5.0]), np.array([True]))]
    for n in (1, 2, 7, 60, 300):
        words = rng.integers(0, 40, n).astype(np.float64)
        for share in (0.0, 0.3, 0.8, 1.0):
            cases.append((words, rng.random(n) < share))
    fast = [tt._scan(w, k) for w, k in cases]
    monkeypatch.setattr(tt, "_textfast", None)
    for (w, k), got in zip(cases, fast, strict=True):
        want = tt._scan(w, k)
        assert got.kept_above.tobytes() == want.kept_above.tobytes()
        assert (got.n_kept, got.first, got.lo, got.heads) == (want.n_kept, want.first, want.lo, want.heads)
