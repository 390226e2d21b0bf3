"""What an element's tag, class, id, role and itemprop say about its content.

Class/id values are split into lowercase tokens (on spaces, ``-``, ``_``, camelCase) and matched
as whole tokens, so ``comment-list`` means comments but ``commentary`` does not. The token lists
follow the cues readability and trafilatura use, re-derived as whole tokens.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[\s_\-:/.]+|(?<=[a-z])(?=[A-Z])")

# token -> reason slug; checked in this order of precedence (first reason found wins).
_NEGATIVE: dict[str, str] = {}
for _reason, _words in (
    ("cookie_notice", "cookie cookies consent gdpr onetrust cmp cookiebanner ccpa"),
    ("comments", "comment comments disqus respond replies commentlist discussion"),
    ("paywall", "paywall regwall piano meter metered subscriber tp"),
    ("newsletter", "newsletter newsletters subscribe subscription signup optin mailchimp"),
    ("share_widget", "share shares sharing sharebar social socials addthis sharethis sociallinks"),
    ("related_links", "related recommended recommendations recirc recirculation trending popular mostread outbrain"),
    ("advertisement", "ad ads advert adverts advertisement advertising sponsor sponsored promo promoted dfp "
     "taboola adslot adunit gpt"),
    ("navigation", "nav navbar navigation menu menubar breadcrumb breadcrumbs pagination pager skip skiplink "
     "topbar toolbar"),
    ("footer", "footer copyright colophon"),
    ("header", "masthead siteheader"),
    ("sidebar", "sidebar aside rail secondary"),
    ("byline", "byline author authors contributor contributors"),
    ("dateline", "dateline timestamp pubdate"),
    ("tags", "tags tagcloud categories keywords"),
    ("boilerplate", "modal popup overlay print lightbox disclaimer"),
):
    for _w in _words.split():
        _NEGATIVE.setdefault(_w, _reason)

_POSITIVE = frozenset("article articlebody content entry post body story text main blog prose richtext".split())
_HIDDEN = frozenset("hidden sr-only visually-hidden screen-reader-text visuallyhidden offscreen".split())
_TAG_REASON = {"nav": "navigation", "footer": "footer", "aside": "sidebar", "menu": "navigation"}
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
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def tokens(value: str) -> list[str]:
    return [t.lower() for t in _SPLIT.split(value) if t]


def element_hint(node, tag: str | None = None) -> tuple[str | None, bool, bool]:  # noqa: ANN001
    """(negative reason or None, positive hint, hidden) for one element."""
    tag = tag or node.tag
    attrs = node.attributes
    hidden = "hidden" in attrs or _DISPLAY_NONE.search(attrs.get("style") or "") is not None
    reason = _TAG_REASON.get(tag)
    role = attrs.get("role")
    if role:
        reason = _ROLE_REASON.get(role.lower(), reason)
    prop = (attrs.get("itemprop") or "").lower()
    positive = prop in ("articlebody", "text", "reviewbody")
    cls = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
    if cls.strip():
        toks = tokens(cls)
        if not hidden and _HIDDEN.intersection(cls.lower().split()):
            hidden = True
        if not positive and _POSITIVE.intersection(toks):
            positive = True
        if reason is None:
            for t in toks:
                r = _NEGATIVE.get(t)
                if r is not None:
                    reason = r
                    break
    if prop == "author" and reason is None:
        reason = "byline"
    return reason, positive, hidden
