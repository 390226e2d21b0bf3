"""The benchmark scorers restated from the shared data README, on hand-made examples."""

from __future__ import annotations

import pytest

from newsmill.eval.scoring import shingle_counts, shingle_f1, snippet_rates, title_match, word_f1
from newsmill.eval.textmode import c4_filter, line_labels


def test_eval_scoring_word_f1_multisets() -> None:
    p, r, f = word_f1("the cat the dog", "The cat sat")
    assert p == pytest.approx(2 / 4) and r == pytest.approx(2 / 3)
    assert f == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert word_f1("", "") == (1.0, 1.0, 1.0)
    assert word_f1("", "some words")[2] == 0.0


def test_eval_scoring_shingles_per_page_means() -> None:
    same = shingle_counts("a b c d e", "a b c d e")
    assert same == (1.0, 0.0, 0.0)
    short = shingle_counts("a b", "a b")  # under 4 tokens: one shorter shingle
    assert short == (1.0, 0.0, 0.0)
    half = shingle_counts("a b c d", "a b c d e")  # pred shingle abcd; truth abcd, bcde
    assert half == pytest.approx((0.5, 0.0, 0.5))
    empty = shingle_counts("", "a b c d")  # tp = fp = 0: left out of the precision mean
    score = shingle_f1([same, half, empty])
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx((1.0 + 0.5 + 0.0) / 3)


def test_eval_scoring_snippets_and_titles() -> None:
    found, leaked = snippet_rates("Hello  World. Buy now", ["hello world", "absent"], ["BUY NOW", "x y"])
    assert (found, leaked) == (0.5, 0.5)
    assert snippet_rates("x", [], []) == (None, None)
    assert title_match(" A  Title ", "a title") and not title_match(None, "a") and not title_match("a", "b")


def test_eval_scoring_c4_filter_rules() -> None:
    text = "Short one.\nThis line ends well.\nNo terminal here\nWe use cookies to help you.\nHe said “yes.”"
    assert c4_filter(text).split("\n") == ["This line ends well.", "He said “yes.”"]


def test_eval_scoring_line_labels_by_overlap() -> None:
    truth = "Intro\n\nThe council approved the new budget on Monday after a long debate."
    lines = [
        "Home",
        "Intro",
        "The council approved the new budget on Monday.",
        "Read more about budgets today",
    ]
    assert line_labels(lines, truth) == [0, 1, 1, 0]
