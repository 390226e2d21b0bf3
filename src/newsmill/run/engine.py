"""The local engine: pages read in the main process, processed by N worker processes.

Design (measurements in docs/benchmarks.md, protocol in docs/scaling.md):

- The main process streams the inputs (one record at a time), groups pages into chunks of
  ``RunConfig.chunk`` and puts them on a bounded task queue (2 chunks per worker): memory is
  bounded whatever the corpus size, and reading blocks when workers are busy.
- Workers are ``spawn``-ed processes (no fork of a parent holding threads or a model); each
  loads the pipeline once, runs :func:`newsmill.run.pipeline.run_chunk` on chunks, and
  writes its own part file, so the main process does no serialisation work. Commit order
  is unordered: a worker commits a part when it is full, listing the positions it holds;
  the main process appends that to the journal.
- Workers die with the main process (``PR_SET_PDEATHSIG`` on Linux, and a parent check), so
  a ``kill -9`` leaves at worst uncommitted parts, which the next run deletes.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from newsmill.model import Article
from newsmill.run.config import RunConfig, RunError, Summary, commit_entry, finish, pending, prepare
from newsmill.run.journal import Journal
from newsmill.run.pipeline import run_chunk
from newsmill.run.progress import Progress
from newsmill.run.writers import PartWriter
from newsmill.sources.files import Page
from newsmill.sources.inputs import Item

# How long a blocked queue call waits before checking on the other side (seconds).
POLL = 0.2


def chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    """Group items into lists of ``size`` (the last one shorter)."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# One worker per core: native thread pools inside a worker (OpenBLAS under spaCy/thinc starts
# one thread per core, Arrow too) would only oversubscribe the cores. A standard guard, not
# measured here (the NLP layer was still a placeholder when this was written).
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "ARROW_NUM_THREADS")


# Arrow's default pool (jemalloc or mimalloc) keeps freed pages for itself, out of reach of
# malloc_trim; the system allocator returns them, so a Parquet worker's RSS follows its live data
# (docs/design.md, "Corpus runs: worker memory"). A user's own ARROW_DEFAULT_MEMORY_POOL wins.
_CHILD_ENV = {**dict.fromkeys(_THREAD_VARS, "1"), "ARROW_DEFAULT_MEMORY_POOL": "system"}


@contextlib.contextmanager
def _child_environment() -> Iterator[None]:
    """Spawned children inherit os.environ: set the vars above that the user did not set."""
    added = [v for v in _CHILD_ENV if v not in os.environ]
    os.environ.update({v: _CHILD_ENV[v] for v in added})
    try:
        yield
    finally:
        for var in added:
            os.environ.pop(var, None)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this worker when the main process dies (kill -9 included)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


class WorkerOutput:
    """A worker's current part and the positions it holds; ``commit`` renames and reports."""

    def __init__(self, config: RunConfig, prefix: str) -> None:
        self.config, self.prefix, self.seq = config, prefix, 0
        self.part: PartWriter | None = None
        self.positions: list[tuple[str, int]] = []
        self.errors: Counter[str] = Counter()

    def add(self, chunk: list[Item], articles: list[Article], errors: list[dict[str, Any]]) -> None:
        if self.part is None:
            cfg = self.config
            name = f"{self.prefix}-{self.seq:05d}"
            self.part = PartWriter(cfg.out, name, cfg.fmt, cfg.part_rows, cfg.part_bytes)
        self.part.write_articles(articles, errors)
        self.positions.extend((item.key, item.index) for item in chunk)
        self.errors.update(e["stage"] for e in errors)

    def commit(self) -> dict[str, Any] | None:
        if self.part is None:
            return None
        files = self.part.commit()
        entry = commit_entry(self.part.name, files, self.positions, self.part.rows, self.errors)
        self.part, self.positions, self.errors = None, [], Counter()
        self.seq += 1
        return entry


