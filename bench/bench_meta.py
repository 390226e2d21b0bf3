"""newsmill metadata only: title / date / authors on WCXB dev article pages, split by page-id
parity, and the CPU time the metadata steps take per page (in-process, newsmill alone).

    python bench/bench_meta.py                  # scores (all, even ids, odd ids) + ms/page
    python bench/bench_meta.py --errors even    # also list misses on the even-id half
    python bench/bench_meta.py --dates out.json # also dump every string sent to dateparser

Rules are developed by reading errors on one half only (even ids); the odd half is the held-out
check. "metadata ms/page" is the CPU time spent in read_metadata plus the visible-text fallbacks
(byline/date lines, visible_date, authors_from_byline) that html.py runs after block extraction.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from newsmill.eval import html as html_data  # noqa: E402
from newsmill.eval.data import shared_data_dir  # noqa: E402

_TIMED = (
    "read_metadata",
    "visible_date",
    "authors_from_byline",
    "_date_lines",
    "_byline_lines",
    "_prefer_shown_date",
)


class _Clock:
    """CPU time inside the wrapped functions; nested calls count once."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.depth = 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return fn(*args, **kwargs)
            self.depth = 1
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.cpu += time.process_time() - t0
                self.depth = 0

        return timed


def _instrument(clock: _Clock, dump: list[str] | None) -> None:
    from newsmill.extract import html as html_mod
    from newsmill.extract import metanorm

    for name in _TIMED:
        setattr(html_mod, name, clock.wrap(getattr(html_mod, name)))
    if dump is not None:
        parser = metanorm._dateparser()
        real = parser.get_date_data

        def spy(text: str, *a: Any, **k: Any) -> Any:
            dump.append(text)
            return real(text, *a, **k)

        parser.get_date_data = spy


def _score(docs: list[html_data.Doc], res: dict[str, dict]) -> dict[str, float]:
    t = [0, 0]
    d = [0, 0]
    a = [0.0, 0]
    for doc in docs:
        r = res[doc.id]
        if doc.title:
            t[0] += html_data.title_ok(doc.title, r["title"])
            t[1] += 1
        if doc.date:
            d[0] += html_data.date_ok(doc.date, r["date"])
            d[1] += 1
        if doc.author:
            a[0] += html_data.author_f1(doc.author, r["authors"])
            a[1] += 1
    return {"title": t[0] / t[1], "date": d[0] / d[1], "authors": a[0] / a[1], "n": (t[1], d[1], a[1])}


def _errors(docs: list[html_data.Doc], res: dict[str, dict]) -> None:
    for doc in docs:
        r = res[doc.id]
        if doc.title and not html_data.title_ok(doc.title, r["title"]):
            print(f"TITLE {doc.id} {doc.url}\n  gold {doc.title!r}\n  got  {r['title']!r}")
        if doc.date and not html_data.date_ok(doc.date, r["date"]):
            print(f"DATE  {doc.id} {doc.url}\n  gold {doc.date!r}\n  got  {r['date']!r}")
        if doc.author and html_data.author_f1(doc.author, r["authors"]) < 1:
            print(f"AUTH  {doc.id} {doc.url}\n  gold {doc.author!r}\n  got  {r['authors']!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", choices=["even", "odd"], help="print the misses on one id half")
    ap.add_argument("--dates", help="write every string sent to dateparser (WCXB + ScrapingHub) here")
    ap.add_argument("--out", help="write the per-page outputs here (JSON)")
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)
    from newsmill.extract import extract_page
    from newsmill.model import Source
    from newsmill.options import Options
    from newsmill.sources.files import Page

    root = shared_data_dir()
    opts = Options(nlp=False, input_format="html")
    clock = _Clock()
    dump: list[str] | None = [] if args.dates else None
    _instrument(clock, dump)
    wc = list(html_data.wcxb(root))
    sets = [("wcxb", wc)] + ([("scrapinghub", list(html_data.scrapinghub(root)))] if args.dates else [])
    res: dict[str, dict] = {}
    per_page: list[float] = []
    for name, docs in sets:
        for doc in docs:
            before = clock.cpu
            a = extract_page(Page(doc.data, Source(url=doc.url), "html", None, None), opts)
            if name == "wcxb":
                res[doc.id] = {"title": a.title, "date": a.published, "authors": a.authors}
                if doc.page_type == "article":
                    per_page.append(clock.cpu - before)
        if name == "wcxb":
            wc_cpu = clock.cpu
    arts = [d for d in wc if d.page_type == "article"]
    halves = {"all": arts}
    halves |= {label: [d for d in arts if int(d.id) % 2 == p] for label, p in (("even", 0), ("odd", 1))}
    for label, part in halves.items():
        s = _score(part, res)
        print(
            f"{label:5s} title {s['title']:.3f}  date {s['date']:.3f}  authors {s['authors']:.3f}  n={s['n']}"
        )
    # The slowest page holds one-off costs (dateparser's first call loads its language data).
    rest = sorted(per_page)[:-1]
    print(
        f"metadata CPU ms/page on all {len(wc)} WCXB pages (one-off loads included): {1000 * wc_cpu / len(wc):.2f}"
    )
    print(
        f"metadata CPU ms/page on {len(per_page)} WCXB article pages: {1000 * sum(per_page) / len(per_page):.2f}"
        f" (without the slowest page {1000 * sum(rest) / len(rest):.2f}; slowest {1000 * max(per_page):.0f} ms)"
    )
    if args.errors:
        _errors([d for d in arts if int(d.id) % 2 == (args.errors == "odd")], res)
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=0), encoding="utf-8")
    if dump is not None:
        Path(args.dates).write_text(json.dumps(dump, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(dump)} strings sent to dateparser -> {args.dates}")


if __name__ == "__main__":
    main()
