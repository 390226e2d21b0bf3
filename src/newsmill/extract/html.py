"""HTML -> article (main content, structure, metadata).

Pipeline: lexbor parse -> metadata (JSON-LD, meta, <time>, URL) -> one walk into text blocks
(:mod:`htmlblocks`) -> container choice (:mod:`htmlselect`) -> per-block keep/drop with reasons
(:mod:`htmlprune`) -> paragraphs, comments and removed blocks. See docs/design.md "HTML extraction".
"""

from __future__ import annotations

import re
import time

from selectolax.lexbor import LexborHTMLParser

from newsmill.errors import ExtractionError
from newsmill.extract.htmlblocks import Block, Walk, walk
from newsmill.extract.htmlprune import (
    block_reason,
    drop_orphan_headings,
    drop_price_lines,
    drop_repeats,
    drop_teaser_cards,
    phrase_reason,
)
from newsmill.extract.htmlselect import build_tree, choose_container, hidden_below
from newsmill.extract.language import detect_language
from newsmill.extract.metadata import Meta, authors_from_byline, read_metadata
from newsmill.extract.metanorm import clean_author, drop_permalink, has_visible_date, similar, visible_date
from newsmill.model import Article, Removed, Source, join_paragraphs
from newsmill.options import Options

# `removed` stays block-level and small: consecutive drops with one reason are merged into one
# entry, its text capped; past _MAX_REMOVED entries the rest are counted in a warning.
_REMOVED_TEXT = 300
_MAX_REMOVED = 150
# Bounds (see docs/design.md): lexbor needs ~0.1 s per MB, so pages are cut at 8 MB of text
# (WCXB dev's largest page is 5.3 MB); and its tree building is quadratic in nesting depth
# (10,000 nested <div>: 0.7 s, 20,000: 2.5 s, 100,000: minutes), so markup nested deeper than
# _MAX_NESTING is cut where it gets that deep. The depth scan only runs on pages with many tags.
_MAX_CHARS = 8_000_000
_MAX_NESTING = 3_000
_SCAN_TAGS = 20_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "td",
        "tr",
        "th",
        "dt",
        "dd",
        "option",
    ]
)


def extract_html(html: str, source: Source, options: Options, utf8: bytes | None = None) -> Article:
    """Main text, structure and metadata of one HTML page. ``utf8``, when given, must be exactly
    ``html`` encoded as UTF-8 (the page's own bytes): lexbor then parses them without Python
    re-encoding the string (parse 0.79 -> 0.58 ms a page on ScrapingHub, same trees on all 181)."""
    deadline = time.monotonic() + options.timeout
    bounded, warning = _bound(html)
    tree = LexborHTMLParser(utf8 if utf8 is not None and bounded is html else bounded)
    meta = read_metadata(tree, source.url)
    root = tree.body or tree.root
    if root is None:
        raise ExtractionError("HTML has no document tree")
    w = walk(root, deadline)
    reasons = _decide(w, meta)
    article = _assemble(w, reasons, meta, source, options)
    if w.truncated:
        article.warnings.append("page too large or too slow: extracted from the first part of the tree only")
    if warning:
        article.warnings.append(warning)
    if not article.text:
        # App shells (Discourse, single-page apps) ship the text in scripts and render it in the
        # browser: 3 WCXB forum pages hold nothing else than their meta description.
        held = f"{len(w.blocks)} text blocks, all removed" if w.blocks else "no text blocks"
        see = "; its meta description is in `description`" if article.description else ""
        article.warnings.append(
            f"no article text found in the page body ({held}): the page may be rendered by JavaScript{see}"
        )
    return article


def _bound(html: str) -> tuple[str, str | None]:
    """Cut pages that would make the parser slow: too long, or nested too deep."""
    warning = None
    if len(html) > _MAX_CHARS:
        html = html[:_MAX_CHARS]
        warning = f"HTML longer than {_MAX_CHARS:,} chars: only the first part was read"
    if html.count("<") < _SCAN_TAGS:
        return html, warning
    depth = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        depth += -1 if m.group(1) else 1
        if depth > _MAX_NESTING:
            return html[: m.start()], f"HTML nested deeper than {_MAX_NESTING:,} levels: cut there"
    return html, warning


