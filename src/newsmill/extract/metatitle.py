"""The headline as the page shows it, chosen among <h1>/<h2> headings and declared titles
(JSON-LD headline, og:title, twitter:title, <title>), without site-name parts."""

from __future__ import annotations

import html
import re

from newsmill.extract.metanorm import (
    drop_permalink,
    similar,
    strip_site,
    title_key,
    title_parts,
    trim_title,
    word_set,
)

_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_COLON = re.compile(r"(?<=\w):\s+")
_PIPE = re.compile(r"\s+\|\s+")
# Headings inside these are menus, logos and footers, not the article's headline.
_CHROME = frozenset(["nav", "footer", "aside"])


def site_names(site_name: str | None, tags: dict[str, str], url: str | None) -> list[str]:
    """Names the site goes by: declared names, the host and its registrable domain."""
    sites = [site_name or "", tags.get("og:site_name") or "", tags.get("application-name") or ""]
    host = _SCHEME.sub("", url or "").split("/")[0].split(":")[0].lower()
    if host:  # "GAME CHANGER | Newegg.com" on promotions.newegg.com: the domain names the site too
        labels = host.split(".")
        reg = labels[-3:] if len(labels) > 2 and len(labels[-2]) <= 3 else labels[-2:]  # co.uk, com.au
        sites += [host, host.rsplit(".", 1)[0], ".".join(reg), reg[0]]
    return [s for s in sites if s.strip()]


def in_chrome(node) -> bool:  # noqa: ANN001
    depth = 0
    node = node.parent
    while node is not None and depth < 12:
        if node.tag in _CHROME:
            return True
        node = node.parent
        depth += 1
    return False


def heading_text(h) -> str:  # noqa: ANN001 - a LexborNode
    """A heading's text. Text nodes are joined with a space, except inside a word: "C<span>ycle</span>"
    is "Cycle" (a letter, then a lowercase letter, no space between), while "Edition<span>Complete"
    and "Guide<a>¶</a>" keep their space. A <br> or a block inside separates words as usual."""
    parts = h.text(deep=True, separator="\x00").split("\x00")
    if len(parts) < 2 or h.css_first("br, div, p, li") is not None:
        out = " ".join(parts)
    else:
        out = parts[0]
        for p in parts[1:]:
            glue = out[-1:].isalpha() and p[:1].islower()
            out = out + p if glue else f"{out} {p}"
    return " ".join(drop_permalink(out).split())


def _headings(nodes: list) -> tuple[str, list[str], list[str]]:
    """<title>, the first 4 <h1> and first 3 <h2> texts outside menus, from the document's title, h1
    and h2 nodes in document order (metadata.index_nodes)."""
    title, h1s, h2s = "", [], []
    n1 = n2 = 0
    for h in nodes:
        if h.tag == "title":
            title = title or " ".join(h.text().split())
            continue
        if h.tag == "h1":
            n1 += 1
            if n1 > 4:
                continue
            out = h1s
        else:
            n2 += 1
            if n2 > 3:
                continue
            out = h2s
        text = heading_text(h)
        if text and not in_chrome(h):
            out.append(text)
        if n1 >= 4 and n2 >= 3 and title:
            break
    return title, h1s, h2s


def _agrees(text: str, declared: list[str]) -> bool:
    """Mostly the same words as a declared title, or that title's start or end ("Vibe Coding" in
    "davidbau.com Vibe Coding"); a word from its middle is a menu heading ("Discord" in "How we
    pwned X, Vercel, Cursor, Discord, and hundreds of companies")."""
    key = title_key(text)
    for d in declared:
        dk = title_key(d)
        if similar(text, d) >= 0.6 or (
            key and (f"{dk} ".startswith(f"{key} ") or f" {dk}".endswith(f" {key}"))
        ):
            return True
    return False


def choose_title(headings: list, ld_title: str | None, tags: dict[str, str], sites: list[str]) -> str | None:
    """The headline, with typographic single quotes as ASCII apostrophes: WCXB dev's gold titles
    write "We've" where the page shows "We’ve" (half A article pages: 13 such titles vs 8 kept
    curly), and search/dedup keys compare better without the variants."""
    title = _pick(headings, ld_title, tags, sites)
    return trim_title(title).translate(_APOSTROPHES) if title else title


def _pick(headings: list, ld_title: str | None, tags: dict[str, str], sites: list[str]) -> str | None:
    """An <h1> that agrees with a declared title, else an <h2> that does, else a lone 3+ word
    <h1>, else the declared title without its site-name part."""
    declared = [html.unescape(t) for t in (ld_title, tags.get("og:title"), tags.get("twitter:title")) if t]
    doc_title, h1s, h2s = _headings(headings)
    if doc_title:
        declared.append(doc_title)
    h1s = [h for h in h1s if not _names_site(h, sites, declared)]
    for text in h1s:
        if _agrees(text, declared):
            return _clean_heading(text, sites)
    stripped = {title_key(strip_site(d, sites)) for d in declared}
    for text in h2s:  # blogs that style the post title as <h2>
        if len(text.split()) >= 2 and title_key(text) in stripped:
            return text
    if len(h1s) == 1 and len(h1s[0].split()) >= 3:
        return _clean_heading(h1s[0], sites)
    for cand in declared:
        stripped = strip_site(" ".join(cand.split()), sites)
        if stripped:
            return stripped
    return h1s[0] if h1s else None


def _clean_heading(text: str, sites: list[str]) -> str:
    """A heading that copies the document title ("Headline | Section | Site") keeps its one
    " | " part longer than 4 words; other site-name parts go as in declared titles."""
    parts = _PIPE.split(text)
    if len(parts) > 1:
        kept = [p for p in parts if len(p.split()) > 4]
        if len(kept) == 1:
            return kept[0]
    return strip_site(text, sites, guess=False)


def _names_site(h1: str, sites: list[str], declared: list[str]) -> bool:
    """An <h1> holding the site's name (logo headers): its words are all in a declared site name,
    or it is the short last separated part of a declared title, or the short first part that
    another declared title leaves out (og:title "Small adventures" vs <title> "Engora Data Blog:
    Small adventures"). On WCXB dev article pages such logo h1s were 16 of the 144 title misses."""
    words = word_set(h1)
    if not words:
        return True
    if any(words <= word_set(s) for s in sites):
        return True
    for d in declared:
        parts = title_parts(d)
        if len(parts) < 2:  # "Engora Data Blog: Small adventures ..."
            parts = _COLON.split(d, maxsplit=1)
        if len(parts) < 2 or h1 not in (parts[0], parts[-1]) or len(h1) >= max(len(p) for p in parts) / 1.5:
            continue
        # A short last part is the site; a short first part only when another declared title omits
        # it: "Climate Change | Economic Research Service" has its headline first.
        if h1 == parts[-1] or any(h1.lower() not in o.lower() for o in declared):
            return True
    return False
