"""Quotation-mark pairing: straight/curly, '' marks, unbalanced, paragraph-spanning."""

from __future__ import annotations

from newsmill.nlp.marks import quote_spans


def _quotes(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text)]


def test_nlp_marks_straight_curly_and_mixed() -> None:
    assert _quotes('He said "a b" and “c d” then “e f" ok') == ['"a b"', "“c d”", '“e f"']


def test_nlp_marks_double_apostrophe_marks() -> None:
    assert _quotes("''Time's a wasting,'' he said.") == ["''Time's a wasting,''"]


def test_nlp_marks_stray_marks_stay_in_their_paragraph() -> None:
    text = 'A stray ” here. "Never closed\n\nNext "fine" one.'
    assert _quotes(text) == ['"Never closed', '"fine"']


def test_nlp_marks_quote_continues_into_next_paragraph() -> None:
    text = '"The grid is old.\n\n"It needs work," he said.'
    assert _quotes(text) == [text[: text.index(",") + 2]]


def test_nlp_marks_fragment_does_not_continue() -> None:
    text = 'It was "tired and hungry.\n\n"We lost," he said.'
    assert _quotes(text) == ['"tired and hungry.', '"We lost,"']
