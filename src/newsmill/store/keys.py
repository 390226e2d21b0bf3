"""Article keys: ``rowid = day_number << 24 | sequence`` so that rowid order is date order.

``day_number`` is the proleptic Gregorian ordinal of the publication day
(``date.toordinal()``, 1 for 0001-01-01), 0 for undated articles (they sort last in
newest-first order). 2**24 articles per day is the ceiling; the largest key,
3652059 << 24, is far inside SQLite's signed 64-bit rowid.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3

SHIFT = 24
DAY_MASK = (1 << SHIFT) - 1


def day_number(day: str) -> int:
    """'2018-06-12' -> ordinal day number; '' or an impossible date -> 0."""
    if not day:
        return 0
    try:
        return _dt.date(int(day[:4]), int(day[5:7]), int(day[8:10])).toordinal()
    except ValueError:
        return 0


def day_range(date_from: str | None, date_to: str | None) -> tuple[int, int] | None:
    """Inclusive rowid bounds for a publication-date range (either end optional)."""
    if not date_from and not date_to:
        return None
    lo = day_number(date_from) if date_from else 1
    hi = day_number(date_to) if date_to else day_number("9999-12-31")
    return max(lo, 1) << SHIFT, (hi << SHIFT) | DAY_MASK


def next_key(conn: sqlite3.Connection, day: str) -> int:
    """The next free key on this publication day (later loads sort first within a day)."""
    base = day_number(day) << SHIFT
    row = conn.execute(
        "SELECT max(rowid) FROM articles WHERE rowid BETWEEN ? AND ?", (base, base | DAY_MASK)
    ).fetchone()
    if row[0] is None:
        return base
    if row[0] >= base | DAY_MASK:
        raise ValueError(f"more than {DAY_MASK + 1} articles on {day or 'no date'}")
    return row[0] + 1
