"""`newsmill serve` refuses what it cannot serve, with one line naming the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.cli import main


def test_serve_cli_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsmill: ") and "none.db" in err and "newsmill load" in err and "\n" not in err


def test_serve_cli_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 1000)
    assert main(["serve", "--db", str(junk)]) == 1
    assert "not a newsmill database" in capsys.readouterr().err
