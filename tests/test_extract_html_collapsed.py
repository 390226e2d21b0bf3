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


_POST = " ".join(
    f"Paragraph {i} of the field notes describes how the river changed course after the spring floods"
    f" and what the survey team measured at the {i}th marker along the eastern bank."
    for i in range(1, 7)
)


def _copy_page(copy_attrs: str) -> bytes:
    paragraphs = "".join(f"<p>{s}.</p>" for s in _POST.split(". "))
    return (
        "<html><head><title>Field notes</title></head><body><main>"
        f"<h1>Field notes from the river survey</h1>{paragraphs}"
        f"<pre {copy_attrs}># Field notes (markdown copy)\n\n{_POST}</pre>"
        "</main></body></html>"
    ).encode()


def test_extract_html_collapsed_machine_copy_never_kept() -> None:
    # A whole-post copy hidden from screens and screen readers (hidden + aria-hidden) is not the
    # article, even though it holds half the page's prose (which un-hides anti-flicker wrappers).
    a = _extract(_copy_page('hidden aria-hidden="true" class="rawMarkdown"'))
    assert "markdown copy" not in a.text
    assert "Paragraph 3 of the field notes" in a.text
    assert any("markdown copy" in r.text for r in a.removed)


def test_extract_html_collapsed_aria_tab_panel_stays_a_panel() -> None:
    # Inactive ARIA tab panels carry the same two attributes; on a non-article page they open.
    a = _extract(_copy_page('hidden aria-hidden="true" role="tabpanel"'))
    assert "markdown copy" in a.text
