"""Page metadata from JSON-LD, OpenGraph/meta tags, <time>, itemprop, bylines and the URL.

Sources are read most reliable first; each field keeps the first value that normalises.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsmill.extract.metaauthors import (
    AUTHOR_META,
    author_nodes,
    class_bylines,
    linked_authors,
    meta_authors,
    names_site,
)
from newsmill.extract.metanorm import (
    clean_author,
    dedup_authors,
    group_author,
    has_visible_date,
    iso_date,
    split_authors,
    url_date,
    visible_date,
)
from newsmill.extract.metatitle import choose_title, in_chrome, site_names

_ARTICLE_TYPES = frozenset(
    [
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "report",
        "liveblogposting",
        "socialmediaposting",
        "discussionforumposting",
        "medicalwebpage",
        "review",
        "recipe",
        "howto",
    ]
)
# Precompiled: inline re.* calls recompile whenever other libraries in the process fill re's
# 512-entry cache (measured: interleaved with trafilatura/dateparser newsmill ran 40% slower).
_LANG_SEP = re.compile(r"[-_]")
_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?")
_PRODUCT_TYPES = frozenset(["product", "productgroup", "individualproduct", "productmodel"])
_MAX_META = 2_000  # chars of one meta value read (descriptions run to ~300)
_MAX_JSONLD = 200_000  # chars; bigger blobs are product catalogues, not article metadata

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "pubdate",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "og:published_time",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "release_date",
    "date_published",
    "published_time",
    "article:published",
    "dc.date.created",
)
# Forum software that names itself in <meta name="generator">: on WCXB dev this or a JSON-LD
# DiscussionForumPosting marks 57 of the 113 forum pages and no page of another type.
_FORUM_SOFTWARE = re.compile(
    r"\b(?:invision|vbulletin|xenforo|phpbb|discourse|flarum|nodebb|mybb|simple machines|vanilla forums)\b",
    re.I,
)
_PUBLISH_KEY = re.compile(r"publish|pubdate|created|issued")
_NOT_PUBLISH_KEY = re.compile(r"modif|updat|expir|review")
_DATE_CLASSES = (
    '[class*="date" i], [class*="publish" i], [class*="publication" i], [class*="posted" i], '
    'span[class*="time" i]'
)
_UPDATED = re.compile(r"updat|modif|revis|edited", re.I)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "lastmod",
)


@dataclass(slots=True)
class Meta:
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    is_article: bool = False  # JSON-LD article type or og:type=article
    is_product: bool = False  # JSON-LD Product type or og:type=product
    is_forum: bool = False  # a discussion thread: JSON-LD DiscussionForumPosting or forum software
    byline_authors: list[str] = field(default_factory=list)  # class="author"/"byline" elements
    site_authors: list[str] = field(default_factory=list)  # the site's own name as the byline
    # Declared author values that are not a person's name ("Thrive Agency", "Community Editor",
    # an Organization): the last resort, after the visible bylines.
    group_authors: list[str] = field(default_factory=list)


# Every node the readers below look at, in one selector pass: lexbor walks the whole document once
# per css() call, and the seven separate calls cost 0.25 ms a ScrapingHub page against 0.11 for one
# (same pages, interleaved). Lexbor matches the values of type and rel ASCII case-insensitively
# (HTML's rule for those attributes) and itemprop exactly; index_nodes does the same.
_INDEX = (
    'meta, script[type="application/ld+json"], title, h1, h2, [itemprop="datePublished"], [pubdate], '
    'time[datetime], link[rel="canonical"]'
)


@dataclass(slots=True)
class Nodes:
    """The document's nodes of each group, in document order."""

    meta: list = field(default_factory=list)  # (node, attributes) of every <meta>
    jsonld: list = field(default_factory=list)  # <script type="application/ld+json">
    headings: list = field(default_factory=list)  # <title>, <h1>, <h2>
    h1: list = field(default_factory=list)
    dated: list = field(default_factory=list)  # [itemprop="datePublished"], [pubdate]
    times: list = field(default_factory=list)  # <time datetime>
    canonical: Any = None  # the first <link rel="canonical">


