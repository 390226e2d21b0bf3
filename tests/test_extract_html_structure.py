"""HTML mode keeps the article's structure and drops every kind of boilerplate with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.extract import extract_page
from newsmill.model import Article, Source
from newsmill.options import Options
from newsmill.sources.files import Page


def _extract(path: Path, comments: bool = False, url: str | None = None) -> Article:
    page = Page(path.read_bytes(), Source(path=str(path), url=url), "html", None, None)
    return extract_page(page, Options(nlp=False, comments=comments))


@pytest.fixture(scope="module")
def article(fixtures: Path) -> Article:
    return _extract(fixtures / "html" / "article_full.html")


def _kinds(a: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in a.paragraphs:
        out.setdefault(p.kind, []).append(p.text)
    return out


def _reasons(a: Article) -> dict[str, str]:
    return {r.reason: r.text for r in a.removed}


def test_extract_html_structure_multi_container_article_is_whole(article: Article) -> None:
    # The lead sits in one container, the body in another, an ad between them.
    assert article.text.startswith("Residents of three river towns")
    assert "every six hours" in article.text
    assert article.paragraphs[0].text == article.text[article.paragraphs[0].start : article.paragraphs[0].end]


def test_extract_html_structure_block_kinds(article: Article) -> None:
    kinds = _kinds(article)
    assert kinds["heading"] == ["Schools and roads closed"]
    assert kinds["caption"] == ["Volunteers fill sandbags outside the town hall on Sunday."]
    assert kinds["blockquote"][0].startswith("We have never seen the water")
    assert len(kinds["list_item"]) == 2
    assert kinds["table_row"] == ["Gauge | Level (m)", "Upper weir | 3.4", "Market bridge | 2.9"]


@pytest.mark.parametrize(
    ("reason", "snippet"),
    [
        ("cookie_notice", "We use cookies"),
        ("navigation", "Home"),
        ("share_widget", "Facebook"),
        ("advertisement", "Advertisement"),
        ("newsletter", "Sign up for our newsletter"),
        ("paywall", "Already a subscriber"),
        ("related_links", "Storm damage costs"),
        ("comments", "My street flooded"),
        ("byline", "By Maria Lopez"),
        ("dateline", "March 5, 2024"),
        ("footer", "Copyright 2024"),
        ("title", "River towns brace"),
    ],
)
def test_extract_html_structure_boilerplate_removed_with_reason(
    article: Article, reason: str, snippet: str
) -> None:
    assert snippet not in article.text
    assert snippet in _reasons(article).get(reason, ""), f"{reason}: {article.removed}"


def test_extract_html_structure_removed_is_block_level(article: Article) -> None:
    # Consecutive drops with one reason merge; nothing near one entry per word.
    assert len(article.removed) <= 15
    assert all(len(r.text) <= 300 for r in article.removed)


def test_extract_html_structure_comments_kept_apart(fixtures: Path) -> None:
    a = _extract(fixtures / "html" / "article_full.html", comments=True)
    texts = [c.text for c in a.comments]
    assert any("bus to the hospital" in t for t in texts)
    assert "bus to the hospital" not in a.text
    assert "comments" not in {r.reason for r in a.removed}


def test_extract_html_structure_listing_keeps_linked_items(fixtures: Path) -> None:
    # Not an article page (no JSON-LD/og:type article): multi-word links are the content.
    a = _extract(fixtures / "html" / "listing.html")
    items = [p.text for p in a.paragraphs if p.kind == "list_item"]
    assert "Senior Python Developer at Riverbank Analytics" in items
    assert len(items) == 4
    assert "Privacy" not in a.text


def test_extract_html_structure_teaser_cards_dropped(fixtures: Path) -> None:
    a = _extract(fixtures / "html" / "teaser_cards.html")
    assert "brass band" in a.text  # the article body stays whole
    assert "twenty minutes" not in a.text and "Fewer crossings" not in a.text  # card summaries go
    assert any("twenty minutes" in r.text and r.reason == "related_links" for r in a.removed)


def test_extract_html_structure_repeated_block_kept_once() -> None:
    from newsmill.extract.html import extract_html

    caption = "<p>Photo: Workers repair the pier deck at low tide on Tuesday morning.</p>"
    body = "".join(
        f"<p>Paragraph {i} of the pier story tells readers what happened on the coast.</p>" for i in range(6)
    )
    a = extract_html(
        f"<html><body><article>{caption}{body}{caption}</article></body></html>", Source(), Options(nlp=False)
    )
    assert a.text.count("Workers repair the pier deck") == 1


def test_extract_html_structure_ticker_above_headline_dropped() -> None:
    from newsmill.extract.html import extract_html

    ticker = "<ul><li>Breaking: council delays the budget vote to next week</li></ul>"
    body = "".join(
        f"<p>Paragraph {i} of the pier story tells readers what happened on the coast.</p>" for i in range(12)
    )
    page = (
        "<html><head><title>Harbour pier reopens after repairs</title></head><body><article>"
        f"{ticker}<h1>Harbour pier reopens after repairs</h1>{body}</article></body></html>"
    )
    a = extract_html(page, Source(), Options(nlp=False))
    assert "Paragraph 11" in a.text and "budget vote" not in a.text
