"""The optional C fast path of the text-mode headline scorer and section finders (_headlinefast, and
_textfast.short_lines) gives the same results as the Python reference functions, on the fixture pages,
on random pages with awkward characters and (when ../shared/data is present) on every benchmark page."""

from __future__ import annotations

import random
from itertools import islice
from pathlib import Path
from re import _constants as re_constants
from re import _parser as re_parser

import numpy as np
import pytest

from newsmill.eval.datasets import flatten, iter_scrapinghub, iter_wcxb
from newsmill.extract import headline as hl
from newsmill.extract import text as tx
from newsmill.extract import textcomments as tc
from newsmill.extract import textfooter as tf
from newsmill.extract import textlines as tl
from newsmill.extract import textteasers as tt
from newsmill.extract.textmodel import load_model
from newsmill.model import Source
from newsmill.options import Options
from text_pages import fixture_and_random_pages, random_page

needs_c = pytest.mark.skipif(hl._headlinefast is None, reason="C extension not built (pip install -e .)")
needs_textfast = pytest.mark.skipif(tl._textfast is None, reason="C extension not built (pip install -e .)")

# Separators (with Unicode spaces around them), strip characters, case pairs whose lowercase form has
# another length (İ), non-ASCII letters with and without a lowercase form (É é ǅ Ⅰ Ⓐ ς: the C code lowers
# strings whose other characters have none on the fly), curly quotes the folding maps, Unicode digits
# (٣, ², ½), astral code points.
_ALPHABET = list("aAzZ09 .,:;!?\"'()[]“”‘’«»|-–—»>·/\t\u00a0\u3000İßΣ中😀٣²½Ééǅ\u2160\u24b6ς")
_WORDS = [" | ", " - ", " :: ", " » ", " / ", "The", "harbour", "Harbour", "by ", "Today", "3:17 pm", "says:"]


def _random_page(rng: random.Random) -> str:
    return random_page(rng, _ALPHABET, _WORDS, sizes=(80, 60), word_share=0.35)


def _random_lines(seed: int, n_pages: int) -> list[str]:
    """The lines of n_pages random pages: the inputs of the prefilter tests, with their cases appended."""
    rng = random.Random(seed)
    return [line for _ in range(n_pages) for line in _random_page(rng).split("\n")]


def _pages() -> list[str]:
    return fixture_and_random_pages(_random_page, seed=17)


def _assert_string_columns_equal(
    pl: tl.PageLines, keep: np.ndarray, texts: list[str], lo: int, hi: int
) -> hl.Columns:
    """C and Python string columns are equal float32 arrays; returns the Python ones."""
    py = hl.string_columns_py(pl, keep, texts, lo, hi)
    for fast, want in zip(hl.string_columns(pl, keep, texts, lo, hi), py, strict=True):
        assert fast.dtype == want.dtype == np.float32
        assert fast.tobytes() == want.tobytes()
    return py


def _check_page(page: str, rng: np.random.Generator, url: str | None = None) -> int:
    """Compares the C and Python headline steps on one page with random keep masks; returns the
    number of candidates compared."""
    pl = tl.page_lines(page)
    if not pl.text:
        return 0
    x, _ = tl.line_features(pl)
    seen = 0
    for keep in (rng.random(len(x)) < 0.5, np.ones(len(x), dtype=bool)):
        assert hl.run_start(x, keep) == hl.run_start_py(
            np.where(keep, np.expm1(x[:, tl.COL_LOG_WORDS] * 6), -hl._RUN_PENALTY).tolist()
        )
        anchors = (hl.anchor(x, keep), hl.run_start(x, keep))
        assert hl.anchors(pl, x, keep) == anchors  # the C call
        lines, texts, parts = hl.candidates(pl, x, anchors, url)
        nw = np.expm1(x[:, tl.COL_LOG_WORDS] * 6)
        idx: set[int] = set()
        for a in anchors:
            idx.update(range(max(0, a - hl._BEFORE), min(len(x), a + hl._AFTER + 1)))
        extra = hl._slug_lines(pl, nw, url, set(idx))
        assert (lines, texts, parts) == hl.candidates_py(pl, nw, sorted(idx.union(extra)))
        if not lines:
            continue
        lo, hi = min(lines), max(lines)
        strings = _assert_string_columns_equal(pl, keep, texts, lo, hi)
        _check_url_shares(texts, url or "https://www.harbour-gazette.example/news/the-harbour-floods")
        logit = (rng.standard_normal(len(x)) * 3).astype(np.float32)
        cc = hl.CandidateColumns(
            np.asarray(lines),
            anchors,
            parts,
            strings,
            hl._url_columns(texts, parts, url),
            bool(url),
        )
        fast, py = hl.feature_matrix(x, logit, keep, cc), hl.feature_matrix_py(x, logit, keep, cc)
        assert fast.dtype == py.dtype == np.float32 and fast.shape == py.shape == (
            len(lines),
            hl.N_TITLE_FEATURES,
        )
        assert fast.tobytes() == py.tobytes()
        seen += len(texts)
    return seen


