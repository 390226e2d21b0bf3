"""Text mode headline: candidate lines (and affix-stripped parts of lines) around the article start,
ranked by a small learned scorer (weights in the text model, trained by bench/train_text.py).

Candidates come from two windows: around the first kept sentence-long line and around the start of the
densest run of kept lines (a menu or newsletter line kept by mistake above the article moves the first
anchor away from the headline; the second one is robust to that). A line "Headline | Site" or
"Headline - Section" also yields its two halves as candidates, so the scorer can strip a site-name or
section affix; which half to keep is learned from the features (its words in the site's host name or the
URL path, its length), never from the gold title. When the page's URL is known, the share of a
candidate's words that occur in the URL path (the slug) is a strong cue; the scorer is trained with the
URL hidden on a quarter of the pages so it also works on bare text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from urllib.parse import urlsplit

import numpy as np

from newsmill.extract.textlines import (
    _LOG1P_TABLE,
    _LOG_TABLE,
    COL_LOG_WORDS,
    N_LOCAL,
    PageLines,
    line_words,
    page_words,
)

try:  # the optional C fast path (setup.py); string_columns_py gives the same arrays
    from newsmill.extract import _headlinefast
except ImportError:  # pragma: no cover - only without a compiler at install time
    _headlinefast = None

# Candidate windows (lines before / after each anchor). On the 674 WCXB-dev article pages whose gold
# title is a whole line, -50/+15 around the first kept sentence holds it on 95.3% of pages; around the
# start of the densest kept run on 97.0%; the union on more (measured with 3-fold held-out line models).
_BEFORE = 50
_AFTER = 15
# Densest kept run: kept lines score their word count, dropped lines -3 words (penalties 3/10/30 put the
# gold title within the window on 97.0/96.7/94.7% of those pages).
_RUN_PENALTY = 3.0
_LOG8 = float(np.log1p(8) / 6) - 1e-4  # COL_LOG_WORDS of an 8-word line (float32 slack)
_SLUG_COVER = 0.5
_SLUG_EXTRA = 3
_STRIP = ".,;:!?\"'()[]“”‘’«»"
_MAX_WORDS = 30
_BODY_WORDS = 400  # words of article text the candidates are compared with (_body_words)
_OVERLAP_MIN_CHARS = 4  # words this long count in the body overlap (_overlap)
# Typographic variants folded to ASCII when candidates are compared with each other or with a gold title:
# WCXB gold titles write "We've" where the page shows "We’ve"; 23 of the 177 held-out title misses
# before this differed from the gold only so (3-fold, WCXB article pages).
_TYPO = (
    ("’", "'"),
    ("‘", "'"),
    ("ʼ", "'"),
    ("“", '"'),
    ("”", '"'),
    ("–", "-"),
    ("—", "-"),
    ("…", "..."),
    ("\xa0", " "),
)
_WORD = re.compile(r"\w+")
# Separators between a headline and a site/section affix, as flattened titles show them.
_SEP = re.compile(r"\s(?:\||-|–|—|::|»|>|·|/)\s")
# URL path tokens that say nothing about the headline.
_URL_STOP = frozenset(
    [
        "www",
        "com",
        "org",
        "net",
        "html",
        "htm",
        "php",
        "aspx",
        "asp",
        "index",
        "amp",
        "blog",
        "news",
        "article",
        "articles",
    ]
)
N_EXTRA = 31
N_TITLE_FEATURES = N_LOCAL + N_EXTRA


# Titles are returned with ASCII apostrophes, like HTML mode's (newsmill.extract.metatitle.choose_title).
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def fold_typography(text: str) -> str:
    """Lowercased ``text`` with curly quotes, en/em dashes, ellipsis and no-break spaces in ASCII form."""
    # str.replace per variant, not str.translate with a dict table: title_features 0.67 vs 0.87 ms/page
    # (CPU time, 559 pages, same process, alternating; 0.62 with the headline code before issue 2).
    text = text.lower()
    if not text.isascii():
        for a, b in _TYPO:
            text = text.replace(a, b)
    return text


def anchor(x: np.ndarray, keep: np.ndarray) -> int:
    """Where the article body starts: the first kept line of 8+ words (a sentence), else the first kept."""
    hits = keep.nonzero()[0]
    if not len(hits):
        return 0
    long = hits[x[hits, COL_LOG_WORDS] >= _LOG8]
    return int(long[0]) if len(long) else int(hits[0])


def run_start(x: np.ndarray, keep: np.ndarray, nw: np.ndarray | None = None) -> int:
    """Start of the densest run of kept lines (maximum-sum segment, Kadane's algorithm); ``nw``:
    line_words of ``x``, when known."""
    nw = line_words(x) if nw is None else nw
    score = np.where(keep, nw, np.float32(-_RUN_PENALTY))
    if _headlinefast is not None and score.dtype == np.float32:
        return _headlinefast.run_start(score)
    return run_start_py(score.tolist())


def anchors(pl: PageLines, x: np.ndarray, keep: np.ndarray) -> tuple[int, int]:
    """(:func:`anchor`, :func:`run_start`), in one C call when the fast path is built (their numpy
    calls were ~10 µs a page)."""
    nw = page_words(pl, x)
    ok = (
        x.dtype == nw.dtype == np.float32
        and x.flags.c_contiguous
        and keep.dtype == bool
        and keep.flags.c_contiguous
    )
    if _headlinefast is None or not ok or x.ndim != 2:
        return anchor(x, keep), run_start(x, keep, nw)
    return _headlinefast.anchors(x, x.shape[1], COL_LOG_WORDS, _LOG8, nw, keep, _RUN_PENALTY)


def run_start_py(score: list[float]) -> int:
    """:func:`run_start`'s loop in Python (the C fast path runs the same loop in double precision)."""
    best, cur, start, best_start = -1.0, 0.0, 0, 0
    for i, v in enumerate(score):
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, best_start = cur, start
    return best_start


@lru_cache(maxsize=64)
def url_words(url: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(path words, host words) of a URL, lowercased; empty sets when there is no URL. Cached: the
    slug lines and the URL columns of a page both ask (0.014 ms a page each time)."""
    if not url:
        return frozenset(), frozenset()
    try:
        parts = urlsplit(url)
    except ValueError:
        return frozenset(), frozenset()
    path = frozenset(_WORD.findall(parts.path.lower().replace("_", " "))) - _URL_STOP
    host = frozenset(_WORD.findall(parts.netloc.lower().replace("_", " "))) - _URL_STOP
    return path, host


@lru_cache(maxsize=64)
def url_slug(url: str | None) -> frozenset[str]:
    """The URL path words that can spell out a headline: 3+ characters, not a number."""
    path, _host = url_words(url)
    return frozenset(w for w in path if len(w) >= 3 and not w.isdigit())


def _body_words(pl: PageLines, keep: np.ndarray, start: int) -> frozenset[str]:
    """Lowercased words of the first ~400 words of article text from ``start`` on."""
    out: list[str] = []
    for i in keep[start:].nonzero()[0].tolist():
        out.extend(pl.text[start + i].lower().split())
        if len(out) >= _BODY_WORDS:
            break
    return frozenset(map(str.strip, out, repeat(_STRIP)))


def _overlap(line: str, body: frozenset[str]) -> float:
    """Share of the line's longer words (4+ letters) that recur in the article body."""
    words = [w for w in map(str.strip, line.lower().split(), repeat(_STRIP)) if len(w) >= _OVERLAP_MIN_CHARS]
    return sum(map(body.__contains__, words)) / len(words) if words else 0.0


def _share(words: list[str], ref: frozenset[str]) -> float:
    return sum(map(ref.__contains__, words)) / len(words) if words else 0.0


def _host_share(words: list[str], host: frozenset[str]) -> float:
    """Share of words in the host name, also counting a site name written as one host token
    ("Talking Home" -> talkinghome)."""
    if not words or not host:
        return 0.0
    joined = "".join(words)
    if joined in host or any(joined in h for h in host if len(h) >= 6):
        return 1.0
    return _share(words, host)


def _slug_lines(pl: PageLines, nw: np.ndarray, url: str | None, skip: set[int]) -> list[int]:
    """Up to ``_SLUG_EXTRA`` headline-length lines outside ``skip`` that cover most of the URL slug."""
    slug = url_slug(url)
    if len(slug) < 2:
        return []
    found = []
    # Headline-length lines outside ``skip``, in page order; only those containing a slug word can
    # hold one as a token (long paragraphs are most of a page's characters and are never searched).
    fit_mask = (nw >= 1.5) & (nw <= _MAX_WORDS)
    if skip:
        fit_mask[np.fromiter(skip, dtype=np.intp, count=len(skip))] = False
    fit = fit_mask.nonzero()[0].tolist()
    hits = [fit[k] for k in _lines_with_any([pl.text[i] for i in fit], slug)]
    _, covers, _ = url_shares([pl.text[i] for i in hits], frozenset(), frozenset(), slug)
    for i, cover in zip(hits, covers.tolist(), strict=True):
        if cover >= _SLUG_COVER:
            found.append((-cover, i))
    return [i for _, i in sorted(found)[:_SLUG_EXTRA]]


def _lines_with_any(lines: list[str], words: frozenset[str]) -> list[int]:
    """:func:`_lines_with_any_py`, in C when the fast path is built (0.067 -> 0.034 ms a page given a
    URL: str.lower of the joined lines and a Python step per occurrence of a slug word)."""
    if _headlinefast is None:
        return _lines_with_any_py(lines, words)
    return _headlinefast.lines_with_any(lines, tuple(words))


def _lines_with_any_py(lines: list[str], words: frozenset[str]) -> list[int]:
    """Indices (ascending) of the lines whose lowercased text contains one of ``words``: the only
    lines that can hold one as a token. str.find over the lines joined instead of tokenising each
    (text mode with a URL spent ~0.4 ms a page in this step). Lowercasing never adds or removes a
    line break, so the joined text's line breaks number the lines."""
    low = "\n".join(lines).lower()
    hits: list[int] = []
    for w in words:
        p = low.find(w)
        while p >= 0:
            hits.append(p)
            p = low.find(w, p + len(w))
    hits.sort()
    out: list[int] = []
    line = last = 0
    for p in hits:
        line += low.count("\n", last, p)
        last = p
        if not out or out[-1] != line:
            out.append(line)
    return out


def candidates(
    pl: PageLines, x: np.ndarray, anchors: tuple[int, int], url: str | None = None
) -> tuple[list[int], list[str], list[int]]:
    """Candidate (line index, text, part: 0 whole line, 1 left half, 2 right half) around both anchors,
    plus lines elsewhere on the page that spell out most of the URL slug."""
    n = len(x)
    spans = [(max(0, a - _BEFORE), min(n, a + _AFTER + 1)) for a in anchors]
    nw = page_words(pl, x)
    # The set of window lines only when there is a slug to look for (~130 lines, 3 µs a page).
    extra = _slug_lines(pl, nw, url, _span_lines(spans)) if len(url_slug(url)) >= 2 else []
    # In C with run_start: another 0.1 ms/page less (1.33 -> 1.25 ms with string_columns, interleaved).
    if _headlinefast is not None and len(spans) == 2 and nw.dtype == np.float32:
        (lo1, hi1), (lo2, hi2) = spans
        return _headlinefast.candidates(pl.text, nw, lo1, hi1, lo2, hi2, extra, 1.5, float(_MAX_WORDS))
    return candidates_py(pl, nw, sorted(_span_lines(spans).union(extra)))


def _span_lines(spans: list[tuple[int, int]]) -> set[int]:
    idx: set[int] = set()
    for lo, hi in spans:
        idx.update(range(lo, hi))
    return idx


def candidates_py(pl: PageLines, nw: np.ndarray, idx: list[int]) -> tuple[list[int], list[str], list[int]]:
    """:func:`candidates` for the line indices ``idx`` (ascending), whose word counts are ``nw``."""
    lines, texts, parts = [], [], []
    for i in idx:
        if not 1.5 <= nw[i] <= _MAX_WORDS:
            continue
        s = pl.text[i]
        lines.append(i)
        texts.append(s)
        parts.append(0)
        seps = list(_SEP.finditer(s))
        # One separator: its two halves. Several ("Home / Topic / Headline", "Headline | Section | Site"):
        # the split at the first and at the last one, so a breadcrumb trail or a stack of affixes goes too.
        for m in seps[:1] + seps[1:][-1:]:
            lines += [i, i]
            texts += [s[: m.start()].strip(), s[m.end() :].strip()]
            parts += [1, 2]
    return lines, texts, parts


def _url_columns(
    texts: list[str], parts: list[int], url: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per candidate: share of its words in the URL path, share of the path's words it covers, share of
    its words in the host name, and the host share of the other half of its line (a site-name affix)."""
    path, host = url_words(url)
    if not path and not host:  # no URL: every share is 0 (skips ~5% of text mode's CPU time)
        zeros = np.zeros(len(texts), dtype=np.float32)  # read only: one array for all four
        return zeros, zeros, zeros, zeros
    slug = url_slug(url)
    in_path, cover, hosts = url_shares(texts, path, host, slug)
    other = np.zeros(len(texts), dtype=np.float32)
    for k, p in enumerate(parts):
        if p == 1:
            other[k] = hosts[k + 1]
        elif p == 2:
            other[k] = hosts[k - 1]
        elif k + 2 < len(parts) and parts[k + 1] == 1:
            other[k] = max(hosts[k + 1], hosts[k + 2])
    return in_path.astype(np.float32), cover.astype(np.float32), hosts.astype(np.float32), other


def url_shares(
    texts: list[str], path: frozenset[str], host: frozenset[str], slug: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`url_shares_py`, in C when the fast path is built."""
    if _headlinefast is None:
        return url_shares_py(texts, path, host, slug)
    out = np.empty((3, len(texts)), dtype=np.float64)
    _headlinefast.url_shares(texts, tuple(path), tuple(host), tuple(slug), *out)
    return out[0], out[1], out[2]


def url_shares_py(
    texts: list[str], path: frozenset[str], host: frozenset[str], slug: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per text (float64): the share of its lowercased word tokens in the URL path, the share of the
    slug words it holds, and its host share (:func:`_host_share`)."""
    words = [_WORD.findall(t.lower()) for t in texts]
    in_path = np.array([_share(w, path) for w in words], dtype=np.float64)
    cover = np.array(
        [len(slug.intersection(w)) / len(slug) if slug else 0.0 for w in words], dtype=np.float64
    )
    return in_path, cover, np.array([_host_share(w, host) for w in words], dtype=np.float64)


def _relative(cover: np.ndarray, logit: np.ndarray, overlap: np.ndarray) -> list[np.ndarray]:
    """Page-relative columns so a per-candidate scorer can compare candidates: best slug coverage on the
    page, gap to the best coverage, gap to the best line logit and to the best body overlap."""
    best = cover.max()
    return [
        (cover >= best) & (best > 0),
        best - cover,
        np.minimum(logit.max() - logit, 10) / 10,
        overlap.max() - overlap,
        (overlap >= overlap.max()) & (overlap.max() > 0),
    ]


def _neighbours(x: np.ndarray, logit: np.ndarray, cand: np.ndarray) -> list[np.ndarray]:
    """Length and line score of the lines just before and after each candidate: a section kicker
    ("Your Health") sits above a longer headline, a standfirst below it."""
    n = len(x)
    prev, nxt = np.maximum(cand - 1, 0), np.minimum(cand + 1, n - 1)
    return [
        np.where(cand > 0, x[prev, COL_LOG_WORDS], 0),
        np.where(cand < n - 1, x[nxt, COL_LOG_WORDS], 0),
        np.where(cand > 0, 1 / (1 + np.exp(-logit[prev])), 0),
        np.where(cand < n - 1, 1 / (1 + np.exp(-logit[nxt])), 0),
    ]


def string_columns(
    pl: PageLines, keep: np.ndarray, texts: list[str], lo: int, hi: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`string_columns_py`, in C when the fast path is built: 0.23 -> 0.095 ms/page on the
    inputs of the 1,678 text pages (the 4-gram echo index and the word-span set, docs/design.md)."""
    if _headlinefast is None or keep.dtype != bool or not keep.flags.c_contiguous:
        return string_columns_py(pl, keep, texts, lo, hi)
    out = np.empty((3, len(texts)), dtype=np.float32)
    _headlinefast.string_columns(
        pl.text, keep, texts, lo, hi, _STRIP, _BODY_WORDS, _OVERLAP_MIN_CHARS, _TYPO, *out
    )
    return out[0], out[1], out[2]


def string_columns_py(
    pl: PageLines, keep: np.ndarray, texts: list[str], lo: int, hi: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per candidate: its word count, its words' overlap with the article body that starts at line
    ``lo`` (:func:`_overlap`) and how often it recurs in the candidate window (lines ``lo`` to ``hi``)."""
    body = _body_words(pl, keep, lo)
    nwc = np.array([len(t.split()) for t in texts], dtype=np.float32)
    overlap = np.array([_overlap(t, body) for t in texts], dtype=np.float32)
    # Echoes of the candidate (breadcrumb end, share text) counted within the candidate window only:
    # counting over the whole page cost ~0.4 ms/page; held-out title exact with the URL 76.5% (page)
    # vs 77.5% (window), without the URL 69.1% vs 67.6% (3-fold, fold line models).
    window = "\n".join(pl.text[lo : hi + 1])
    page = fold_typography(window)
    # An ASCII window has only ASCII candidates (its substrings), whose folding is plain lower().
    folded = map(str.lower, texts) if window.isascii() else map(fold_typography, texts)
    echoes = np.fromiter(map(page.count, folded), dtype=np.float32, count=len(texts))
    return nwc, overlap, echoes


def title_features(
    pl: PageLines, x: np.ndarray, logit: np.ndarray, keep: np.ndarray, url: str | None = None
) -> tuple[list[int], list[str], np.ndarray]:
    """Candidate line indices, candidate texts and their headline features."""
    a1, a2 = anchors(pl, x, keep)
    lines, texts, parts = candidates(pl, x, (a1, a2), url)
    if not lines:
        return lines, texts, np.zeros((0, N_TITLE_FEATURES), dtype=np.float32)
    cand = np.asarray(lines)
    cc = CandidateColumns(
        cand,
        (a1, a2),
        parts,
        string_columns(pl, keep, texts, int(cand.min()), int(cand.max())),
        _url_columns(texts, parts, url),
        bool(url),
    )
    return lines, texts, feature_matrix(x, logit, keep, cc)


Columns = tuple[np.ndarray, ...]


@dataclass(slots=True)
class CandidateColumns:
    """A page's headline candidates and their per-candidate columns, as the feature matrix takes them."""

    cand: np.ndarray  # line index of every candidate
    anchors: tuple[int, int]  # :func:`anchor` and :func:`run_start`
    parts: list[int]  # 0 whole line, 1 left half, 2 right half (:func:`candidates`)
    strings: Columns  # word count, body overlap, echoes (:func:`string_columns`)
    url_cols: Columns  # path share, slug cover, host share, other half's host share (:func:`_url_columns`)
    has_url: bool


def feature_matrix(x: np.ndarray, logit: np.ndarray, keep: np.ndarray, cc: CandidateColumns) -> np.ndarray:
    """:func:`feature_matrix_py`, its arithmetic in C when the fast path is built. The float32 sigmoids
    stay one numpy call over every line (numpy's SIMD exp is not the C library's); the logarithms of
    counts are read from tables of numpy's values (_headlinefast.title_rows: ~20 numpy calls a page
    less, the matrix bit for bit the same on the benchmark pages)."""
    ok = x.dtype == logit.dtype == np.float32 and keep.dtype == bool and x.flags.c_contiguous
    if _headlinefast is None or not ok:
        return feature_matrix_py(x, logit, keep, cc)
    cand64 = cc.cand.astype(np.int64, copy=False)
    m = len(cand64)
    rows = np.empty((12, m), dtype=np.float32)
    sig = 1 / (1 + np.exp(-logit))  # numpy's float32 exp, once for every line
    if not _headlinefast.title_rows(
        cand64, *cc.strings, logit, sig, *cc.url_cols, _LOG1P_TABLE, _LOG_TABLE, rows
    ):
        _title_rows_numpy(len(x), logit, cc, rows)
    out = np.empty((m, N_TITLE_FEATURES), dtype=np.float32)
    parts64 = np.asarray(cc.parts, dtype=np.int64)
    a1, a2 = cc.anchors
    shape = (x.shape[1], N_LOCAL, COL_LOG_WORDS)
    window = (cc.has_url, _BEFORE, _AFTER)
    _headlinefast.title_matrix(x, *shape, cand64, a1, a2, keep, parts64, *window, rows, out)
    return out


def _title_rows_numpy(n: int, logit: np.ndarray, cc: CandidateColumns, rows: np.ndarray) -> None:
    """The inputs of the C feature matrix (_headlinefast.title_rows) with numpy calls: for counts past
    the logarithm tables."""
    cand = cc.cand
    nwc, overlap, echoes = cc.strings
    prev, nxt = np.maximum(cand - 1, 0), np.minimum(cand + 1, n - 1)
    rows[0], rows[1], rows[4] = nwc, overlap, logit[cand]
    rows[2] = np.log1p(nwc) / 4
    rows[3] = np.log(np.maximum(echoes, 1)) / 2
    rows[5:8] = (1 / (1 + np.exp(-logit[np.concatenate([cand, prev, nxt])]))).reshape(3, len(cand))
    rows[8:12] = cc.url_cols


def feature_matrix_py(x: np.ndarray, logit: np.ndarray, keep: np.ndarray, cc: CandidateColumns) -> np.ndarray:
    """The headline features of the candidate lines: each line's own features, its distances to both
    anchors, its string and URL columns, page-relative columns and its neighbours."""
    n, cand = len(x), cc.cand
    a1, a2 = cc.anchors
    nwc, overlap, echoes = cc.strings
    d1 = (cand - a1).astype(np.float32)
    d2 = (cand - a2).astype(np.float32)
    ck = np.cumsum(keep)
    kept_between = ck[np.minimum(cand, n - 1)] - keep[cand]
    part = np.asarray(cc.parts)
    in_path, cover, host, other = cc.url_cols
    extra = [
        np.clip(d1, -_BEFORE, _AFTER) / 10,
        np.abs(d1) ** 0.5 / 5,
        (d1 < 0),
        (d1 == -1) + (d1 == -2) * 0.5,
        np.clip(d2, -_BEFORE, _AFTER) / 10,
        np.abs(d2) ** 0.5 / 5,
        (d2 < 0),
        1 / (1 + np.exp(-logit[cand])),
        keep[cand],
        (nwc >= 4) & (nwc <= 18),
        np.log1p(nwc) / 4,
        overlap,
        np.minimum(np.abs(ck[a1] - kept_between), 10) / 10,
        np.full(len(cand), cc.has_url),
        in_path,
        cover,
        host,
        part > 0,
        part == 2,
        other,
        *_relative(cover, logit[cand], overlap),
        np.log(np.maximum(echoes, 1)) / 2,
        *_neighbours(x, logit, cand),
        np.ones(len(cand)),
    ]
    feats = np.hstack([x[cand, :N_LOCAL], np.stack(extra, axis=1).astype(np.float32)])
    return feats.astype(np.float32)
