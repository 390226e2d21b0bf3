"""What an element's tag, class, id, role and itemprop say about its content.

Class/id values are split into lowercase tokens (on spaces, ``-``, ``_``, camelCase) and matched
as whole tokens, so ``comment-list`` means comments but ``commentary`` does not. The token lists
follow the cues readability and trafilatura use, re-derived as whole tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_SPLIT = re.compile(r"[\s_\-:/.]+|(?<=[a-z])(?=[A-Z])")

# token -> reason slug; checked in this order of precedence (first reason found wins).
# Not "ad" (a prefix in content class names; ad slots hold scripts, and their "Advertisement" label
# is a phrase rule) and not "discussion" (forum threads are the content): measured 2026-12-07 on
# WCXB dev, all 0.8460 -> 0.8467 -> 0.8477, both id halves up each time, 14 pages changed, the
# largest loss -0.004; ScrapingHub 0.9688 unchanged.
_NEGATIVE: dict[str, str] = {}
for _reason, _words in (
    ("cookie_notice", "cookie cookies consent gdpr onetrust cookiebanner ccpa"),
    ("comments", "comment comments disqus respond replies commentlist"),
    ("paywall", "paywall regwall piano meter metered subscriber tp"),
    ("newsletter", "newsletter newsletters subscribe subscription signup optin mailchimp"),
    ("share_widget", "share shares sharing sharebar social socials addthis sharethis sociallinks"),
    # "recent" (recent-articles grids, "recent-posts" widgets), 2026-12-08: WCXB all 0.8518 ->
    # 0.8519, articles 0.9522 -> 0.9524 (both id halves up or level), 7 pages changed, one service
    # page -0.033.
    (
        "related_links",
        "related recommended recommendations recirc recirculation trending popular mostread outbrain recent",
    ),
    (
        "advertisement",
        "ads advert adverts advertisement advertising sponsor sponsored promo promoted dfp "
        "taboola adslot adunit gpt",
    ),
    (
        "navigation",
        "nav navbar navigation menu menubar breadcrumb breadcrumbs pagination pager skip skiplink "
        "topbar toolbar offcanvas",
    ),
    ("footer", "footer copyright colophon"),
    ("header", "masthead siteheader"),
    ("sidebar", "sidebar aside rail secondary"),
    ("byline", "byline author authors contributor contributors"),
    ("dateline", "dateline timestamp pubdate"),
    ("summary", "dek standfirst subtitle subheadline subhead strapline excerpt"),
    ("tags", "tags tagcloud categories keywords"),
    # "rating" (star widgets), "login", "feedback" ("Was this page helpful?"), with "offcanvas"
    # above, 2026-12-08 one sweep of ~30 candidate tokens, each kept only if both WCXB id halves
    # rose and SH held: WCXB all 0.8526 -> 0.8535, product 0.6692 -> 0.6711, collection 0.6066 ->
    # 0.6135, articles 0.9530 -> 0.9531, SH unchanged. Dropped from the sweep: "alert"
    # (documentation callouts), "bio" as a byline (its bios fed the author reader: authors F1
    # 0.859 -> 0.858), "sticky", "loading", "drawer", "cta", "latest", "carousel", "more".
    ("boilerplate", "modal popup overlay lightbox rating login feedback"),
    # Legal and affiliate disclaimers ("FTC: We use income earning auto affiliate links"). WCXB's
    # truth leaves them out, ScrapingHub's keeps a one-line one on 3 pages: 2026-12-08 WCXB all
    # 0.8519 -> 0.8526, articles 0.9524 -> 0.9530, product 0.6658 -> 0.6692 (both id halves up;
    # 30 pages changed, the largest loss -0.082), SH 0.9697 -> 0.9696.
    ("disclaimer", "disclaimer disclaimers"),
):
    for _w in _words.split():
        _NEGATIVE.setdefault(_w, _reason)

# Tokens that name a reason only when nothing else does (no other token, tag or role): customer
# reviews. Their "reviews" hint counts on product pages alone (htmlselect.build_tree clears it
# elsewhere): a product page's main content is its description, but review articles and forum
# threads classed "review" are content. WCXB dev product pages 0.6444 -> 0.6655 (both id halves
# up; 27 pages up, 5 down: two pages whose truth keeps the reviews), every other type unchanged.
_LATE: dict[str, str] = {"review": "reviews", "reviews": "reviews"}

# Sidebar tokens only as an id (WordPress themes' <div id="secondary">): as a class "secondary" is a
# colour or button style ("tw-border-stroke-secondary", "btn-secondary"). WCXB dev all 0.8447 ->
# 0.8460 (both id halves up), articles 0.9502 -> 0.9507, ScrapingHub 0.9687 -> 0.9688.
_ID_ONLY = frozenset(["secondary"])
_POSITIVE = frozenset(
    [
        "article",
        "articlebody",
        "content",
        "entry",
        "post",
        "body",
        "story",
        "text",
        "main",
        "blog",
        "prose",
        "richtext",
    ]
)
# Whole class names (after removing - and _) that name the article body itself.
_STRONG = re.compile(
    "articlebody|articlecontent|entrycontent|postcontent|storybody|storycontent|postbody|articletext|"
    "entrybody|storytext|blogpost|postentry"
)
# Photo captions and credits outside <figcaption> ("wp-caption-text", "image-credit").
# Not "credit": WordPress puts "category-deductions-and-credits" on article bodies.
_CAPTION = frozenset(["caption", "captions", "figcaption", "imagecaption", "photocredit"])
_HIDDEN = frozenset(
    ["hidden", "sr-only", "visually-hidden", "screen-reader-text", "visuallyhidden", "offscreen"]
)
# <form>: quote/search/signup forms. ASP.NET pages wrap everything in one <form>; that hint is
# cleared by htmlselect._clear_wrong_hints (it holds most of the page's prose).
_TAG_REASON = {
    "nav": "navigation",
    "footer": "footer",
    "aside": "sidebar",
    "menu": "navigation",
    "form": "form",
}
_ROLE_REASON = {
    "navigation": "navigation",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "menu": "navigation",
    "menubar": "navigation",
    "dialog": "boilerplate",
    "alertdialog": "boilerplate",
}
# Tailwind/Bootstrap "hidden md:flex", "d-none d-lg-block": hidden only on small screens.
_SHOWN = re.compile(
    r":(?:block|flex|grid|inline|table|contents)|\bd-(?:sm|md|lg|xl)-(?:block|flex|grid|inline)"
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def tokens(value: str) -> list[str]:
    return [t.lower() for t in _SPLIT.split(value) if t]


def element_hint(node, tag: str) -> tuple[str | None, bool, bool, int, bool]:  # noqa: ANN001
    """(negative reason or None, positive, strong positive, hidden, caption) for one element.
    ``hidden``: 0 shown, COLLAPSED (inline display:none or the ``hidden`` attribute: closed tabs and
    accordions), SCREEN_READER (classes "sr-only", "hidden", "d-none": text for machines), MACHINE_COPY."""
    attrs = node.attributes
    if not attrs or tag in ("body", "html"):
        # WordPress body classes ("comments-open", "has-sidebar") describe the page, not a block.
        return _TAG_REASON.get(tag), False, False, 0, tag == "figure" and _plain_figure(node)
    hint = _classify(
        tag,
        attrs.get("class") or "",
        attrs.get("id") or "",
        (attrs.get("role") or "").lower(),
        (attrs.get("itemprop") or "").lower(),
        _hidden_attr(attrs),
    )
    if tag == "figure" and hint[4] and not _plain_figure(node):
        return hint[0], hint[1], hint[2], hint[3], False
    return hint


def _plain_figure(node) -> bool:  # noqa: ANN001
    """A <figure> that wraps a table or a quote holds content, not a photo (WordPress "wp-block-table")."""
    return node.css_first("table, blockquote") is None


COLLAPSED = 1
SCREEN_READER = 2
# The `hidden` attribute with aria-hidden="true": shown to nobody, not even screen readers. Unlike the
# other levels it survives htmlselect._clear_wrong_hints (a hidden copy can hold half the page's prose).
MACHINE_COPY = 3


def _hidden_attr(attrs: dict) -> int:
    if "hidden" in attrs:
        # React streaming SSR parks the real content in <div hidden id="S:0"> until JS moves it.
        if (attrs.get("id") or "").startswith("S:"):
            return 0
        # Hidden from screens and from assistive technology too: a copy for machines (Astro's
        # <pre hidden aria-hidden="true" class="rawMarkdown"> repeats the whole post as Markdown).
        # Inactive ARIA tab panels are marked the same way and are content (Microsoft Learn).
        if attrs.get("aria-hidden") == "true" and attrs.get("role") != "tabpanel":
            return MACHINE_COPY
        return COLLAPSED
    style = attrs.get("style")
    # Substring test first: most styles never mention none/hidden (the regex is case-sensitive too).
    if style and ("none" in style or "hidden" in style) and _DISPLAY_NONE.search(style) is not None:
        return COLLAPSED
    return 0


def _classify_py(
    tag: str, cls: str, ident: str, role: str, prop: str, hidden: int
) -> tuple[str | None, bool, bool, int, bool]:
    """The hint of one element from its attributes (the reference; _htmlfast.classify_hint is the
    same computation in C, ~5x faster on the ~90 distinct class/id strings of a page)."""
    # Class/id names are more specific than the tag (<aside class="related"> is related_links).
    fallback = _ROLE_REASON.get(role, _TAG_REASON.get(tag)) if role else _TAG_REASON.get(tag)
    reason = None
    strong = prop in ("articlebody", "text", "reviewbody")
    positive = strong
    words = f"{cls} {ident}".lower().split()
    toks: list[str] = []
    if words:
        if _HIDDEN.intersection(words) and not _SHOWN.search(cls):
            hidden = SCREEN_READER
        if not strong and _STRONG.search(" ".join(words).replace("-", "").replace("_", "")):
            strong = positive = True
        toks = tokens(cls)
        ncls = len(toks)
        toks += tokens(ident)
        if not positive and _POSITIVE.intersection(toks):
            positive = True
        if reason is None and not (positive and tag in ("article", "main")):
            for k, t in enumerate(toks):
                if k < ncls and t in _ID_ONLY:
                    continue
                r = _NEGATIVE.get(t)
                if r is not None:
                    reason = r
                    break
    if strong and reason not in (None, "comments"):
        # "article__body article-overlay-handle": a class naming the article body outweighs the
        # other tokens of the same element (SH billboard lost 76% of its text to "overlay").
        reason = None
    if reason is None and tag in ("article", "main") and "comment" in toks:
        reason = "comments"
    reason = reason or fallback
    if prop == "author" and reason is None:
        reason = "byline"
    if reason is None and not strong:
        reason = next((_LATE[t] for t in toks if t in _LATE), None)
    caption = tag == "figure" or not _CAPTION.isdisjoint(toks)
    return reason, positive, strong, hidden, caption


def _fast_classify():  # noqa: ANN202 - the C function or None
    try:
        from newsmill.extract import _htmlfast
    except ImportError:
        return None
    literals = _STRONG.pattern.split("|")
    assert all(w.isascii() and w.isalpha() for w in literals), "_STRONG must stay a list of literals"
    _htmlfast.configure_hints(
        _ROLE_REASON,
        _TAG_REASON,
        _HIDDEN,
        _SHOWN.search,
        tuple(w.encode() for w in literals),
        _POSITIVE,
        _NEGATIVE,
        _CAPTION,
        _ID_ONLY,
        _LATE,
    )
    return _htmlfast.classify_hint


# An id that slugs a heading's words ("respond-to-review-comments", "reviewer-s-statement-of-oversight":
# Sphinx sections, heading anchors) names a passage of the text, not a page component: its words are
# no hint. Component ids are mostly 1-3 words ("comments", "related-posts", "sidebar-left-wrapper"),
# hold hashes ("filter-menu-tabs-c0d9c555cb-item"), or are Drupal's "block-<name>" ids. 4+ words:
# WCXB dev all 0.8550 -> 0.8558 (even ids 0.8566 -> 0.8570, odd 0.8534 -> 0.8547, of which +0.0013
# is one lucky collection page, 4207), articles 0.9543 -> 0.9546, 25 pages changed, the largest loss
# -0.024; ScrapingHub unchanged. 3+ words scored 0.8563 but freed component ids ("map-search-results").
_ANCHOR_SLUG = re.compile(r"(?:[a-z]+|\d{1,4})(?:-(?:[a-z]+|\d{1,4})){3,}")


_Hint = tuple[str | None, bool, bool, int, bool]


def _anchor_free(classify: Callable[[str, str, str, str, str, int], _Hint]) -> Callable[..., _Hint]:
    """``classify`` (the C or the Python classifier) with heading-anchor ids read as no id."""

    def hint(tag: str, cls: str, ident: str, role: str, prop: str, hidden: int) -> _Hint:
        if ident and _ANCHOR_SLUG.fullmatch(ident) and not ident.startswith("block-"):
            ident = ""
        return classify(tag, cls, ident, role, prop, hidden)

    return hint


# Hit rate on the benchmark pages ~65% (class names repeat within a page and across a site's pages).
_classify = lru_cache(maxsize=8192)(_anchor_free(_fast_classify() or _classify_py))
