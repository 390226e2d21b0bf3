"""Time expressions (spaCy DATE/TIME spans) normalised against the publication date.

A small hand-written resolver instead of dateparser: the expressions news uses are
few ("on Wednesday", "last week", "Friday", "Aug. 29", "in June", "two days ago"), and
dateparser costs milliseconds per call, which over every DATE span would be a large
part of the NLP layer's budget (<= 15% of spaCy's own time).

Values are ISO dates ("2018-08-29") or ISO intervals ("2018-08-20/2018-08-26"). A
weekday refers to the most recent such day on or before publication ("on Wednesday"
in a Wednesday story is that day), the news convention for past-tense reporting.
Expressions that need an anchor and have none keep ``value=None, relative=True``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from newsmill.model import TimeExpr
from newsmill.nlp.pipeline import doc_text

_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_NUMBERS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
}
_UNITS = {"day": 1, "week": 7}
_LEAD = frozenset(["on", "since", "until", "by"])
_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_RE_MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_RE_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([a-z]+)\.?(?:,?\s+(\d{4}))?\b")
_RE_MONTH_YEAR = re.compile(r"\b([a-z]+)\.?(?:,?\s+(\d{4}))?\b")
_RE_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
_RE_YEARS = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
_RE_AGO = re.compile(r"\b(\d+|[a-z]+)\s+(day|week)s?\s+ago\b")
_RE_REL = re.compile(r"\b(last|this|next|past)\s+(week|month|year)\b")


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _interval(a: dt.date, b: dt.date) -> str:
    return f"{_iso(a)}/{_iso(b)}"


def _month_interval(year: int, month: int) -> str:
    last = calendar.monthrange(year, month)[1]
    return _interval(dt.date(year, month, 1), dt.date(year, month, last))


def _weekday(low: str, anchor: dt.date) -> str | None:
    for name, wd in _WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            back = (anchor.weekday() - wd) % 7
            if "next" in low.split():
                return _iso(anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7))
            if "last" in low.split() and back == 0:
                back = 7
            return _iso(anchor - dt.timedelta(days=back))
    return None


def _relative_period(low: str, anchor: dt.date) -> str | None:
    m = _RE_REL.search(low)
    if not m:
        return None
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group(1)]
    unit = m.group(2)
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        return _interval(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return _month_interval(y, mo + 1)
    y = anchor.year + shift
    return _interval(dt.date(y, 1, 1), dt.date(y, 12, 31))


def _absolute(low: str, year: int | None) -> str | None:
    """Dates that name their month: "Aug. 29", "29 August 2018", "June 2018", "2018"."""
    for rx, order in ((_RE_MONTH_DAY, "md"), (_RE_DAY_MONTH, "dm")):
        m = rx.search(low)
        if m:
            mon, day = (m.group(1), m.group(2)) if order == "md" else (m.group(2), m.group(1))
            y = int(m.group(3)) if m.group(3) else year
            if mon in _MONTHS and y:
                try:
                    return _iso(dt.date(y, _MONTHS[mon], int(day)))
                except ValueError:
                    return None
    m = _RE_YEARS.match(low)
    if m and m.group(1) <= m.group(2):
        return _interval(dt.date(int(m.group(1)), 1, 1), dt.date(int(m.group(2)), 12, 31))
    m = _RE_YEAR.match(low)
    if m:
        y = int(m.group(1))
        return _interval(dt.date(y, 1, 1), dt.date(y, 12, 31))
    for m in _RE_MONTH_YEAR.finditer(low):
        if m.group(1) in _MONTHS:
            y = int(m.group(2)) if m.group(2) else year
            return _month_interval(y, _MONTHS[m.group(1)]) if y else None
    return None


def normalise(text: str, published: dt.date | None) -> tuple[str | None, bool]:
    """``(value, relative)`` of one time expression; relative=True when it stays unresolved."""
    low = " ".join(text.lower().replace(",", " ,").split()).replace(" ,", ",")
    absolute = _absolute(low, None)
    if absolute:
        return absolute, False
    if published is None:
        return None, True
    for word, shift in _DEICTIC.items():
        if word in low.split():
            return _iso(published + dt.timedelta(days=shift)), False
    m = _RE_AGO.search(low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS.get(m.group(1))
        if n is not None:
            return _iso(published - dt.timedelta(days=n * _UNITS[m.group(2)])), False
    value = _weekday(low, published) or _relative_period(low, published) or _absolute(low, published.year)
    return (value, False) if value else (None, True)


def parse_published(value: str | None) -> dt.date | None:
    """The calendar day of an ISO date/datetime string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract(doc: Any, published: str | None) -> list[TimeExpr]:
    """DATE/TIME spans of the article with a leading "on"/"since"/... kept ("on Wednesday")."""
    anchor = parse_published(published)
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        a = ent.start
        if a > 0 and doc[a - 1].lower_ in _LEAD:
            a -= 1
        start, end = doc[a].idx, ent.end_char
        value, relative = normalise(ent.text, anchor)
        out.append(TimeExpr(doc_text(doc)[start:end], start, end, value, relative))
    return out
