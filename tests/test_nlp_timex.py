"""Relative dates resolved against the publication day (2018-08-29 was a Wednesday)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsmill.nlp.timex import normalise, parse_published

PUB = dt.date(2018, 8, 29)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Wednesday", "2018-08-29"),
        ("Friday", "2018-08-24"),
        ("last Wednesday", "2018-08-22"),
        ("next Tuesday", "2018-09-04"),
        ("yesterday", "2018-08-28"),
        ("two days ago", "2018-08-27"),
        ("last week", "2018-08-20/2018-08-26"),
        ("this month", "2018-08-01/2018-08-31"),
        ("last year", "2017-01-01/2017-12-31"),
        ("June", "2018-06-01/2018-06-30"),
        ("Aug. 29", "2018-08-29"),
        ("Sept. 12", "2018-09-12"),
    ],
)
def test_nlp_timex_relative_resolved_with_publication(text: str, value: str) -> None:
    assert normalise(text, PUB) == (value, False)


@pytest.mark.parametrize("text", ["Wednesday", "last week", "yesterday", "June"])
def test_nlp_timex_relative_flagged_without_publication(text: str) -> None:
    assert normalise(text, None) == (None, True)


def test_nlp_timex_absolute_needs_no_anchor() -> None:
    assert normalise("August 29, 2018", None) == ("2018-08-29", False)
    assert normalise("2016", None) == ("2016-01-01/2016-12-31", False)
    assert normalise("1950-1953", None) == ("1950-01-01/1953-12-31", False)


def test_nlp_timex_parse_published() -> None:
    assert parse_published("2018-08-29T10:00:00Z") == PUB
    assert parse_published("not a date") is None and parse_published(None) is None
