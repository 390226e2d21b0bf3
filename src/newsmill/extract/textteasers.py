"""Where the article ends on a flattened page and lists of other stories begin. The line classifier
keeps many teaser lines (headlines and standfirsts read like article text); two structures give the
lists away:

- **dated items**: three or more short lines that are only a date, a relative time ("1H ago") or a
  "By <name>" credit below the article — each teaser carries one ("11/20/2019 01:14 PM");
- **a list heading**: "More from the Los Angeles Times", "Related articles", "Most read",
  "You may also like" — a short line without end punctuation.

Either cuts the page there when the article above holds at least 80 kept words and the kept text
below is at most half of it (teasers are shorter than the article; a live blog with a timestamp per
entry has most of its text below its first timestamp and is left alone).

Measured with 3-fold held-out line models (docs/design.md, text mode, step 8c): ScrapingHub word F1
0.879 -> 0.889, WCXB all 0.811 -> 0.813, articles 0.921 -> 0.923, no page type lower by more than 0.001.
"More" alone is not a list heading: "More College Essay Topics", "More Considerations" are article
sections (counted, they cost WCXB articles 0.002 and services 0.003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsmill.extract.metanorm import has_visible_date
from newsmill.extract.textlines import _textfast

_MIN_BODY_WORDS = 80  # kept words above the cut
_MAX_BELOW = 0.5  # kept words below the cut, as a share of those above
_MIN_MARKERS = 3
_MARKER_CHARS = 45
_HEADING_WORDS = 6

_RELATIVE = re.compile(
    r"^(?:\d+\s*(?:[smhd]|min|mins|minutes?|hrs?|hours?|days?|weeks?)\s+ago|(?:yesterday|today)(?:\s+at\s+.*)?)$",
    re.I,
)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d{2}\b|\b(?:19|20)\d\d-\d\d-\d\d\b")
_CREDIT = re.compile(r"^(?:by|von|par|por)\s+\S+(?:\s+\S+){0,4}$", re.I)
_LIST_HEADING = re.compile(
    r"^(?:more\s+(?:from|in|stories|news|articles|posts|videos|headlines|like\s+this|to\s+(?:read|explore))\b"
    r"|(?:latest|top|popular|trending|recent|related|recommended)"
    r"(?:\s+(?:stories|news|articles|posts|videos?|headlines|reads?|content|reading|links|coverage|now))?$"
    r"|most\s+(?:read|popular|viewed|shared|watched)\b|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)\b"
    r"|read\s+(?:more|next|also)\b|also\s+read\b|editor'?s?\s+picks\b|what\s+to\s+read\s+next"
    r"|other\s+stories|around\s+the\s+web|from\s+the\s+web|sponsored\s+stories)",
    re.I,
)


# The literal starts of _LIST_HEADING's alternatives ("more", "latest", "top" ...): in C, only lines
# starting with one of them (compared as re.IGNORECASE compares) reach the regex (a test derives them
# from the pattern). First letters alone let 30 lines a page through, most of them "The ..." and
# "For ..." lines; two-letter prefixes 6.4 ("Re...", "To...", "Wh..."); these 1.4 (benchmark pages).
_HEADING_STARTS = (
    "more latest top popular trending recent related recommended most you read also editor what other around "
    "from sponsored"
)


# A possible marker line: it holds a digit, or starts with a credit or day word. Two regexes, not one
# r"\s*(?:\D*\d|...)" match: its \D*\d backtracks over every digit-free line (0.97 vs 0.39 µs a line,
# the same answer on all 526,974 short lines of the benchmark pages).
_DIGIT = re.compile(r"\d")
_MARKER_WORD = re.compile(r"\s*(?:by|von|par|por|yesterday|today)\b", re.I)


def _maybe_marker(line: str) -> bool:
    return _DIGIT.search(line) is not None or _MARKER_WORD.match(line) is not None


def _marker(line: str) -> bool:
    """A teaser's date, relative time or credit line."""
    s = line.strip()
    if not s or len(s) > _MARKER_CHARS:
        return False
    if _RELATIVE.match(s) or _CREDIT.match(s):
        return True
    return len(s.split()) <= 7 and (_NUMERIC_DATE.search(s) is not None or has_visible_date(s))


def _allowed(kept_above: np.ndarray, i: int) -> bool:
    above = kept_above[i]
    return above >= _MIN_BODY_WORDS and kept_above[-1] - above <= _MAX_BELOW * above