def index_nodes(tree) -> Nodes:  # noqa: ANN001
    """The groups as separate css() calls return them. Lexbor reports a node once per selector of
    the list it matches, one after the other: such repeats are skipped here, and a node matching
    both date selectors is listed twice in ``dated``, as the two-selector call lists it."""
    out = Nodes()
    last = None
    for node in tree.css(_INDEX):
        if node.mem_id == last:
            continue
        last = node.mem_id
        tag = node.tag
        a = node.attributes
        if tag == "meta":
            out.meta.append((node, a))
        elif tag in ("title", "h1", "h2"):
            out.headings.append(node)
            if tag == "h1":
                out.h1.append(node)
        elif tag == "script" and (a.get("type") or "").lower() == "application/ld+json":
            out.jsonld.append(node)
        elif tag == "time" and "datetime" in a:
            out.times.append(node)
        elif tag == "link" and out.canonical is None and (a.get("rel") or "").lower() == "canonical":
            out.canonical = node
        if a.get("itemprop") == "datePublished":
            out.dated.append(node)
        if "pubdate" in a:
            out.dated.append(node)
    return out


def _meta_tags(nodes: Nodes) -> dict[str, str]:
    out: dict[str, str] = {}
    for _node, a in nodes.meta:
        key = a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv")
        val = a.get("content")
        if val and len(val) > _MAX_META:
            val = val[:_MAX_META]
        if val and ("  " in val or "\n" in val or "\t" in val):
            # One space between words: the title and author regexes try every whitespace run, which
            # is quadratic in its length (an og:title with 20,000 spaces took 5.7 s).
            val = " ".join(val.split())
        if key and val and val.strip():
            k = key.strip().lower()
            if k == "citation_author" and val.count(",") == 1:  # "Roy, Aniruddha": one author
                last, first = val.split(",")
                val = f"{first.strip()} {last.strip()}"
            if k in AUTHOR_META and k in out:
                out[k] += ", " + val.strip()
            else:
                out.setdefault(k, val.strip())
    return out


def _jsonld_objects(nodes: Nodes) -> list[dict[str, Any]]:
    objs: list[dict[str, Any]] = []
    for node in nodes.jsonld:
        raw = node.text(deep=True) or ""
        if len(raw) > _MAX_JSONLD:
            continue
        raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.replace("//<![CDATA[", "").replace("//]]>", "")
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        _flatten(data, objs, 0)
    return objs


