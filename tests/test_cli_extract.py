"""`newsmill extract`: inputs, output formats, and one clear line per bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from newsmill.cli import main

ARTICLE = (
    "Menu\n\nHome News Sport\n\n"
    "Council approves new bridge over the river\n\n"
    "The city council voted on Tuesday to approve the construction of a new bridge, ending years of debate "
    "about traffic in the old town.\n\n"
    "Work is expected to begin next spring and should take about two years, the mayor told reporters after "
    "the meeting.\n\n"
    "Share this article\n"
)


@pytest.fixture()
def pages(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "undecodable.txt").write_bytes(b"Hello " + bytes(range(0x80, 0x100)) * 2 + b" world")
    with gzip.open(tmp_path / "zipped.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(ARTICLE)
    return tmp_path


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_extract_prints_one_record_per_line_with_jsonl(capsys, pages):
    code, out, err = _run(capsys, "extract", "--jsonl", "--no-nlp", str(pages / "good.txt"))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["schema"] == "newsmill.article/1"
    assert rec["text"].startswith("The city council voted")
    assert rec["source"]["path"].endswith("good.txt")


def test_cli_extract_text_format_gives_the_clean_article(capsys, pages):
    code, out, _ = _run(capsys, "extract", "--format", "text", "--no-nlp", str(pages / "good.txt"))
    assert code == 0
    assert "Work is expected to begin next spring" in out
    assert "Share this article" not in out


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("missing.txt", "no such file"),
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("undecodable.txt", "undecodable"),
    ],
)
def test_cli_extract_bad_input_gives_one_line_naming_it(capsys, pages, name, problem):
    code, out, err = _run(capsys, "extract", "--jsonl", "--no-nlp", str(pages / name))
    assert code != 0
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert name in lines[0] and problem in lines[0].lower()


def test_cli_extract_batch_goes_on_after_bad_inputs(capsys, pages):
    argv = ["extract", "--jsonl", "--no-nlp"] + [
        str(pages / n) for n in ("empty.txt", "good.txt", "missing.txt", "binary.txt", "zipped.txt.gz")
    ]
    code, out, err = _run(capsys, *argv)
    assert code == 1
    assert len(out.splitlines()) == 2  # good.txt and the gzip copy
    assert len(err.strip().splitlines()) == 3


def test_cli_extract_reads_folders_and_globs(capsys, pages):
    code, out, err = _run(capsys, "extract", "--jsonl", "--no-nlp", str(pages / "*.gz"))
    assert code == 0 and len(out.splitlines()) == 1
    code, out, err = _run(capsys, "extract", "--jsonl", "--no-nlp", str(pages))
    # the folder holds 2 good pages and 3 bad ones; all are tried, bad ones reported
    assert code == 1 and len(out.splitlines()) == 2 and len(err.strip().splitlines()) == 3


def test_cli_extract_reads_stdin_through_the_console_command():
    proc = subprocess.run(
        [sys.executable, "-m", "newsmill", "extract", "-", "--jsonl", "--no-nlp"],
        input=ARTICLE.encode(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["source"]["path"] == "<stdin>"
    assert "new bridge" in rec["text"]


def test_cli_version_and_help_for_every_command(capsys):
    from newsmill import __version__

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out
    for command in ("extract", "analyze"):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
        assert "usage: newsmill " + command in capsys.readouterr().out


def test_cli_extract_rejects_html_clearly_until_available_or_extracts_it(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title></head><body><p>" + "Words here. " * 30 + "</p></body></html>"
    )
    code, out, err = _run(capsys, "extract", "--jsonl", "--no-nlp", str(page))
    if code == 0:
        assert "Words here." in json.loads(out)["text"]
    else:
        assert "page.html" in err and len(err.strip().splitlines()) == 1
