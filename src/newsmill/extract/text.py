"""Flattened page text -> article: keep the article lines, drop boilerplate, find the headline.

The method (docs/design.md, "Text mode"):

1. every non-empty line gets cheap features plus a context window (:mod:`newsmill.extract.textlines`);
2. a small MLP trained on the flattened ScrapingHub + WCXB-dev pages scores each line as article or not
   (:mod:`newsmill.extract.textmodel`); logits are smoothed over neighbouring lines because articles
   are contiguous;
3. a learned headline scorer picks the title among the lines (and affix-stripped halves of lines) around
   the start of the article (:mod:`newsmill.extract.headline`);
4. kept lines become paragraphs (``list_item`` when indented as a list, ``heading`` when short and
   unpunctuated between article lines); dropped lines are grouped into ``removed`` blocks with a reason
   slug named by the widget keywords they contain (default ``boilerplate``).
"""

from __future__ import annotations

import re

import numpy as np

from newsmill.extract.headline import APOSTROPHES, title_features
from newsmill.extract.language import detect_language
from newsmill.extract.metanorm import trim_title
from newsmill.extract.textcomments import comment_start
from newsmill.extract.textfooter import footer_start
from newsmill.extract.textlines import (
    COL_BLANK_AFTER,
    COL_BLANK_BEFORE,
    COL_LOG_WORDS,
    GROUPS,
    N_LOCAL,
    PageLines,
    _textfast,
    line_features,
    line_words,
    page_lines,
    page_words,
    split_words,
)
from newsmill.extract.textmodel import TextModel, load_model, smooth_logits
from newsmill.extract.textteasers import teaser_start
from newsmill.model import Article, Paragraph, Removed, Source, join_paragraphs
from newsmill.options import Options

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")

# Reason slugs by priority when a dropped line holds keywords of several groups: a cookie banner that
# links the privacy policy is a cookie notice, not a footer.
_REASON_ORDER = (
    "cookie_notice",
    "newsletter",
    "share_widget",
    "related_links",
    "comments",
    "advertisement",
    "footer",
    "navigation",
    "byline",
)
_REASON_COLS = [GROUPS.index(r) for r in _REASON_ORDER]
# A long dropped line is named by its keywords only when it is short enough to be a widget; longer
# dropped prose (teasers, other stories) is plain boilerplate; cookie banners run to 80-150 words (the
# sample's has 80). "By ..." bylines are short.
_WIDGET_MAX_WORDS = 150
_BYLINE_MAX_WORDS = 12
# Page-level list decision (page_threshold). Measured with the 3-fold held-out line models (docs/design.md
# "Text mode"): the kept-word share cut-off chosen on two folds and applied to the third was 0.20, 0.15,
# 0.225 (stable); with a lowered threshold of -2, held-out word F1 listing 0.576 -> 0.666, collection
# 0.542 -> 0.611, forum 0.717 -> 0.722, ScrapingHub 0.873 -> 0.870, article 0.919 -> 0.920, product
# 0.571 -> 0.562 (line-level scores before the headline step). -1 instead of -2 helped listing less (0.644).
_LIST_KEPT_WORDS = 0.2
_LIST_LOWER = 2.0
_LOG8 = float(np.log1p(8) / 6) - 1e-4  # COL_LOG_WORDS of an 8-word line (float32 slack)
# Kept text above the headline (_above_title). 3-fold held-out line models: ScrapingHub word F1 0.896 ->
# 0.903, WCXB all and articles unchanged (0.815, 0.923/0.924); gaps of 3, 6 and 10 lines gave 0.903,
# 0.902, 0.902; requiring 200 or 400 words below instead of 80 kept only 0.001 of the gain.
_TITLE_RUN_GAP = 3
_TITLE_MIN_BELOW = 80
# A kept, unindented line this short with no terminal punctuation between article lines is a heading.
_HEADING_MAX_WORDS = 15
_TERMINAL = tuple(".!?\"”’':;,…")
_BULLETS = ("• ", "- ", "* ", "– ", "· ", "▪ ")


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


def classify_lines(pl: PageLines, model: TextModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(keep mask, smoothed logits, features) for the page's non-empty lines."""
    x, _flags = line_features(pl)
    if not len(x):
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=np.float32), x
    logit = smooth_logits(model.lines.logit(x), model.smooth_k, model.smooth_w)
    return logit >= page_threshold(x, logit, model.threshold, pl.nw), logit, x


def page_threshold(x: np.ndarray, logit: np.ndarray, threshold: float, nw: np.ndarray | None = None) -> float:
    """The line threshold for this page: a page-level decision. When the lines the classifier keeps
    hold under ``_LIST_KEPT_WORDS`` of the page's words, the page is not one long article but a list of
    short items (listing, collection, documentation pages), and the classifier is unsure about most items:
    the threshold is then lowered by ``_LIST_LOWER``. ``nw``: :func:`line_words` of ``x``, when known."""
    nw = line_words(x) if nw is None else nw
    total = float(nw.sum())
    kept = float(nw[logit >= threshold].sum())
    # A page where nothing passes is not a list of items but has no article (menus only): left alone
    # (held-out: product pages 0.564 -> 0.589 with this guard, other types within 0.003).
    return threshold - _LIST_LOWER if 0 < kept < _LIST_KEPT_WORDS * total else threshold


