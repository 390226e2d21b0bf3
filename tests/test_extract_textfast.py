"""The optional C fast path of text mode (_textfast) gives bit-identical results to the numpy/Python
fallback, on the fixture pages and on random inputs. The fallback functions are called directly, so
they are exercised even when the extension is built."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

from newsmill.extract import text as tx
from newsmill.extract import textlines as tl
from newsmill.extract import textmodel as tm
from newsmill.model import Source
from newsmill.options import Options
from text_pages import fixture_and_random_pages, random_page

needs_c = pytest.mark.skipif(tl._textfast is None, reason="C extension not built (pip install -e .)")

# Characters that hit every class of the tables: ASCII punctuation, digits, cased letters of all
# kinds (İ lowercases to two code points, ǅ is titlecase), bars, Unicode spaces, astral code points,
# a lone surrogate; plus keywords and stopwords so the word lookups fire.
_ALPHABET = list("aAzZ09,.:;!?|•·-*–'\"»…”’ \t\u00a0\u2009\u3000İǅßΣσ中😀𝐀\ud800\x1c")
_WORDS = ["the", "The", "cookie", "Share", "by", "von", "newsletter", "©", "le", "comment", "ads"]


def _random_page(rng: random.Random) -> str:
    return random_page(rng, _ALPHABET, _WORDS, indents=["", " ", "  "])


def _pages() -> list[str]:
    return fixture_and_random_pages(_random_page, seed=7)


@needs_c
def test_extract_textfast_line_features_match_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    for page in _pages():
        pl = tl.page_lines(page)
        if not pl.text:
            continue
        fast_cols, fast_flags = tl._base_columns(pl)
        py_cols, py_flags = tl._base_columns_py(pl)
        np.testing.assert_array_equal(fast_cols, py_cols)
        np.testing.assert_array_equal(fast_flags, py_flags)
        fast_x, _ = tl.line_features(pl)
        monkeypatch.setattr(tl, "_textfast", None)
        py_x, _ = tl.line_features(pl)
        monkeypatch.undo()
        assert fast_x.tobytes() == py_x.tobytes()


@needs_c
def test_extract_textfast_log_columns_fall_back_past_their_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    # A line of 70,000 characters is past the log1p table: the numpy calls give the columns; a page of
    # 80 copies of one line has a repeat count past the log table, which caps like numpy's log.
    long_line = "word " * 14_000
    repeated = "\n".join(["same line here"] * 80 + ["The end of it all."])
    for page in (f"Title\n\n{long_line}\n\nlast line", repeated):
        pl = tl.page_lines(page)
        fast_x, _ = tl.line_features(pl)
        monkeypatch.setattr(tl, "_textfast", None)
        py_x, _ = tl.line_features(pl)
        monkeypatch.undo()
        assert fast_x.tobytes() == py_x.tobytes()
    b, flags = tl._base_columns(tl.page_lines(f"x\n{long_line}"))
    x = np.zeros((2, tl.N_FEATURES), dtype=np.float32)
    ins, rep = np.zeros((3, 2), dtype=np.float32), np.ones(2, dtype=np.float32)
    args = (b, ins, rep, flags, x, x.shape[1], tl._LOG1P_TABLE, tl._LOG_TABLE)
    assert tl._textfast.log_columns(*args) is False and not x.any()
    with pytest.raises(ValueError):
        tl._textfast.log_columns(b, ins, rep, flags, x, x.shape[1], tl._LOG1P_TABLE, tl._LOG_TABLE[:10])


@needs_c
def test_extract_textfast_block_columns_match_numpy_on_long_pages() -> None:
    # Longer than one numpy block (_GROUP_CHARS): the numpy code splits the page, C does not.
    rng = random.Random(3)
    page = "\n".join(_random_page(rng) for _ in range(900))
    pl = tl.page_lines(page)
    assert len("\n".join(tl.raw_lines(pl))) > tl._GROUP_CHARS
    for fast, py in zip(tl._base_columns(pl), tl._base_columns_py(pl), strict=True):
        np.testing.assert_array_equal(fast, py)


@needs_c
def test_extract_textfast_block_columns_skip_the_pages_blank_lines() -> None:
    # Scanning the page itself (its blank lines skipped) gives what scanning the joined lines gives,
    # whatever whitespace fills the blank lines and wherever they are.
    blanks = ["", " ", "\t\r", "\u3000\u00a0", "\x1c\x1d", "\u2009 \u2028"]
    rng = random.Random(8)
    for page in _pages():
        lines = page.split("\n")
        for _ in range(rng.randrange(1, 6)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(blanks))
        pl = tl.page_lines("\n".join(lines))
        assert pl.page is not None
        joined = tl.PageLines(tl.raw_lines(pl), pl.text, pl.lineno, pl.n_lines)
        for fast, ref in zip(tl._base_columns(pl), tl._base_columns(joined), strict=True):
            np.testing.assert_array_equal(fast, ref)
        np.testing.assert_array_equal(pl.words, joined.words)


class _NanNumpy:
    """numpy, except that the line feature matrix is allocated full of NaN instead of uninitialised."""

    def __getattr__(self, name: str) -> object:
        return getattr(np, name)

    @staticmethod
    def empty(shape: object, dtype: object = None) -> np.ndarray:
        if isinstance(shape, tuple) and len(shape) == 2 and shape[1] == tl.N_FEATURES:
            return np.full(shape, np.nan, dtype=dtype)
        return np.empty(shape, dtype=dtype)


@needs_c
def test_extract_textfast_line_features_write_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    # The C path does not zero the matrix first: every cell, the page edges' neighbour columns and
    # the log columns past their tables included, must be written.
    long_lines = "x" * 70_000 + "\n" + "word " * 70_000 + "\nshort\n\n" + "a b c\n" * 5
    pages = [*_pages(), long_lines, "one line", "a\nb", "a\n\nb\nc"]
    want = [tl.line_features(tl.page_lines(p))[0] for p in pages]
    monkeypatch.setattr(tl, "np", _NanNumpy())
    for page, ref in zip(pages, want, strict=True):
        got = tl.line_features(tl.page_lines(page))[0]
        assert not np.isnan(got).any()
        np.testing.assert_array_equal(got, ref)


@needs_c
def test_extract_textfast_smooth_logits_match_numpy() -> None:
    rng = np.random.default_rng(5)
    for n in [1, 2, 3, 7, 61, 400, 2000]:
        logit = (rng.standard_normal(n) * rng.choice([0.1, 3.0, 1e4])).astype(np.float32)
        for k, w in [(1, 0.5), (2, 0.3), (5, 0.77), (50, 0.1)]:
            fast = tm.smooth_logits(logit, k, w)
            assert fast.dtype == np.float32
            assert fast.tobytes() == tm.smooth_logits_py(logit, k, w).tobytes()


@needs_c
def test_extract_textfast_mlp_logits_match_numpy_closely() -> None:
    # Not bit for bit (the summation order differs from OpenBLAS's, see _mlp.h), but within float32
    # rounding of the ~160-term sums; on a CPU without AVX2/FMA both are numpy's.
    model = tm.load_model()
    for page in _pages():
        x, _ = tl.line_features(tl.page_lines(page))
        for dense, rows in (
            (model.lines, x),
            (model.title, np.ascontiguousarray(x[:, : model.title.weights[0].shape[0]])),
        ):
            fast, ref = dense.logit(rows), dense.logit_numpy(rows)
            assert fast.dtype == np.float32 and fast.shape == ref.shape == (len(x),)
            assert np.allclose(fast, ref, rtol=1e-5, atol=1e-4)


@needs_c
def test_extract_textfast_mlp_declines_what_it_cannot_run() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((5, 6)).astype(np.float32)
    out = np.full(5, 7.0, dtype=np.float32)
    for hidden in (12, 136):  # not a multiple of 8, more than 128 units
        w1, b1, w2 = (rng.standard_normal(s).astype(np.float32) for s in ((6, hidden), hidden, hidden))
        assert tl._textfast.mlp_logit(x, 5, 6, w1, hidden, b1, w2, 0.5, out) is False
        assert (out == 7.0).all()
        dense = tm.Dense([w1, w2[:, None]], [b1, np.array([0.5], dtype=np.float32)])
        assert np.allclose(dense.logit(x), dense.logit_numpy(x))
    w1, b1, w2 = (rng.standard_normal(s).astype(np.float32) for s in ((6, 8), 8, 8))
    if not tl._textfast.mlp_logit(x, 5, 6, w1, 8, b1, w2, 0.0, out):
        pytest.skip("this CPU has no AVX2/FMA: numpy computes every MLP")
    with pytest.raises(ValueError):  # buffers that do not match the shapes
        tl._textfast.mlp_logit(x, 5, 7, w1, 8, b1, w2, 0.0, out)


@needs_c
def test_extract_textfast_kinds_match_python() -> None:
    rng = np.random.default_rng(11)
    for page in _pages():
        pl = tl.page_lines(page + "\n• a bullet\n- dash item\nShort heading\n\nEnds with a period.")
        x, _ = tl.line_features(pl)
        for _ in range(3):
            keep = rng.random(len(x)) < 0.6
            kept = np.flatnonzero(keep).tolist()
            assert tx._kinds(pl, kept, x, keep) == tx._kinds_py(pl, kept, x, keep)


def test_extract_textfast_fallback_gives_same_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs with or without the extension: the pure numpy/Python path end to end.
    model, opts = tm.load_model(), Options(nlp=False)
    for page in _pages()[:20]:
        want = tx.extract_with(page, Source(), opts, model)
        for mod in (tl, tm, tx):
            monkeypatch.setattr(mod, "_textfast", None)
        got = tx.extract_with(page, Source(), opts, model)
        monkeypatch.undo()
        assert got == want


@needs_c
def test_extract_textfast_removed_blocks_match_python() -> None:
    rng = np.random.default_rng(13)
    for page in _pages():
        pl = tl.page_lines(page)
        x, flags = tl.line_features(pl)
        for _ in range(3):
            dropped = np.flatnonzero(rng.random(len(x)) < 0.7)
            want = tx._removed_blocks_py(pl, dropped, tx._reasons(x, flags))
            assert tx._removed_blocks(pl, dropped, x) == want


@needs_c
def test_extract_textfast_split_words_equal_str_split() -> None:
    rng = random.Random(7)
    pages = [_random_page(rng) for _ in range(30)]
    pages.append("x\n\u2028a\u2029b\x85c\x1fd\n\U0001f600 x\n a  b\u3000c \n\u00e9t\u00e9\u00a0d")
    for page in pages:
        pl = tl.page_lines(page)
        want = [float(len(s.split())) for s in pl.text]
        fresh = tl.PageLines(tl.raw_lines(pl), pl.text, pl.lineno, pl.n_lines)  # no scan yet: split_counts
        assert tl.split_words(fresh).tolist() == want
        tl.line_features(pl)
        assert pl.words is not None and pl.words.tolist() == want  # counted by the line scan


@needs_c
def test_extract_textfast_page_lines_match_python() -> None:
    extra = [
        "",
        "\n",
        "\n\n  \n",
        "a\r\nb\r\n",
        " x \u2028y\u2028\n\u3000\n\x1c z\x85",
        "\n\n tail",
        "😀 \n İ ",
    ]
    for page in _pages() + extra:
        fast, py = tl.page_lines(page), tl.page_lines_py(page)
        assert fast.raw is None  # made only when the numpy fallback asks (raw_lines)
        assert (tl.raw_lines(fast), fast.text, list(fast.lineno), fast.n_lines) == (
            py.raw,
            py.text,
            py.lineno,
            py.n_lines,
        )
        raw, text, lineno, n_lines = tl._textfast.split_lines(page)  # raw lines made in C when asked
        assert (raw, text, list(np.frombuffer(lineno, dtype=np.int64)), n_lines) == (
            py.raw,
            py.text,
            py.lineno,
            py.n_lines,
        )
    with pytest.raises(ValueError, match="neither raw lines nor the page"):
        tl.raw_lines(tl.PageLines(None, ["x"], [0], 1))


@needs_c
def test_extract_textfast_join_blocks_match_join_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(17)
    kinds = ["paragraph", "heading", "list_item"]
    for page in _pages():
        pl = tl.page_lines(page)
        kept = sorted(rng.sample(range(len(pl.text)), k=rng.randint(0, len(pl.text))))
        ks = [rng.choice(kinds) for _ in kept]
        got = tx._join(pl, kept, ks)
        monkeypatch.setattr(tx, "_textfast", None)
        assert got == tx._join(pl, kept, ks)
        monkeypatch.undo()
    with pytest.raises(ValueError):
        tl._textfast.join_blocks(["a"], [0], [], tx.Paragraph)
    with pytest.raises(IndexError):
        tl._textfast.join_blocks(["a"], [1], ["paragraph"], tx.Paragraph)


@needs_c
def test_extract_textfast_join_blocks_fill_slots_or_call_the_class() -> None:
    """Paragraph and Removed are filled slot by slot; any other class is called, so a __post_init__ or
    a plain function still runs, and switching classes between calls never reuses stale offsets."""
    body, paras = tl._textfast.join_blocks(["a b", "c"], [0, 1], ["heading", "paragraph"], tx.Paragraph)
    assert (body, paras) == ("a b\n\nc", [tx.Paragraph("a b", 0, 3, "heading"), tx.Paragraph("c", 5, 6)])
    assert all(type(p) is tx.Paragraph and isinstance(p.start, int) for p in paras)
    seen: list[str] = []

    @dataclasses.dataclass(slots=True)
    class Checked:
        text: str
        start: int
        end: int
        kind: str

        def __post_init__(self) -> None:
            seen.append(self.text)

    _, got = tl._textfast.join_blocks(["a b", "c"], [0, 1], ["heading", "paragraph"], Checked)
    assert seen == ["a b", "c"] and [g.end for g in got] == [3, 6]
    _, tuples = tl._textfast.join_blocks(["x"], [0], ["paragraph"], lambda *a: a)
    assert tuples == [("x", 0, 1, "paragraph")]
    _, again = tl._textfast.join_blocks(["x"], [0], ["paragraph"], tx.Paragraph)
    assert again == [tx.Paragraph("x", 0, 1)]
    blocks = tl._textfast.removed_blocks(
        ["m", "n"],
        np.array([0, 1], dtype=np.int64),
        np.ones(2, dtype=np.float32),
        np.zeros((2, 1), dtype=np.float32),
        1,
        (0,),
        12.5,
        150.5,
        ("navigation", "boilerplate"),
        tx.Removed,
    )
    assert blocks == [tx.Removed("m\nn", "boilerplate")] and type(blocks[0]) is tx.Removed


@needs_c
def test_extract_textfast_repeats_and_ranks_match_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    # Many lines with tied word counts (the rank is a stable argsort, capped at 50) and repeated lines.
    rng = random.Random(23)
    for n_lines in (1, 3, 49, 50, 51, 120, 700):
        lines = [
            " ".join(rng.choice(["a", "bb", "the", "Share"]) for _ in range(rng.randint(1, 6)))
            for _ in range(n_lines)
        ]
        lines += ["x" * rng.randint(1, 3) for _ in range(n_lines // 4)]
        rng.shuffle(lines)
        pl = tl.page_lines("\n".join(lines))
        fast_x, _ = tl.line_features(pl)
        monkeypatch.setattr(tl, "_textfast", None)
        py_x, _ = tl.line_features(pl)
        monkeypatch.undo()
        assert fast_x.tobytes() == py_x.tobytes()
        if n_lines >= 49:  # the cases hold ties, repeats and ranks past the cap
            assert (
                fast_x[:, 14].max() > 0
                and (fast_x[:, 21] == 1).any()
                and len(set(fast_x[:, 21].tolist())) > 5
            )


@needs_c
def test_extract_textfast_block_columns_reject_an_inconsistent_vocabulary() -> None:
    # The C lookup indexes the entries by the bitmap's popcounts: tables that disagree must not be read.
    bits, prefix, hashes, lens, codes = tl._VOCAB
    cols = np.empty((1, 12), dtype=np.float32)
    flags = np.zeros((1, len(tl.GROUPS)), dtype=np.float32)
    args = ("the cookie", 1, tl._FLAGS, tl._CAT, tl._LOWER_CP)
    tl._textfast.block_columns(*args, tl._VOCAB, tl._SHIFT, cols, flags)
    assert cols[0, 1] == 2 and cols[0, 2] == 1 and flags[0, tl.GROUPS.index("cookie_notice")] == 1
    for bad in ((bits, prefix, hashes[:-1], lens[:-1], codes[:-1]), (bits, prefix + 1, hashes, lens, codes)):
        with pytest.raises(ValueError):
            tl._textfast.block_columns(*args, bad, tl._SHIFT, cols, flags)
