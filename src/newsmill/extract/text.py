"""Flattened page text -> article: keep the article lines, drop boilerplate, find the headline.

(First version: simple line heuristics. To be replaced by the learned line classifier.)
"""

from __future__ import annotations

import re

from newsmill.model import Article, Paragraph, Removed, Source, join_paragraphs
from newsmill.options import Options

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
_END = re.compile(r"[.!?\"'”’)]\s*$")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of clean text, split on blank lines, with offsets into ``text``."""
    out: list[Paragraph] = []
    pos = 0
    for m in [*_BLANK.finditer(text), None]:
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            out.append(Paragraph(body, pos + lead, pos + lead + len(body), "paragraph"))
        if m:
            pos = m.end()
    return out


def extract_text(text: str, source: Source, options: Options) -> Article:
    lines = [ln.strip() for ln in text.splitlines()]
    keep: list[str] = []
    removed: list[Removed] = []
    title = None
    for ln in lines:
        if not ln:
            continue
        if len(ln.split()) >= 8 and _END.search(ln) and "cookie" not in ln.lower():
            keep.append(ln)
        elif title is None and not keep and 4 <= len(ln.split()) <= 20 and "cookie" not in ln.lower():
            title = ln
        else:
            removed.append(Removed(ln, "boilerplate"))
    body, paragraphs = join_paragraphs([(k, "paragraph") for k in keep])
    return Article(source=source, title=title, text=body, paragraphs=paragraphs, removed=removed)