def _decide(w: Walk, meta: Meta) -> list[str | None]:
    """A reason (or None = keep) for every block."""
    if meta.is_article:
        _mark_captions(w.blocks)
    product = meta.is_product and not meta.is_article
    if meta.is_forum:
        _thread_is_content(w)
    tree = build_tree(w, meta.is_article, product)
    container = choose_container(w, tree, meta.is_article)
    end = tree.end[container]
    reasons: list[str | None] = []
    for b in w.blocks:
        if container <= b.elem <= end:
            reasons.append(block_reason(w, b, container, meta.is_article))
        else:
            reasons.append(_outside_reason(w, b, tree.reason[b.elem]))
    _open_collapsed(w, reasons, container)
    if product:
        drop_price_lines(w.blocks, reasons)
    if meta.is_article:  # listing pages are made of such cards
        drop_teaser_cards(w, reasons)
        _keep_linked_headings(w.blocks, reasons, container, end)
    drop_repeats(w.blocks, reasons)
    drop_orphan_headings(w.blocks, reasons)
    _drop_title(w.blocks, reasons, meta.title)
    _drop_dek(w.blocks, reasons, tree.dek)
    return reasons


def _thread_is_content(w: Walk) -> None:
    """On a forum thread the replies are the page: "comments"/"replies" classes mark posts there."""
    for e in w.elems:
        if e.hint == "comments":
            e.hint = None


# A linked heading in the container followed by kept body text is a listicle entry's title (a product
# or course name linking to it), not a related link: it stays. Teaser lists lost their summaries in
# drop_teaser_cards first, so their headings stay dropped. 2026-12-07: ScrapingHub 0.9688 -> 0.9697,
# WCXB all 0.8480 -> 0.8485 (both id halves up), articles 0.9514 -> 0.9515; 72 pages changed, the
# largest loss -0.027. A 20-word floor: ScrapingHub 0.9695, WCXB all 0.8482. Short linked headings
# ("9. ST REGIS", dropped as navigation for their 1-3 words) too, 2026-12-08: WCXB all 0.8489 ->
# 0.8490, articles 0.9521 -> 0.9522 (both id halves up), 50 pages changed, the largest loss -0.007;
# ScrapingHub unchanged.
_ENTRY_WORDS = 10
_LINK_REASONS = ("related_links", "navigation")


def _keep_linked_headings(blocks: list[Block], reasons: list[str | None], container: int, end: int) -> None:
    for i in range(len(blocks) - 1):
        b = blocks[i]
        if reasons[i] not in _LINK_REASONS or b.kind != "heading" or not container <= b.elem <= end:
            continue
        nxt = blocks[i + 1]
        if (
            reasons[i + 1] is None
            and nxt.kind in ("paragraph", "list_item")
            and nxt.text.count(" ") + 1 >= _ENTRY_WORDS
        ):
            reasons[i] = None


# A closed tab or accordion panel (inline display:none, the `hidden` attribute) on a non-article
# page is content when its link-free kept text reaches this size; shorter ones are status lines,
# size pickers and empty-cart notes. WCXB dev, halves A/B: product 0.647/0.621 -> 0.660/0.622,
# documentation 0.911/0.916 -> 0.912/0.927, service 0.815/0.768 -> 0.826/0.768, listing
# 0.633/0.595 -> 0.638/0.595; every panel opened (no size floor) cost listing B 0.595 -> 0.577.
# 200/500 chars scored within 0.001 of 300 on half A.
_PANEL_CHARS = 300


def _open_collapsed(w: Walk, reasons: list[str | None], container: int) -> None:
    """Blocks that block_reason marked "collapsed" stay when their panel holds enough text."""
    panels: dict[int, list[int]] = {}
    for i, r in enumerate(reasons):
        if r == "collapsed":
            panels.setdefault(hidden_below(w, w.blocks[i].elem, container)[1], []).append(i)
    for idx in panels.values():
        size = sum(len(w.blocks[i].text) for i in idx)
        for i in idx:
            reasons[i] = None if size >= _PANEL_CHARS else "hidden"


