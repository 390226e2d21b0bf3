"""``--engine ray``: the same stages on Ray Data, the same output and journal.

Plan: the driver lists the input shards (:func:`newsmill.sources.inputs.iter_shards`: one per
archive/JSONL file, one per 256 loose pages) with the positions already committed; Ray Data
reads shards in parallel (``flat_map``, cheap tasks), then ``map_batches`` runs
:class:`PipelineActor` (an actor pool: the pipeline and the spaCy model are loaded once per
actor) on batches of ``RAY_BATCH`` pages (``RunConfig.chunk`` if larger). Each batch comes
back as one row holding the records as an Arrow IPC table plus the error rows and positions,
and the driver writes parts and commits them to the journal exactly as the local engine does — so ``kill -9`` and resume
behave the same, and a run may even switch engines.

On a cluster every node must see the input paths (a shared or mounted file system); the
output is written by the driver only.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

from newsmill.errors import InputError
from newsmill.model import Source
from newsmill.options import Options
from newsmill.run.config import RunConfig, RunError, Summary, commit_entry, finish, prepare
from newsmill.run.journal import Journal, Ranges
from newsmill.run.pipeline import run_chunk
from newsmill.run.progress import Progress
from newsmill.run.writers import PartWriter
from newsmill.sources.files import Page
from newsmill.sources.inputs import Item, Shard, iter_shards, read_shard
from newsmill.sources.jsonl import JsonlFields


def _shard_rows(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Ray read stage: one shard -> one row per page not yet committed.

    A generator, not a list: Ray Data's flat_map consumes it lazily and cuts blocks as they
    fill, so the actors get their first pages while a big WARC is still being read. Built as
    a list, the bench's single 20,000-page shard reached the driver's first batch only after
    37.6 s of a 134 s run; as a generator, 5 batches were back after 20 s (Ray Data's progress
    log, 2026-12-06). Total wall time barely moved (135.8 -> 135.4 s, docs/benchmarks.md).
    """
    shard = Shard(**json.loads(row["shard"]))
    fields = JsonlFields(**json.loads(row["fields"]))
    done = Ranges(json.loads(row["done"]))
    for item in read_shard(shard, fields):
        if item.index in done:
            continue
        page = item.page
        if isinstance(page, InputError):
            yield {"key": item.key, "index": item.index, "nbytes": item.nbytes, "error": str(page)}
            continue
        yield {
            "key": item.key,
            "index": item.index,
            "nbytes": item.nbytes,
            "error": None,
            "data": page.data,
            "kind": page.kind,
            "charset": page.charset,
            "published": page.published,
            "source": json.dumps(
                [page.source.path, page.source.url, page.source.crawl_date, page.source.record_id]
            ),
        }


def _item(row: dict[str, Any]) -> Item:
    if row.get("error"):
        return Item(row["key"], int(row["index"]), InputError(row["error"]), int(row["nbytes"]))
    source = Source(*json.loads(row["source"]))
    page = Page(bytes(row["data"]), source, row["kind"], row["charset"], row["published"])
    return Item(row["key"], int(row["index"]), page, int(row["nbytes"]))


