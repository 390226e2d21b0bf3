"""Comment sections on flattened pages (newsmill.extract.textcomments), on hand-written pages."""

from __future__ import annotations

import numpy as np

from newsmill.extract.textcomments import comment_start
from text_pages import FERRY_BODY, extract_ferry

_BODY = FERRY_BODY
_COMMENTS = [
    "harbourwatcher says:",
    "March 3, 2024 at 7:42 am",
    "About time. I have waited at that pier in the rain for forty minutes far too many times this winter.",
    "islander77 says:",
    "March 3, 2024 at 9:10 am",
    "The fares went up and the service got worse, so I will believe the new timetable when I see it.",
    "Leave a Reply",
]


def test_extract_textcomments_reader_comments_removed_as_comments() -> None:
    a = extract_ferry(_BODY + _COMMENTS)
    assert "the board said" in a.text
    assert "waited at that pier" not in a.text
    assert "believe the new timetable" not in a.text
    comments = [r.text for r in a.removed if r.reason == "comments"]
    assert any("harbourwatcher says:" in t and "islander77" in t for t in comments)


def _words(lines: list[str]) -> np.ndarray:
    return np.array([len(s.split()) for s in lines], dtype=np.float64)


def test_extract_textcomments_article_without_comments_unchanged() -> None:
    a = extract_ferry(_BODY)
    assert all(s in a.text for s in _BODY)


def test_extract_textcomments_forum_thread_is_not_cut() -> None:
    # Posts all the way down: the first header sits just above the first kept line.
    lines = _COMMENTS[:2] + _BODY[:3] + _COMMENTS[3:5] + _BODY[3:]
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep, _words(lines)) is None


def test_extract_textcomments_needs_three_headers_and_a_body() -> None:
    lines = _BODY + ["March 3, 2024 at 7:42 am"] + _BODY[:2]
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep, _words(lines)) is None  # one timestamp: a dateline
    lines = _BODY[:1] + _COMMENTS
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep, _words(lines)) is None  # 16 article words before the first header
    lines = _BODY + _COMMENTS
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep, _words(lines)) == len(_BODY)
