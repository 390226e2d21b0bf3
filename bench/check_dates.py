"""Identity check for the fast visible-date path: metanorm.visible_date (quick_date first, a
language-restricted dateparser after) against the previous visible_date (dateparser for every
string, all languages), on the strings the benchmark pages send plus a synthetic grid.

    python bench/bench_meta.py --dates /tmp/dates.json   # collect the benchmark's strings
    python bench/check_dates.py /tmp/dates.json          # compare, and time both per string
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsmill.extract import metanorm  # noqa: E402

_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"]  # fmt: skip
_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
_OTHER = ["5 juin 2024", "3 marca 2024", "12 Dezember 2023", "4 Headphones 2026", "5 Stars. 1664",
          "79 from 1847", "3. Technology 2025", "1 enero 2024", "7 VDC, 1900", "Juni 5, 2024",
          "Mars 5, 2024", "5 Mayo 2024", "Augu 5, 2024", "10 Oct, 2007", "19th Dec 2025"]  # fmt: skip


def grid() -> list[str]:
    out = list(_OTHER)
    months = [f(m) for m in _FULL + _ABBR for f in (str, str.upper, str.lower)] + [f"{m}." for m in _ABBR]
    for mon in months:
        for day in (0, 1, 2, 3, 9, 11, 12, 13, 21, 22, 23, 28, 29, 30, 31, 32):
            for year in (1989, 2000, 2024):
                suf = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
                out += [f"{mon} {day}, {year}", f"{mon} {day}{suf} {year}", f"{day} {mon} {year}",
                        f"{day}{suf} {mon}, {year}", f"{day:02d} {mon} {year}"]  # fmt: skip
    for a in list(range(14)) + [28, 29, 30, 31, 32]:
        for b in list(range(14)) + [28, 29, 30, 31, 32]:
            for sep in "/.":
                out += [f"{a}{sep}{b}{sep}2024", f"{a:02d}{sep}{b:02d}{sep}2023"]
    return out


def old_visible_date(text: str) -> str | None:
    """visible_date as it was: dateparser, all languages, for every matched string."""
    m = metanorm._VISIBLE_DATE.search(text)
    if not m:
        return metanorm.iso_date(text)
    try:
        res = _OLD.get_date_data(m.group(0))
    except Exception:  # noqa: BLE001
        return None
    d = res.date_obj if res else None
    if d is None or not metanorm._valid(d.year, d.month, d.day):
        return None
    return d.date().isoformat()


def compare(name: str, strings: list[str]) -> None:
    same = 0
    diffs = []
    t_old = t_new = 0.0
    for s in strings:
        t0 = time.process_time()
        a = old_visible_date(s)
        t1 = time.process_time()
        b = metanorm.visible_date(s)
        t2 = time.process_time()
        t_old += t1 - t0
        t_new += t2 - t1
        if a == b:
            same += 1
        else:
            diffs.append((s, a, b))
    n = len(strings)
    print(f"{name}: {n} strings, {same} identical, {len(diffs)} differ;"
          f" ms/string old {1000 * t_old / n:.3f}, new {1000 * t_new / n:.3f}")  # fmt: skip
    for d in diffs[:30]:
        print("   ", d)


if __name__ == "__main__":
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    _OLD = dateparser.DateDataParser(settings=settings)
    # Both parsers load their locale data before timing starts.
    old_visible_date("4 Headphones 2026")
    metanorm._dateparser().get_date_data("4 Headphones 2026")
    bench = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")) if len(sys.argv) > 1 else []
    if bench:
        compare("benchmark strings (with repeats)", bench)
        compare("benchmark strings (distinct)", sorted(set(bench)))
    compare("synthetic grid", grid())
