"""A landing page made of short linked cards (an article by its metadata): the container is the whole
<main>, not its one intro section that outweighs the link-heavy cards."""

from __future__ import annotations

from pathlib import Path

from newsmill.extract import extract_page
from newsmill.model import Source
from newsmill.options import Options
from newsmill.sources.files import Page


def test_extract_html_landing_cards_kept(fixtures: Path) -> None:
    path = fixtures / "html" / "landing_cards.html"
    a = extract_page(Page(path.read_bytes(), Source(path=str(path)), "html", None, None), Options(nlp=False))
    assert "Install the command-line tools" in a.text
    assert "Stack roads, rivers and labels on one map, and choose which layers" in a.text
    assert "Place markers on the map and open a small popup" in a.text
    assert "All rights reserved" not in a.text