def _check_url_shares(texts: list[str], url: str) -> None:
    path, host = hl.url_words(url)
    slug = frozenset(w for w in path if len(w) >= 3 and not w.isdigit())
    for fast, py in zip(
        hl.url_shares(texts, path, host, slug), hl.url_shares_py(texts, path, host, slug), strict=True
    ):
        assert fast.dtype == py.dtype == np.float64
        assert fast.tobytes() == py.tobytes()


@needs_c
def test_headlinefast_url_shares_match_python() -> None:
    texts = [
        "Talking Home: the rain floods the harbour",
        "talking home",
        "TALKING_HOME news",
        "Harbour’s floods — Größe straße İstanbul 2024",
        "Floods floods floods the harbour",
        "",
        "!!! ---",
        "中文 标题 harbour",
    ]
    for url in [
        "https://www.talkinghome.example/rain-floods-the-harbour/",
        "https://harbour.example/größe-straße/istanbul-2024",
        "https://example.org/中文/标题",
        "https://talking_home.example/floods",
    ]:
        _check_url_shares(texts, url)
    path, host = hl.url_words("https://www.talkinghome.example/rain-floods-the-harbour/")
    in_path, cover, hosts = hl.url_shares(texts[:2], path, host, path)
    assert hosts.tolist() == [0.0, 1.0]  # "talkinghome" is one host token: the site name
    assert in_path[0] > 0 and cover[0] == 1.0


@needs_c
def test_headlinefast_matches_python_on_fixture_and_random_pages() -> None:
    rng = np.random.default_rng(23)
    assert sum(_check_page(page, rng) for page in _pages()) > 3000


@needs_c
def test_headlinefast_splits_every_separator_like_the_regex() -> None:
    page = "\n".join(
        [
            "Breaking news on the harbour | The Gazette",
            "Home / Topic / Harbour / Rain floods the harbour district",
            "Rain floods the harbour :: Gazette :: Local",
            "Rain\u00a0|\u3000floods the harbour district tonight",
            "Rain floods :: the harbour :x: and the old district",
            "Rain - floods -- the » harbour > district · in / town",
            "Only|tight-separators/here:no spaces around them",
            "Ends with a separator |",
        ]
    )
    pl = tl.page_lines(page)
    x, _ = tl.line_features(pl)
    keep = np.ones(len(x), dtype=bool)
    lines, texts, parts = hl.candidates(pl, x, (0, 0))
    assert (lines, texts, parts) == hl.candidates_py(
        pl, np.expm1(x[:, tl.COL_LOG_WORDS] * 6), list(range(len(x)))
    )
    assert "The Gazette" in texts and "Rain floods the harbour district" in texts
    assert parts.count(1) == parts.count(2) > 6
    _assert_string_columns_equal(pl, keep, texts, min(lines), max(lines))


