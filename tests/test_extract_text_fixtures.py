"""Text mode on small hand-written pages (tests/fixtures/text/): banners in other languages, no article,
one long paragraph, whitespace only, list items."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.extract.text import extract_text, split_paragraphs
from newsmill.model import Article, Source
from newsmill.options import Options


def _run(fixtures: Path, name: str) -> Article:
    text = (fixtures / "text" / name).read_text(encoding="utf-8")
    return extract_text(text, Source(path=name), Options(nlp=False))


def _reasons(art: Article) -> dict[str, str]:
    return {line: r.reason for r in art.removed for line in r.text.split("\n")}


@pytest.mark.parametrize(
    ("name", "title", "first", "lang", "share"),
    [
        (
            "banner-de.txt",
            "Stadtrat beschließt neuen Radweg entlang der Elbe",
            "Der Stadtrat hat",
            "de",
            "Artikel teilen",
        ),
        (
            "banner-fr.txt",
            "La bibliothèque municipale rouvre ses portes après deux ans de travaux",
            "Après deux années",
            "fr",
            "Partager cet article",
        ),
    ],
)
def test_extract_text_fixtures_foreign_banners(
    fixtures: Path, name: str, title: str, first: str, lang: str, share: str
) -> None:
    art = _run(fixtures, name)
    assert art.title == title
    assert len(art.paragraphs) == 3
    assert art.paragraphs[0].text.startswith(first)
    assert art.language == lang
    reasons = _reasons(art)
    assert reasons[next(k for k in reasons if "cookies" in k.lower())] == "cookie_notice"
    assert reasons[share] == "share_widget"
    assert "cookie" not in art.text.lower()


def test_extract_text_fixtures_no_article(fixtures: Path) -> None:
    """A page of menus and footer links has no article: empty text, a warning, everything removed."""
    art = _run(fixtures, "no-article.txt")
    assert art.text == "" and art.paragraphs == [] and art.title is None and art.language is None
    assert art.warnings == ["no article text found"]
    assert _reasons(art)["Skip to main content"] == "navigation"
    assert _reasons(art)["Privacy Policy"] == "footer"


def test_extract_text_fixtures_one_long_paragraph(fixtures: Path) -> None:
    art = _run(fixtures, "one-paragraph.txt")
    assert art.title == "Storm closes coastal road for the weekend"
    assert len(art.paragraphs) == 1
    assert art.paragraphs[0].text.startswith("The coastal road between the harbour")
    reasons = _reasons(art)
    assert reasons["Share this article"] == "share_widget"
    assert reasons["Related stories"] == "related_links"
    assert reasons["Back to top"] == "navigation"


def test_extract_text_fixtures_whitespace_only(fixtures: Path) -> None:
    art = _run(fixtures, "whitespace.txt")
    assert (art.text, art.paragraphs, art.removed, art.title) == ("", [], [], None)
    assert art.warnings == ["no article text found"]


def test_extract_text_fixtures_list_items(fixtures: Path) -> None:
    art = _run(fixtures, "list-items.txt")
    assert art.title == "Five things to know before the city's new recycling rules start"
    kinds = [(p.kind, p.text.split()[0]) for p in art.paragraphs]
    assert kinds == [
        ("paragraph", "The"),
        ("paragraph", "Here"),
        ("list_item", "Paper"),
        ("list_item", "Glass"),
        ("list_item", "Food"),
        ("paragraph", "The"),
    ]
    assert _reasons(art)["Subscribe to our daily briefing"] == "newsletter"
    assert _reasons(art)["Copyright 2026 City Herald"] == "footer"


def test_extract_text_fixtures_offsets_index_text(fixtures: Path) -> None:
    for name in ("banner-de.txt", "banner-fr.txt", "list-items.txt", "one-paragraph.txt"):
        art = _run(fixtures, name)
        assert [art.text[p.start : p.end] for p in art.paragraphs] == [p.text for p in art.paragraphs]
        assert [p.text for p in split_paragraphs(art.text)] == [p.text for p in art.paragraphs]


def test_extract_text_fixtures_title_has_ascii_apostrophes(fixtures: Path) -> None:
    # Text mode writes titles as HTML mode does (newsmill.extract.metatitle): "city's", not "city’s".
    text = (fixtures / "text" / "list-items.txt").read_text(encoding="utf-8").replace("city's", "city’s")
    art = extract_text(text, Source(), Options(nlp=False))
    assert art.title == "Five things to know before the city's new recycling rules start"