# Text in a <figure> or a caption-classed element is a caption when this short; longer text there
# is article body. Article pages only: product and collection cards use "caption" classes for their
# items (WCXB dev collection half A 0.571 -> 0.558 when applied to every page).
_CAPTION_CHARS = 400


def _mark_captions(blocks: list[Block]) -> None:
    """Photo captions and credits outside <figcaption> become kind "caption" (kept in the record,
    out of the main text). SH shingle F1 0.960 -> 0.9655, both id halves up."""
    for b in blocks:
        if b.figure and b.kind == "paragraph" and not b.quote and len(b.text) <= _CAPTION_CHARS:
            b.kind = "caption"


def _drop_dek(blocks: list[Block], reasons: list[str | None], dek: list[bool]) -> None:
    """The standfirst under the headline (class "dek", "standfirst", "subtitle" ...) is not body
    text; only kept blocks before the first body paragraph (15+ words) count, so section subtitles
    and excerpts further down stay. WCXB dev article halves 0.9354/0.9382 -> 0.937/0.938."""
    found: list[int] = []
    for i, b in enumerate(blocks):
        if reasons[i] is not None:
            continue
        if dek[b.elem]:
            found.append(i)
            if len(found) > 3:  # a list of excerpts (a listing page), not one standfirst
                return
        elif b.text.count(" ") >= 14:
            for k in found:
                reasons[k] = "summary"
            return


def _outside_reason(w: Walk, b: Block, hint: str | None) -> str:
    if hint is not None:
        return hint
    if b.kind == "heading" and b.text and w.elems[b.elem].tag == "h1":
        return "title"
    phrase = phrase_reason(b.text)
    if phrase:
        return phrase
    return "navigation" if b.link_chars > len(b.text) // 2 else "boilerplate"


def _drop_title(blocks: list[Block], reasons: list[str | None], title: str | None) -> None:
    """The headline goes to ``title``, not the body: drop it when it leads the kept text. Kept
    blocks above a headline that the article follows (tickers, breadcrumbs, kickers) go too, when
    they are much shorter than the text after the headline."""
    if not title:
        return
    kept = [i for i, r in enumerate(reasons) if r is None]
    for n, i in enumerate(kept):
        b = blocks[i]
        if b.kind == "heading" and similar(b.text, title) >= 0.8:
            reasons[i] = "title"
            above = [k for k in kept[:n] if blocks[k].kind != "caption"]
            after = sum(len(blocks[k].text) for k in kept[n + 1 :])
            if above and sum(len(blocks[k].text) for k in above) * _ABOVE_RATIO < after:
                for k in above:
                    reasons[k] = "navigation" if blocks[k].link_chars else "boilerplate"
            return


# Text after the headline must be 10x the text above it. 3x: SH 0.9567 but WCXB article 0.9357 -> 0.9351
# on both id halves; 10x: SH 0.9556 -> 0.9563, WCXB all 0.8291 -> 0.8294 (both halves up), article flat.
_ABOVE_RATIO = 10


def _kind(b: Block) -> str:
    if b.kind == "paragraph" and b.quote:
        return "blockquote"
    return b.kind


def _blocks_out(blocks: list[Block]) -> list[tuple[str, str]]:
    """(text, kind) pairs; table cells of one row are joined into one ``table_row``."""
    out: list[tuple[str, str]] = []
    last_row = -2
    for b in blocks:
        if b.kind == "cell":
            if b.row == last_row and out:
                out[-1] = (out[-1][0] + " | " + b.text, "table_row")
            else:
                out.append((b.text, "table_row"))
            last_row = b.row
            continue
        last_row = -2
        out.append((drop_permalink(b.text) if b.kind == "heading" else b.text, _kind(b)))
    return out


