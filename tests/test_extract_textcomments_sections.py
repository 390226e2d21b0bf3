"""Comment sections on flattened pages (newsmill.extract.textcomments), on hand-written pages."""

from __future__ import annotations

import numpy as np

from newsmill.extract.text import extract_text
from newsmill.extract.textcomments import comment_start
from newsmill.model import Source
from newsmill.options import Options

_BODY = [
    "The harbour board approved the new ferry timetable on Tuesday after two months of public hearings.",
    "Boats will leave every twenty minutes at peak hours, and the last crossing moves to half past midnight.",
    "Residents of the island had asked for later crossings since the old night service was cut in 2019.",
    "The board said the extra crossings would be paid for by the higher summer fares agreed last year.",
    "Opponents argued that the crew rota could not cover the new hours without hiring more deckhands.",
    "The first boats on the new timetable sail on the first Monday of next month, the board said.",
]
_COMMENTS = [
    "harbourwatcher says:",
    "March 3, 2024 at 7:42 am",
    "About time. I have waited at that pier in the rain for forty minutes far too many times this winter.",
    "islander77 says:",
    "March 3, 2024 at 9:10 am",
    "The fares went up and the service got worse, so I will believe the new timetable when I see it.",
    "Leave a Reply",
]


def _page(lines: list[str]) -> str:
    return "Home\nNews\n\nFerry timetable approved\n\n" + "\n\n".join(lines) + "\n\nFooter links\n"


def _extract(text: str):  # noqa: ANN202
    return extract_text(text, Source(path="ferry.txt"), Options(nlp=False))


def test_extract_textcomments_reader_comments_removed_as_comments() -> None:
    a = _extract(_page(_BODY + _COMMENTS))
    assert "the board said" in a.text
    assert "waited at that pier" not in a.text
    assert "believe the new timetable" not in a.text
    comments = [r.text for r in a.removed if r.reason == "comments"]
    assert any("harbourwatcher says:" in t and "islander77" in t for t in comments)


def test_extract_textcomments_article_without_comments_unchanged() -> None:
    a = _extract(_page(_BODY))
    assert all(s in a.text for s in _BODY)


def test_extract_textcomments_forum_thread_is_not_cut() -> None:
    # Posts all the way down: the first header sits just above the first kept line.
    lines = _COMMENTS[:2] + _BODY[:3] + _COMMENTS[3:5] + _BODY[3:]
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep) is None


def test_extract_textcomments_needs_three_headers_and_a_body() -> None:
    lines = _BODY + ["March 3, 2024 at 7:42 am"] + _BODY[:2]
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep) is None  # one timestamp: a dateline
    lines = _BODY[:1] + _COMMENTS
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep) is None  # 16 article words before the first header
    lines = _BODY + _COMMENTS
    keep = np.array([len(s.split()) >= 8 for s in lines])
    assert comment_start(lines, keep) == len(_BODY)