def pick_title(
    pl: PageLines, x: np.ndarray, logit: np.ndarray, keep: np.ndarray, model: TextModel, url: str | None
) -> tuple[int, str] | None:
    """(line index, headline text) of the best-scored headline candidate (a whole line or the headline
    half of a "Headline | Site" line, :mod:`newsmill.extract.headline`), or None. Typographic single
    quotes become ASCII apostrophes, as HTML mode writes titles (newsmill.extract.metatitle)."""
    if not keep.any():
        return None
    lines, texts, feats = title_features(pl, x, logit, keep, url)
    if not lines:
        return None
    k = int(model.title.logit(feats).argmax())
    return lines[k], trim_title(texts[k]).translate(APOSTROPHES)


_KIND_NAMES = ("list_item", "heading", "paragraph")


def _kinds(pl: PageLines, kept: list[int], x: np.ndarray, keep: np.ndarray) -> list[str]:
    """Kind of every kept line (:func:`_kinds_py`), in C when the fast path is built."""
    if _textfast is None or x.dtype != np.float32 or not x.flags.c_contiguous or keep.dtype != bool:
        return _kinds_py(pl, kept, x, keep)
    return _textfast.kinds(
        pl.text,
        kept,
        x,
        x.shape[1],
        COL_BLANK_BEFORE,
        COL_BLANK_AFTER,
        keep,
        _KIND_NAMES,
        _BULLETS,
        _TERMINAL,
        _HEADING_MAX_WORDS,
    )


def _kinds_py(pl: PageLines, kept: list[int], x: np.ndarray, keep: np.ndarray) -> list[str]:
    """Kind of every kept line. resiliparse ends a <p> or heading with a blank line but a <li> with a
    single newline, so a kept line in a multi-line block (no blank line on one side) or with a bullet is
    a list item; a short, unpunctuated single-line block followed by more article is a heading. The
    numpy lookups are done once for all kept lines (per-line calls cost 0.16 ms/page, measured)."""
    k = np.asarray(kept, dtype=np.intp)
    alone = ((x[k, COL_BLANK_BEFORE] > 0) & (x[k, COL_BLANK_AFTER] > 0)).tolist()
    next_kept = np.append(keep[1:], False)[k].tolist()
    out: list[str] = []
    for i, a, nk in zip(kept, alone, next_kept, strict=True):
        s = pl.text[i]
        if not a or s.startswith(_BULLETS):
            out.append("list_item")
        elif nk and s.count(" ") < _HEADING_MAX_WORDS and not s.endswith(_TERMINAL):
            out.append("heading")
        else:
            out.append("paragraph")
    return out


def _join(pl: PageLines, kept: list[int], kinds: list[str]) -> tuple[str, list[Paragraph]]:
    """:func:`newsmill.model.join_paragraphs` over the kept lines, in C when the fast path is built
    (the Python loop was 0.026 ms a page)."""
    if _textfast is None:
        return join_paragraphs(list(zip([pl.text[i] for i in kept], kinds, strict=True)))
    return _textfast.join_blocks(pl.text, kept, kinds, Paragraph)


_REASON_NAMES = (*_REASON_ORDER, "boilerplate")
_FLAG_COLS = slice(N_LOCAL - len(GROUPS), N_LOCAL)  # the keyword flags among the line features
# The reason columns as the C call takes them, built once (a generator and a tuple a call before).
_REASON_FEATURE_COLS = tuple(_FLAG_COLS.start + c for c in _REASON_COLS)


