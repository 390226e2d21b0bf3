"""Direct-quote spans from quotation marks: mixed straight/curly, unbalanced, multi-paragraph.

Pairing is done per paragraph so that one stray mark can only disturb its own
paragraph: an opening mark left open at a paragraph end either continues into
the next paragraph (the news convention: the next paragraph starts with an
opening mark and the previous one has no closing mark) or is closed at the
paragraph end. A closing mark with nothing open is ignored.
"""

from __future__ import annotations

import re

_OPEN = frozenset("“„«")
_CLOSE = frozenset("”»")
_STRAIGHT = '"'
# ``''`` is the double mark of some archives (NYT: ''like this''): 116 of the 840 PolNeAR train
# articles use it.
_MARKS = re.compile(r"''|[\"“”„«»]")
_PARA = re.compile(r"\n\s*\n")
# A straight mark opens after these (or at the start of a paragraph).
_OPENS_AFTER = frozenset(" \t\n([{—–-/:")


def _is_open(text: str, i: int, para_start: int) -> bool:
    ch = text[i]
    if text.startswith("''", i):
        ch = _STRAIGHT
    prev = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in _OPEN:
        # A typo'd curly mark: “ glued after a word and followed by a space closes.
        return not (not prev.isspace() and prev not in _OPENS_AFTER and after.isspace())
    if ch in _CLOSE:
        return prev.isspace() and after.isalnum()  # ” glued before a word opens
    if prev in _OPENS_AFTER or prev in _OPEN:
        return True
    width = 2 if text.startswith("''", i) else 1
    nxt = text[i + width] if i + width < len(text) else " "
    # After a letter/punctuation and before space or punctuation: closing.
    return not (nxt.isspace() or nxt in ".,;:!?)”" or prev.isalnum() or prev in ".,;:!?")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated block of ``text``."""
    out, pos = [], 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations, marks included, in text order."""
    spans: list[tuple[int, int]] = []
    carried: int | None = None  # start of a quote continuing from the previous paragraph
    paras = paragraphs(text)
    for k, (ps, pe) in enumerate(paras):
        open_at = carried
        carried = None
        first = True
        for m in _MARKS.finditer(text, ps, pe):
            i = m.start()
            opening = _is_open(text, i, ps)
            if opening:
                # The re-opening mark of a continued quote; otherwise a new opening
                # replaces a stray one left open in this paragraph.
                if not (first and open_at is not None and open_at < ps):
                    open_at = i
            elif open_at is not None:
                spans.append((open_at, m.end()))
                open_at = None
            first = False
        if open_at is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            # The quote goes on in the next paragraph only if it opened on a sentence
            # ('"The grid is old.' ...), not on a fragment ('was "tired and hungry').
            sentence = _opens_sentence(text, open_at)
            if sentence and nxt and (text[nxt[0]] in '“"„«' or text.startswith("''", nxt[0])):
                carried = open_at
            else:
                spans.append((open_at, _trim_end(text, ps, pe)))
    return spans


def _opens_sentence(text: str, open_at: int) -> bool:
    i = open_at + (2 if text.startswith("''", open_at) else 1)
    while i < len(text) and text[i] in " '‘":
        i += 1
    return i < len(text) and (text[i].isupper() or text[i].isdigit())


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
