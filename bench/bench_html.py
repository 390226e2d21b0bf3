"""HTML extraction benchmark: newsmill vs trafilatura, readability, resiliparse, jusText, boilerpy3,
newspaper4k and goose3 on ScrapingHub (shingle F1) and WCXB dev (word F1 per page type, snippets,
metadata). Each tool runs in its own subprocess (peak RSS per tool) on one core; competitor outputs
are cached in bench/.cache/ (delete it to re-measure them). Writes section ``html`` of docs/benchmarks.md.

    python bench/bench_html.py            # full run, writes the doc section
    python bench/bench_html.py --quick    # newsmill only, in-process, prints scores
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from newsmill.eval import html as html_data  # noqa: E402

CACHE = HERE / ".cache"
TOOLS = [
    "newsmill",
    "trafilatura",
    "trafilatura_precision",
    "readability-lxml",
    "resiliparse",
    "justext",
    "boilerpy3",
    "newspaper4k",
    "goose3",
]
META_TOOLS = ["newsmill", "trafilatura", "newspaper4k"]
TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]


def run_tool(tool: str, dataset: str, fresh: bool) -> dict:
    CACHE.mkdir(exist_ok=True)
    out = CACHE / f"{tool}_{dataset}.json"
    if fresh or not out.exists():
        cmd = ["taskset", "-c", "1", sys.executable, str(HERE / "html_tools.py"), tool, dataset, str(out)]
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def score_sh(docs: list[html_data.Doc], res: dict) -> tuple[float, float, float]:
    return html_data.shingle_prf([(d.truth, res.get(d.id, {}).get("text") or "") for d in docs])


def score_wcxb(docs: list[html_data.Doc], res: dict) -> dict:
    by_type: dict[str, list[float]] = defaultdict(list)
    snip = [0, 0, 0, 0]
    for d in docs:
        pred = res.get(d.id, {}).get("text") or ""
        by_type[d.page_type].append(html_data.word_prf(d.truth, pred)[2])
        for i, v in enumerate(html_data.snippet_rates(d, pred)):
            snip[i] += v
    allf = [f for fs in by_type.values() for f in fs]
    out = {t: sum(fs) / len(fs) for t, fs in by_type.items()}
    out["all"] = sum(allf) / len(allf)
    out["with"] = snip[0] / max(snip[1], 1)
    out["without"] = snip[2] / max(snip[3], 1)
    return out


def score_meta(docs: list[html_data.Doc], res: dict) -> dict:
    t = [0, 0]
    dd = [0, 0]
    a = [0.0, 0]
    for d in docs:
        if d.page_type != "article":
            continue
        r = res.get(d.id, {})
        if d.title:
            t[0] += html_data.title_ok(d.title, r.get("title"))
            t[1] += 1
        if d.date:
            dd[0] += html_data.date_ok(d.date, r.get("date"))
            dd[1] += 1
        if d.author:
            a[0] += html_data.author_f1(d.author, r.get("authors"))
            a[1] += 1
    return {
        "title": t[0] / max(t[1], 1),
        "date": dd[0] / max(dd[1], 1),
        "authors": a[0] / max(a[1], 1),
        "n": (t[1], dd[1], a[1]),
    }


def quick(limit: int) -> None:
    import time

    import html_tools
    from newsmill.eval.data import shared_data_dir

    root = shared_data_dir()
    CACHE.mkdir(exist_ok=True)
    run = html_tools.TOOLS["newsmill"]()
    for name, loader in (("scrapinghub", html_data.scrapinghub), ("wcxb", html_data.wcxb)):
        docs = list(loader(root))
        if limit:
            docs = docs[:: max(1, len(docs) // limit)]
        res = {}
        t0 = time.perf_counter()
        for d in docs:
            res[d.id] = run(d.data, d.url)
        dt = time.perf_counter() - t0
        print(f"{name}: {len(docs)} pages, {len(docs) / dt:.0f} pages/s")
        if name == "scrapinghub":
            print("  shingle P/R/F1 {:.4f} {:.4f} {:.4f}".format(*score_sh(docs, res)))
        else:
            print("  ", {k: round(v, 4) for k, v in score_wcxb(docs, res).items()})
            print("  ", score_meta(docs, res))
        Path(CACHE / f"quick_{name}.json").write_text(json.dumps(res, default=str))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--fresh", action="store_true", help="re-run cached competitors too")
    args = ap.parse_args()
    if args.quick:
        quick(args.limit)
    else:
        from bench_html_report import full_run

        full_run(args.fresh)
