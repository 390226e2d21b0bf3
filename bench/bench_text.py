"""Text-mode benchmark: newsmill vs the unchanged flattened text vs the C4-style line filter.

Task and metrics: /work/shared/data/README.md (ScrapingHub, MIT; WCXB dev, CC-BY-4.0). Pages are
flattened with resiliparse exactly as the README says (cached under bench/.cache/). newsmill's quality
numbers are k-fold held-out (folds grouped by domain: a page is only ever scored by models trained
without its site); the shipped model is trained on all pages, so its in-sample score is shown apart.
Speed: the shipped model on the flattened texts, extraction only, one process.

    PYTHONPATH=src /work/main/.venv/bin/python bench/bench_text.py [--folds 5] [--no-write]
    PYTHONPATH=src /work/main/.venv/bin/python bench/bench_text.py --speed-only [--repeats 5]

``--speed-only`` times the C fast path against the numpy fallback, alternating in one process (CPU
time; prints only).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import header, peak_rss_mb, write_section  # noqa: E402
from _textdata import iter_text_pages  # noqa: E402
from newsmill.eval.scoring import shingle_counts, shingle_f1, snippet_rates, title_match, word_f1  # noqa: E402
from newsmill.eval.textmode import c4_filter  # noqa: E402
from newsmill.extract.text import extract_with  # noqa: E402
from newsmill.extract.textmodel import TextModel, load_model  # noqa: E402
from newsmill.model import Source  # noqa: E402
from newsmill.options import Options  # noqa: E402
from train_text import Data, cross_validate, folds, load_data  # noqa: E402

TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")


def _groups(page: dict) -> list[str]:
    if page["dataset"] == "scrapinghub":
        return ["ScrapingHub"]
    return ["WCXB all", f"WCXB {page['page_type']}"]


class Scores:
    """Per-system accumulators of every metric, by page group."""

    def __init__(self) -> None:
        self.f1: dict[str, list[float]] = defaultdict(list)
        self.shingles: list[tuple[float, float, float]] = []
        self.titles: list[bool] = []
        self.with_: list[float] = []
        self.without: list[float] = []

    def add(self, page: dict, pred: str, title: str | None = None) -> None:
        f1 = word_f1(pred, page["truth"])[2]
        for g in _groups(page):
            self.f1[g].append(f1)
        if page["dataset"] == "scrapinghub":
            self.shingles.append(shingle_counts(pred, page["truth"]))
            return
        w, wo = snippet_rates(pred, page["with_snippets"], page["without_snippets"])
        if w is not None:
            self.with_.append(w)
        if wo is not None:
            self.without.append(wo)
        if page["page_type"] == "article" and page.get("title"):
            self.titles.append(title_match(title, page["title"]))

    def row(self, name: str) -> str:
        cells = [name, f"{np.mean(self.f1['ScrapingHub']):.3f}", f"{shingle_f1(self.shingles).f1:.3f}"]
        cells += [f"{np.mean(self.f1['WCXB all']):.3f}"]
        cells += [f"{np.mean(self.f1[f'WCXB {t}']):.3f}" for t in TYPES]
        cells += [f"{np.mean(self.with_):.3f}", f"{np.mean(self.without):.3f}"]
        cells += [f"{np.mean(self.titles):.1%}" if self.titles else "—"]
        return "| " + " | ".join(cells) + " |"


def _run(data: Data, pick: Callable[[int], TextModel]) -> Scores:
    scores = Scores()
    opts = Options(nlp=False)
    for i, page in enumerate(data.pages):
        art = extract_with(page["text"], Source(url=page.get("url")), opts, pick(i))
        scores.add(page, art.text, art.title)
    return scores


def _speed(data: Data, model: TextModel, warm: bool = True, urls: bool = False) -> float:
    """Pages per second of the shipped model over every flattened page, extraction only; with ``urls``
    each page also gets its URL (as WET records carry one), which adds the URL cues of the headline."""
    opts = Options(nlp=False)
    # Warm up on every page first: one-off costs (lazy imports, CLD2's first call, dateparser) land on
    # whichever page first needs them, not on the first page; a one-page warm-up once left py3langid's
    # model load (0.6 s CPU) inside the timing (~30% of it at 850 pages/s).
    for page in data.pages if warm else []:
        extract_with(page["text"], Source(), opts, model)
    t0 = time.process_time()
    for page in data.pages:
        extract_with(page["text"], Source(url=page.get("url") if urls else None), opts, model)
    return len(data.pages) / (time.process_time() - t0)


def speed_compare(repeats: int) -> None:
    """Pages/s per core of the C fast path and of the numpy fallback, alternating in one process."""
    from newsmill.extract import (
        headline,
        language,
        text,
        textcomments,
        textfooter,
        textlines,
        textmodel,
        textteasers,
    )

    # Every module that holds a C fast path, with its attribute: all are switched together.
    text_users = (text, textlines, textmodel, textcomments, textfooter, textteasers, language)
    users = [(m, "_textfast") for m in text_users]
    users.append((headline, "_headlinefast"))
    fast = [getattr(m, a) for m, a in users]
    pages = [{"text": p["text"]} for p in iter_text_pages()]
    data, model = Data(pages, [], [], []), load_model()
    _speed(data, model)  # warm-up (lazy imports and first calls)
    runs: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeats):
        for name, mods in (("numpy fallback", [None] * len(users)), ("C fast path", fast)):
            for (m, a), mod in zip(users, mods, strict=True):
                setattr(m, a, mod)
            runs[name].append(_speed(data, model, warm=False))
    for (m, a), mod in zip(users, fast, strict=True):
        setattr(m, a, mod)
    for name, pps in runs.items():
        print(f"{name}: median {np.median(pps):,.0f} pages/s per core ({', '.join(f'{v:.0f}' for v in pps)})")


def held_out_report(data: Data, models: list[TextModel], parts: list[list[int]]) -> str:
    owner = {i: f for f, part in enumerate(parts) for i in part}
    return _run(data, lambda i: models[owner[i]]).row(f"newsmill ({len(parts)}-fold held-out)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # 3 folds: a 5-fold run took 37 min on the shared, loaded 2-core machine (training dominates).
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print only, leave docs/benchmarks.md alone")
    ap.add_argument("--speed-only", action="store_true", help="time C fast path vs numpy fallback only")
    ap.add_argument("--repeats", type=int, default=5, help="--speed-only: alternating runs of each")
    args = ap.parse_args()
    if args.speed_only:
        speed_compare(args.repeats)
        return
    t0 = time.perf_counter()
    data = load_data()
    base, c4 = Scores(), Scores()
    for page in data.pages:
        base.add(page, page["text"])
        c4.add(page, c4_filter(page["text"]))
    parts = folds(data, args.folds)
    held = held_out_report(data, cross_validate(data, args.folds), parts)
    shipped = load_model()
    insample = _run(data, lambda i: shipped).row("newsmill (shipped model, in-sample)")
    pps = _speed(data, shipped)
    pps_url = _speed(data, shipped, warm=False, urls=True)
    cols = ["system", "SH word F1", "SH shingle F1", "WCXB all", *TYPES, "with found", "without leaked"]
    lines = [
        "## Text mode (flattened pages)",
        "",
        header(
            "PYTHONPATH=src python bench/bench_text.py"
            + (f" --folds {args.folds}" if args.folds != 3 else "")
        ),
        "Word F1 (mean over pages) on ScrapingHub (181 pages) and WCXB dev (1,497 pages) flattened with",
        "resiliparse; ScrapingHub also with its own shingle F1; WCXB `with`/`without` snippet rates;",
        "title exact match on WCXB article pages. Speed is CPU time (time.process_time); load average",
        "(1, 5, 15 min) at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + " (a shared 2-core",
        "machine: speed numbers are noisy, compare them only at similar load).",
        "",
        "| " + " | ".join([*cols, "title exact"]) + " |",
        "|" + "---|" * (len(cols) + 1),
        base.row("flattened text unchanged"),
        c4.row("C4-style line filter"),
        held,
        insample,
        "",
        f"Speed (shipped model, extraction only, 1 process): **{pps:,.0f} pages/s per core** over "
        f"{len(data.pages):,} pages ({pps_url:,.0f} with each page's URL given); peak RSS {peak_rss_mb():.0f} MB (whole bench incl. training); "
        f"bench wall time {time.perf_counter() - t0:.0f} s.",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        write_section("text", report)


if __name__ == "__main__":
    main()