@needs_c
def test_headlinefast_echo_counts_like_str_count() -> None:
    # Repeats, overlapping repeats (str.count takes them left to right, without overlap), case
    # variants, candidates shorter than the 4-gram index, and the same lines in a non-ASCII window.
    lines = [
        "Harbour news today",
        "HARBOUR NEWS TODAY and Harbour news today again",
        "aaaaa aaaaa aaaaa aaaaa",
        "aaaaa aaaaa",
        "Rain | Gazette",
        "ab ab | ab",
        "Harbour news today | Harbour news today",
    ]
    for extra in ("", "Le port d’été | Gazette"):
        pl = tl.page_lines("\n".join([*lines, extra]))
        x, _ = tl.line_features(pl)
        keep = np.ones(len(x), dtype=bool)
        _, texts, _ = hl.candidates_py(pl, np.full(len(x), 3.0, dtype=np.float32), list(range(len(x))))
        echoes = _assert_string_columns_equal(pl, keep, texts, 0, len(x) - 1)[2]
        assert max(echoes) >= 5 and min(echoes) == 1


@needs_c
def test_headlinefast_rejects_bad_arguments() -> None:
    pl = tl.page_lines("One headline here\nAnd a body line that goes on for a while.")
    keep = np.ones(len(pl.text), dtype=bool)
    out = np.zeros((3, 1), dtype=np.float32)
    args = (hl._STRIP, hl._BODY_WORDS, hl._OVERLAP_MIN_CHARS, hl._TYPO)
    with pytest.raises(ValueError):
        hl._headlinefast.string_columns(pl.text, keep, ["x"], 0, 5, *args, *out)  # window past the page
    with pytest.raises(ValueError):
        hl._headlinefast.string_columns(pl.text, keep[:1], ["x"], 0, 1, *args, *out)  # short keep mask
    with pytest.raises(TypeError):
        hl._headlinefast.string_columns(pl.text, keep, [b"x"], 0, 1, *args, *out)
    with pytest.raises(TypeError):
        hl._headlinefast.string_columns(pl.text, keep, ["x"], 0, 1, *args[:3], (("ab", "x"),), *out)
    nw = np.ones(len(pl.text), dtype=np.float32) * 3
    with pytest.raises(IndexError):
        hl._headlinefast.candidates(pl.text, nw, 0, 1, 0, 1, [7], 1.5, 30.0)
    with pytest.raises(ValueError):
        hl._headlinefast.run_start(np.zeros(3, dtype=np.float64))
    x, _ = tl.line_features(pl)
    rows, out = np.zeros((12, 1), dtype=np.float32), np.zeros((1, hl.N_TITLE_FEATURES), dtype=np.float32)
    good = (
        x,
        x.shape[1],
        tl.N_LOCAL,
        tl.COL_LOG_WORDS,
        np.array([1]),
        0,
        1,
        keep,
        np.array([0]),
        True,
        50.0,
        15.0,
    )
    hl._headlinefast.title_matrix(*good, rows, out)
    with pytest.raises(IndexError):
        hl._headlinefast.title_matrix(*good[:4], np.array([9]), *good[5:], rows, out)
    with pytest.raises(ValueError):
        hl._headlinefast.title_matrix(*good, rows[:5], out)  # too few input rows
    with pytest.raises(ValueError):
        hl._headlinefast.title_matrix(*good[:5], 7, *good[6:], rows, out)  # anchor past the page
    nw = tl.line_words(x)
    none = np.zeros(len(x), dtype=bool)
    assert hl.anchors(pl, x, none) == (hl.anchor(x, none), hl.run_start(x, none)) == (0, 0)
    with pytest.raises(ValueError):
        hl._headlinefast.anchors(x, x.shape[1], x.shape[1], 0.3, nw, keep, 3.0)  # column past the row
    with pytest.raises(ValueError):
        hl._headlinefast.anchors(x, x.shape[1], 1, 0.3, nw[:-1], keep, 3.0)  # a word count short


