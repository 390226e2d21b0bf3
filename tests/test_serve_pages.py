"""Server-rendered pages: search, article (quotes linked to speakers, entities, removed toggle), speaker, try."""

from __future__ import annotations

import re

import pytest

from newsmill.serve.render import paragraph_html, timeline_svg
from serve_client import build_db, by_title, client, fixture_records

NK = by_title(fixture_records(), "denuclearization")


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory):
    return client(build_db(tmp_path_factory.mktemp("pages")))


def test_serve_pages_index_lists_latest_and_top_speakers(web) -> None:
    r = web.get("/")
    assert r.status_code == 200
    assert "Latest of 5 articles, 10 quotes from 6 speakers" in r.text
    assert 'href="/speakers/Heather%20Nauert"' in r.text
    assert r.text.count('<li>\n    <h2><a href="/articles/') == 5


def test_serve_pages_search_with_filters_and_next_link(web) -> None:
    r = web.get("/", params={"q": "sanctions", "language": "en"})
    assert r.text.count('<h2><a href="/articles/') == 4
    paged = web.get("/", params={"q": "sanctions", "limit": "2"})
    assert "Next page" in paged.text and "cursor=" in paged.text
    bad = web.get("/", params={"q": "AND"})
    assert bad.status_code == 400 and 'role="alert"' in bad.text and "cannot parse" in bad.text


def test_serve_pages_article_links_quotes_to_speakers(web) -> None:
    html = web.get(f"/articles/{NK['id']}").text
    assert len(re.findall(r'<mark class="quote" id="q\d">', html)) == 3
    assert html.count('class="who" href="/speakers/Heather%20Nauert"') == 2
    assert 'href="/speakers/A%20senior%20administration%20official"' in html
    assert 'class="ent" href="/?entity=Kim+Jong+Un"' in html
    assert "Show what was removed (3 blocks)" in html and "cookie-banner" in html


def test_serve_pages_speaker_timeline_roles_co_mentions(web) -> None:
    html = web.get("/speakers/Heather%20Nauert").text
    assert "4 quotes in 2 articles, 2018-06-12 to 2018-07-03" in html
    assert "State Department spokeswoman; spokeswoman" in html
    assert "<svg" in html and "2018-06: 2 quotes" in html and "2018-07: 2 quotes" in html
    assert 'href="/?entity=North+Korea"' in html
    assert web.get("/speakers/Nobody%20At%20All").status_code == 404


def test_serve_pages_try_form_extracts_upload(web, sample_text: str) -> None:
    assert 'enctype="multipart/form-data"' in web.get("/try").text
    r = web.post(
        "/try", files={"file": ("page.txt", sample_text.encode(), "text/plain")}, data={"format": "auto"}
    )
    assert r.status_code == 200
    assert "Trump hails Kim, sees no need to resume U.S.-South Korea war games" in r.text
    assert "Show what was removed" in r.text and "The record as JSON" in r.text
    empty = web.post("/try", data={"page": "   "})
    assert empty.status_code == 400 and "send the page" in empty.text


def test_serve_pages_404_is_html(web) -> None:
    r = web.get("/articles/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "<h1>404</h1>" in r.text


def test_serve_render_overlapping_quote_and_mention() -> None:
    text = "Kim said hello to Moon today."
    rec = {
        "text": text,
        "quotes": [
            {
                "text": "said hello to Moon",
                "start": 4,
                "end": 22,
                "kind": "indirect",
                "speaker": {"text": "Kim", "start": 0, "end": 3, "name": "Kim Jong Un"},
            }
        ],
        "entities": [
            {
                "id": "e1",
                "type": "person",
                "name": "Moon Jae-in",
                "titles": [],
                "mentions": [{"text": "Moon", "start": 18, "end": 22}],
            },
            {
                "id": "e2",
                "type": "person",
                "name": "Kim Jong Un",
                "titles": [],
                "mentions": [{"text": "Kim", "start": 0, "end": 3}],
            },
        ],
    }
    from newsmill.serve.render import _spans

    html = str(paragraph_html(text, 0, len(text), rec, _spans(rec)))
    assert html == (
        '<a class="ent" href="/?entity=Kim+Jong+Un">Kim</a> <mark class="quote" id="q0">said hello to '
        '<a class="ent" href="/?entity=Moon+Jae-in">Moon</a></mark><a class="who" '
        'href="/speakers/Kim%20Jong%20Un" title="Quotes by Kim Jong Un">\u2014\u00a0Kim Jong Un</a> today.'
    )


def test_serve_render_timeline_counts_months() -> None:
    svg = str(timeline_svg({"2018-01": 2, "2018-03": 1}))
    assert svg.count("<rect") == 3  # Jan, Feb (empty), Mar
    assert "2018-01: 2 quotes" in svg and "2018-02: 0 quotes" in svg and "2018-03: 1 quote<" in svg
    assert "No dated quotes" in str(timeline_svg({}))


def test_serve_pages_long_removed_lists_load_on_demand(tmp_path) -> None:
    from newsmill.store import write_articles
    from serve_client import many_removed

    db = build_db(tmp_path)
    write_articles(db, [many_removed(60)])
    web = client(db)
    html = web.get("/articles/manyremoved00000000").text
    assert "Show what was removed (60 blocks)" in html
    assert 'data-src="/articles/manyremoved00000000/removed"' in html and "Menu item 7" not in html
    full = web.get("/articles/manyremoved00000000/removed")
    assert full.status_code == 200 and full.text.count('<span class="reason">navigation</span>') == 59
    assert "&lt;script&gt;alert(&#39;lazy&#39;)&lt;/script&gt;" in full.text
    assert web.get("/articles/nope/removed").status_code == 404
