"""The local engine: every page is a record or an error row, and a rerun adds nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsmill.options import Options
from newsmill.run import RunConfig, RunError, run
from newsmill.run.output import iter_record_dicts, read_errors
from run_fixtures import make_corpus


def _config(inputs: list[str], out: Path, **kw: object) -> RunConfig:
    return RunConfig(
        inputs=inputs, out=out, workers=2, options=Options(nlp=False), quiet=True, part_rows=25, **kw
    )  # type: ignore[arg-type]


def test_run_engine_error_rows_and_summary(tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "in", n_files=20, n_jsonl=30)
    summary = run(_config(inputs, tmp_path / "out"))
    records = list(iter_record_dicts(tmp_path / "out"))
    errors = list(read_errors(tmp_path / "out"))
    # 20 text files + 30 JSONL text pages become records; the binary file, the JSONL line
    # without a page and (while HTML extraction is a placeholder, or not) the 5 WARC pages are
    # accounted for exactly once either way.
    assert summary.pages == 20 + 1 + 31 + 5 == len(records) + len(errors)
    assert summary.records == len(records) and sum(summary.errors.values()) == len(errors)
    assert len({r["id"] for r in records}) == len(records)
    by_stage = Counter(e["stage"] for e in errors)
    assert by_stage["read"] == 1 and by_stage["extract"] >= 1
    binary = next(e for e in errors if e["input"].endswith("zz-binary.txt"))
    assert binary == {
        "position": f"{inputs[0]}#20",
        "input": binary["input"],
        "stage": "extract",
        "error": "InputError",
        "message": "binary data, not a text or HTML page",
    }
    bad_line = next(e for e in errors if e["stage"] == "read")
    assert bad_line["position"] == f"{inputs[1]}#15" and "pages.jsonl:16" in bad_line["message"]
    done = json.loads((tmp_path / "out" / "_newsmill" / "summary.json").read_text())
    assert done["total_records"] == len(records)


def test_run_engine_rerun_is_a_no_op_and_settings_are_checked(tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "in", n_files=5, n_jsonl=10)
    first = run(_config(inputs, tmp_path / "out", fmt="jsonl"))
    again = run(_config(inputs, tmp_path / "out", fmt="jsonl"))
    assert again.pages == 0 and again.skipped == first.pages
    assert again.total_records == first.records
    files = sorted(p.name for p in (tmp_path / "out" / "records").iterdir())
    assert all(f.endswith(".jsonl") and not f.startswith(".") for f in files)
    with pytest.raises(RunError, match="other inputs or settings"):
        run(_config(inputs[:1], tmp_path / "out", fmt="jsonl"))
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(RunError, match="not a newsmill run"):
        run(_config(inputs, tmp_path / "other"))


def test_run_engine_nlp_batches_every_record(tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "in", n_files=6, n_jsonl=0)
    config = _config(inputs[:1], tmp_path / "out")
    config.options = Options(nlp=True)
    config.workers = 1
    run(config)
    records = list(iter_record_dicts(tmp_path / "out"))
    assert len(records) == 6
    # The NLP stage ran on each record (a placeholder warns; the real layer fills entities).
    assert all(r["entities"] is not None or any(w.startswith("nlp") for w in r["warnings"]) for r in records)


def test_run_engine_workers_report_their_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsmill.run.config as run_config

    # Every report counts as past the baseline here: the corpus is far smaller than 1,000 pages.
    monkeypatch.setattr(run_config, "RSS_BASELINE", 1)
    inputs = make_corpus(tmp_path / "in", n_files=20, n_jsonl=30)
    summary = run(_config(inputs, tmp_path / "out", chunk=4))
    reports = summary.worker_rss
    assert reports and set(reports) <= {0, 1}
    # A worker's last report comes after its last chunk: together they have seen every page.
    assert sum(entry["last"][0] for entry in reports.values()) == summary.pages
    for entry in reports.values():
        (first_pages, first_kib), (last_pages, last_kib) = entry["first"], entry["last"]
        assert 1 <= first_pages <= last_pages
        # A worker holding the loaded pipeline is tens of MiB, never zero (a /proc read gone wrong).
        assert 20_000 < first_kib <= entry["max"] and last_kib <= entry["max"]
    done = json.loads((tmp_path / "out" / "_newsmill" / "summary.json").read_text())
    assert set(done["worker_rss"]) == {str(w) for w in reports}


def test_run_engine_workers_use_the_system_arrow_pool_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from newsmill.run.engine import _child_environment

    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    with _child_environment():
        assert os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "system"
    assert "ARROW_DEFAULT_MEMORY_POOL" not in os.environ
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    with _child_environment():
        assert os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "jemalloc"
