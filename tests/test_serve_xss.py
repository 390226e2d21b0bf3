"""Scraped text is untrusted: every page shows <script> and onerror markup as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from serve_client import build_db, by_title, client, fixture_records

EVIL = by_title(fixture_records(), "Hacked")
SPEAKER = "Mallory <img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory):
    return client(build_db(tmp_path_factory.mktemp("xss")))


class Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No markup from the records survives: no img/b/i elements, no on* handlers, only our one script."""
    parser = Tags()
    parser.feed(html)
    names = [t for t, _ in parser.tags]
    assert not {"img", "b", "i", "iframe", "object"} & set(names), names
    assert all(attrs.get("class") == "timeline" for t, attrs in parser.tags if t == "svg")  # our chart only
    handlers = [(t, a) for t, attrs in parser.tags for a in attrs if a.lower().startswith("on")]
    assert handlers == [], handlers
    scripts = [attrs for t, attrs in parser.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}], scripts
    for _, attrs in parser.tags:
        assert not (attrs.get("href") or "").lower().startswith("javascript:")


def test_serve_xss_article_page_escapes_text_title_quotes_removed(web) -> None:
    r = web.get(f"/articles/{EVIL['id']}")
    assert r.status_code == 200
    html = r.text
    assert_inert(html)
    assert "&lt;script&gt;alert(document.cookie)&lt;/script&gt;" in html
    assert "Hacked &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; headline" in html
    assert "&lt;script&gt;alert(&#39;removed&#39;)&lt;/script&gt;" in html  # removed block, shown as text
    assert "script&lt;b&gt;" in html  # the removal reason too
    assert "/speakers/" + quote(SPEAKER, safe="") in html  # the link target is percent-encoded


def test_serve_xss_search_snippets_escaped_around_highlights(web) -> None:
    r = web.get("/", params={"q": "cookie"})
    assert r.status_code == 200
    assert_inert(r.text)
    assert "<mark>cookie</mark>" in r.text
    assert "&lt;script&gt;alert(document.<mark>cookie</mark>)&lt;/script&gt;" in r.text


def test_serve_xss_query_echo_and_error_escaped(web) -> None:
    r = web.get("/", params={"q": '"<script>alert(9)</script>'})
    assert r.status_code == 400
    assert "<script>alert(9)" not in r.text and "&lt;script&gt;alert(9)" in r.text
    r = web.get("/", params={"site": "<svg onload=alert(1)>"})
    assert "<svg onload" not in r.text


def test_serve_xss_speaker_pages_escaped(web) -> None:
    r = web.get("/speakers/" + quote(SPEAKER, safe=""))
    assert r.status_code == 200
    assert_inert(r.text)
    assert "Mallory &lt;img src=x onerror=alert(2)&gt;" in r.text
    listing = web.get("/speakers")
    assert_inert(listing.text)


def test_serve_xss_try_page_escapes_pasted_markup(web) -> None:
    page = (
        "Breaking news from the capital today.\n\n"
        "The minister said <script>alert('try')</script> and <img src=x onerror=alert(3)> were found.\n\n"
        "More paragraphs follow with enough words to count as an article body here."
    )
    r = web.post("/try", data={"page": page, "format": "text"})
    assert r.status_code == 200
    assert_inert(r.text)
    assert "&lt;script&gt;alert(&#39;try&#39;)&lt;/script&gt;" in r.text


def test_serve_xss_source_url_javascript_scheme_not_linked(tmp_path: Path) -> None:
    from newsmill.store import write_articles

    rec = dict(fixture_records()[0], id="jsurl")
    rec["source"] = {**rec["source"], "url": "javascript:alert(1)"}
    db = tmp_path / "js.db"
    write_articles(db, [rec])
    html = client(db).get("/articles/jsurl").text
    assert 'href="javascript:' not in html and "javascript:alert(1)" in html


def test_serve_xss_lazy_removed_page_escaped(tmp_path: Path) -> None:
    from newsmill.store import write_articles
    from serve_client import many_removed

    db = build_db(tmp_path)
    write_articles(db, [many_removed(60)])
    html = client(db).get("/articles/manyremoved00000000/removed").text
    assert_inert(html)