def _flatten(data: Any, out: list[dict[str, Any]], depth: int) -> None:
    if depth > 4 or len(out) > 100:
        return
    if isinstance(data, list):
        for d in data:
            _flatten(d, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(data.get(key), list | dict):
                _flatten(data[key], out, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    vals = t if isinstance(t, list) else [t]
    return {str(v).lower() for v in vals if v}


def _names(value: Any, orgs: bool = False) -> list[str]:
    """Person names from a JSON-LD author value (str, dict, list); organisations are skipped
    unless ``orgs``."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v, orgs)]
    if isinstance(value, dict):
        if not orgs and ("organization" in _types(value) or "newsmediaorganization" in _types(value)):
            return []
        name = value.get("name")
        if isinstance(name, list):
            name = " ".join(str(x) for x in name)
        if not name and value.get("givenName"):
            name = f"{value.get('givenName')} {value.get('familyName') or ''}"
        return [str(name)] if name else []
    if isinstance(value, str):
        return [value]
    return []


def _resolve_ref(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    """Yoast-style "author": {"@id": ".../#/schema/person/..."} points at a Person in @graph."""
    if isinstance(value, list):
        return [_resolve_ref(v, ids) for v in value[:10]]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return ids.get(value["@id"], value)
    return value


def _from_jsonld(objs: list[dict[str, Any]], meta: Meta) -> None:
    ids = {o["@id"]: o for o in objs if isinstance(o.get("@id"), str) and "name" in o}
    arts = [o for o in objs if _types(o) & _ARTICLE_TYPES]
    meta.is_article = bool(arts)
    meta.is_product = any(_types(o) & _PRODUCT_TYPES for o in objs)
    meta.is_forum = any("discussionforumposting" in _types(o) for o in objs)
    pages = [o for o in objs if _types(o) & {"webpage", "itempage"}]
    for obj in arts + pages:
        head = obj.get("headline") or (obj.get("name") if obj in arts else None)
        if meta.title is None and isinstance(head, str) and head.strip():
            meta.title = " ".join(head.split())
        meta.published = meta.published or iso_date(obj.get("datePublished") or obj.get("dateCreated"))
        meta.modified = meta.modified or iso_date(obj.get("dateModified"))
        if not meta.authors:
            named = _resolve_ref(obj.get("author") or obj.get("creator"), ids)
            meta.authors = dedup_authors([a for n in _names(named) for a in split_authors(n)])
            meta.group_authors = meta.group_authors or _group_names(_names(named, orgs=True))
        if meta.description is None and isinstance(obj.get("description"), str):
            meta.description = obj["description"].strip() or None
        pub = obj.get("publisher")
        if meta.site_name is None and isinstance(pub, dict) and isinstance(pub.get("name"), str):
            meta.site_name = pub["name"].strip() or None
        if meta.language is None and isinstance(obj.get("inLanguage"), str):
            meta.language = obj["inLanguage"]
    for o in objs:
        if (
            meta.site_name is None
            and _types(o) & {"website", "newsmediaorganization"}
            and isinstance(o.get("name"), str)
        ):
            meta.site_name = o["name"].strip() or None


def _group_names(values: list[str]) -> list[str]:
    return dedup_authors([g for v in values[:3] if (g := group_author(v))])


def _from_meta(tags: dict[str, str], meta: Meta) -> None:
    meta.is_forum = meta.is_forum or _FORUM_SOFTWARE.search(tags.get("generator", "")) is not None
    meta.is_article = meta.is_article or tags.get("og:type", "").lower() == "article"
    meta.is_product = meta.is_product or tags.get("og:type", "").lower().startswith("product")
    meta.site_name = meta.site_name or tags.get("og:site_name") or tags.get("application-name")
    meta.description = meta.description or tags.get("og:description") or tags.get("description")
    meta.canonical_url = meta.canonical_url or tags.get("og:url")
    for k in _PUBLISHED_META:
        if meta.published:
            break
        meta.published = iso_date(tags.get(k))
    if not meta.published:  # site-specific names: "w-published-date", "article.created"
        keys = (k for k in tags if _PUBLISH_KEY.search(k) and not _NOT_PUBLISH_KEY.search(k))
        meta.published = next((d for k in keys if (d := iso_date(tags[k]))), None)
    for k in _MODIFIED_META:
        if meta.modified:
            break
        meta.modified = iso_date(tags.get(k))
    if meta.language is None:
        meta.language = tags.get("content-language") or tags.get("og:locale")


def _from_dom(nodes: Nodes, meta: Meta) -> None:
    if meta.canonical_url is None:
        link = nodes.canonical
        if link is not None:
            meta.canonical_url = (link.attributes.get("href") or "").strip() or None
    if meta.published is None:
        meta.published = _dom_published(nodes)
    elif meta.modified and meta.published[:10] == meta.modified[:10]:
        # Declared published == modified is often a CMS stamping its last save on both; a
        # published date marked up in the page that is earlier is the real one.
        shown = _dom_published(nodes, any_time=False)
        if shown and shown[:10] < meta.published[:10]:
            meta.published = shown


def _dom_published(nodes: Nodes, any_time: bool = True) -> str | None:
    """itemprop=datePublished or a pubdate element; then (``any_time``) a <time datetime> near
    the headline, else the first <time datetime> at all."""
    for node in nodes.dated[:3]:
        found = _node_date(node)
        if found:
            return found
    if not any_time:
        return None
    near = _time_near_headline(nodes)
    if near:
        return near
    for node in nodes.times[:3]:
        found = _node_date(node)
        if found:
            return found
    return None


def _class_date(nodes: Nodes) -> str | None:
    """A short element classed as a date ("dateline", "post-date", span.time) beside the headline
    whose text spells one: pages that mark their date up for styling only. Read after the URL
    date (a "10/03/2023" under a /2023/october/03/ URL is day-first) and only near the headline
    (site-wide "today" boxes and related-post cards are further away). WCXB dev article pages,
    date same-day: even ids (rule found on) 0.850 -> 0.859, odd ids (held out) 0.877 -> 0.880."""
    for node in _near_headline(nodes, _DATE_CLASSES):
        text = " ".join(node.text(deep=True, separator=" ").split())
        if len(text) > 60 or _UPDATED.search(text):
            continue
        if has_visible_date(text):
            found = visible_date(text)
        else:  # "2022-11-23T08:10+02:00" spelled out as the whole text
            found = iso_date(text) if _WHOLE_ISO.match(text) else None
        if found:
            return found
    return None


_WHOLE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _time_near_headline(nodes: Nodes) -> str | None:
    """The first dated <time> in the smallest container (up to 4 levels up) around the headline
    <h1>: the dateline sits beside the headline, sidebars and related lists further away."""
    for t in _near_headline(nodes, "time[datetime]"):
        found = _node_date(t)
        if found:
            return found
    return None


def _near_headline(nodes: Nodes, selector: str) -> Iterator:
    """Nodes matching ``selector`` in the headline <h1>'s parent, then grandparent ... (4 levels,
    3 nodes a level)."""
    h1 = next((h for h in nodes.h1[:3] if not in_chrome(h)), None)
    node = h1
    for _ in range(4):
        node = node.parent if node is not None else None
        if node is None or node.tag in ("body", "html"):
            return
        yield from node.css(selector)[:3]


def _node_date(node) -> str | None:  # noqa: ANN001
    a = node.attributes
    return iso_date(a.get("datetime") or a.get("content")) or iso_date(node.text())


def read_metadata(tree, url: str | None) -> Meta:  # noqa: ANN001
    """Everything but the visible-text fallbacks, which need the extracted blocks."""
    meta = Meta()
    nodes = index_nodes(tree)
    _from_jsonld(_jsonld_objects(nodes), meta)
    tags = _meta_tags(nodes)
    _from_meta(tags, meta)
    _from_dom(nodes, meta)
    meta.published = meta.published or url_date(url or meta.canonical_url) or _class_date(nodes)
    # The document element, which the HTML parser always makes the <html>: css_first walks the
    # whole document to find it.
    html = tree.root if tree.root is not None and tree.root.tag == "html" else tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    meta.language = lang or meta.language
    if meta.language:
        meta.language = _LANG_SEP.split(meta.language.strip())[0].lower() or None
    sites = site_names(meta.site_name, tags, url)
    meta.title = choose_title(nodes.headings, meta.title, tags, sites)
    _resolve_authors(tree, tags, meta, sites)
    return meta


def _resolve_authors(tree, tags: dict[str, str], meta: Meta, sites: list[str]) -> None:  # noqa: ANN001
    """The first source naming a person wins; site-named bylines wait as a last resort."""
    candidates = [meta.authors, meta_authors(tags)]
    if not meta.group_authors:
        meta.group_authors = _group_names([tags[k] for k in AUTHOR_META if k in tags])
    meta.authors = []
    nodes: list = []
    for i in range(3):
        if i == 2:  # the DOM pass only when JSON-LD and meta tags name nobody
            nodes = author_nodes(tree)
            candidates.append(linked_authors(nodes))
        names = candidates[i]
        persons = [n for n in names if not names_site(n, sites)]
        if persons:
            meta.authors = persons
            return
        meta.site_authors = meta.site_authors or names
    meta.byline_authors = [n for n in class_bylines(nodes) if not names_site(n, sites)]


def authors_from_byline(text: str) -> list[str]:
    names = split_authors(text)
    return dedup_authors([n for n in names if clean_author(n.split(",")[0])])  # "Ann Lee, MD"