class PipelineActor:
    """Ray Data UDF: loads the pipeline once per actor, runs a batch, returns one summary row."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = Options(**options)
        import newsmill.extract  # noqa: F401 - load the stages once, not per batch

    def __call__(self, batch: Any) -> dict[str, list[Any]]:
        import pyarrow as pa

        from newsmill.run.schema import articles_table

        rows = batch.to_pylist()
        items = [_item(r) for r in rows]
        result = run_chunk(items, self.options)
        table = articles_table([a for _, a in result.articles])
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        return {
            "table": [sink.getvalue().to_pybytes()],
            "errors": [json.dumps([e for _, e in result.errors])],
            "positions": [json.dumps([[i.key, i.index] for i in items])],
            "nbytes": [sum(i.nbytes for i in items)],
        }


# Pages per Ray Data batch, at least. Each batch costs a task call on an actor, an Arrow IPC
# round trip and a driver step, ~40 ms in all here: on 6,000 HTML pages (2 actors) a run took
# 48.1 s with 32-page batches and 41.7 s with 256-page batches (docs/benchmarks.md).
RAY_BATCH = 256


def _dataset(config: RunConfig, journal: Journal) -> Any:
    import dataclasses

    import ray

    rows = []
    for shard in iter_shards(config.inputs):
        if shard.kind == "stdin":
            raise RunError("stdin is read by the local engine only (--engine local)")
        done = journal.done.get(shard.key)
        rows.append(
            {
                "shard": json.dumps(dataclasses.asdict(shard)),
                "fields": json.dumps(dataclasses.asdict(config.fields)),
                "done": json.dumps(done.pairs() if done else []),
            }
        )
    # --workers 0 (the CLI default with --engine ray): one actor per CPU of the cluster.
    workers = config.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = ray.data.from_items(rows, override_num_blocks=max(1, len(rows)))
    # Reading is a few % of the work (docs/benchmarks.md): it asks for no CPU, so that the
    # actors get every core; with a CPU share Ray Data's resource budget starved it.
    ds = ds.flat_map(_shard_rows, num_cpus=0)
    return ds.map_batches(
        PipelineActor,
        fn_constructor_kwargs={"options": dataclasses.asdict(config.options)},
        batch_size=max(config.chunk, RAY_BATCH),
        batch_format="pyarrow",
        # A fixed pool of actors, one per CPU; ``concurrency=`` does the same but is deprecated
        # in Ray Data 2.5x (a warning on every run).
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
    )


def run_ray(config: RunConfig) -> Summary:
    """Run on Ray (``config.ray_address``, or a local instance); same output as the local engine."""
    try:
        import ray
    except ImportError as exc:
        raise RunError("the Ray engine needs Ray: pip install 'newsmill[ray]'") from exc
    if not ray.is_initialized():
        local = {"num_cpus": config.workers or os.cpu_count() or 1} if config.ray_address is None else {}
        ray.init(address=config.ray_address, include_dashboard=False, log_to_driver=False, **local)
    journal = prepare(config)
    summary = Summary()
    for shard_key, ranges in journal.done.items():  # noqa: B007 - count what resumption skips
        summary.skipped += ranges.count()
    writer = _DriverWriter(config, journal)
    with Progress(config, journal) as progress:
        for batch in _dataset(config, journal).iter_batches(batch_size=None, batch_format="pyarrow"):
            for row in batch.to_pylist():
                writer.add(row, summary, progress)
    writer.commit()
    return finish(config, journal, summary)


class _DriverWriter:
    """The driver's current part: Arrow tables from the actors, committed like a worker's."""

    def __init__(self, config: RunConfig, journal: Journal) -> None:
        self.config, self.journal, self.seq = config, journal, 0
        self.prefix = f"part-{journal.attempts - 1:04d}-ray"
        self.part: PartWriter | None = None
        self.positions: list[tuple[str, int]] = []
        self.errors: Counter[str] = Counter()

    def add(self, row: dict[str, Any], summary: Summary, progress: Progress) -> None:
        import pyarrow as pa

        table = pa.ipc.open_stream(row["table"]).read_all()
        errors = json.loads(row["errors"])
        positions = [(k, i) for k, i in json.loads(row["positions"])]
        if self.part is None:
            cfg = self.config
            self.part = PartWriter(
                cfg.out, f"{self.prefix}-{self.seq:05d}", cfg.fmt, cfg.part_rows, cfg.part_bytes
            )
        self.part.write_table(table, errors)
        self.positions.extend(positions)
        stages = Counter(e["stage"] for e in errors)
        self.errors.update(stages)
        summary.pages += len(positions)
        summary.records += table.num_rows
        summary.errors.update(stages)
        progress.update(len(positions), len(errors), int(row["nbytes"]))
        if self.part.full:
            self.commit()

    def commit(self) -> None:
        if self.part is None:
            return
        files = self.part.commit()
        self.journal.append(commit_entry(self.part.name, files, self.positions, self.part.rows, self.errors))
        self.part, self.positions, self.errors = None, [], Counter()
        self.seq += 1
