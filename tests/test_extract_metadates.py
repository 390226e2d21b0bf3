"""The fast date path: each form quick_date reads, time zones, invalid days, and the dateparser
fallback for what it does not read."""

from __future__ import annotations

import pytest

from newsmill.extract import metanorm
from newsmill.extract.metadates import UNKNOWN, quick_date
from newsmill.extract.metanorm import visible_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:20:30Z", "2024-03-05"),
        ("2024-03-05T10:20:30.123+02:00", "2024-03-05"),
        ("2024-03-05 23:30-0800", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:30:00 -0800", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:30:00 GMT", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("Mar. 5th, 2024", "2024-03-05"),
        ("Sept 5 2024", "2024-09-05"),
        ("NOVEMBER 20, 2019", "2019-11-20"),
        ("Sunday, March 3, 2024", "2024-03-03"),
        ("5 March 2024", "2024-03-05"),
        ("19th Dec, 2025", "2025-12-19"),
        ("18 NOV 2019", "2019-11-18"),
    ],
)
def test_extract_metadates_quick_date_reads_each_form(text: str, day: str) -> None:
    # The date as written: a time zone never moves the day (the page's own calendar date).
    assert quick_date(text) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("03/04/2024", "2024-03-04"),  # month first, as dateparser reads English pages
        ("09.08.2024", "2024-09-08"),  # dots too
        ("2.23.2025", "2025-02-23"),
        ("13/06/2014", "2014-06-13"),  # 13 cannot be a month: day first
        ("27.05.2024", "2024-05-27"),
    ],
)
def test_extract_metadates_quick_date_numeric_order(text: str, day: str) -> None:
    assert quick_date(text) == day


@pytest.mark.parametrize(
    "text", ["2023-02-30", "Feb 30, 2024", "30 February 2024", "31/02/2024", "13/13/2024"]
)
def test_extract_metadates_quick_date_invalid_day_is_none(text: str) -> None:
    assert quick_date(text) is None


@pytest.mark.parametrize(
    "text", ["5 juin 2024", "Juni 5, 2024", "4 Headphones 2026", "00/12/2024", "next Friday"]
)
def test_extract_metadates_quick_date_unread_forms_are_unknown(text: str) -> None:
    assert quick_date(text) == UNKNOWN


def test_extract_metadates_visible_date_fast_path_skips_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("dateparser called")

    monkeypatch.setattr(metanorm, "_dateparser", refuse)
    assert visible_date("Posted on March 5, 2024 by Ann Lee") == "2024-03-05"
    assert visible_date("Updated 13/06/2014") == "2014-06-13"
    assert visible_date("Feb 30, 2024") is None  # no such day: None without asking dateparser
    assert visible_date("5 Stars. 1664") is None  # year outside the kept range: nothing to parse


def test_extract_metadates_visible_date_falls_back_to_dateparser() -> None:
    assert visible_date("Publié le 5 juin 2024") == "2024-06-05"
    assert visible_date("4 Headphones 2026") is None


def test_extract_metadates_visible_date_rejects_out_of_range_years() -> None:
    assert visible_date("March 5, 1989") is None  # before 1990: a historical date, not the dateline
