"""The full HTML benchmark run: every tool on both datasets, then the tables for docs/benchmarks.md."""

from __future__ import annotations

import sys

from _report import header, write_section
from bench_html import META_TOOLS, TOOLS, TYPES, run_tool, score_meta, score_sh, score_wcxb
from newsmill.eval import html as html_data
from newsmill.eval.data import shared_data_dir


def _speed(meta: dict) -> tuple[str, str, str]:
    secs = meta["seconds"] or 1e-9
    return f"{meta['pages'] / secs:.0f}", f"{meta['bytes'] / secs / 1e6:.1f}", f"{meta['rss_mb']:.0f}"


def _sh_table(docs: list, runs: dict) -> list[str]:
    rows = [
        "### ScrapingHub article extraction benchmark (181 pages, shingle metric)",
        "",
        "| tool | precision | recall | F1 | pages/s (1 core) | MB/s | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for tool in TOOLS:
        run = runs[tool]
        p, r, f = score_sh(docs, run["results"])
        rows.append(f"| {tool} | {p:.3f} | {r:.3f} | **{f:.3f}** | {' | '.join(_speed(run['meta']))} |")
    return rows


def _wcxb_table(docs: list, runs: dict) -> list[str]:
    head = " | ".join(TYPES)
    rows = [
        "### WCXB dev (1,497 pages, word F1 per page type)",
        "",
        f"| tool | {head} | all | with-snippets found | without-snippets present | pages/s (1 core) | MB/s |",
        "|---|" + "---|" * (len(TYPES) + 5),
    ]
    for tool in TOOLS:
        run = runs[tool]
        s = score_wcxb(docs, run["results"])
        cells = " | ".join(f"{s.get(t, 0):.3f}" for t in TYPES)
        pages, mbs, _ = _speed(run["meta"])
        rows.append(
            f"| {tool} | {cells} | **{s['all']:.3f}** | {s['with']:.3f} | {s['without']:.3f} | {pages} | {mbs} |"
        )
    rss = runs["newsmill"]["meta"]["rss_mb"]
    rows += ["", f"newsmill peak RSS over the whole WCXB dev set (pages streamed): {rss:.0f} MB."]
    return rows


def _meta_table(docs: list, runs: dict) -> list[str]:
    m0 = score_meta(docs, runs["newsmill"]["results"])
    n_title, n_date, n_auth = m0["n"]
    rows = [
        "### Metadata on WCXB dev article pages that have the field",
        "",
        f"| tool | title exact ({n_title}) | date same day ({n_date}) | authors F1 ({n_auth}) |",
        "|---|---|---|---|",
    ]
    for tool in META_TOOLS:
        m = score_meta(docs, runs[tool]["results"])
        rows.append(f"| {tool} | {m['title']:.3f} | {m['date']:.3f} | {m['authors']:.3f} |")
    return rows


SPEED_TOOLS = ["newsmill", "trafilatura", "trafilatura_precision", "readability-lxml", "resiliparse"]


def speed_interleaved(docs: list) -> list[str]:
    """CPU time per tool with the tools interleaved page by page in one process, so every tool
    sees the same machine load (the per-tool runs above are wall time, taken at different times)."""
    import logging
    import time

    import html_tools

    logging.disable(logging.CRITICAL)
    runners = {t: html_tools.TOOLS[t]() for t in SPEED_TOOLS}
    for run in runners.values():  # warm-up (lazy imports, caches, locale data), not timed
        for doc in docs[:30]:
            run(doc.data, doc.url)
    cpu = dict.fromkeys(SPEED_TOOLS, 0.0)
    for doc in docs:
        for tool, run in runners.items():
            t0 = time.process_time()
            run(doc.data, doc.url)
            cpu[tool] += time.process_time() - t0
    nbytes = sum(len(d.data) for d in docs)
    base = cpu["newsmill"]
    rows = [
        f"### Speed, interleaved (ScrapingHub, {len(docs)} pages, CPU time, one process)",
        "",
        "| tool | pages/s per core | MB/s | newsmill is N× faster |",
        "|---|---|---|---|",
    ]
    for tool in SPEED_TOOLS:
        rows.append(
            f"| {tool} | {len(docs) / cpu[tool]:.0f} | {nbytes / cpu[tool] / 1e6:.1f} | {cpu[tool] / base:.1f} |"
        )
    return rows


def _halves(docs: list, res: dict) -> list[str]:
    """newsmill's WCXB word F1 (article pages, all pages) on even and odd page ids separately."""
    parts = []
    for name, parity in (("even", 0), ("odd", 1)):
        half = [d for d in docs if int(d.id) % 2 == parity]
        f1 = {d.id: html_data.word_prf(d.truth, res.get(d.id, {}).get("text") or "")[2] for d in half}
        art = [f1[d.id] for d in half if d.page_type == "article"]
        parts.append(f"{name} ids: article {sum(art) / len(art):.3f}, all {sum(f1.values()) / len(f1):.3f}")
    return ["newsmill WCXB id halves: " + "; ".join(parts) + "."]


_RESAMPLES = 2000


def _interval(diffs: list[float], rng) -> tuple[float, float, float]:  # noqa: ANN001 - numpy Generator
    """Mean of per-page differences and its 95% paired-bootstrap interval (pages resampled)."""
    import numpy as np

    d = np.asarray(diffs)
    means = d[rng.integers(0, len(d), size=(_RESAMPLES, len(d)))].mean(axis=1)
    return float(d.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def _margins(docs: list, runs: dict, rival: str = "trafilatura") -> list[str]:
    """newsmill minus ``rival`` in WCXB word F1 per page type, with 95% paired-bootstrap intervals:
    whether "above on every page type" holds beyond the luck of which pages are in the set."""
    import numpy as np

    rng = np.random.default_rng(0)  # fixed: the table is reproducible run to run
    diffs: dict[str, list[float]] = {}
    for d in docs:
        ours = html_data.word_prf(d.truth, runs["newsmill"]["results"].get(d.id, {}).get("text") or "")[2]
        theirs = html_data.word_prf(d.truth, runs[rival]["results"].get(d.id, {}).get("text") or "")[2]
        diffs.setdefault(d.page_type, []).append(ours - theirs)
    diffs["all"] = [x for t in TYPES for x in diffs.get(t, [])]
    rows = [
        f"### newsmill minus {rival}, WCXB dev word F1 (paired bootstrap over pages, {_RESAMPLES} resamples)",
        "",
        "| page type | pages | margin | 95% interval |",
        "|---|---|---|---|",
    ]
    for t in [*TYPES, "all"]:
        if diffs.get(t):
            m, lo, hi = _interval(diffs[t], rng)
            rows.append(f"| {t} | {len(diffs[t])} | {m:+.3f} | {lo:+.3f} .. {hi:+.3f} |")
    return rows


NOTES = """
Notes:
- Every tool ran in its own process pinned to one core (`taskset -c 1`), one page at a time, on
  the same decoded input; the first two pages warm the tool up and are not timed. pages/s and MB/s
  count extraction time only; peak RSS is the whole process (Python, the tool, one page at a time),
  reported from the ScrapingHub runs (some cached WCXB competitor runs held the whole dataset).
  The machine was shared with other jobs while these ran (load average 2-10 on 2 cores) and
  competitor outputs come from cached runs taken at other times (`bench/.cache/`), so the per-tool
  pages/s columns are wall time under different loads and not comparable; the interleaved CPU-time
  table (all tools in one process, page by page) is the speed comparison.
  Outputs are spooled to disk while a tool runs, so peak RSS excludes them. newsmill's language
  fallback is CLD2 (compiled-in tables, nothing loaded at run time); its WCXB peak was 200 MB while
  py3langid's model (~100 MB resident) served that fallback.
- newsmill's scored text is its paragraphs without figure captions (both ground truths leave captions
  out); captions remain in the record as kind `caption`. trafilatura "default" is
  `bare_extraction(with_metadata=True)` (text without comments); newspaper4k runs with image
  fetching off and no network.
- newsmill has no learned parameters. Its thresholds were set by hand while reading errors on these
  two dev sets, so these are development numbers, not held-out ones; the unseen-collection scores
  are measured elsewhere. Rules added in the last round were checked on WCXB even and odd page ids
  separately (the "id halves" line) and kept only when both halves moved the same way.
"""


def full_run(fresh: bool) -> None:
    root = shared_data_dir()
    if root is None:
        sys.exit("../shared/data is absent: nothing to benchmark")
    # Tools run first: a child forked from a parent holding the datasets inherits its peak RSS.
    runs_sh = {t: run_tool(t, "scrapinghub", fresh or t == "newsmill") for t in TOOLS}
    runs_wc = {t: run_tool(t, "wcxb", fresh or t == "newsmill") for t in TOOLS}
    sh_docs = list(html_data.scrapinghub(root))
    wc_docs = list(html_data.wcxb(root))
    lines = [header("python bench/bench_html.py"), ""]
    lines += _sh_table(sh_docs, runs_sh) + [""]
    lines += _wcxb_table(wc_docs, runs_wc) + [""]
    lines += _halves(wc_docs, runs_wc["newsmill"]["results"]) + [""]
    lines += _margins(wc_docs, runs_wc) + [""]
    lines += _meta_table(wc_docs, runs_wc) + [""]
    lines += speed_interleaved(sh_docs) + [""]
    md = "\n".join(lines) + NOTES
    print(md)
    write_section("html", md)
