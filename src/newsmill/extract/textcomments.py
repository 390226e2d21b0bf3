"""Where a comment section starts on a flattened page: the line classifier keeps reader comments
(full sentences, like the article), but their headers give them away — "<name> says:" (WordPress and
its clones) and comment timestamps ("August 8, 2018 at 3:17 pm", "20 Nov 2019, 9:42am").

Measured with the shipped line model on the 1,678 text-mode pages (docs/design.md, text mode):
ScrapingHub word F1 0.8878 -> 0.8914, WCXB article 0.9301 -> 0.9316, forum unchanged (0.6218),
no page type lower by more than 0.0001. Forum quote headers ("X said:", "X wrote:") and bare
"Reply" lines are not markers: counted as such they cut forum threads (forum 0.6218 -> 0.557).
"""

from __future__ import annotations

import re

import numpy as np

from newsmill.extract.textlines import _textfast

# "<name> says:" in the languages of the widget phrases (newsmill.extract.textlines GROUPS).
_SAYS = re.compile(r"^\S.{0,60}?\s(?:says|schreibt|sagt|dit|dice|diz|zegt)\s?:$", re.I)
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = rf"(?:{_MON}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MON},?\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d\d-\d\d)"
_STAMP = re.compile(
    rf"^(?:on\s+|posted\s+)?{_DAY}(?:\s+at|,|\s+-)?\s+\d{{1,2}}:\d{{2}}(?::\d\d)?(?:\s*[ap]\.?m\.?)?$", re.I
)
_MAX_CHARS = 80  # a comment header is short
_MIN_MARKERS = 3  # one timestamp under an article is its dateline, not a comment section
_MIN_BODY_WORDS = 80  # kept article words before the first marker


def _marker(line: str) -> int:
    """1 for a "<name> says:" line, 2 for a comment timestamp, 0 otherwise."""
    s = line.strip()
    if _SAYS.match(s):
        return 1
    return 2 if _STAMP.match(s) else 0


def colon_lines(lines: list[str], lo: int) -> list[int]:
    """Indices from ``lo`` on of the short lines that hold a colon: every marker has one ("says:",
    "3:17 pm"), so only these reach the regexes. In C, when the fast path is built, only the lines
    that end in one of _SAYS's verbs and a colon or hold a digit, colon, digit (a superset of the
    markers: 1.6 lines a page instead of 14.9 on the benchmark pages)."""
    if _textfast is not None:
        return _textfast.short_lines(lines, lo, _MAX_CHARS, 0, _MAX_CHARS)
    return [i for i in range(lo, len(lines)) if len(lines[i]) <= _MAX_CHARS and ":" in lines[i]]


def comment_start(lines: list[str], keep: np.ndarray, words: np.ndarray) -> int | None:
    """Index of the first comment header after the article start, or None. Needs 3+ headers after
    the first kept line, none in the 5 lines above it (a thread: posts all the way down), 80+ kept
    words before the first one, and, with timestamps only, more kept text before it than after. ``words`` holds the word count of every line."""
    kept = keep.nonzero()[0]
    if not len(kept):
        return None
    first = int(kept[0])
    marks = [(i, t) for i in colon_lines(lines, max(0, first - 5)) if i != first and (t := _marker(lines[i]))]
    if any(i < first for i, _ in marks):
        return None
    if len(marks) < _MIN_MARKERS:
        return None
    c = marks[0][0]
    kept_words = words[kept]
    before = float(kept_words[kept < c].sum())
    if before < _MIN_BODY_WORDS:
        return None
    if not any(t == 1 for _, t in marks) and float(kept_words.sum()) - before > before:
        return None
    return c