def _assemble(w: Walk, reasons: list[str | None], meta: Meta, source: Source, options: Options) -> Article:
    kept: list[Block] = []
    comments: list[Block] = []
    removed: list[Removed] = []
    bylines: list[str] = []
    datelines: list[str] = []
    for b, r in zip(w.blocks, reasons, strict=True):
        if r is None:
            kept.append(b)
            continue
        if r == "comments" and options.comments:
            comments.append(b)
            continue
        if r == "byline" and len(bylines) < 5:
            bylines.append(b.text)
        elif r == "dateline" and len(datelines) < 5:
            datelines.append(b.text)
        _add_removed(removed, b.text, r)
    text, paragraphs = join_paragraphs(_blocks_out(kept))
    article = Article(source=source, title=meta.title, text=text, paragraphs=paragraphs)
    if comments:
        _, article.comments = join_paragraphs([(b.text, "paragraph") for b in comments])
    article.removed = removed[:_MAX_REMOVED]
    if len(removed) > _MAX_REMOVED:
        article.warnings.append(f"{len(removed) - _MAX_REMOVED} more removed blocks not listed")
    if not (meta.authors or meta.byline_authors or meta.site_authors):
        bylines += _byline_lines(w.blocks, reasons)
    if meta.published is None:  # dateline-looking blocks first, then any date under the headline
        datelines = _headline_date(w.blocks, meta.title) + datelines + _date_lines(w.blocks, reasons)
    _fill_meta(article, meta, bylines, datelines)
    _prefer_shown_date(article, w.blocks, reasons)
    return article


