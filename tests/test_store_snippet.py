"""Search snippets cut in Python: the window holds the first match, every match is marked,
NOT operands are not, and unsupported queries or non-literal matches defer to FTS5."""

from __future__ import annotations

from newsmill.store.snippet import WINDOW, cut, query_terms


def _marked(snippet: tuple[str, list[list[int]]]) -> list[str]:
    body, hits = snippet
    return [body[a:b] for a, b in hits]


def test_store_snippet_marks_words_and_phrases_in_a_window() -> None:
    text = "filler " * 200 + "The White House said the house was white. " + "tail " * 200
    got = cut(text, query_terms('"white house" OR senate'))
    assert got is not None
    assert _marked(got) == ["White House"]
    assert got[0].startswith("…") and got[0].endswith("…")
    assert len(got[0]) <= WINDOW + 2


def test_store_snippet_prefix_case_and_word_boundaries() -> None:
    terms = query_terms("price*")
    got = cut("Sprice is not a word here. PRICES rose; the price fell.", terms)
    assert got is not None
    assert _marked(got) == ["PRICES", "price"]
    assert cut("unpriced goods", terms) is None


def test_store_snippet_leaves_not_operands_unmarked() -> None:
    got = cut("The court ruled. Trump spoke later.", query_terms("court NOT trump"))
    assert got is not None and _marked(got) == ["court"]


def test_store_snippet_defers_to_fts5_when_it_cannot_mirror_the_query() -> None:
    assert query_terms("title:court") is None
    assert query_terms("NEAR(court judge)") is None
    assert query_terms("court NOT (trump OR biden)") is None
    # folded diacritics match in FTS5 but not literally here: the caller falls back
    assert cut("Un café au lait.", query_terms("cafe")) is None
