"""Training labels for the text-mode line classifier: which flattened lines belong to the gold text."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def _norm_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def line_labels(lines: list[str], truth: str) -> list[int]:
    """1 for each line that is part of the gold main text, else 0.

    A line of 4+ words is content when at least half of its word trigrams occur in the truth; a shorter
    line only when it equals a whole line of the truth (so a menu item "Home" is not content just because
    the word "home" occurs in the article).
    """
    toks = _norm_words(truth)
    grams = {tuple(toks[i : i + 3]) for i in range(len(toks) - 2)}
    truth_lines = {" ".join(_norm_words(t)) for t in truth.split("\n") if t.strip()}
    out: list[int] = []
    for line in lines:
        w = _norm_words(line)
        if len(w) < 4:
            out.append(int(bool(w) and " ".join(w) in truth_lines))
            continue
        g = [tuple(w[i : i + 3]) for i in range(len(w) - 2)]
        out.append(int(sum(x in grams for x in g) * 2 >= len(g)))
    return out


# The C4-style baseline, exactly as /work/shared/data/README.md defines it.
_C4_END = (".", "?", "!", '"', "'", "”", "’", "»")
_C4_BAD = (
    "javascript",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


def c4_filter(text: str) -> str:
    """Keep a line only if it ends in . ? ! or a closing quote, has >= 3 words and no policy/JS phrase."""
    keep = []
    for line in text.split("\n"):
        s = line.strip()
        low = s.lower()
        if s.endswith(_C4_END) and len(s.split()) >= 3 and not any(b in low for b in _C4_BAD):
            keep.append(s)
    return "\n".join(keep)