def short_marker_lines(lines: list[str], lo: int) -> list[int]:
    """Indices from ``lo`` on of the lines short enough for a marker; in C, when the fast path is built,
    only those that pass :func:`_maybe_marker` and may pass :func:`_marker`'s length test (a superset
    of the lines that pass both: _marker's regexes still decide)."""
    if _textfast is not None:
        return _textfast.short_lines(lines, lo, _MARKER_CHARS + 20, 1, _MARKER_CHARS)
    return [i for i in range(max(lo, 0), len(lines)) if len(lines[i]) <= _MARKER_CHARS + 20]


@dataclass(slots=True)
class _Scan:
    """The array work of the finder for one keep mask (:func:`_scan`)."""

    kept_above: np.ndarray  # kept words above every line, and in all last (float64, n + 1)
    n_kept: int
    first: int  # the first kept line, -1 when none
    lo: int  # the first line below the first kept one with _MIN_BODY_WORDS kept words above it
    heads: list[int]  # possible list headings: short lines after the first kept one, up to the last


def _scan(words: np.ndarray, keep: np.ndarray) -> _Scan:
    """:class:`_Scan` of ``keep``: one C pass when the fast path is built (the ~20 numpy calls it
    replaces were ~20 µs a page); else numpy."""
    if _textfast is not None and words.dtype == np.float64 and keep.dtype == bool:
        ka = np.empty(len(words) + 1)
        n_kept, first, lo, heads = _textfast.teaser_scan(words, keep, ka, _MIN_BODY_WORDS, _HEADING_WORDS)
        return _Scan(ka, n_kept, first, lo, heads)
    ka = _kept_above(words, keep)
    k = keep.nonzero()[0]
    first = int(k[0]) if len(k) else -1
    # kept_above never decreases: the lines below 80 kept words start at lo.
    lo = max(first + 1, int(np.searchsorted(ka[:-1], _MIN_BODY_WORDS)))
    heads: list[int] = []
    if len(k):
        a, b = first + 1, int(k[-1]) + 1
        short = (words[a:b] <= _HEADING_WORDS) & (ka[a:b] >= _MIN_BODY_WORDS)
        heads = (short.nonzero()[0] + a).tolist()
    return _Scan(ka, len(k), first, lo, heads)


def _dated_items(lines: list[str], keep: np.ndarray, words: np.ndarray, scan: _Scan) -> int | None:
    # Only short lines below 80 kept words are tested, and only those with a digit or a by/von/par/por/
    # yesterday/today start reach the marker regexes (testing every line cost ~0.4 ms/page, as much as
    # the line classifier).
    marks = []  # the first _MIN_MARKERS markers decide: the first one is the cut, the count is enough
    for i in short_marker_lines(lines, scan.lo):  # in C these already pass _maybe_marker (3.2 a page did not)
        if (_textfast is not None or _maybe_marker(lines[i])) and _marker(lines[i]):
            marks.append(i)
            if len(marks) == _MIN_MARKERS:
                break
    if len(marks) < _MIN_MARKERS:
        return None
    c, ka = marks[0], scan.kept_above
    if c - 1 > scan.first and keep[c - 1] and words[c - 1] <= 20 and ka[c - 1] >= _MIN_BODY_WORDS:
        c -= 1  # the teaser headline right above its date
    return c if _allowed(ka, c) else None


def _list_heading(lines: list[str], scan: _Scan) -> int | None:
    heads = scan.heads
    for i in _textfast.heading_lines(lines, heads, _HEADING_STARTS) if _textfast is not None else heads:
        s = lines[i].strip()
        if s[-1:] in ".?!:" or not _LIST_HEADING.match(s):
            continue
        return i if _allowed(scan.kept_above, i) else None  # only the first list heading decides
    return None


def _kept_above(words: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Kept words above every line (and in all, last), float64 like ``words`` (split_words): the
    cumulative sum written after a 0 in place (3.3 vs 5.7 µs a call for np.concatenate of a list)."""
    out = np.empty(len(words) + 1)
    out[0] = 0
    (words * keep).cumsum(out=out[1:])
    return out


def teaser_start(lines: list[str], keep: np.ndarray, words: np.ndarray) -> int | None:
    """Index of the first line of the other-stories lists below the article, or None. ``words`` holds
    the word count of every line."""
    scan = _scan(words, keep)
    if scan.n_kept < 2:
        return None
    cut = _dated_items(lines, keep, words, scan)
    if cut is not None:
        keep = keep.copy()
        keep[cut:] = False
        scan = _scan(words, keep)
        if not scan.n_kept:
            return cut
    head = _list_heading(lines, scan) if scan.n_kept >= 2 else None
    if head is not None and (cut is None or head < cut):
        return head
    return cut
