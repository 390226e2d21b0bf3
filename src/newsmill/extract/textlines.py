"""Line features for text mode: cheap per-line statistics plus a context window, as a numpy matrix.

Flattened pages hold ~360 lines on average (median 290, measured on the 1,678 ScrapingHub+WCXB-dev
pages flattened by resiliparse), and text mode must run >= 2,000 pages/s, i.e. about 1.4 µs per line.
So per-line work is a handful of C-level ``str`` calls; widget keywords are found with one set
intersection per line; neighbour/context features are numpy shifts and
cumulative sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import numpy as np

try:  # the optional C fast path (setup.py); the numpy code below gives bit-identical results
    from newsmill.extract import _textfast
except ImportError:  # pragma: no cover - only without a compiler at install time
    _textfast = None

# Top function words of the languages most common in news (en, de, fr, es, it, pt, nl). A line of prose
# holds many distinct ones; menus, buttons and captions hold few. Distinct-count via set intersection
# keeps this C-speed (no per-word Python loop).
_STOP_TEXT = """the of and to a in is that for it as was with be by on not he i this are or his from at which but
    have an they you were her she there been has their we will would all one its also more if who can
    der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus
    er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder
    le la les de des du et un une en est que qui dans pour pas par sur au plus ce il elle avec se sont ou
    el los las del y que en un una por con para es se lo como más pero sus al le su fue ha este esta
    il di che e è per non una sono della si con da anche nel ma dei gli alla delle più come
    o os as do da em um uma para com não por mais dos se na no ao foi ser
    het een van en de dat is op te zijn voor met niet aan er ook als maar bij om dan nog wel"""
STOPWORDS = frozenset(_STOP_TEXT.split())

# Widget keywords in several languages; the group name is also the reason slug of removed blocks.
# Single tokens (matched after lowercasing and stripping punctuation) so a line is tested with one C-level
# set intersection: a regex of multi-word phrases over the whole page cost ~1 ms/page (measured on 300
# pages), half the whole time budget.
_GROUP_WORDS = {
    "cookie_notice": "cookie cookies gdpr consent datenschutzeinstellungen",
    "newsletter": "subscribe subscription subscribers newsletter newsletters signup inbox abonnieren "
    "abonnez abonnement suscríbete suscribirse suscripción iscriviti unsubscribe",
    "share_widget": "share shares sharing tweet facebook twitter linkedin pinterest whatsapp telegram "
    "reddit teilen partager compartir condividi compartilhar print email",
    "related_links": "related recommended popular trending lesen lire leggi relacionados relacionadas "
    "relacionado interesar ähnliche weitere aussi anche",
    "comments": "comment comments reply replies responses kommentar kommentare commentaire "
    "commentaires comentario comentarios commenti reacties",
    "advertisement": "advertisement advertising sponsored ad ads anzeige werbung publicité publicidad "
    "pubblicità promoted",
    "footer": "copyright © rights reserved terms privacy policy impressum datenschutz légales legal "
    "sitemap accessibility contact",
    "navigation": "skip menu home search login logout register top next previous prev startseite "
    "accueil inicio toggle close navigation breadcrumb",
    "byline": "by posted published updated read author authors von par por staff reporter editor written",
}
GROUPS = tuple(_GROUP_WORDS)
_COMMENTS = GROUPS.index("comments")
KEYWORDS: dict[str, int] = {}
for _k, _words in enumerate(_GROUP_WORDS.values()):
    for _w in _words.split():
        KEYWORDS.setdefault(_w, _k)
# One dict lookup per word gives both: bits 0-9 the stopword's number (1-based), bits 10+ the keyword
# group + 1.
_CODES: dict[str, int] = {w: i + 1 for i, w in enumerate(sorted(STOPWORDS))}
for _w, _k in KEYWORDS.items():
    _CODES[_w] = _CODES.get(_w, 0) | (_k + 1) << 10
# ASCII punctuation -> space before splitting into words; done on the UTF-8 bytes of the whole page at
# once (bytes.translate is a C table lookup: 0.2 ms/page vs 0.5 ms for per-line str.translate).
_PUNCT_B = b"!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~"
# Digits 1-9 become "0" in the same pass, so a line's digit count is one ``str.count("0")``.
_PUNCT = bytes.maketrans(_PUNCT_B + b"123456789", b" " * len(_PUNCT_B) + b"0" * 9)
_TERMINAL = tuple(".!?\"”’')»…")


@dataclass(slots=True)
class PageLines:
    """The non-empty lines of a page: raw text, stripped text and their line numbers. ``words``, when
    set, holds ``len(line.split())`` of every line: the C line scan of :func:`line_features` counts
    them on the way (:func:`split_words` reads it instead of splitting again). ``raw`` is None when
    the C split did not make the raw lines (only the numpy fallback reads them: :func:`raw_lines`)."""

    raw: list[str] | None
    text: list[str]
    lineno: list[int] | np.ndarray  # an int64 array from the C split (no int object per line)
    n_lines: int
    words: np.ndarray | None = None
    page: str | None = None  # the page itself, when ``raw`` are its non-blank lines split at "\n"
    nw: np.ndarray | None = None  # line_words of the feature matrix, set by line_features


def page_lines(text: str) -> PageLines:
    """The page's non-empty lines (:func:`page_lines_py`), in one C pass when the fast path is built;
    that pass makes no raw lines (the C steps read the page itself: 12 µs a page less)."""
    if _textfast is None:
        return page_lines_py(text)
    _, stripped, lineno, n_lines = _textfast.split_lines(text, False)
    return PageLines(None, stripped, np.frombuffer(lineno, dtype=np.int64), n_lines, page=text)


def raw_lines(pl: PageLines) -> list[str]:
    """The page's non-empty lines as the page writes them (not stripped); rebuilt from the page and
    the line numbers when the C split did not make them."""
    if pl.raw is None:
        if pl.page is None:
            raise ValueError("PageLines holds neither raw lines nor the page")
        lines = pl.page.split("\n")
        pl.raw = [lines[i] for i in np.asarray(pl.lineno).tolist()]
    return pl.raw


def page_lines_py(text: str) -> PageLines:
    """The page's non-empty lines. ``map``/``compress`` keep the loop in C: 0.15 ms/page vs 0.4 ms for a
    Python loop (CPU time on the 1,678 flattened pages)."""
    all_lines = text.split("\n")
    stripped = list(map(str.strip, all_lines))
    return PageLines(
        list(compress(all_lines, stripped)),
        list(filter(None, stripped)),
        list(compress(range(len(all_lines)), stripped)),
        len(all_lines),
    )


# Per-code-point properties, looked up for every character of the page at once (np.take) instead of
# one Python ``str`` method call per line and property. Python's own predicates fill the tables, so the
# results equal ``str.split``/``strip``/``istitle``/``isupper``/``isdigit`` exactly: every whitespace,
# cased and digit code point lies below 0x20000 (checked over all of Unicode); ``take(mode="clip")``
# maps everything above to 0x1FFFF, an unassigned noncharacter without properties.
_SPACE, _SEP, _DIGIT, _TERM = 1, 2, 4, 8
# Code points per numpy block (see _base_columns); the cached power tables take 16 bytes each (4 MB).
_GROUP_CHARS = 1 << 18  # bits of _FLAGS; _SEP: whitespace or ASCII punctuation
# _CAT: one class per code point; classes 4-6 are cased letters (upper, lower, title).
_COMMA, _BAR, _ASCII_DIGIT, _UP, _LOW, _TIT = 1, 2, 3, 4, 5, 6
_BAD = 3  # added to a cased class when the letter breaks str.istitle (7-9)
_N_CODES = 10
_TABLE_SIZE = 0x20000


def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    chars = "".join(map(chr, range(_TABLE_SIZE)))

    def has(pred: Callable[[str], bool]) -> np.ndarray:
        return np.fromiter(map(pred, chars), dtype=bool, count=_TABLE_SIZE)

    space, upper, lower = has(str.isspace), has(str.isupper), has(str.islower)
    title = has(str.istitle) & ~upper  # titlecase letters proper (Lt): "A".istitle() is True too
    flags = (space * _SPACE | has(str.isdigit) * _DIGIT).astype(np.uint8)
    flags[np.frombuffer(_PUNCT_B, dtype=np.uint8)] |= _SEP
    flags[space] |= _SEP
    flags[[ord(c) for c in _TERMINAL]] |= _TERM
    cat = (upper * _UP + lower * _LOW + title * _TIT).astype(np.uint8)
    cat[ord(",")], cat[[ord("|"), 0x2022, 0xB7]] = _COMMA, _BAR
    cat[ord("0") : ord("9") + 1] = _ASCII_DIGIT
    return flags, cat


_FLAGS, _CAT = _char_tables()  # 2 x 128 KB, ~50 ms once at import


def _base_columns(pl: PageLines) -> tuple[np.ndarray, np.ndarray]:
    """Per-line raw statistics (n_lines, 12) and widget keyword flags (n_lines, n_groups)."""
    if _textfast is None:
        return _base_columns_py(pl)
    n = len(pl.text)
    cols = np.empty((n, 12), dtype=np.float32)
    flags = np.zeros((n, len(GROUPS)), dtype=np.float32)
    pl.words = np.empty(n, dtype=np.float64)
    # The page itself, its blank lines skipped in C, when it is known: joining the lines again cost
    # 8 µs a page (cProfile, benchmark pages).
    _textfast.block_columns(
        "\n".join(raw_lines(pl)) if pl.page is None else pl.page,
        n,
        _FLAGS,
        _CAT,
        _LOWER_CP,
        _VOCAB,
        _SHIFT,
        cols,
        flags,
        pl.words,
        pl.page is not None,
    )
    return cols, flags


def _base_columns_py(pl: PageLines) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_base_columns` in numpy. Lines are independent here, so a long page is done in groups of
    lines of about ``_GROUP_CHARS`` characters: the numpy work takes ~40 bytes per character, which
    stays bounded (a page may be 20 MB)."""
    lines = raw_lines(pl)
    raw = "\n".join(lines)
    if len(raw) <= _GROUP_CHARS:
        return _block_columns(raw, len(lines))
    ends = np.cumsum([len(line) + 1 for line in lines])
    bounds = [0, *np.flatnonzero(np.diff(ends // _GROUP_CHARS)) + 1, len(lines)]
    parts = [_block_columns("\n".join(lines[a:b]), b - a) for a, b in zip(bounds, bounds[1:], strict=False)]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _block_columns(raw: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_base_columns` for the ``n`` lines joined in ``raw``: numpy over the code points (one
    bincount counts every class of character per line) and 64-bit word hashes for the lookups."""
    cp = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    f = _FLAGS.take(cp, mode="clip")
    cat = _CAT.take(cp, mode="clip")
    nl = cp == 10
    lid = np.cumsum(nl)  # line of every code point (a newline counts to the next line)
    solid = np.flatnonzero((f & _SPACE) == 0)  # every line has one: page_lines dropped blank lines
    cut = np.flatnonzero(np.diff(lid[solid])) + 1
    first = solid[np.concatenate(([0], cut))]
    last = solid[np.concatenate((cut - 1, [len(solid) - 1]))]
    line_start = np.concatenate(([0], np.flatnonzero(nl) + 1))
    cased = cat >= _UP
    prev = np.concatenate(([False], cased[:-1]))
    # str.istitle fails on an upper/title letter after a cased one or a lower letter after an uncased one
    bad = cased & (prev ^ (cat == _LOW))
    c = np.bincount(lid * _N_CODES + cat + bad * np.uint8(_BAD), minlength=n * _N_CODES)
    c = c.reshape(n, _N_CODES)
    n_cased = c[:, _UP:].sum(axis=1)
    n_lower_or_title = c[:, [_LOW, _TIT, _LOW + _BAD, _TIT + _BAD]].sum(axis=1)
    n_stop, n_words, flags = _word_columns(cp, f, lid, n)
    cols = [
        last - first + 1,
        n_words,
        n_stop,
        first - line_start,
        (f[last] & _TERM) > 0,
        cp[last] == 58,  # ":"
        c[:, _COMMA],
        (c[:, _UP + _BAD :].sum(axis=1) == 0) & (n_cased > 0),  # str.istitle
        (n_lower_or_title == 0) & (n_cased > 0),  # str.isupper
        (f[first] & _DIGIT) > 0,
        c[:, _BAR],  # | • ·
        c[:, _ASCII_DIGIT],
    ]
    return np.stack(cols, axis=1).astype(np.float32), flags


# Words are looked up by a 64-bit polynomial hash computed in numpy over the page's code points, not
# as Python strings: lowercasing, splitting and one dict lookup per word (2,300 words on an average
# page) cost 0.3 ms/page, the hashes 0.1 ms (CPU time, 1,678 pages, loaded machine). Two different
# words of the same length share a hash with probability ~2^-64 per pair (hash and length are both
# compared); a collision could only flip one stopword/keyword count.
_P = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2^64
_P_INV = pow(_P, -1, 1 << 64)
_MASK = (1 << 64) - 1


def _lower_table() -> np.ndarray:
    """Code point -> its lowercase code point; letters that lowercase to two code points (U+0130) and
    everything clipped to 0x1FFFF map to 0x1FFFF, which no vocabulary word contains; separators map
    to 0, so they add nothing to a hash."""
    low = [chr(c).lower() for c in range(_TABLE_SIZE)]
    table = np.array([ord(x) if len(x) == 1 else _TABLE_SIZE - 1 for x in low], dtype=np.uint64)
    table[(_FLAGS & _SEP) > 0] = 0
    return table


def _word_hash(word: str) -> int:
    return sum(ord(ch) * pow(_P, j, 1 << 64) for j, ch in enumerate(word)) & _MASK


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i modulo 2^64 for i < size (the cached table when it is long enough)."""
    return _power_table() if size <= _GROUP_CHARS else _powers_of(size)


@lru_cache(maxsize=1)
def _power_table() -> tuple[np.ndarray, np.ndarray]:
    return _powers_of(_GROUP_CHARS)


def _powers_of(size: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i modulo 2^64 for i < size (uint64 products wrap, which is the modulus)."""
    pw = np.cumprod(np.full(size, _P, dtype=np.uint64))
    inv = np.cumprod(np.full(size, _P_INV, dtype=np.uint64))
    one = np.ones(1, dtype=np.uint64)
    return np.concatenate((one, pw[:-1])), np.concatenate((one, inv[:-1]))


_LOWER_CP = _lower_table()


def _slot_table() -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """A direct-mapped table of the vocabulary by 16 bits of the hash (from bit ``shift``, the first
    shift where no two words share a slot): a lookup is one gather and a compare of the full hash and
    the length per word (searchsorted over the sorted hashes cost 2x more)."""
    words = list(_CODES)
    hashes = list(map(_word_hash, words))
    shift = next(s for s in range(49) if len({(h >> s) & 0xFFFF for h in hashes}) == len(hashes))
    slot = [(h >> shift) & 0xFFFF for h in hashes]
    table_hash = np.zeros(1 << 16, dtype=np.uint64)
    table_len = np.zeros(1 << 16, dtype=np.int64)  # length 0 never matches: empty slots stay empty
    table_code = np.zeros(1 << 16, dtype=np.int64)
    table_hash[slot], table_len[slot] = hashes, list(map(len, words))
    table_code[slot] = [_CODES[w] for w in words]
    return shift, table_hash, table_len, table_code


_SHIFT, _SLOT_HASH, _SLOT_LEN, _SLOT_CODE = _slot_table()


def _compact_slots() -> tuple[np.ndarray, ...]:
    """The slot table as the C scan reads it: one bit per slot (1,024 uint64), the number of words in
    the slots before each uint64 (int32), then hash, length and code of the words in slot order: ~18 KB
    instead of 1.5 MB, so the lookups stay in cache between pages (the full tables missed on most words
    once the other steps had run)."""
    used = np.flatnonzero(_SLOT_LEN > 0)
    bits = np.zeros(1024, dtype=np.uint64)
    np.bitwise_or.at(bits, used >> 6, np.left_shift(np.uint64(1), (used & 63).astype(np.uint64)))
    counts = np.bincount(used >> 6, minlength=1024)
    prefix = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int32)
    return bits, prefix, _SLOT_HASH[used], _SLOT_LEN[used], _SLOT_CODE[used]


_VOCAB = _compact_slots()


def _word_columns(cp: np.ndarray, f: np.ndarray, lid: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    """Words per line, distinct stopwords per line and keyword group flags. Words are the runs of
    characters between whitespace and ASCII punctuation, lowercased (as ``str.lower().split()`` after
    turning ASCII punctuation into spaces)."""
    word = (f & _SEP) == 0
    edge = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)  # ends: one past the word
    pw, inv = _powers(len(cp))
    c = np.zeros(len(cp) + 1, dtype=np.uint64)
    np.cumsum(_LOWER_CP.take(cp, mode="clip") * pw[: len(cp)], out=c[1:])  # separators add 0
    h = (c[ends] - c[starts]) * inv[starts]
    at = (h >> np.uint64(_SHIFT)) & np.uint64(0xFFFF)
    codes = _SLOT_CODE[at] * ((_SLOT_HASH[at] == h) & (_SLOT_LEN[at] == ends - starts))
    word_line = lid[starts]
    stop = codes & 1023
    keys = np.sort(word_line[stop > 0] * 1024 + stop[stop > 0])
    keys = np.concatenate((keys[:1], keys[1:][keys[1:] != keys[:-1]]))  # distinct (line, stopword)
    group = codes >> 10
    flags = np.zeros((n, len(GROUPS)), dtype=np.float32)
    flags[word_line[group > 0], group[group > 0] - 1] = 1.0
    return np.bincount(keys >> 10, minlength=n), np.bincount(word_line, minlength=n), flags


def _window_means(x: np.ndarray, ks: tuple[int, ...], out: np.ndarray) -> None:
    """Mean of each column of ``x`` over rows i-k..i+k (clipped at the page edges) for every k, written
    side by side into ``out``; one cumulative sum serves all windows."""
    n, m = x.shape
    c = np.zeros((n + 1, m), dtype=np.float64)
    np.cumsum(x, axis=0, dtype=np.float64, out=c[1:])
    idx = np.arange(n)
    for j, k in enumerate(ks):
        lo = np.maximum(idx - k, 0)
        hi = np.minimum(idx + k + 1, n)
        out[:, j * m : (j + 1) * m] = (c[hi] - c[lo]) / (hi - lo)[:, None]


def _local(pl: PageLines, x: np.ndarray) -> np.ndarray:
    """Per-line features (each roughly in [0, 1] or a small log scale) written into the first N_LOCAL
    columns of ``x`` (C-contiguous float32); returns the keyword flags. The C fast path does the plain
    arithmetic columns, the repeat counts and the capped rank; the logarithms are looked up in tables
    of numpy's own values (numpy calls only for counts past them), so the results are bit-identical to
    :func:`_local_py`'s. Moving the
    Counter, the argsort and the separate log calls into C/one call: _local without its line scan 0.155
    -> 0.097 ms a page (same machine load)."""
    b, flags = _base_columns(pl)
    if _textfast is None:
        _local_py(pl, b, flags, x[:, :N_LOCAL])
        return flags
    n = len(b)
    # The inputs of the log1p columns in one (6, n) matrix, so that one log1p and one division do them
    # all: nch, nw, nstop, block lines, block words, comments before. For integer inputs (all of these
    # are counts) numpy's float32 log1p gives the same bits on a strided column and in a contiguous row
    # (checked for every integer below 2^22).
    logs = np.empty((6, n), dtype=np.float32)
    rep = np.empty(n, dtype=np.float32)
    lineno = np.asarray(pl.lineno, dtype=np.int64)
    comments = np.ascontiguousarray(flags[:, _COMMENTS])
    total = max(float(b[:, 1].sum()), 1.0)
    _textfast.local_columns(b, lineno, pl.n_lines, comments, total, x, x.shape[1], logs[3], logs[4], logs[5])
    _textfast.rep_rank(pl.text, b, rep, x, x.shape[1], 21, 50)  # Counter(pl.text) and the argsort rank
    # The logarithms of the counts by lookup in tables of numpy's own values: the six numpy calls below
    # were ~0.03 ms a page (line_profiler, 1,678 pages); they remain for counts past the tables.
    if _textfast.log_columns(b, logs[3:], rep, flags, x, x.shape[1], _LOG1P_TABLE, _LOG_TABLE):
        return flags
    logs[:3] = b[:, :3].T
    np.log1p(logs, out=logs)
    logs /= _LOG_SCALE
    x[:, _LOG_COLS] = logs.T
    x[:, 14] = np.minimum(np.log(rep), 4) / 4
    x[:, 28:N_LOCAL] = flags
    return flags


# Columns of the log1p features and their divisors (as in _local_py).
_LOG_COLS = [0, 1, 3, 22, 23, 25]
_LOG_SCALE = np.array([[8], [6], [4], [5], [8], [3]], dtype=np.float32)
# numpy's float32 log1p of 0..65535 and log of 0..63 (log(63) > 4, the cap of the repeat column): the
# C path looks counts up here, so its logarithms are numpy's bit for bit on any CPU (numpy's SIMD
# logarithms need not equal the C library's). 256 KB; lines of 65,536+ characters take numpy's calls.
_LOG1P_TABLE = np.log1p(np.arange(1 << 16, dtype=np.float32))
with np.errstate(divide="ignore"):
    _LOG_TABLE = np.log(np.arange(64, dtype=np.float32))


def _local_py(pl: PageLines, b: np.ndarray, flags: np.ndarray, out: np.ndarray) -> None:
    """:func:`_local` in numpy, into ``out`` (n_lines, N_LOCAL)."""
    n = len(b)
    nch, nw, nstop = b[:, 0], b[:, 1], b[:, 2]
    nw1 = np.maximum(nw, 1.0)
    lineno = np.asarray(pl.lineno)
    gap = np.diff(lineno, prepend=-2, append=pl.n_lines + 1)
    counts = Counter(pl.text)  # C-accelerated counting
    rep = np.fromiter(map(counts.__getitem__, pl.text), dtype=np.float32, count=n)
    cumw = np.cumsum(nw) - nw
    total = max(float(nw.sum()), 1.0)
    blank_before = (gap[:-1] > 1).astype(np.float32)
    block = np.cumsum(blank_before).astype(np.int64)  # lines between blank lines form a block
    block_lines = np.bincount(block)[block].astype(np.float32)
    block_words = np.bincount(block, weights=nw)[block].astype(np.float32)
    prose = ((nw >= 15) & (b[:, 4] > 0)).astype(np.float32)  # long lines ending like a sentence
    prose_total = max(float(prose.sum()), 1.0)
    prose_before = (np.cumsum(prose) - prose) / prose_total
    rank = np.empty(n, dtype=np.float32)
    rank[np.argsort(-nw, kind="stable")] = np.arange(n, dtype=np.float32)
    cols = [
        np.log1p(nch) / 8,
        np.log1p(nw) / 6,
        nstop / nw1,
        np.log1p(nstop) / 4,
        np.minimum(b[:, 3], 12) / 12,
        b[:, 4],
        b[:, 5],
        np.minimum(b[:, 6] / nw1, 1),
        b[:, 7],
        b[:, 8],
        b[:, 9],
        np.minimum(b[:, 10], 4) / 4,
        blank_before,
        (gap[1:] > 1).astype(np.float32),
        np.minimum(np.log(rep), 4) / 4,
        (nw <= 3).astype(np.float32),
        (nw >= 15).astype(np.float32),
        np.arange(n, dtype=np.float32) / max(n, 1),
        cumw / total,
        nw / max(float(nw.max()), 1.0),
        np.minimum(nw / total * 10, 1.0),
        np.minimum(rank, 50) / 50,
        np.log1p(block_lines) / 5,
        np.log1p(block_words) / 8,
        np.minimum(b[:, 11] / np.maximum(nch, 1.0) * 4, 1.0),
        np.log1p(np.cumsum(flags[:, _COMMENTS]) - flags[:, _COMMENTS]) / 3,
        prose_before,
        1.0 - prose_before - prose / prose_total,
    ]
    out[:, : len(cols)] = np.stack(cols, axis=1)  # cast to float32 on assignment
    out[:, len(cols) :] = flags


# Columns of the local matrix that are also summarised over neighbours / windows.
_CTX = [1, 2, 5, 12, 13, 14, 15, 16, 23, 24]
_CTX_T = tuple(_CTX)
_WINDOWS = (3, 10, 30)  # half-widths of the window means
# Column numbers used by text.py (keep in sync with the list in _local).
COL_LOG_WORDS = 1
COL_BLANK_BEFORE = 12
COL_BLANK_AFTER = 13


def line_words(x: np.ndarray) -> np.ndarray:
    """Every line's word count as the classifier sees it (float32, from the log column): the steps
    after the classifier compare and sum these. :func:`line_features` computes them once a page
    (``PageLines.nw``); five steps each called numpy for them (~2.5 µs each)."""
    return np.expm1(x[:, COL_LOG_WORDS] * 6)


def page_words(pl: PageLines, x: np.ndarray) -> np.ndarray:
    """:func:`line_words` of ``x``, the page's feature matrix: the copy line_features left on ``pl``
    when there is one."""
    return line_words(x) if pl.nw is None else pl.nw


def split_words(pl: PageLines) -> np.ndarray:
    """``len(s.split())`` of every line as float64: the counts the C line scan took (``pl.words``; a
    separate pass cost 0.035 ms/page), else in C, else a Python map (0.13 ms/page, measured over the
    1,678 flattened pages)."""
    if pl.words is not None:
        return pl.words
    lines = pl.text
    if _textfast is None:
        return np.fromiter(map(len, map(str.split, lines)), dtype=np.float64, count=len(lines))
    out = np.empty(len(lines), dtype=np.float64)
    _textfast.split_counts(lines, out)
    return out


def line_features(pl: PageLines) -> tuple[np.ndarray, np.ndarray]:
    """(n_lines, n_features) float32 — local features, neighbours at ±1/±2, window means at ±3/±10/±30 —
    and the (n_lines, n_groups) keyword flags (reused to name the reason of removed lines)."""
    if not pl.text:
        return np.zeros((0, N_FEATURES), dtype=np.float32), np.zeros((0, len(GROUPS)), dtype=np.float32)
    # One preallocated matrix filled in place by slices instead of shifted copies + hstack: 0.1 ms/page
    # less (CPU time, 1,678 pages).
    n, nl, nc = len(pl.text), N_LOCAL, len(_CTX)
    # Not zeroed on the C path: its steps write every cell (zeroing took ~2-4 µs a page).
    x = (
        np.zeros((n, N_FEATURES), dtype=np.float32)
        if _textfast is None
        else np.empty((n, N_FEATURES), np.float32)
    )
    flags = _local(pl, x)
    if _textfast is not None:
        _textfast.context_columns(x, n, N_FEATURES, nl, _CTX_T, _WINDOWS)
        pl.nw = line_words(x)
        return x, flags
    loc = x[:, :nl]
    ctx = loc[:, _CTX]
    x[1:, nl : 2 * nl] = loc[:-1]  # the line before
    x[:-1, 2 * nl : 3 * nl] = loc[1:]  # the line after
    o = 3 * nl
    x[2:, o : o + nc] = ctx[:-2]
    x[:-2, o + nc : o + 2 * nc] = ctx[2:]
    _window_means(ctx, _WINDOWS, x[:, o + 2 * nc : o + 5 * nc])
    x[:, -1] = 1.0  # bias
    pl.nw = line_words(x)
    return x, flags


N_LOCAL = 28 + len(GROUPS)
N_FEATURES = 3 * N_LOCAL + (2 + len(_WINDOWS)) * len(_CTX) + 1
