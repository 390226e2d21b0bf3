"""Corpus-run benchmark: WARC reading cost, pages/s on 1 and 2 workers, Ray vs local, worker memory.

Builds WARC files under bench/.cache/ from the shared development pages (WCXB dev + ScrapingHub,
1,678 pages), the big one repeated (unique URLs and record ids per copy) to reach --pages
(default 50,000) for the memory check. Writes section ``run`` of docs/benchmarks.md.

When HTML extraction is not available in the checked-out code, the WARC payloads are the pages
flattened to text (the shared text-mode task's resiliparse settings) and runs use
``--input-format text``; the notes say so.

    python bench/bench_run.py            # full run (~10 min on 2 cores)
    python bench/bench_run.py --quick    # smoke test on small inputs
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import resource
import sys
import tempfile
import threading
import time
import uuid
import zlib
from pathlib import Path
from typing import Any

from _report import header, machine, write_section
from newsmill.errors import ExtractionError
from newsmill.eval.data import shared_data_dir
from newsmill.options import Options
from newsmill.run import RunConfig, run
from newsmill.sources import open_inputs
from newsmill.sources.files import Page

CACHE = Path(__file__).parent / ".cache"


def load_pages(data: Path) -> list[tuple[str, bytes]]:
    """(url, html) of every WCXB dev and ScrapingHub page, in a fixed order."""
    import json

    pages = []
    for path in sorted((data / "wcxb-dev" / "dev" / "html").glob("*.html.gz")):
        truth = data / "wcxb-dev" / "dev" / "ground-truth" / (path.name[: -len(".html.gz")] + ".json")
        url = json.loads(truth.read_text()).get("url") if truth.exists() else None
        pages.append((url or f"http://wcxb.invalid/{path.name}", gzip.decompress(path.read_bytes())))
    gt = json.loads((data / "scrapinghub" / "ground-truth.json").read_text())
    for path in sorted((data / "scrapinghub" / "html").glob("*.html.gz")):
        key = path.name[: -len(".html.gz")]
        pages.append(
            (gt.get(key, {}).get("url") or f"http://sh.invalid/{key}", gzip.decompress(path.read_bytes()))
        )
    return pages


def html_extraction_available(pages: list[tuple[str, bytes]]) -> bool:
    from newsmill.extract import extract_page

    try:
        extract_page(Page(pages[0][1], kind="html"), Options(nlp=False))
    except ExtractionError as exc:
        return "not available" not in str(exc)
    return True


def nlp_available() -> bool:
    """False while ``newsmill.nlp.annotate`` is the placeholder (it fills nothing)."""
    from newsmill.api import analyze

    return analyze("Ann Lee said on Monday that the bridge would open.").entities is not None


def flatten(html: bytes) -> bytes:
    """The shared text-mode task's flattening (README: resiliparse, whole page)."""
    from newsmill.eval.datasets import flatten as flatten_text

    return flatten_text(html.decode("utf-8", "replace")).encode("utf-8")


