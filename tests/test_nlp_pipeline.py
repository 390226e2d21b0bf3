"""The spaCy pipeline newsmill loads: paragraph breaks start sentences."""

from __future__ import annotations

from newsmill.nlp.pipeline import load


def test_nlp_pipeline_blank_line_starts_a_sentence() -> None:
    nlp = load(None)
    text = (
        "5:05 p.m.\n\nMajorities of Democrats in five states say they would be satisfied with both "
        "candidates.\n\nPOLL RESULTS\n\nThe survey was taken on Monday."
    )
    sents = [s.text.strip() for s in nlp(text).sents]
    assert "5:05 p.m." in sents and "POLL RESULTS" in sents
    assert any(s.startswith("Majorities of Democrats") for s in sents)
