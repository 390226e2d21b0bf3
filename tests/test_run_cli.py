"""`newsmill run` from the command line: summary line, error output, --db hand-off to the archive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from run_fixtures import make_corpus

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "newsmill", "run", *args, "--no-nlp", "--workers", "1"]
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=120)


def test_run_cli_summary_and_db(tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "in", n_files=4, n_jsonl=6)
    out = tmp_path / "out"
    done = _run(*inputs[:2], "--out", str(out), "--format", "jsonl", "--text-field", "text")
    assert done.returncode == 0, done.stderr
    # 4 text files + the binary file; 6 JSONL pages + the line with no page.
    assert "12 pages in, 10 records out, 2 errors (extract 1, read 1)" in done.stderr
    assert done.stdout == ""  # no progress bar when stderr is not a terminal
    assert len((out / "records").glob("*.jsonl").__next__().read_text().splitlines()) == 10
    db = tmp_path / "news.db"
    with_db = _run(*inputs[:2], "--out", str(out), "--format", "jsonl", "--db", str(db))
    assert with_db.returncode == 0, with_db.stderr
    assert db.exists() and "10 records written" in with_db.stderr
    # `newsmill load OUT` reads only the records of a run folder (not its journal or error rows)
    load = subprocess.run(
        [sys.executable, "-m", "newsmill", "load", str(out), "--db", str(db)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert load.returncode == 0, load.stderr
    assert "read 10" in load.stderr and "unchanged 10" in load.stderr and "failed 0" in load.stderr


def test_run_cli_bad_output_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    done = _run(str(tmp_path), "--out", str(tmp_path / "file"))
    assert done.returncode == 1
    assert done.stderr.strip() == f"newsmill: {tmp_path / 'file'}: exists and is not a folder"
