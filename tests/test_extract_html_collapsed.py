"""Closed tab and accordion panels on non-article pages: their text is content; screen-reader copies,
short status lines and hidden links are not. On article pages nothing hidden is kept."""

from __future__ import annotations

from pathlib import Path

from newsmill.extract import extract_page
from newsmill.model import Article, Source
from newsmill.options import Options
from newsmill.sources.files import Page


def _extract(data: bytes) -> Article:
    return extract_page(Page(data, Source(path="product_tabs.html"), "html", None, None), Options(nlp=False))


def test_extract_html_collapsed_panels_kept_on_product_page(fixtures: Path) -> None:
    a = _extract((fixtures / "html" / "product_tabs.html").read_bytes())
    assert "keep the wick trimmed" in a.text  # style="display: none" panel
    assert "Burn time: 18 hours per fill" in a.text  # its spec list
    assert "ship it within two working days" in a.text  # `hidden` attribute panel
    assert "Added to your cart" not in a.text  # a short hidden status line
    assert "price forty two pounds" not in a.text  # sr-only copy for screen readers
    assert "Small Harbour Lantern" not in a.text  # hidden links
    assert "Added to your cart" in "\n".join(r.text for r in a.removed if r.reason == "hidden")


def test_extract_html_collapsed_panels_dropped_on_article_page(fixtures: Path) -> None:
    html = (fixtures / "html" / "product_tabs.html").read_bytes()
    html = html.replace(b"<title>", b'<meta property="og:type" content="article"><title>')
    a = _extract(html)
    assert "brass storm lamp" in a.text
    assert "keep the wick trimmed" not in a.text
