"""The numpy line statistics of textlines equal plain per-line ``str`` methods, also on odd Unicode."""

from __future__ import annotations

import numpy as np
import pytest

from newsmill.extract import textlines as tl

_PAGE = "\n".join(
    [
        "  Indented Title Case Line",
        "ALL CAPS, 12 DIGITS 3",
        "İstanbul: the city and its İİ lowercase",
        "ǅemal Is Titlecase ǅ",
        "\u00a0x\u2009y\u3000z | a • b · c",
        "",
        "\t𝐀𝐁 math capitals 𝟏 and emoji 😀 ends?",
        "2019 starts with a digit, the end.",
        "Der Kommentar von par the la consent cookies share",
        "\ud800 lone surrogate",
        "中文 𠀀 wide chars»",
        "mixed.punct/words_here--and\x1cfile sep",
    ]
)


def _reference(pl: tl.PageLines) -> tuple[np.ndarray, np.ndarray]:
    rows, flags = [], np.zeros((len(pl.text), len(tl.GROUPS)), dtype=np.float32)
    for i, (raw, s) in enumerate(zip(tl.raw_lines(pl), pl.text, strict=True)):
        low = s.lower().encode("utf-8", "surrogatepass").translate(tl._PUNCT).decode("utf-8", "surrogatepass")
        words = low.split()
        for w in words:
            if w in tl.KEYWORDS:
                flags[i, tl.KEYWORDS[w]] = 1
        rows.append(
            [
                len(s),
                len(words),
                len(tl.STOPWORDS.intersection(words)),
                len(raw) - len(raw.lstrip()),
                s[-1] in ".!?\"”’')»…",
                s[-1] == ":",
                s.count(","),
                s.istitle(),
                s.isupper(),
                s[0].isdigit(),
                s.count("|") + s.count("•") + s.count("·"),
                sum(c in "0123456789" for c in s),
            ]
        )
    return np.array(rows, dtype=np.float32), flags


def test_extract_textlines_columns_match_str_methods() -> None:
    pl = tl.page_lines(_PAGE)
    cols, flags = tl._base_columns(pl)
    want_cols, want_flags = _reference(pl)
    np.testing.assert_array_equal(cols, want_cols)
    np.testing.assert_array_equal(flags, want_flags)
    assert want_cols[:, 7].sum() >= 2 and want_cols[:, 8].sum() >= 1  # the page exercises both
    assert want_flags.sum() >= 4


def test_extract_textlines_columns_long_page_in_groups() -> None:
    """A page above the numpy block size is done in groups of lines with the same result."""
    line = "The share of cookies, Ünïcode and 42 digits | more."
    pl = tl.page_lines("\n".join([line] * (tl._GROUP_CHARS // 40)))
    cols, flags = tl._base_columns(pl)
    want_cols, want_flags = _reference(tl.page_lines(line))
    assert len(cols) == len(pl.text)
    np.testing.assert_array_equal(cols, np.repeat(want_cols, len(cols), axis=0))
    np.testing.assert_array_equal(flags, np.repeat(want_flags, len(cols), axis=0))


def test_extract_textlines_columns_line_words_are_the_word_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    # line_features leaves the word counts it fed the classifier on the page lines, the same on both
    # paths: the steps after the classifier read them instead of recomputing them.
    got = []
    for fast in (True, False):
        if not fast:
            monkeypatch.setattr(tl, "_textfast", None)
        pl = tl.page_lines(_PAGE)
        x, _ = tl.line_features(pl)
        assert pl.nw is not None and pl.nw.dtype == np.float32
        np.testing.assert_array_equal(pl.nw, tl.line_words(x))
        words = tl._base_columns(pl)[0][:, 1]  # the hash scan's word counts
        np.testing.assert_allclose(pl.nw, words, rtol=1e-5)
        got.append(pl.nw)
    np.testing.assert_array_equal(*got)
