"""Dates written for people, parsed without dateparser when the form is a common one.

``quick_date`` reads ISO 8601, RFC 2822, numeric "M/D/YYYY" / "D.M.YYYY" and English "Month D,
YYYY" / "D Month YYYY" with regexes and ``datetime``; anything else is left to dateparser. On the
415 date strings newsmill sends to dateparser over WCXB dev and ScrapingHub, and on a grid of
22,579 synthetic strings in these forms, the fast path gives dateparser's own answer (see
``bench/check_dates.py``) at a fraction of its cost.
"""

from __future__ import annotations

import datetime as dt
import re

# quick_date's answer when the form is not one it reads: the caller asks dateparser.
UNKNOWN = "?"

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_ORD = r"(?:st|nd|rd|th)?"
_DAYNAME = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MONTH_FIRST = re.compile(rf"{_DAYNAME}([a-z]+)\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})", re.I)
_DAY_FIRST = re.compile(rf"{_DAYNAME}(\d{{1,2}}){_ORD}\s+([a-z]+)\.?,?\s+(\d{{4}})", re.I)
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
# ISO 8601 and RFC 2822 with a time: the date as written, in the page's own zone.
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_RFC_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|UT|UTC|GMT|[ECMP][SD]T|Z))?")


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _named(month: str, day: str, year: str) -> str | None:
    m = _MONTHS.get(month.lower())
    if m is None:
        return UNKNOWN  # another language's month ("5 juin 2024") or not a date at all
    d = int(day)
    if d == 0:
        return UNKNOWN
    return _day(int(year), m, d)  # "Feb 30, 2024": None, as dateparser answers


def _numeric(a: int, b: int, year: int) -> str | None:
    """dateparser's order for English pages: month first, day first when that cannot be a month
    ("13/06/2014"), for "/" and "." alike ("09.08.2024" is September 8)."""
    if a == 0 or b == 0:
        return UNKNOWN  # dateparser fills a zero day from today's date: leave those to it
    return _day(year, a, b) or _day(year, b, a)


def quick_date(text: str) -> str | None:
    """``YYYY-MM-DD`` for a string that is wholly one of the forms read here; None for such a
    string naming no real day; ``UNKNOWN`` for anything else."""
    s = text.strip()
    if m := _ISO.fullmatch(s):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    s = _RFC_TIME.sub("", s, count=1) if ":" in s else s
    if m := _MONTH_FIRST.fullmatch(s):
        return _named(m.group(1), m.group(2), m.group(3))
    if m := _DAY_FIRST.fullmatch(s):
        return _named(m.group(2), m.group(1), m.group(3))
    if m := _NUMERIC.fullmatch(s):
        return _numeric(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    return UNKNOWN
