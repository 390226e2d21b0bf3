"""Every input form: WARC (gz, plain), ARC (gz, plain), JSONL with custom fields, folders, stdin."""

from __future__ import annotations

import codecs
import gzip
import subprocess
import sys
from pathlib import Path

from newsmill.errors import InputError
from newsmill.sources import JsonlFields, Page, iter_items, open_inputs
from newsmill.sources.inputs import iter_shards
from warc_build import arc_bytes, html_page, write_jsonl, write_warc

REPO = Path(__file__).resolve().parents[1]

PAGES = [(f"http://example.org/{i}", "text/html; charset=windows-1252", html_page(i)) for i in range(3)]
PAGES.append(("http://example.org/logo.png", "image/png", "not a page"))


def test_sources_warc_gz_and_plain(tmp_path: Path) -> None:
    for gz in (True, False):
        path = tmp_path / ("a.warc.gz" if gz else "a.warc")
        write_warc(path, PAGES, gz=gz)
        pages = list(open_inputs([str(path)]))
        # 3 HTML responses; the request records, the PNG and the 404 are not pages.
        assert [p.source.url for p in pages] == [f"http://example.org/{i}" for i in range(3)]
        first = pages[0]
        assert isinstance(first, Page) and first.kind == "html"
        assert codecs.lookup(first.charset).name == "cp1252"
        assert first.source.record_id.startswith("<urn:uuid:")
        assert first.source.crawl_date and first.source.crawl_date[:2] == "20"
        assert first.source.path == str(path)
        assert b"Story 0" in first.data


def test_sources_warc_sniffed_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    write_warc(path, PAGES, gz=True)
    assert len(list(open_inputs([str(path)]))) == 3


def test_sources_arc_gz_and_plain(tmp_path: Path) -> None:
    data = arc_bytes(
        [
            ("http://example.org/x", "text/html; charset=iso-8859-1", b"<html><p>caf\xe9</p></html>"),
            ("http://example.org/y.gif", "image/gif", b"GIF89a"),
        ]
    )
    (tmp_path / "a.arc").write_bytes(data)
    (tmp_path / "b.arc.gz").write_bytes(gzip.compress(data))
    pages = list(open_inputs([str(tmp_path / "a.arc"), str(tmp_path / "b.arc.gz")]))
    assert len(pages) == 2
    for page in pages:
        assert page.source.url == "http://example.org/x"
        assert page.source.crawl_date == "2024-01-02T03:04:05Z"
        assert page.charset == "iso-8859-1" and page.data.endswith(b"caf\xe9</p></html>")
    # ARC records have no id: the offset stands in, so ids are the same on every read.
    again = list(open_inputs([str(tmp_path / "a.arc")]))
    assert again[0].source.record_id == pages[0].source.record_id


def test_sources_jsonl_custom_fields(tmp_path: Path) -> None:
    rows = [
        {"body": "<html><p>one</p></html>", "meta": {"link": "http://a/1"}, "when": "2024-05-01", "uid": 7},
        {"plain": "Flattened text of a page.", "meta": {"link": "http://a/2"}},
        {"nothing": True},
    ]
    path = tmp_path / "pages.jsonl.gz"
    write_jsonl(path, rows, gz=True)
    (tmp_path / "broken.jsonl").write_text('{"body": "x"\n', encoding="utf-8")
    fields = JsonlFields(html="body", text="plain", url="meta.link", date="when", id="uid")
    items = list(iter_items([str(path), str(tmp_path / "broken.jsonl")], fields=fields))
    first, second, third, broken = (i.page for i in items)
    assert first.kind == "html" and first.source.url == "http://a/1"
    assert first.published == "2024-05-01" and first.source.record_id == "7"
    assert second.kind == "text" and second.data == b"Flattened text of a page."
    assert second.source.record_id == "line:2"  # no id field: the line number keeps ids distinct
    assert isinstance(third, InputError) and "pages.jsonl.gz:3" in str(third)
    assert isinstance(broken, InputError) and "not JSON" in str(broken)
    assert [(i.key, i.index) for i in items][:3] == [(str(path), 0), (str(path), 1), (str(path), 2)]


def test_sources_folder_mixes_forms_in_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("page b", encoding="utf-8")
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(b"<html>a</html>"))
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    write_warc(tmp_path / "c.warc.gz", PAGES, gz=True)
    items = list(iter_items([str(tmp_path)]))
    assert [(i.key, i.index) for i in items] == [
        (str(tmp_path), 0),
        (str(tmp_path), 1),
        *[(str(tmp_path / "c.warc.gz"), k) for k in range(3)],
    ]
    assert items[0].page.kind == "html" and items[1].page.kind == "text"
    shards = list(iter_shards([str(tmp_path)]))
    assert [(s.key, s.kind, s.start) for s in shards] == [
        (str(tmp_path), "page", 0),
        (str(tmp_path / "c.warc.gz"), "warc", 0),
    ]


def _stdin_items(data: bytes) -> list[str]:
    code = (
        "import sys\nfrom newsmill.sources import iter_items\n"
        "for i in iter_items(['-']): print(i.key, i.index, type(i.page).__name__, i.page.source.url)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=data,
        capture_output=True,
        check=True,
        env={"PYTHONPATH": str(REPO / "src")},
        timeout=60,
    )
    return out.stdout.decode().splitlines()


def test_sources_stdin_page_jsonl_and_warc(tmp_path: Path) -> None:
    assert _stdin_items(b"Just one flattened page.") == ["- 0 Page None"]
    jsonl = b'{"text": "a page", "url": "http://s/1"}\n{"text": "b page", "url": "http://s/2"}\n'
    assert _stdin_items(gzip.compress(jsonl)) == ["- 0 Page http://s/1", "- 1 Page http://s/2"]
    write_warc(tmp_path / "s.warc.gz", PAGES, gz=True)
    lines = _stdin_items((tmp_path / "s.warc.gz").read_bytes())
    assert lines == [f"- {i} Page http://example.org/{i}" for i in range(3)]
