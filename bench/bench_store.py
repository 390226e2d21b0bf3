"""Archive benchmark: load rate, DB size, and search / article-page latency under concurrent load.

Corpus: the 181 ScrapingHub + 1,497 WCXB-dev pages, flattened to text with
resiliparse (the shared data README's text-mode recipe) and extracted with
``newsmill.extract(..., options=Options(nlp=False))``; those 1,678 records are
replicated with distinct ids, URLs and publication dates up to ``--articles``
(default 100,000). Records are cached under bench/.cache/ (gitignored).

Latency: a uvicorn subprocess (``newsmill serve``) on 127.0.0.1 and a bounded load
generator (``--clients`` threads with httpx, ``--requests`` per kind, ``--seconds``
cap) hitting GET /api/articles?q=... (search) and GET /articles/{id} (the HTML
article page). Writes the ``store`` section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from _report import header, peak_rss_mb, write_section  # noqa: E402
from newsmill.eval.data import shared_data_dir  # noqa: E402

CACHE = HERE / ".cache"
LOAD = os.getloadavg()
QUERIES = [  # mixed selectivity: common words, rarer words, phrases, OR/NOT, prefix, plus filters
    {"q": "president"},
    {"q": "government"},
    {"q": "market"},
    {"q": "climate"},
    {"q": "police"},
    {"q": '"white house"'},
    {"q": "election OR vote"},
    {"q": "football"},
    {"q": "price*"},
    {"q": "court NOT trump"},
    {"q": "software"},
    {"q": "music"},
    {"q": "health care"},
    {"q": "president", "site": "site7.example"},
    {"q": "market", "from": "2018-01-01", "to": "2018-12-31"},
    {"q": "police", "language": "en"},
    {"sort": "date"},
    {"from": "2019-03-01", "to": "2019-03-31"},
]


def base_records() -> list[dict[str, Any]]:
    """The 1,678 development pages as text-mode records (cached), with a language."""
    from newsmill.extract.language import detect_language

    out = _extracted()
    for rec in out:  # this branch's text mode leaves language unset; real records carry one
        rec["language"] = rec.get("language") or detect_language(rec["text"])
    return out


def _extracted() -> list[dict[str, Any]]:
    cache = CACHE / "store_base.jsonl"
    if cache.exists():
        return [json.loads(line) for line in cache.open(encoding="utf-8")]
    from newsmill import Options, extract
    from newsmill.errors import NewsmillError
    from newsmill.eval.datasets import flatten

    data = shared_data_dir()
    if data is None:
        sys.exit("bench_store: ../shared/data is absent")
    pages = sorted((data / "scrapinghub" / "html").glob("*.html.gz")) + sorted(
        (data / "wcxb-dev" / "dev" / "html").glob("*.html.gz")
    )
    out = []
    for path in pages:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        flat = flatten(html)
        try:
            art = extract(
                flat, path=str(path.relative_to(data)), options=Options(nlp=False, input_format="text")
            )
        except NewsmillError:
            continue
        out.append(art.to_dict())
    CACHE.mkdir(exist_ok=True)
    with cache.open("w", encoding="utf-8") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def replicate(base: list[dict[str, Any]], n: int, salt: str = "") -> Iterator[dict[str, Any]]:
    """``n`` records cycling through ``base`` with distinct ids, URLs and dates (2015-2020)."""
    for i in range(n):
        rec = dict(base[i % len(base)])
        rec["id"] = hashlib.blake2b(f"{salt}{i}".encode(), digest_size=10).hexdigest()
        host = f"site{i % 97}.example"
        rec["source"] = {**rec["source"], "url": f"https://www.{host}/news/{i}", "path": None}
        rec["canonical_url"] = None
        rec["site_name"] = host
        day = 16436 + (i * 7919) % 2190  # days since epoch: 2015-01-01 .. 2020-12-30, scattered
        rec["published"] = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
        yield rec


def bench_load(base: list[dict[str, Any]], n: int, db: Path) -> dict[str, Any]:
    from newsmill.store import load_paths, write_articles

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cpu0 = time.process_time()
    stats = write_articles(db, replicate(base, n))
    cpu = time.process_time() - cpu0
    with __import__("sqlite3").connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size
    res = {
        "n": n,
        "write_rate": stats.read / stats.seconds,
        "write_cpu_rate": stats.read / cpu,
        "writer_thread_rate": stats.read / stats.writer_cpu,
        "size_per_1k_mb": size / n * 1000 / 2**20,
        "size_mb": size / 2**20,
        "inserted": stats.inserted,
    }
    # the file paths: JSONL and Parquet of 5,000 records into a fresh DB, then the same again (unchanged)
    sample = list(replicate(base, 5000, salt="file"))
    jl, pq_path, small = CACHE / "store_5k.jsonl", CACHE / "store_5k.parquet", CACHE / "store_5k.db"
    with jl.open("w", encoding="utf-8") as fh:
        for rec in sample:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(sample), pq_path)
    for name, path in (("jsonl", jl), ("parquet", pq_path)):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{small}{suffix}").unlink(missing_ok=True)
        first = load_paths(small, [path])
        again = load_paths(small, [path])
        res[f"{name}_rate"] = first.read / first.seconds
        res[f"{name}_again_rate"] = again.read / again.seconds
        res[f"{name}_again_unchanged"] = again.unchanged
    return res


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsmill",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(200):
        try:
            if httpx.get(base + "/api/articles?limit=1", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("bench_store: server did not start: " + (proc.stderr.read() or b"").decode()[-500:])


def load_generator(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    """``clients`` threads take paths from a shared list until it or the time budget runs out.

    Each thread keeps one HTTP/1.1 connection (stdlib http.client: the client runs on
    the same 2 cores as the server: httpx took 0.98 ms of client CPU per search request,
    http.client 0.28 ms).
    A request's latency is from sending it to having read the whole body.
    """
    import http.client
    from urllib.parse import urlsplit

    host, port = urlsplit(base).hostname, urlsplit(base).port
    lock = threading.Lock()
    todo = list(reversed(paths))
    lat: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            while time.monotonic() < deadline:
                with lock:
                    if not todo:
                        return
                    path = todo.pop()
                t0 = time.perf_counter()
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt * 1000)
                    if resp.status != 200:
                        errors[0] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors[0]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def bench_latency(db: Path, clients: int, requests: int, seconds: float) -> dict[str, Any]:
    import sqlite3
    from urllib.parse import urlencode

    rng = random.Random(7)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        every = [r[0] for r in c.execute("SELECT id FROM articles")]
    pages = [f"/articles/{rng.choice(every)}" for _ in range(requests)]
    searches = ["/api/articles?" + urlencode(QUERIES[i % len(QUERIES)]) for i in range(requests)]
    rng.shuffle(searches)
    with_q = [q for q in QUERIES if "q" in q]
    ranked = [
        "/api/articles?" + urlencode({**with_q[i % len(with_q)], "sort": "relevance"})
        for i in range(requests)
    ]
    serial = max(1, requests // 5)
    runs = [  # (row label, paths, concurrent clients)
        ("search", searches, clients),
        ("article page", pages, clients),
        ("search, sort=relevance", ranked, clients),
        ("search", searches[:serial], 1),
        ("article page", pages[:serial], 1),
    ]
    proc, base = start_server(db)
    out = []
    try:
        load_generator(base, searches[:50] + pages[:50], clients, 30)  # warm-up
        for kind, paths, n in runs:
            t0 = time.perf_counter()
            lat, errors = load_generator(base, paths, n, seconds)
            wall = time.perf_counter() - t0
            out.append(
                {
                    "kind": kind,
                    "clients": n,
                    "n": len(lat),
                    "errors": errors,
                    "p50": pct(lat, 50),
                    "p95": pct(lat, 95),
                    "p99": pct(lat, 99),
                    "rps": len(lat) / wall,
                }
            )
    finally:
        proc.terminate()
        proc.wait(10)
    return {"runs": out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=2000, help="requests per kind (search, article page)")
    ap.add_argument("--seconds", type=float, default=120, help="time cap per kind")
    ap.add_argument(
        "--reuse", action="store_true", help="reuse the cached database (skip the load benchmark)"
    )
    ap.add_argument(
        "--repeat", type=int, default=1, help="latency rounds (the machine is shared: show the spread)"
    )
    ap.add_argument("--no-write", action="store_true", help="print only, leave docs/benchmarks.md alone")
    args = ap.parse_args()
    t0 = time.perf_counter()
    base = base_records()
    print(f"base records: {len(base)} ({time.perf_counter() - t0:.1f} s)", flush=True)
    db = CACHE / f"store_{args.articles}.db"
    saved = CACHE / f"store_{args.articles}_load.json"
    if args.reuse and db.exists() and saved.exists():
        load = json.loads(saved.read_text())  # measured when the database was built
    else:
        load = bench_load(base, args.articles, db)
        load["when"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        load["loadavg"] = os.getloadavg()[0]
        saved.write_text(json.dumps(load))
        print(json.dumps(load), flush=True)
    runs = []
    for _ in range(args.repeat):
        lat = bench_latency(db, args.clients, args.requests, args.seconds)
        for r in lat["runs"]:
            r["loadavg"] = os.getloadavg()[0]
        runs += lat["runs"]
        print(json.dumps(lat), flush=True)
    lat = {"runs": runs}
    md = report(args, len(base), load, lat)
    print(md)
    if not args.no_write:
        write_section("store", md)


def report(args: argparse.Namespace, n_base: int, load: dict[str, Any] | None, lat: dict[str, Any]) -> str:
    lines = [
        header(
            f"python bench/bench_store.py --articles {args.articles} --clients {args.clients} "
            f"--requests {args.requests}"
        ),
        f"Store of {args.articles:,} articles replicated from {n_base:,} development pages "
        "(ScrapingHub + WCXB dev, text mode, no NLP: records carry no quotes/entities). "
        "Timings on a shared 2-core machine that other jobs were using at the same time "
        f"(load average {LOAD[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end), so wall-clock "
        "rates understate what an idle machine does; the CPU-time rate is the steadier figure.\n",
    ]
    if load:
        lines += [
            "| load | value | target |",
            "|---|---|---|",
            f"| write_articles, {load['n']:,} records (wall clock) | {load['write_rate']:,.0f} records/s | >= 1,000 |",
            f"| same, per CPU-second of the whole loader (2 threads) | {load['write_cpu_rate']:,.0f} records/s | |",
            f"| same, per CPU-second of the writer thread (the bottleneck: SQLite + FTS5) | "
            f"{load['writer_thread_rate']:,.0f} records/s | |",
            f"| load JSONL, 5,000 records | {load['jsonl_rate']:,.0f} records/s | >= 1,000 |",
            f"| load Parquet, 5,000 records | {load['parquet_rate']:,.0f} records/s | >= 1,000 |",
            f"| reload same JSONL (all unchanged: {load['jsonl_again_unchanged']:,}) | "
            f"{load['jsonl_again_rate']:,.0f} records/s | |",
            f"| database size | {load['size_per_1k_mb']:.1f} MB per 1,000 articles "
            f"({load['size_mb']:,.0f} MB total) | |",
            "",
            f"Load measured {load.get('when', '')} ("
            + (
                f"load average {load['loadavg']:.1f} when it finished"
                if "loadavg" in load
                else load.get("loadavg_note", "")
            )
            + ").\n",
        ]
    lines += [
        "Server: `newsmill serve` (one uvicorn process) on 127.0.0.1; load generator in the benchmark "
        "process (threads, one keep-alive connection each), on the same 2 cores.\n",
        "| request | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s | load avg | target p95 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    targets = {"search": "<= 50 ms", "article page": "<= 30 ms", "search, sort=relevance": "(none)"}
    for r in lat["runs"]:
        target = targets[r["kind"]] if r["clients"] == args.clients else ""
        lines.append(
            f"| {r['kind']} | {r['clients']} | {r['n']} | {r['errors']} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['rps']:.0f} | {r.get('loadavg', float('nan')):.1f} | {target} |"
        )
    lines.append(
        "\nsearch: GET /api/articles with a mix of 18 queries (common and rare words, a phrase, OR, NOT, "
        "prefix, with site/date/language filters, and filter-only listings), newest first (the default). "
        "article page: GET /articles/{id} (HTML; ~40 paragraphs each, the ~220 removed blocks are fetched only when the toggle is opened) for random ids. "
        "sort=relevance: the 15 full-text queries ranked by BM25 over all matches."
    )
    lines.append(f"\nPeak RSS of the benchmark process: {peak_rss_mb():.0f} MB.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