@needs_c
def test_headlinefast_title_rows_fall_back_past_their_tables() -> None:
    # Echo counts of 64+ and word counts that are no whole number are past the logarithm tables: the
    # numpy calls fill the rows, and the matrix still equals the Python one bit for bit.
    pl = tl.page_lines("Headline of the day\n\nA first sentence of the article body goes here today.\nMore.")
    x, _ = tl.line_features(pl)
    logit = np.array([1.5, 0.25, -2.0], dtype=np.float32)
    keep = np.ones(3, dtype=bool)
    one = np.ones(3, dtype=np.float32)
    for nwc, echoes in ((one * 4, one * 64), (one * 4.5, one), (one * 4, one * 3)):
        url_cols = tuple(np.full(3, v, dtype=np.float32) for v in (0.1, 0.2, 0.3, 0.4))
        cc = hl.CandidateColumns(np.arange(3), (0, 1), [0, 1, 2], (nwc, one * 0.5, echoes), url_cols, True)
        fast, py = hl.feature_matrix(x, logit, keep, cc), hl.feature_matrix_py(x, logit, keep, cc)
        assert fast.tobytes() == py.tobytes()
    rows = np.empty((12, 3), dtype=np.float32)
    sig = 1 / (1 + np.exp(-logit))
    args = (one, one, one, logit, sig, *url_cols, tl._LOG1P_TABLE, tl._LOG_TABLE, rows)
    assert hl._headlinefast.title_rows(np.arange(3), *args) is True
    assert hl._headlinefast.title_rows(np.arange(3), one * 2, one, one * 70, *args[3:]) is False
    with pytest.raises(IndexError):
        hl._headlinefast.title_rows(np.array([0, 1, 5]), *args)
    with pytest.raises(ValueError):
        hl._headlinefast.title_rows(np.arange(3), *args[:-1], rows[:5])


