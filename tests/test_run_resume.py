"""kill -9 at several points, rerun the same command: every page exactly once, ids as an uninterrupted run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from newsmill.run.journal import Journal
from newsmill.run.output import iter_record_dicts, read_errors
from run_fixtures import make_corpus

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _cmd(inputs: list[str], out: Path, fmt: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsmill",
        "run",
        *inputs,
        "--out",
        str(out),
        "--no-nlp",
        "--workers",
        "2",
        "--part-rows",
        "10",
        "--quiet",
        "--format",
        fmt,
    ]


def _commits(out: Path) -> int:
    path = out / "_newsmill" / "journal.jsonl"
    return path.read_bytes().count(b'"type": "commit"') if path.exists() else 0


def _kill_after(cmd: list[str], out: Path, commits: int, timeout: float = 60) -> bool:
    """Start the run, SIGKILL it once the journal holds ``commits`` commits; False if it finished first."""
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if _commits(out) >= commits:
            proc.kill()  # SIGKILL: no cleanup code runs in the main process
            proc.wait()
            return True
        time.sleep(0.005)
    proc.wait()
    return False


def _state(out: Path) -> tuple[Counter[str], Counter[str]]:
    return (
        Counter(r["id"] for r in iter_record_dicts(out)),
        Counter(e["position"] for e in read_errors(out)),
    )


def test_run_resume_exactly_once_after_kill9(tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "in", n_files=60, n_jsonl=500)
    base = tmp_path / "base"
    subprocess.run(_cmd(inputs, base, "jsonl"), env=ENV, check=True, timeout=120)
    want_records, want_errors = _state(base)
    assert max(want_records.values()) == 1 and sum(want_records.values()) >= 550

    out = tmp_path / "out"
    cmd = _cmd(inputs, out, "parquet")
    kills = [_kill_after(cmd, out, k) for k in (0, 3, 8, 20)]
    assert sum(kills) >= 2, "the run finished before it could be killed: make the corpus larger"
    subprocess.run(cmd, env=ENV, check=True, timeout=120)
    got_records, got_errors = _state(out)
    assert got_records == want_records  # no loss, no duplicate, same deterministic ids
    assert got_errors == want_errors
    journal = Journal(out).load()
    assert journal.attempts == 1 + sum(kills)
    on_disk = {f"{p.parent.name}/{p.name}" for sub in ("records", "errors") for p in (out / sub).iterdir()}
    assert on_disk == journal.files  # no temp file or uncommitted part left behind