def _reasons(x: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Reason of every line as an index into ``_REASON_NAMES``: its highest-priority keyword group,
    else ``boilerplate``."""
    nw = line_words(x)
    f = flags[:, _REASON_COLS] > 0
    f[:, -1] &= nw <= _BYLINE_MAX_WORDS + 0.5
    f &= (nw <= _WIDGET_MAX_WORDS + 0.5)[:, None]
    return np.where(f.any(axis=1), f.argmax(axis=1), len(_REASON_ORDER))


def _removed_blocks(pl: PageLines, dropped: np.ndarray, x: np.ndarray) -> list[Removed]:
    """The removed blocks of the ``dropped`` lines (:func:`_removed_blocks_py`), in C when built."""
    if _textfast is None or x.dtype != np.float32 or not x.flags.c_contiguous:
        return _removed_blocks_py(pl, dropped, _reasons(x, x[:, _FLAG_COLS]))
    return _textfast.removed_blocks(
        pl.text,
        dropped.astype(np.int64, copy=False),
        page_words(pl, x),  # as in _reasons
        x,
        x.shape[1],
        _REASON_FEATURE_COLS,
        _BYLINE_MAX_WORDS + 0.5,
        _WIDGET_MAX_WORDS + 0.5,
        _REASON_NAMES,
        Removed,
    )


def _removed_blocks_py(pl: PageLines, dropped: np.ndarray, reasons: np.ndarray) -> list[Removed]:
    """Dropped lines, runs of consecutive ones with the same reason merged into one block (run starts
    found with numpy instead of a per-line loop: 0.18 ms/page less, measured)."""
    r = reasons[dropped]
    start = np.ones(len(dropped), dtype=bool)
    start[1:] = (np.diff(dropped) != 1) | (r[1:] != r[:-1])
    bounds = [*np.flatnonzero(start).tolist(), len(dropped)]
    lines = [pl.text[i] for i in dropped.tolist()]
    codes = r.tolist()
    return [
        Removed("\n".join(lines[a:b]), _REASON_NAMES[codes[a]])
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]


_FINDERS = (("related_links", teaser_start), ("footer", footer_start), ("comments", comment_start))


def _cut_sections(
    pl: PageLines, keep: np.ndarray, x: np.ndarray, title_i: int | None
) -> list[tuple[int, int, str]]:
    """(first, end, reason) spans below the article that leave ``keep``: the other-stories lists
    (newsmill.extract.textteasers, ``related_links``), a copyright notice and what follows it
    (newsmill.extract.textfooter, ``footer``), then a comment section
    (newsmill.extract.textcomments, ``comments``); each runs from its first line to the last line the
    classifier kept in it and becomes one removed block."""
    spans = []
    words = split_words(pl)
    for reason, find in _FINDERS:  # in turn: each later finder sees the page without the earlier cuts
        cut = find(pl.text, keep, words)
        if cut is None or (title_i is not None and title_i >= cut) or not keep[cut:].any():
            continue
        end = int(keep.nonzero()[0][-1]) + 1
        keep[cut:] = False
        spans.append((cut, max(end, cut + 1), reason))
    return sorted(spans)


def _removed(
    pl: PageLines, dropped: np.ndarray, x: np.ndarray, spans: list[tuple[int, int, str]]
) -> list[Removed]:
    """Removed blocks of the dropped lines, each cut section as one block in its place."""
    out: list[Removed] = []
    lo = 0
    for a, b, reason in spans:
        part = dropped[(dropped >= lo) & (dropped < a)]
        out += _removed_blocks(pl, part, x) if len(part) else []
        out.append(Removed("\n".join(pl.text[a:b]), reason))
        lo = b
    rest = dropped[dropped >= lo] if lo else dropped  # no cut section (most pages): all of them
    return out + (_removed_blocks(pl, rest, x) if len(rest) else [])


def _above_title(keep: np.ndarray, x: np.ndarray, title_i: int, nw: np.ndarray | None = None) -> None:
    """Drop what cannot be article above the headline at ``title_i``. Only sentences (8+ words) can be:
    a kept menu item just above it is a near miss of the classifier (in-sample effect on the 1,678 pages
    within +-0.005 F1). And when 80+ kept words follow the headline, only the kept run next to it (within
    ``_TITLE_RUN_GAP`` lines: a kicker, a standfirst) stays: kept lines further up, behind a dropped one,
    are other stories or menus printed before the article (docs/design.md, text mode, step 6b)."""
    keep[:title_i] &= x[:title_i, COL_LOG_WORDS] >= _LOG8
    below = (line_words(x) if nw is None else nw)[title_i + 1 :]
    if float(below[keep[title_i + 1 :]].sum()) < _TITLE_MIN_BELOW:
        return
    gaps = (~keep[: max(0, title_i - _TITLE_RUN_GAP)]).nonzero()[0]
    if len(gaps):
        keep[: int(gaps[-1]) + 1] = False


def extract_text(text: str, source: Source, options: Options) -> Article:
    """The article in flattened page ``text``: title, paragraphs, removed boilerplate, language."""
    return extract_with(text, source, options, load_model())


def extract_with(text: str, source: Source, options: Options, model: TextModel) -> Article:
    """:func:`extract_text` with an explicit model (the benchmark scores held-out fold models)."""
    pl = page_lines(text)
    keep, logit, x = classify_lines(pl, model)
    picked = pick_title(pl, x, logit, keep, model, source.url)
    title_i = picked[0] if picked else None
    if title_i is not None:
        _above_title(keep, x, title_i, pl.nw)
    spans = _cut_sections(pl, keep, x, title_i)
    out = ~keep
    if title_i is not None:
        out[title_i] = False
    for a, b, _ in spans:
        out[a:b] = False  # one block each, see _removed
    kept = keep.nonzero()[0].tolist()
    if title_i is not None and keep[title_i]:
        kept.remove(title_i)
    dropped = out.nonzero()[0]
    body, paragraphs = _join(pl, kept, _kinds(pl, kept, x, keep))
    return Article(
        source=source,
        title=picked[1] if picked else None,
        text=body,
        paragraphs=paragraphs,
        language=detect_language(body) if body else None,
        removed=_removed(pl, dropped, x, spans),
        warnings=[] if body else ["no article text found"],
    )