_UPDATED = re.compile(r"updat|modif|revis|edited", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d(?!\d)")


def _prefer_shown_date(article: Article, blocks: list[Block], reasons: list[str | None]) -> None:
    """An earlier date the page shows under the headline is the publication date, when the declared
    one is later (a CMS re-save or migration stamps it). When the declared published and modified
    times are the same day, the page's earlier date wins; otherwise only a date the page spells
    unambiguously does (not "03/10/2023"). WCXB dev article pages, date same-day: the same-day rule
    even ids 0.817 -> 0.823, odd 0.847 -> 0.853; any declared date, even 0.856 -> 0.868 (4 right,
    no change wrong), odd unchanged 0.880 (no page has such a date)."""
    pub = article.published
    if not pub:
        return
    start = next((i for i, r in enumerate(reasons) if r == "title"), None)
    if start is None:
        return
    for b in blocks[start : start + 11]:
        if len(b.text) <= 120 and has_visible_date(b.text):
            if _UPDATED.search(b.text) or len(_YEAR.findall(b.text)) != 1:
                return
            shown = visible_date(b.text)
            same_day = article.modified is not None and pub[:10] == article.modified[:10]
            if shown and shown < pub[:10] and (same_day or not _AMBIGUOUS_NUMERIC.search(b.text)):
                article.published = shown
            return


# Day and month both <= 12 in a numeric date: which is which depends on the site's locale.
_AMBIGUOUS_NUMERIC = re.compile(r"\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|1[0-2])[/.-]\d{2,4}\b")


def _add_removed(removed: list[Removed], text: str, reason: str) -> None:
    if removed and removed[-1].reason == reason:
        last = removed[-1]
        if len(last.text) < _REMOVED_TEXT:
            last.text = (last.text + "\n" + text)[:_REMOVED_TEXT]
        return
    removed.append(Removed(text[:_REMOVED_TEXT], reason))


def _headline_date(blocks: list[Block], title: str | None) -> list[str]:
    """A dated line just under the headline block, whatever its reason (a sticky header column
    classed "sidebar"), beats dateline-classed blocks further down (related-post cards). Only when
    no date is declared. WCXB dev article pages, date same-day: even ids 0.868 -> 0.874, odd 0.883 ->
    0.887 (3 pages right, none wrong); a span of 4 to 12 blocks scores the same, 2 finds one."""
    if not title:
        return []
    for i, b in enumerate(blocks):
        if b.kind == "heading" and similar(b.text, title) >= 0.8:
            below = blocks[i + 1 : i + 1 + _HEADLINE_DATE_SPAN]
            return [c.text for c in below if len(c.text) <= 120 and has_visible_date(c.text)][:1]
    return []


_HEADLINE_DATE_SPAN = 4


def _date_lines(blocks: list[Block], reasons: list[str | None]) -> list[str]:
    """Short blocks that spell a date, from the headline on (sidebars before it list other posts)."""
    start = next((i for i, r in enumerate(reasons) if r == "title"), 0)
    out = []
    for b in blocks[start:]:
        if len(b.text) <= 120 and has_visible_date(b.text):
            out.append(b.text)
            if len(out) >= 3:
                break
    return out


_BY_LINE = re.compile(r"^(?:(?:written|posted|reported)\s+)?by\b|^authors?\s*:|^(?-i:By(?=[A-Z][a-z]))", re.I)
_BY_AFTER_DATE = re.compile(r"(?<=\s)by\s+(?=[A-Z])", re.I)
_BY_ALONE = re.compile(r"^(?:(?:written|posted|reported)\s+)?by:?$|^authors?:?$", re.I)


def _byline_lines(blocks: list[Block], reasons: list[str | None]) -> list[str]:
    """ "By ..." lines after the headline (also "<date> by ..."), the name after a lone
    "Written by"/"Author" label, else a bare name under the headline that an author box repeats."""
    start = next((i for i, r in enumerate(reasons) if r == "title"), 0)
    out = []
    for i in range(start, min(len(blocks), start + 60)):
        text = blocks[i].text
        if _BY_ALONE.match(text) and i + 1 < len(blocks):
            out.append(blocks[i + 1].text)
        elif len(text) <= 80 and _BY_LINE.match(text):
            out.append(text)
        elif len(text) <= 80 and has_visible_date(text) and (m := _BY_AFTER_DATE.search(text)):
            out.append(text[m.start() :])
        if len(out) >= 2:
            break
    if not out and reasons and reasons[start] == "title":
        out += _name_before_date(blocks, start) or _repeated_name(blocks, start)
    return out


_PARTS = re.compile(r"\s+[|·•●–—]\s+")


def _name_before_date(blocks: list[Block], start: int) -> list[str]:
    """ "Aaron Ricadela | Senior Writer | July 2, 2025" just under the headline: a dated line whose
    first separated part is a 2-4 word capitalised name."""
    for b in blocks[start + 1 : start + 3]:
        parts = _PARTS.split(b.text)
        if len(b.text) <= 100 and len(parts) >= 2 and has_visible_date(b.text):
            name = clean_author(parts[0])
            words = parts[0].split()
            if name and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
                return [name]
    return []


def _repeated_name(blocks: list[Block], start: int) -> list[str]:
    """A 2-4 word capitalised name just under the headline that starts a later block too (the author
    box: "Julia Gralberg" ... "Julia Gralberg is a freelance travel writer"). WCXB dev article pages:
    finds 6 authors missed otherwise (0141, 0165, 0309, 0352 ...)."""
    for i in range(start + 1, min(len(blocks), start + 4)):
        text = blocks[i].text
        words = text.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or not clean_author(text):
            continue
        if any(b.text.startswith(text) for b in blocks[i + 5 : i + 400]):
            return [text]
    return []


def _fill_meta(article: Article, meta: Meta, bylines: list[str], datelines: list[str]) -> None:
    article.published = meta.published
    article.modified = meta.modified
    article.authors = list(meta.authors or meta.byline_authors or meta.site_authors)
    if not article.authors:
        for line in bylines:
            article.authors = authors_from_byline(line)
            if article.authors:
                break
    article.authors = article.authors or list(meta.group_authors)
    if article.published is None:
        for line in datelines:
            article.published = visible_date(line)
            if article.published:
                break
    article.site_name = meta.site_name
    article.canonical_url = meta.canonical_url
    article.description = meta.description
    article.language = meta.language or detect_language(article.text)


__all__ = ["extract_html"]
