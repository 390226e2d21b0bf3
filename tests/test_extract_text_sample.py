"""The bundled sample page (samples/seed-article.txt): the full expected text-mode record."""

from __future__ import annotations

from newsmill.extract.text import extract_text
from newsmill.model import Source
from newsmill.options import Options

TITLE = "Trump hails Kim, sees no need to resume U.S.-South Korea war games"
FIRST = "At the June summit, the first meeting between a serving U.S. president and a North Korean leader"
LAST = "had not expected Pompeo's trip to yield positive results."


def _expected_paragraphs(sample: str) -> list[str]:
    """The 8 article lines of the sample, exactly as written (quotes untouched)."""
    lines = [ln for ln in sample.split("\n") if ln.strip()]
    start = next(k for k, ln in enumerate(lines) if ln.startswith("At the June summit"))
    return lines[start : start + 8]


def test_extract_text_sample_full_record(sample_text: str) -> None:
    art = extract_text(sample_text, Source(path="samples/seed-article.txt"), Options(nlp=False))
    expected = _expected_paragraphs(sample_text)
    assert art.title == TITLE
    assert [p.text for p in art.paragraphs] == expected
    assert expected[0].startswith(FIRST) and expected[-1].endswith(LAST)
    assert [p.kind for p in art.paragraphs] == ["paragraph"] * 8
    assert art.text == "\n\n".join(expected)
    for p in art.paragraphs:
        assert art.text[p.start : p.end] == p.text
    assert "don’t think we’re doing enough,”" in art.text  # curly quotes kept as written
    assert '"We believe that denuclearization' in art.text  # straight quotes kept as written
    assert art.language == "en"
    banner = sample_text.split("\n", 1)[0]
    assert [(r.text, r.reason) for r in art.removed] == [
        (banner, "cookie_notice"),
        ("Share This Post", "share_widget"),
        ("related posts", "related_links"),
        ("On Top", "navigation"),
    ]
    assert art.warnings == []


def test_extract_text_sample_title_not_removed(sample_text: str) -> None:
    """The headline is the title, not boilerplate: it is neither a paragraph nor a removed block."""
    art = extract_text(sample_text, Source(), Options(nlp=False))
    assert all(TITLE not in r.text for r in art.removed)
    assert all(p.text != TITLE for p in art.paragraphs)