def test_headline_fallback_gives_same_titles(monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs with or without the extension: the Python headline and finder steps end to end.
    model, opts = load_model(), Options(nlp=False)
    for page in _pages()[:40]:
        for url in (None, "https://example.org/news/rain-floods-the-harbour-district"):
            want = tx.extract_with(page, Source(url=url), opts, model)
            for mod in (hl,):
                monkeypatch.setattr(mod, "_headlinefast", None)
            for mod in (tt, tc):
                monkeypatch.setattr(mod, "_textfast", None)
            got = tx.extract_with(page, Source(url=url), opts, model)
            monkeypatch.undo()
            assert got == want


@needs_textfast
def test_textfast_short_lines_superset_of_the_marker_prefilter() -> None:
    lines = _random_lines(29, 60)
    lines += ["٣ days ago", "ſo by", "  BY Anna", "Ťoday", "\u3000today", "x:", ":", ""]
    lines += ["yeſterday", "Byline", "by_x", "Today's", "todayé", "Popular", "Topics", "Par 3", "von"]
    lines += ["Election 2020", "Nov. 3, 2020", "x 20/11/2019", "2 days ago", "٣ ٤ ago"]
    fast = tt.short_marker_lines(lines, 0)
    short = [i for i, s in enumerate(lines) if len(s) <= tt._MARKER_CHARS + 20]
    assert set(fast) <= set(short)
    lines += [
        "   12 hours ago" + " " * 60,
        " " * 30 + "By Anna Smith",
        "x" * 40 + " 2019",
        "x" * 50 + " 2019",
    ]
    fast = tt.short_marker_lines(lines, 0)
    short = [i for i, s in enumerate(lines) if len(s) <= tt._MARKER_CHARS + 20]
    assert set(fast) <= set(short)

    def marker(i: int) -> bool:
        return tt._maybe_marker(lines[i]) and tt._marker(lines[i])

    assert [i for i in short if marker(i)] == [i for i in fast if marker(i)]
    # The C lines all pass _maybe_marker, so the fast path runs _marker alone on them.
    assert all(tt._maybe_marker(lines[i]) for i in fast)
    assert [i for i in short if marker(i)] == [i for i in fast if tt._marker(lines[i])]
    assert len(fast) < len(short) and sum(map(marker, fast)) >= 4
    words = ["yeſterday", "Today's", "von", "Par 3"]  # a marker word first, or a digit
    assert {lines.index(w) for w in words} <= set(fast)
    assert not {lines.index(w) for w in ("Byline", "by_x", "todayé", "Popular", "Topics")} & set(fast)
    # One number and neither a marker word nor a decimal first: no date pattern can match.
    assert lines.index("Election 2020") not in fast
    assert {lines.index(w) for w in ("Nov. 3, 2020", "x 20/11/2019", "2 days ago")} <= set(fast)


@needs_textfast
def test_textfast_colon_lines_superset_of_the_comment_markers() -> None:
    lines = _random_lines(43, 60)
    lines += [
        "Anna Lee says:",
        "  Jo sagt :  ",
        "Jo SCHREIBT:",
        "Ana dice:",
        "Ana diz :",
        "Jan zegt:",
        "Marie dit:",
        "Ann ſays:",  # re.IGNORECASE folds ſ onto s
        "Ann saysx:",
        "Share this:",
        "August 8, 2018 at 3:17 pm",
        "20 Nov 2019, 9:42am",
        "posted 2019-11-20 - 21:05:33",
        "\u0663 Nov 2019, \u0669:\u0664\u0662",  # Arabic-Indic digits are \\d too
        "Note: rain",
        "a:b",
        ":",
    ]
    colons = [i for i in range(3, len(lines)) if len(lines[i]) <= 80 and ":" in lines[i]]
    fast = tc.colon_lines(lines, 3)
    assert set(fast) <= set(colons) and len(fast) < len(colons)
    marked = [i for i in colons if tc._marker(lines[i])]
    assert [i for i in fast if tc._marker(lines[i])] == marked and len(marked) >= 12
    assert len(lines) - 8 not in fast  # "Share this:"


@pytest.mark.shared
@needs_c
def test_headlinefast_matches_python_on_benchmark_pages(shared_data: Path) -> None:
    rng = np.random.default_rng(31)
    docs = list(islice(iter_scrapinghub(shared_data), 0, None, 3)) + list(
        islice(iter_wcxb(shared_data), 0, None, 5)
    )
    seen = 0
    for doc in docs:
        text = flatten(doc.html)
        seen += _check_page(text, rng, doc.url) + _check_page(text, rng)
    assert seen > 10000


@needs_textfast
def test_textfast_notice_lines_superset_of_the_notice_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _random_lines(37, 60)
    lines += [
        "© 2019 CBS Interactive Inc. All Rights Reserved.",
        "CopyRight 2020 The Gazette",
        "(C) 2018 Harbour Media",
        "Harbour Media. ALL RIGHTS RESERVED",
        "All rıghts reserved",  # dotless i: re.IGNORECASE matches it to "i"
        "ſome text. All rights reſerved.",
        "copyright notice without a year",
        "x" * 130 + " all rights reserved",
        "Text (c) 2019 mid-line",  # the regex wants the notice at the start
        "İ (c) 2019",
        "COPYRİGHT 2017 Harbour",  # dotted capital I: re.IGNORECASE matches it to "i"
        "Contact us",  # starts with a c, but not with "copyr": the regex is not run on it
    ]
    fast = tf.notice_lines(lines, 5, len(lines))
    assert lines.index("Contact us") not in fast
    assert tf.notice_lines(lines, 5, len(lines) - 8) == [i for i in fast if i < len(lines) - 8]
    monkeypatch.setattr(tf, "_textfast", None)
    slow = tf.notice_lines(lines, 5, len(lines))
    assert set(fast) <= set(slow) and len(fast) < len(slow)
    want = [i for i in slow if tf._NOTICE.match(lines[i])]
    assert [i for i in fast if tf._NOTICE.match(lines[i])] == want
    assert len(want) >= 6


def _prefixes(items: list, k: int) -> set[str]:
    """The k-character prefixes a parsed regex can start with (literals, groups and alternations only)."""
    if k == 0:
        return {""}
    assert items, "an alternative of the list-heading regex is shorter than the prefixes"
    (op, av), rest = items[0], list(items[1:])
    if op is re_constants.AT:
        return _prefixes(rest, k)
    if op is re_constants.LITERAL:
        return {chr(av) + p for p in _prefixes(rest, k - 1)}
    if op is re_constants.SUBPATTERN:
        return _prefixes(list(av[3]) + rest, k)
    if op is re_constants.BRANCH:
        return set().union(*(_prefixes(list(alt) + rest, k) for alt in av[1]))
    raise AssertionError(f"unexpected {op} at the start of the list-heading regex")


def _literal_starts(items: list) -> set[str]:
    """The literal runs a parsed regex can start with, up to its first non-literal item."""
    if not items:
        return {""}
    (op, av), rest = items[0], list(items[1:])
    if op is re_constants.AT:
        return _literal_starts(rest)
    if op is re_constants.LITERAL:
        return {chr(av) + p for p in _literal_starts(rest)}
    if op is re_constants.SUBPATTERN:
        return _literal_starts(list(av[3]) + rest)
    if op is re_constants.BRANCH:
        return set().union(*(_literal_starts(list(alt) + rest) for alt in av[1]))
    return {""}


def test_textteasers_heading_starts_cover_the_regex() -> None:
    parsed = list(re_parser.parse(tt._LIST_HEADING.pattern, tt._LIST_HEADING.flags))
    starts = _literal_starts(parsed)
    given = tt._HEADING_STARTS.split()
    assert "more" in starts and "" not in starts
    # Every alternative starts with one of the given prefixes: the C prefilter passes all its lines.
    assert all(any(s.startswith(g) for g in given) for s in starts)
    assert _prefixes(parsed, 2) <= {g[:2] for g in given}


@needs_textfast
def test_textfast_heading_lines_superset_of_the_heading_regex() -> None:
    lines = _random_lines(41, 40)
    lines += [
        "More from the Gazette",
        "  LATEST NEWS",
        "Related",
        "ſponsored stories",
        "Éditor's picks",
        "Top",
        "tOP stories",
        "Related:",
        "Read more.",
        "Lately",
        "Mº",
        "M",
        "Recipes of the week",  # "Re", but no alternative's start: the regex is not run on it
        "ReLATED",
        "trendıng",  # dotless i: re.IGNORECASE matches it to "i"
    ]
    idx = list(range(len(lines)))
    fast = tl._textfast.heading_lines(lines, idx, tt._HEADING_STARTS)
    assert len(fast) < len(idx)

    def heading(i: int) -> bool:  # as textteasers._list_heading decides
        s = lines[i].strip()
        return s[-1:] not in ".?!:" and tt._LIST_HEADING.match(s) is not None

    want = [i for i in idx if heading(i)]
    assert [i for i in fast if heading(i)] == want and len(want) >= 6
    assert not {len(lines) - k for k in (8, 7)} & set(fast)  # "Related:", "Read more." end in punctuation
    assert lines.index("Recipes of the week") not in fast
    assert {lines.index("ReLATED"), lines.index("trendıng")} <= set(fast)


@needs_c
def test_headlinefast_lines_with_any_matches_python() -> None:
    rng = random.Random(53)
    vocab = ["harbour", "the", "floods", "école", "ıs", "σας", "ab"]
    for _ in range(300):
        lines = [
            "".join(rng.choices(_ALPHABET + list("HARBOURtheÉCOLE"), k=rng.randint(0, 40)))
            for _ in range(rng.randint(0, 30))
        ]
        lines = [line + rng.choice(["", " Harbour", " THE", " École", "\n floods"]) for line in lines]
        words = frozenset(rng.sample(vocab, k=rng.randint(1, 4)))
        assert hl._lines_with_any(lines, words) == hl._lines_with_any_py(lines, words)
    many = frozenset(f"w{k}" for k in range(500)) | {"harbour"}  # a slug of any length
    lines = ["x w499 y", "Harbour", "none", "W7"]
    assert hl._lines_with_any(lines, many) == hl._lines_with_any_py(lines, many) == [0, 1, 3]
    with pytest.raises(TypeError):
        hl._headlinefast.lines_with_any(["a"], ("a", 3))
