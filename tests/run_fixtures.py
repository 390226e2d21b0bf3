"""A small corpus for run tests (written for this project): text pages, JSONL, a WARC, broken pages."""

from __future__ import annotations

import gzip
from pathlib import Path

from warc_build import html_page, write_jsonl, write_warc


def text_page(i: int) -> str:
    lines = [
        f"Headline number {i} about the town council vote",
        *(
            f"Paragraph {k} of story {i} explains what the council decided and why it matters."
            for k in range(4)
        ),
        "Share this article",
    ]
    return "\n\n".join(lines)


def make_corpus(root: Path, n_files: int = 40, n_jsonl: int = 400) -> list[str]:
    """Inputs: a folder of .txt/.txt.gz pages (+ one binary), a JSONL of text pages (+ a bad line), a WARC."""
    folder = root / "pages"
    folder.mkdir(parents=True)
    for i in range(n_files):
        data = text_page(i).encode("utf-8")
        if i % 3 == 0:
            (folder / f"p{i:04d}.txt.gz").write_bytes(gzip.compress(data))
        else:
            (folder / f"p{i:04d}.txt").write_bytes(data)
    (folder / "zz-binary.txt").write_bytes(b"\x00\x01\x02 not a page")
    rows = [{"text": text_page(1000 + i), "url": f"http://j/{i}"} for i in range(n_jsonl)]
    rows.insert(n_jsonl // 2, {"nope": 1})
    write_jsonl(root / "pages.jsonl", rows)
    pages = [(f"http://w/{i}", "text/html", html_page(i)) for i in range(5)]
    write_warc(root / "crawl.warc.gz", pages, gz=True)
    return [str(folder), str(root / "pages.jsonl"), str(root / "crawl.warc.gz")]
