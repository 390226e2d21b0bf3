"""Pick the main-content container and decide, block by block, what stays in the article.

1. Every block gets a signed weight: long, sentence-like, link-poor text counts for its length;
   link lists, short fragments and text under a negative class/id hint count against.
2. The weights are summed bottom-up over the element tree; the container is the element with
   the largest sum (a maximum-weight subtree), so an article split over several sibling
   containers is covered by their common parent when what lies between them is light.
3. Inside the container each block is kept or dropped with a reason (hints, link density,
   boilerplate phrases), see :mod:`newsmill.extract.htmlprune`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from newsmill.extract.hints import MACHINE_COPY
from newsmill.extract.htmlblocks import Block, Elem, Walk

# A page whose best container holds less than this much weight has no clear article:
# then the whole body is pruned block by block (listing/product pages in WCXB).
_MIN_CONTAINER = 200.0
# Positive class/id hints (article, content, entry ...) and <article>/<main> tags win ties.
_POSITIVE_BONUS = 1.15
_PROSE_OVERRIDE = 600
_KEEP_HINT = frozenset({"comments", "cookie_notice", "boilerplate"})
_MENU_HINTS = frozenset({"navigation", "share_widget"})
_NOT_PROSE = frozenset({"cookie_notice", "boilerplate"})
_HINTED = 0.2
# Templated repeats (a promo carousel's "Free shipping on orders $60+. For more information on
# shipping rates ..., please visit our international page" once per country): blocks whose last
# _TAIL chars recur in _REPEATS or more blocks count once as prose in _clear_wrong_hints, so a
# hinted carousel cannot outweigh the page's one real text. WCXB dev all 0.8535 -> 0.8550 (both id
# halves up), articles 0.9531 -> 0.9543; 6 pages changed, 3 of the 4 gains on one site (glossier.com),
# the 2 losses -0.003; ScrapingHub unchanged. Tails of 30 to 60 chars and 3 or 4 repeats score the
# same; counting every repeat (2 copies) cost ScrapingHub 0.9696 -> 0.9682 (one page's quoted pair).
_TAIL = 40
_REPEATS = 3
# Teaser summaries are one or two sentences; listicle entries under linked headings run longer.
_TEASER_CHARS = 250
# On non-article pages a multi-word link (a product or story title) is what the page lists: it
# counts 0.3x in favour (WCXB dev all types 0.8238 at 0, 0.8244 at +0.3).
_LISTING_LINK = 0.3


@dataclass(slots=True)
class Tree:
    """Per-element facts derived from the walk."""

    end: list[int]  # last element index of each element's subtree (pre-order, so contiguous)
    reason: list[str | None]  # nearest negative hint on the element or an ancestor
    hidden: list[bool]
    total: list[float]  # subtree sum of block weights
    dek: list[bool]  # under a standfirst-classed element ("dek", "standfirst", "subtitle" ...)


# Serialised data left in the markup ('{"layoutMobile":2,...}'): a JSON object or array.
_DATA = re.compile(r'^[\[{]\s*"[^"]{1,80}"\s*:')


def is_data(text: str) -> bool:
    return text[:1] in ("{", "[") and _DATA.match(text) is not None


def block_weight(b: Block, article: bool = True) -> float:
    """Signed content weight of one block (chars)."""
    n = len(b.text)
    if is_data(b.text):
        return -0.3 * n
    ld = b.link_chars / n if n else 1.0
    words = b.text.count(" ") + 1
    if ld > 0.5:
        return -float(n) if article or words <= 3 else _LISTING_LINK * n
    if words >= 15 and ld < 0.3:
        return n * (1.0 - ld)
    if words >= 6 and b.text[-1:] in ".!?:\"”'»)":
        return 0.5 * n
    if b.kind == "cell":
        return 0.0  # a data table's short cells are content, not fragments
    return -0.3 * n


def teasers(walk: Walk, end: list[int]) -> list[bool]:
    """Blocks that summarise another page: short prose right after a linked headline, in the same
    card (under the headline's grandparent). A paragraph of an article body that follows a related
    link list embedded in the body is not a teaser: SH nbcdfw lost 92% of its text that way."""
    blocks, elems = walk.blocks, walk.elems
    out = [False] * len(blocks)
    last_link_heading = -10
    card = -1
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            last_link_heading = i if b.link_chars * 2 > len(b.text) else -10
            p = elems[b.elem].parent
            card = elems[p].parent if p > 0 else p
        elif i - last_link_heading <= 3 and len(b.text) < _TEASER_CHARS and card <= b.elem <= end[card]:
            out[i] = True
    return out


def _prose(b: Block) -> int:
    """Chars of unmistakable prose: >= 15 words, under 20% link text."""
    n = len(b.text)
    return n if b.text.count(" ") >= 14 and b.link_chars * 5 < n else 0


def _prose_by_elem(blocks: list[Block], kept: list[bool], n: int) -> list[int]:
    """The prose chars of each element's own kept blocks; a templated repeat counts at its first
    kept copy only."""
    tails = Counter(b.text[-_TAIL:] for b in blocks if len(b.text) >= 2 * _TAIL)
    prose = [0] * n
    seen: set[str] = set()
    for b in blocks:
        if not kept[b.elem]:
            continue
        if len(b.text) >= 2 * _TAIL and tails[tail := b.text[-_TAIL:]] >= _REPEATS:
            if tail in seen:
                continue
            seen.add(tail)
        prose[b.elem] += _prose(b)
    return prose


def _clear_wrong_hints(walk: Walk, article: bool = False) -> None:
    """Drop negative hints from elements that hold most of the page's prose (CNN's ``pg-rail``
    body, a ``paywall`` class on a metered article, Substack's ``newsletter-post``): a sidebar or
    share bar never holds half the page's 15-word paragraphs. Comments, cookie texts and modals
    can, so their hints stay."""
    elems = walk.elems
    n = len(elems)
    # On article pages, text under cookie and modal hints is dropped whatever happens here, so it
    # is not the page's prose (modernfarmer.com repeats the article in a republication modal).
    # Product pages put their specs in modals: without them apple.com's footer held half the rest.
    kept = [True] * n
    for i, e in enumerate(elems):
        kept[i] = not (article and e.hint in _NOT_PROSE) and (e.parent < 0 or kept[e.parent])
    prose = _prose_by_elem(walk.blocks, kept, n)
    for i in range(n - 1, 0, -1):
        prose[elems[i].parent] += prose[i]
    limit = max(_PROSE_OVERRIDE, prose[0] // 2)
    for i, e in enumerate(elems):
        if prose[i] >= limit:
            # Anti-flicker wrappers (<div style="display:none"> until JS runs) hide whole pages.
            if e.hidden != MACHINE_COPY:
                e.hidden = 0
            if e.hint is not None and e.hint not in _KEEP_HINT:
                e.hint = None
    _clear_shared_hints(elems, prose, limit)


def _clear_shared_hints(elems: list, prose: list[int], limit: int) -> None:
    """The same for a menu or share-bar hint that several sections share: netgear.com classes every
    section of its article "skip-item" ("skip" is a skip-link token), each with a fifth of the prose.
    Menus and share bars hold no 15-word sentences; sidebars, footers and newsletter boxes can hold
    more prose than a short article (autoracing.com.br widgets, jpost.com's footer), so their hints
    stay."""
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(elems):
        h = e.hint
        if h not in _MENU_HINTS or not prose[i]:
            continue
        p = e.parent
        while p >= 0 and elems[p].hint != h:
            p = elems[p].parent
        if p < 0:  # outermost element with this hint
            groups.setdefault(h, []).append(i)
    for idx in groups.values():
        if len(idx) > 1 and sum(prose[i] for i in idx) >= limit:
            for i in idx:
                elems[i].hint = None


def _bind_fast():  # noqa: ANN202 - the configured module, or None
    """build_tree's passes in C (``_selectfast.c``), configured with this module's rule constants."""
    try:
        from newsmill.extract import _selectfast as fast
    except ImportError:
        return None
    flags: dict[str, int] = {}
    for bit, hints in (
        (1, _KEEP_HINT),
        (2, _MENU_HINTS),
        (4, _NOT_PROSE),
        (8, {"summary"}),
        (16, {"form"}),
        (32, {"reviews"}),
    ):
        for h in hints:
            flags[h] = flags.get(h, 0) | bit
    try:
        fast.configure(
            Elem,
            Block,
            flags,
            _DATA.match,
            "heading",
            "cell",
            _PROSE_OVERRIDE,
            _HINTED,
            _TEASER_CHARS,
            _LISTING_LINK,
            MACHINE_COPY,
            _TAIL,
            _REPEATS,
        )
    except (TypeError, ValueError):  # records that are not plain slotted dataclasses: Python passes
        return None
    return fast


def build_tree(walk: Walk, article: bool = False, product: bool = False) -> Tree:
    """Per-element facts of the walk (hint overrides applied to its Elem records): in C when the
    extension is built (0.66 -> 0.11 ms a page over the 1,678 benchmark pages), else :func:`build_tree_python`.
    ``product``: a product page, where customer reviews (hint "reviews") are not the content."""
    if _selectfast is None:
        return build_tree_python(walk, article, product)
    return Tree(*_selectfast.tree_pass(walk.elems, walk.blocks, article, product))


def build_tree_python(walk: Walk, article: bool = False, product: bool = False) -> Tree:
    """The reference for the C pass: the same results, equal records (tests/test_extract_selectfast.py)."""
    _clear_wrong_hints(walk, article)
    elems = walk.elems
    n = len(elems)
    reason: list[str | None] = [None] * n
    hidden = [False] * n
    dek = [False] * n
    for i, e in enumerate(elems):
        p = e.parent
        if e.hint == "summary":
            # Not a drop hint: only a standfirst above the body goes (html._drop_dek). As a plain
            # hint it cost WCXB dev listing 0.601 -> 0.590 (excerpts) and service pages (subtitles).
            e.hint = None
            e.dek = article
        dek[i] = e.dek or (dek[p] if p >= 0 else False)
        if e.hint == "form" and not article:
            # Listing and product pages wrap their items in forms (filters, add-to-cart): WCXB dev
            # listing 0.609 -> 0.586 with the hint there; article pages gain (0.9408 -> 0.9416).
            e.hint = None
        if e.hint == "reviews" and not product:
            e.hint = None
        # A positive hint (itemprop=articleBody, class=entry-content ...) resets inherited negative ones.
        reason[i] = e.hint or (reason[p] if p >= 0 and not e.strong else None)
        hidden[i] = bool(e.hidden) or (hidden[p] if p >= 0 else False)
    end = list(range(n))
    for i in range(n - 1, 0, -1):
        p = elems[i].parent
        if end[i] > end[p]:
            end[p] = end[i]
    total = [0.0] * n
    teaser = teasers(walk, end) if article else [False] * len(walk.blocks)
    for k, b in enumerate(walk.blocks):
        if hidden[b.elem]:
            continue
        if reason[b.elem] is not None:
            # Hinted boilerplate is pruned anyway; it only mildly argues against a container.
            w = -_HINTED * len(b.text)
        else:
            w = block_weight(b, article)
            if w > 0 and teaser[k]:
                w = -0.5 * w
        total[b.elem] += w
    for i in range(n - 1, 0, -1):
        total[elems[i].parent] += total[i]
    return Tree(end, reason, hidden, total, dek)


def choose_container(walk: Walk, tree: Tree, article: bool = True) -> int:
    """The element whose subtree holds the most content weight (0 = body)."""
    best, best_score = 0, float("-inf")
    for i, e in enumerate(walk.elems):
        score = tree.total[i]
        if score <= 0 or tree.hidden[i] or tree.reason[i] is not None:
            continue
        if e.positive or e.tag in ("article", "main"):
            score *= _POSITIVE_BONUS
        if score > best_score:
            best, best_score = i, score
    if best_score < _MIN_CONTAINER:
        return 0
    sentences = cache(lambda: _sentences(walk, tree))  # computed once, only if a step needs it
    best = _landing(walk, tree, best, sentences, article)
    best = _narrow(walk, tree, best, sentences)
    end = tree.end[best]
    inside = (b for b in walk.blocks if best <= b.elem <= end)
    if next(inside, None) is not None and next(inside, None) is not None:
        return best  # two or more blocks
    return _expand(walk, tree, best)


# A one-block container (a single long <p>) is the lead of a page, not the page: climb while the
# parent keeps half its weight. WCXB dev product half A 0.6464 -> 0.6471, half B 0.6109 -> 0.6211,
# SH unchanged. Expanding 3-block containers too: WCXB A 0.8425, but SH half B 0.9664 -> 0.9637.
_EXPAND = 0.5


def _expand(walk: Walk, tree: Tree, best: int) -> int:
    total = tree.total
    c = best
    while c > 0:
        p = walk.elems[c].parent
        if p <= 0 or tree.reason[p] is not None or tree.hidden[p] or total[p] < _EXPAND * total[c]:
            break
        c = p
    return c


# Landing pages (docs "get started" hubs, course and shop fronts, forum threads in cards) are
# sections of short cards: short headings and links weigh against every wrapper, so the heaviest
# element is one small section. When the best container is this light (< _LAND_MAX), climb to the
# nearest <main>/<article>/content-classed ancestor holding _LAND times its sentence text.
# WCXB dev halves A/B: all 0.844/0.829 -> 0.848/0.832, article 0.944/0.940 -> 0.945/0.942,
# documentation 0.912/0.927 -> 0.924/0.927, collection 0.564/0.622 -> 0.576/0.632, listing
# 0.638/0.595 -> 0.642/0.605, forum A 0.788 -> 0.797, service B 0.768 -> 0.776; SH unchanged.
# On half A 800 scored best (all 0.8497) but cost product half B 0.622 -> 0.612; 500 keeps product
# (that choice looked at half B).
# Article pages climb whatever the container weighs: a listicle of linked entries (classcentral.com's
# course list, movebuddha.com's movers) weighs its <article> below zero, so the heaviest element is
# one entry. WCXB dev article 0.9463 -> 0.9481 (4 pages changed, all up; limits 2,000 and none
# scored the same), other types and ScrapingHub unchanged.
_LAND = 3.0
_LAND_MAX = 500.0


def _sentences(walk: Walk, tree: Tree) -> list[int]:
    """Chars per subtree of visible, unhinted, link-poor sentences (6+ words ending in .!?)."""
    elems = walk.elems
    out = [0] * len(elems)
    for b in walk.blocks:
        n = len(b.text)
        visible = tree.reason[b.elem] is None and not tree.hidden[b.elem]
        if visible and b.link_chars * 5 < n and b.text.count(" ") >= 5 and b.text[-1:] in ".!?":
            out[b.elem] += n
    for i in range(len(elems) - 1, 0, -1):
        out[elems[i].parent] += out[i]
    return out


# A container (<main>, a page wrapper) that holds one <article> with most of its sentence text
# narrows to it: the rest is a related-posts grid, an author box or "reading time" chrome beside the
# article (theeventscalendar.com, oakywood.shop). WCXB dev, 2026-12-07: articles 0.9494 -> 0.9502
# (even ids 0.9540 -> 0.9548, odd 0.9447 -> 0.9455), all 0.8441 -> 0.8447, 26 pages changed, 2 down
# (docs footers the gold keeps); ScrapingHub 0.9683 -> 0.9687 (3 pages up). Shares 0.5 and 0.6 scored
# the same, 0.8 a little less.
_NARROW = 0.6


def _narrow(walk: Walk, tree: Tree, best: int, sentences: Callable[[], list[int]]) -> int:
    elems = walk.elems
    end = tree.end[best]
    found = -1
    i = best + 1
    while i <= end:
        if elems[i].tag == "article" and not tree.hidden[i] and tree.reason[i] is None:
            if found >= 0:
                return best  # several articles: a list of posts
            found = i
            i = tree.end[i]  # articles nested in it (comments, quoted posts) do not count
        i += 1
    if found < 0:
        return best
    sent = sentences()
    return found if sent[best] and sent[found] >= _NARROW * sent[best] else best


def _landing(
    walk: Walk, tree: Tree, best: int, sentences: Callable[[], list[int]], article: bool = False
) -> int:
    """A light container inside a <main>/<article> full of card text climbs to that ancestor; on
    article pages any container does (see _LAND_MAX)."""
    if not article and tree.total[best] >= _LAND_MAX:
        return best
    sent = sentences()
    c = walk.elems[best].parent
    while c > 0 and tree.reason[c] is None and not tree.hidden[c]:
        e = walk.elems[c]
        if (e.tag in ("main", "article") or e.positive) and sent[c] >= _LAND * max(sent[best], 1):
            return c
        c = e.parent
    return best


def local_reason(walk: Walk, elem: int, container: int) -> str | None:
    """The nearest negative hint between ``elem`` and the container (hints above it don't count)."""
    elems = walk.elems
    i = elem
    while i > container:
        e = elems[i]
        if e.hint is not None:
            return e.hint
        if e.strong:
            return None
        i = e.parent
    return None


def hidden_below(walk: Walk, elem: int, container: int) -> tuple[int, int]:
    """(how hidden ``elem`` is below the container: 0, COLLAPSED or SCREEN_READER, the strongest on
    the way up; the outermost hidden element)."""
    elems = walk.elems
    i = elem
    level = 0
    top = -1
    while i > container:
        h = elems[i].hidden
        if h:
            level = max(level, h)
            top = i
        i = elems[i].parent
    return level, top


_selectfast = _bind_fast()