def _trimmer() -> Any:
    """glibc's ``malloc_trim``, or a no-op where there is no glibc."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda pad: 0


def _release_memory(trim: Any) -> None:
    """Hand freed heap back to the OS after a chunk, so a worker's RSS follows its live data.

    Without it RSS kept the high-water mark of the largest recent pages: in a 50,000-page HTML
    run a worker's RSS swung between 307 and 385 MiB (-12% end vs page 1,000, no growth); on
    1,678 pages through one worker loop the plateau went from 332-370 MiB to 259-290 MiB with
    this call (and Arrow's pool release), CPU time unchanged within noise (docs/benchmarks.md).
    """
    trim(0)
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()


def _warm_up(config: RunConfig) -> None:
    """Load every stage (and the NLP model) before the first real chunk, on a throw-away page."""
    text = "A warm-up page.\n\nThe council met on Monday and said it would vote again next week."
    run_chunk([Item("warm-up", 0, Page(text.encode(), kind="text"))], config.options)
    html = f"<html><head><title>Warm-up</title></head><body><p>{text}</p></body></html>"
    run_chunk([Item("warm-up", 1, Page(html.encode(), kind="html"))], config.options)
    if config.fmt == "parquet":
        # Imported lazily by the writer; ~0.3 s of CPU that otherwise lands on the first part
        # (it showed as +0.6 ms/page in a 600-page, 2-worker run).
        import pyarrow.parquet  # noqa: F401


def _process_chunk(chunk: list[Item], config: RunConfig, output: WorkerOutput, results: Any) -> int:
    """Run one chunk and hand its records to the part writer; returns the pages it held.

    A function of its own so that the chunk's records, error rows and every temporary are
    unreachable when it returns: trimming while they were still bound to the loop's locals
    left the freed heap of the previous chunk behind each sample, which showed as RSS drifting
    +2.7%/+10.1% between page 1,000 and 98% of a 50,000-page run (docs/design.md, "Corpus runs:
    worker memory").
    """
    result = run_chunk(chunk, config.options)
    articles = [a for _, a in result.articles]
    errors = [e for _, e in result.errors]
    output.add(chunk, articles, errors)
    stages = Counter(e["stage"] for e in errors)
    results.put(("progress", len(chunk), len(articles), stages, sum(i.nbytes for i in chunk)))
    return len(chunk)


def _rss_kb() -> int:
    """This process's resident set size in KiB (0 where /proc is absent)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        return 0


def _worker(wid: int, prefix: str, config: RunConfig, parent: int, tasks: Any, results: Any) -> None:
    _die_with_parent(parent)
    output = WorkerOutput(config, prefix)
    trim = _trimmer()
    done = 0
    try:
        _warm_up(config)
        results.put(("ready", wid, time.process_time()))
        while True:
            try:
                chunk = tasks.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:
                    os._exit(1)
                continue
            if chunk is None:
                break
            done += _process_chunk(chunk, config, output, results)
            del chunk  # the chunk's pages are freed before the trim, not after the next get()
            _release_memory(trim)
            results.put(("rss", wid, done, _rss_kb()))
            if output.part is not None and output.part.full:
                results.put(("commit", output.commit()))
        entry = output.commit()
        if entry:
            results.put(("commit", entry))
        results.put(("exit", wid, time.process_time()))
    except BaseException as exc:  # report, so the main process stops cleanly instead of hanging
        results.put(("fatal", wid, f"{type(exc).__name__}: {exc}"))
        raise


class _Pool:
    """The worker processes and their queues, driven by the main process."""

    def __init__(self, config: RunConfig, journal: Journal, summary: Summary, progress: Progress) -> None:
        ctx = mp.get_context("spawn")
        n = max(1, config.workers)
        self.tasks = ctx.Queue(maxsize=2 * n)
        self.results = ctx.Queue()
        self.journal, self.summary, self.progress = journal, summary, progress
        attempt = journal.attempts - 1
        args = (config, os.getpid(), self.tasks, self.results)
        self.procs = [
            ctx.Process(target=_worker, args=(w, f"part-{attempt:04d}-{w:03d}", *args), daemon=True)
            for w in range(n)
        ]
        with _child_environment():
            for p in self.procs:
                p.start()
        self.running = set(range(n))
        self.ready = 0

    def put(self, chunk: list[Item] | None) -> None:
        """Queue a chunk, handling results meanwhile (else commits and progress wait for a full queue)."""
        while True:
            self.drain(block=False)
            try:
                self.tasks.put(chunk, timeout=POLL)
                return
            except queue.Full:
                continue

    def drain(self, block: bool) -> None:
        try:
            msg = self.results.get(timeout=POLL) if block else self.results.get_nowait()
        except queue.Empty:
            self._check_alive()
            return
        while True:
            self._handle(msg)
            try:
                msg = self.results.get_nowait()
            except queue.Empty:
                return

    def _handle(self, msg: tuple[Any, ...]) -> None:
        kind = msg[0]
        if kind == "progress":
            _, pages, records, stages, nbytes = msg
            self.summary.pages += pages
            self.summary.records += records
            self.summary.errors.update(stages)
            self.progress.update(pages, sum(stages.values()), nbytes)
        elif kind == "rss":
            self.summary.note_rss(msg[1], msg[2], msg[3])
        elif kind == "commit":
            self.journal.append(msg[1])
        elif kind == "ready":
            self.ready += 1
            self.summary.worker_cpu -= msg[2]
            if self.ready == len(self.procs):
                self.summary.ready()
        elif kind == "exit":
            self.running.discard(msg[1])
            self.summary.worker_cpu += msg[2]
        elif kind == "fatal":
            self.stop()
            raise RunError(f"worker {msg[1]} failed: {msg[2]}; rerun the same command to resume")

    def _check_alive(self) -> None:
        for w in list(self.running):
            code = self.procs[w].exitcode
            if code:  # 0: a clean exit whose "exit" message is still in the pipe
                with contextlib.suppress(queue.Empty):
                    while True:  # a "fatal" message explains the death better
                        self._handle(self.results.get(timeout=POLL))
                self.stop()
                if self.ready < len(self.procs):  # most often: a script without the __main__ guard
                    raise RunError(
                        f"worker {w} died while starting (exit code {code}); see its error above "
                        "(a script that starts a run needs `if __name__ == '__main__':`)"
                    )
                raise RunError(f"worker {w} died (exit code {code}); rerun the same command to resume")

    def stop(self) -> None:
        for p in self.procs:
            if p.is_alive():
                p.kill()
        for p in self.procs:
            p.join()


def run_local(config: RunConfig) -> Summary:
    """Run the pipeline over all inputs on ``config.workers`` processes; resumable."""
    journal = prepare(config)
    summary = Summary()
    cpu = time.process_time()
    with Progress(config, journal) as progress:
        pool = _Pool(config, journal, summary, progress)
        try:
            for chunk in chunks(pending(config, journal, summary), config.chunk):
                pool.put(chunk)
            for _ in pool.procs:
                pool.put(None)
            while pool.running:
                pool.drain(block=True)
        except BaseException:
            pool.stop()
            raise
        for p in pool.procs:
            p.join()
    summary.main_cpu = time.process_time() - cpu
    return finish(config, journal, summary)