def _record(url: str, payload: bytes, rep: int) -> bytes:
    """One gzip member holding one WARC response record (ids are deterministic uuid5s)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(
        payload
    )
    block = http + payload
    rid = uuid.uuid5(uuid.NAMESPACE_URL, f"{url}#{rep}")
    head = (
        f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Date: 2024-06-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    comp = zlib.compressobj(1, zlib.DEFLATED, 31)  # level 1: the 50k-page file builds in seconds
    return comp.compress(head.encode() + block + b"\r\n\r\n") + comp.flush()


def build_warc(path: Path, pages: list[tuple[str, bytes]], total: int) -> Path:
    """Repeat the pages (URL suffix ``#copy-k``) up to ``total`` records; cached by content."""
    digest = hashlib.blake2b(
        b"".join(p for _, p in pages[:50]) + str((len(pages), total)).encode(), digest_size=6
    )
    final = path.with_name(f"{path.stem}-{digest.hexdigest()}.warc.gz")
    if final.exists():
        return final
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = final.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        for i in range(total):
            url, payload = pages[i % len(pages)]
            rep = i // len(pages)
            fh.write(_record(url if rep == 0 else f"{url}#copy-{rep}", payload, rep))
    tmp.replace(final)
    return final


def time_read(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    n = sum(1 for _ in open_inputs([str(path)]))
    return n, time.perf_counter() - start


def _read_pages(path: Path) -> list[Page]:
    return [p for p in open_inputs([str(path)]) if isinstance(p, Page)]


def _extract_all(pages: list[Page], options: Options) -> None:
    from newsmill.extract import extract_page

    for page in pages:
        with contextlib.suppress(Exception):  # a failing page still cost its time
            extract_page(page, options)


def time_extract(path: Path, options: Options) -> tuple[int, float]:
    """Extraction alone, in this process, over pages already read (reading excluded)."""
    pages = _read_pages(path)
    start = time.perf_counter()
    _extract_all(pages, options)
    return len(pages), time.perf_counter() - start


def _extract_cpu(args: tuple[str, dict[str, object], Any]) -> tuple[int, float, float]:
    """In a child: (pages, CPU s, wall s) of extracting every page of a WARC, after the barrier."""
    path, opts, barrier = args
    options = Options(**opts)  # type: ignore[arg-type]
    pages = _read_pages(Path(path))
    _extract_all(pages[:20], options)  # warm-up: lazy imports and models load outside the timing
    barrier.wait()
    cpu, wall = time.process_time(), time.perf_counter()
    _extract_all(pages, options)
    return len(pages), time.process_time() - cpu, time.perf_counter() - wall


def machine_bound(path: Path, options: Options) -> str:
    """How much two independent extraction processes slow each other on this machine.

    No engine is involved: one process alone, then two at once, on the same pages. The ratio of
    their combined pages/s to the lone process's pages/s is the most 2 workers can reach here."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    rates = {}
    for n in (1, 2):
        with ctx.Manager() as manager:
            barrier = manager.Barrier(n)
            with ctx.Pool(n) as pool:
                out = pool.map(_extract_cpu, [(str(path), _opts(options), barrier)] * n)
        rates[n] = (sum(p / w for p, _, w in out), sum(c for _, c, _ in out) / sum(p for p, _, _ in out))
    (r1, c1), (r2, c2) = rates[1], rates[2]
    row = (
        f"| machine bound: independent extraction processes (no engine) | 1 / 2 | {1000 * c1:.2f} / "
        f"{1000 * c2:.2f} ms CPU per page | **{r2 / r1:.2f}x** pages/s with 2 processes |"
    )
    print(row, flush=True)
    return row


def _cpu() -> float:
    """CPU seconds of this process plus its finished children (the joined workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


LAST_CPU: dict[str, float] = {}  # "cpu": all; "worker", "main": CPU s per page after start-up
LAST_RSS: dict[int, dict[str, object]] = {}  # the last run's Summary.worker_rss


def time_run(path: Path, options: Options, workers: int, engine: str = "local") -> tuple[int, float, float]:
    """(pages, wall seconds including start-up, pages/s after start-up); CPU s in LAST_CPU."""
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        config = RunConfig(
            inputs=[str(path)],
            out=Path(tmp) / "out",
            workers=workers,
            options=options,
            engine=engine,
            quiet=True,
        )
        start, cpu = time.perf_counter(), _cpu()
        summary = run(config)
        LAST_CPU["cpu"] = _cpu() - cpu
        LAST_CPU["worker"] = summary.worker_cpu / max(summary.pages, 1)
        LAST_CPU["main"] = summary.main_cpu / max(summary.pages, 1)
        LAST_RSS.clear()
        LAST_RSS.update(summary.worker_rss)
        return summary.pages, time.perf_counter() - start, summary.steady_rate()


def _proc_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_run(path: Path, options: Options, workers: int) -> dict[str, object]:
    """The big run, sampling each worker's RSS (VmRSS) and peak RSS (VmHWM) 4 times a second."""
    import multiprocessing as mp

    import newsmill.run.engine as engine

    done = {"pages": 0}
    original = engine.Progress.update

    def update(self: object, pages: int, errors: int, nbytes: int) -> None:
        done["pages"] += pages
        original(self, pages, errors, nbytes)  # type: ignore[arg-type]

    samples: list[tuple[int, dict[int, tuple[int, int]]]] = []
    stop = threading.Event()

    def monitor() -> None:
        while not stop.wait(0.25):
            procs = {
                p.pid: (_proc_kb(p.pid, "VmRSS"), _proc_kb(p.pid, "VmHWM")) for p in mp.active_children()
            }
            procs = {k: v for k, v in procs.items() if v[0]}
            if procs:
                samples.append((done["pages"], procs))

    engine.Progress.update = update  # type: ignore[method-assign]
    thread = threading.Thread(target=monitor, daemon=True)
    thread.start()
    try:
        pages, seconds, _ = time_run(path, options, workers)
    finally:
        stop.set()
        thread.join()
        engine.Progress.update = original  # type: ignore[method-assign]
    first = next((s for s in samples if s[0] >= 1000), samples[0])
    last: dict[int, tuple[int, int]] = {}
    last_pages = 0
    for done_pages, procs in samples:  # each worker's last sample before it exited
        for pid, values in procs.items():
            if pid in first[1]:
                last[pid] = values
                last_pages = done_pages
    half = next((s for s in samples if s[0] >= pages // 2), samples[-1])
    # The last samples catch a worker after its final commit, when closing the Parquet writer
    # has freed its buffers (one 50,000-page run: -31% there, -4% on the other worker): that is
    # shrinkage, not the growth the check is about, so the check uses the last sample taken
    # while pages were still being processed (98% of the run); the final one is shown as well.
    working = [s for s in samples if s[0] <= 0.98 * pages]
    late = working[-1] if working else samples[-1]
    return {
        "pages": pages,
        "seconds": seconds,
        "first": first,
        "half": half,
        "late": late,
        "last": (last_pages, last),
    }


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f}"


def _row(name: str, pages: int, seconds: float, steady: float, workers: int, note: str = "") -> str:
    rate = pages / seconds if seconds else 0.0
    after = f"{steady:.1f} | {steady / workers:.1f}" if steady else "n/a | n/a"
    return f"| {name} | {workers} | {pages:,} | {seconds:.1f} | {rate:.1f} | {after} | {note} |"


def speed_rows(
    args: argparse.Namespace, dev: Path, speed: Path, nlp_sample: Path, base: Options
) -> list[str]:
    rows = []
    plain = Options(**{**_opts(base), "nlp": False})
    full = Options(**{**_opts(base), "nlp": True})
    results = {}
    for label, path, options in (
        ("extraction only", speed, plain),
        ("full pipeline (NLP)", nlp_sample, full),
    ):
        cpu: dict[int, tuple[float, float]] = {}
        for workers in (1, 2):
            pages, secs, steady = time_run(path, options, workers)
            results[(label, workers)] = (pages / secs, steady)
            note = ""
            cpu[workers] = (LAST_CPU["worker"], LAST_CPU["main"])
            note = (
                f"CPU/page: workers {1000 * cpu[workers][0]:.2f} ms, main {1000 * cpu[workers][1]:.2f} ms "
                f"(all, incl. start-up: {1000 * LAST_CPU['cpu'] / pages:.2f} ms); "
                f"cores used {LAST_CPU['cpu'] / secs:.2f}"
            )
            if workers == 2:
                (w1, s1), (w2, s2) = results[(label, 1)], results[(label, 2)]
                projected = 2 * cpu[1][0] / (cpu[2][0] + cpu[2][1])
                note += (
                    f"; **{s2 / s1:.2f}x** 1 worker after start-up, {w2 / w1:.2f}x wall (target >= 1.8x); "
                    f"{projected:.2f}x projected on 2 idle cores from CPU time"
                )
            rows.append(_row(f"local, {label}", pages, secs, steady, workers, note))
            print(rows[-1], flush=True)
    if not args.skip_ray:
        import ray

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        pages, secs, steady = time_run(speed, plain, 2, engine="ray")
        ray.shutdown()
        wall, _ = results[("extraction only", 2)]
        note = f"**{pages / secs / wall:.0%}** of local, wall clock both (target >= 80%)"
        rows.append(_row("Ray Data (local instance), extraction only", pages, secs, steady, 2, note))
        print(rows[-1], flush=True)
    return rows


def _opts(options: Options) -> dict[str, object]:
    return {f: getattr(options, f) for f in options.__slots__}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs: a smoke test, not a measurement")
    ap.add_argument("--pages", type=int, default=50_000, help="pages in the memory run")
    ap.add_argument("--speed-pages", type=int, default=20_000, help="pages in each pages/s run")
    ap.add_argument("--nlp-pages", type=int, default=1_000, help="pages in each full-pipeline run")
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--only-memory", action="store_true", help="only the memory run (section run-memory)")
    ap.add_argument("--no-write", action="store_true", help="print, do not update docs/benchmarks.md")
    args = ap.parse_args()
    if args.quick:
        args.pages, args.speed_pages, args.nlp_pages = 3_000, 600, 100
    data = shared_data_dir()
    if data is None:
        sys.exit("bench_run: ../shared/data is absent")
    pages = load_pages(data)
    html_mode = html_extraction_available(pages)
    html_dev = build_warc(CACHE / "run-html", pages, len(pages))
    if not html_mode:
        pages = [(url, flatten(html)) for url, html in pages]
    base = Options(input_format="auto" if html_mode else "text")
    dev = build_warc(CACHE / "run-dev", pages, len(pages))
    speed = build_warc(CACHE / "run-speed", pages, args.speed_pages)
    nlp_sample = build_warc(CACHE / "run-nlp", pages, args.nlp_pages)
    big = build_warc(CACHE / "run-big", pages, args.pages)
    if not args.skip_memory:
        report_memory(args, memory_rows(big, base))
    if args.only_memory:
        return
    reading = warc_rows(dev, None if html_mode else html_dev, base)
    rows = speed_rows(args, dev, speed, nlp_sample, base)
    bound = [
        "| check | processes | CPU per page (1 / 2 processes) | result |",
        "|---|---|---|---|",
        machine_bound(dev, Options(**{**_opts(base), "nlp": False})),
    ]
    report(args, html_mode, len(pages), reading, rows + [""] + bound)


def warc_rows(dev: Path, html_dev: Path | None, base: Options) -> list[str]:
    """Reading (the run's WARC, and the original-HTML WARC) against extraction, one process."""
    n_ext, t_ext = time_extract(dev, Options(**{**_opts(base), "nlp": False}))
    rows = []
    for label, path in (("run WARC", dev), ("HTML WARC", html_dev)):
        if path is None:
            continue
        n_read, t_read = time_read(path)
        share = t_read / t_ext if t_ext else 0.0
        rows.append(
            f"| {label} ({n_read:,} records, {path.stat().st_size / 2**20:.0f} MiB) "
            f"| {1000 * t_read / n_read:.2f} ms/page | {1000 * t_ext / n_ext:.2f} ms/page "
            f"| **{share:.1%}** (target < 5%) |"
        )
        print(rows[-1], flush=True)
    return rows


def memory_rows(big: Path, base: Options) -> tuple[list[str], list[str]]:
    mem = memory_run(big, Options(**{**_opts(base), "nlp": False}), 2)
    first_pages, first = mem["first"]  # type: ignore[misc]
    last_pages, last = mem["last"]  # type: ignore[misc]
    half_pages, half = mem["half"]  # type: ignore[misc]
    late_pages, late = mem["late"]  # type: ignore[misc]
    rows = []
    for i, pid in enumerate(sorted(first)):
        rss0, hwm0 = first[pid]
        rss_half = half.get(pid, (0, 0))[0]
        rss_late = late.get(pid, (0, 0))[0]
        rss1, hwm1 = last.get(pid, (0, 0))
        change = (rss_late - rss0) / rss0 if rss0 else 0.0
        second = (rss_late - rss_half) / rss_half if rss_half else 0.0
        rows.append(
            f"| worker {i + 1} | {first_pages:,} | {_mb(rss0)} | {_mb(hwm0)} | {half_pages:,} | {_mb(rss_half)} "
            f"| {late_pages:,} | {_mb(rss_late)} | **{change:+.1%}** (target within 10%); {second:+.1%} over "
            f"the second half | {last_pages:,} | {_mb(rss1)} | {_mb(hwm1)} |"
        )
        print(rows[-1], flush=True)
    rate = mem["pages"] / mem["seconds"]  # type: ignore[operator]
    rows.append(
        f"| (run) | | | | | | | | {mem['pages']:,} pages in {mem['seconds']:.0f} s, {rate:.1f} pages/s | | | |"
    )
    print(rows[-1], flush=True)
    return rows, reported_rows()


def reported_rows() -> list[str]:
    """The check: each worker's own RSS right after a chunk and its trim (Summary.worker_rss)."""
    rows = []
    for worker, entry in sorted(LAST_RSS.items()):
        (p0, kb0), (p1, kb1) = entry["first"] or (0, 0), entry["last"] or (0, 0)  # type: ignore[misc]
        change = (kb1 - kb0) / kb0 if kb0 else 0.0
        rows.append(
            f"| worker {worker + 1} | {p0:,} | {_mb(kb0)} | {p1:,} | {_mb(kb1)} | {_mb(entry['max'])} "  # type: ignore[arg-type]
            f"| **{change:+.1%}** ({'met' if abs(change) <= 0.10 else 'NOT met'}: target within 10%) |"
        )
        print(rows[-1], flush=True)
    return rows


def report(
    args: argparse.Namespace,
    html_mode: bool,
    n_pages: int,
    reading: list[str],
    rows: list[str],
) -> None:
    mode = (
        "HTML pages (real HTML extraction)"
        if html_mode
        else "**text mode**: HTML extraction was not available in this code, so the WARC payloads are the "
        "pages flattened to text (shared text-mode task settings) and runs use `--input-format text`"
    )
    md = [
        header("python bench/bench_run.py" + (" --quick" if args.quick else "")),
        "",
        f"Inputs: WARC files (one gzip member per record) built from the {n_pages:,} shared development "
        f"pages (WCXB dev + ScrapingHub), repeated with unique URLs and record ids; {mode}. "
        f"Wall-clock times include starting the workers (and loading their pipeline). Machine: {machine()}; "
        "shared with other jobs while measured (load noted below).",
        "",
        "WARC reading (fastwarc, in one process) against extraction of the same pages (run WARC, one process):",
        "",
        "| input | reading | extraction | reading / extraction |",
        "|---|---|---|---|",
        *reading,
        "",
        "Pages/s: wall clock including start-up (spawning workers or Ray actors, loading the pipeline), and "
        "after start-up (from the moment every worker has loaded and warmed up its pipeline to the end: the "
        "fair measure of scaling; the Ray engine reports no such moment, so Ray is compared on wall clock).",
        "",
        "| engine, stages | workers | pages | wall s | pages/s (wall) | pages/s (after start-up) | per worker "
        "| vs target |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "The machine bound row takes no engine: the same extraction over the 1,678 development pages in one "
        "process alone, then in two independent processes at once. Its ratio is the most two workers can "
        "gain on this machine when every core extracts (shared caches, memory bandwidth, clock); values "
        "above 2x are run-to-run noise of the machine.",
        "",
    ]
    load = Path("/proc/loadavg").read_text().split()[:3]
    md.append(
        "Scheduling note: Linux autogroup scheduling (on here) shares the CPU between sessions, so on a "
        "machine loaded by other sessions one run gets about the same CPU however many workers it starts "
        "('cores used' above); the CPU time per page and the projection from it are the load-independent "
        "numbers.\n"
    )
    if not nlp_available():
        md.append(
            "The NLP layer was a placeholder in this code (it only adds a warning): the full-pipeline rows "
            "measure the engine's batching, not entity/quote extraction.\n"
        )
    md.append(f"Load average (1, 5, 15 min) when finished: {', '.join(load)} on 2 cores.")
    text = "\n".join(md)
    print(text)
    if not args.no_write:
        write_section("run", text)


def report_memory(args: argparse.Namespace, tables: tuple[list[str], list[str]]) -> None:
    """Section run-memory: the 50,000-page run's worker memory, as reported and as sampled."""
    sampled, reported = tables
    load = Path("/proc/loadavg").read_text().split()[:3]
    md = [
        header("python bench/bench_run.py --only-memory" + (" --quick" if args.quick else "")),
        "",
        f"Memory over the {args.pages:,}-page run (2 workers, extraction only, Parquet output). The check "
        "uses each worker's own RSS right after a chunk and its malloc_trim, reported by the worker "
        "(`Summary.worker_rss`): always the same point of the chunk cycle, so the comparison is not "
        "noise of where a chunk happened to be. First: the first report at or past 1,000 pages of that "
        "worker; last: its last report before the final commit.",
        "",
        "| worker | first at pages | RSS MiB | last at pages | RSS MiB | largest report MiB | end vs first |",
        "|---|---|---|---|---|---|---|",
        *reported,
        "",
        "The same run sampled from outside 4 times a second (VmRSS and peak VmHWM, MiB; pages counted for "
        "the whole run): after the first 1,000 pages, half-way, at 98% of the run and at the last sample "
        "(after the final commit). These samples land anywhere in a chunk cycle, so they swing more.",
        "",
        "| worker | after pages | RSS | peak | at pages | RSS | at pages | RSS | RSS change | last sample "
        "at pages | RSS | peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *sampled,
        "",
        f"Load average (1, 5, 15 min) when finished: {', '.join(load)} on 2 cores.",
    ]
    text = "\n".join(md)
    print(text)
    if not args.no_write:
        write_section("run-memory", text)


if __name__ == "__main__":
    main()
