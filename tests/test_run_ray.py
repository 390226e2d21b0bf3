"""--engine ray on a local Ray instance writes the same records and error rows as the local engine."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from newsmill.options import Options
from newsmill.run import RunConfig, run
from newsmill.run.output import iter_record_dicts, read_errors
from run_fixtures import make_corpus

ray = pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'newsmill[ray]')")


@pytest.mark.slow
def test_run_ray_matches_local_engine(tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "in", n_files=12, n_jsonl=40)

    def config(out: str, engine: str) -> RunConfig:
        return RunConfig(
            inputs=inputs,
            out=tmp_path / out,
            engine=engine,
            workers=1,
            options=Options(nlp=False),
            quiet=True,
            part_rows=20,
            chunk=8,
        )

    run(config("local", "local"))
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        summary = run(config("ray", "ray"))
    finally:
        ray.shutdown()
    local = sorted(iter_record_dicts(tmp_path / "local"), key=lambda r: r["id"])
    remote = sorted(iter_record_dicts(tmp_path / "ray"), key=lambda r: r["id"])
    # 12 text files + 40 JSONL pages + the WARC's 5 HTML pages; the binary file and the bad
    # JSONL line are error rows
    assert len(remote) == summary.records == 12 + 40 + 5
    assert remote == local
    assert Counter(e["position"] for e in read_errors(tmp_path / "ray")) == Counter(
        e["position"] for e in read_errors(tmp_path / "local")
    )
