"""Metadata from JSON-LD (@graph, lists), OpenGraph/meta, <time>, rel=author, visible bylines, URLs."""

from __future__ import annotations

from pathlib import Path

from newsmill.extract.html import extract_html
from newsmill.extract.metanorm import clean_author, iso_date, split_authors, strip_site, url_date
from newsmill.model import Article, Source
from newsmill.options import Options


def _html(fixtures: Path, name: str, url: str | None = None) -> Article:
    text = (fixtures / "html" / name).read_text(encoding="utf-8")
    return extract_html(text, Source(url=url), Options(nlp=False))


def test_extract_metadata_jsonld_graph(fixtures: Path) -> None:
    a = _html(fixtures, "article_full.html")
    assert a.title == "River towns brace for record floods"
    assert a.published == "2024-03-05T08:30:00+00:00"
    assert a.modified == "2024-03-05T12:00:00Z"
    assert a.authors == ["Maria Lopez", "Tom Becker"]  # the Organization author is not a person
    assert a.site_name == "The Valley Courier"
    assert a.canonical_url == "https://courier.example/news/2024/03/05/river-floods"
    assert a.description == "Towns along the river prepare sandbags as rain continues."
    assert a.language == "en"  # from <html lang="en-GB">


def test_extract_metadata_jsonld_list_and_author_prefix(fixtures: Path) -> None:
    a = _html(fixtures, "meta_jsonld_list.html")
    assert a.published == "2020-08-02"
    assert a.authors == ["Sam O'Neil"]
    assert a.site_name == "Harbour Daily"


def test_extract_metadata_opengraph_and_meta(fixtures: Path) -> None:
    a = _html(fixtures, "meta_opengraph.html")
    assert a.title == "Bakery wins national bread prize"  # " - Northside Gazette" stripped
    assert a.published == "2023-11-20T09:15:00+01:00"
    assert a.modified == "2023-11-21T10:00:00+01:00"
    assert a.authors == ["Anna Schmidt"]  # "BY ANNA SCHMIDT" normalised
    assert a.canonical_url == "https://gazette.example/food/bakery-wins"


def test_extract_metadata_time_element_and_rel_author(fixtures: Path) -> None:
    a = _html(fixtures, "meta_time_byline.html")
    assert a.published == "2022-06-14"
    assert a.authors == ["Claire Martin"]
    assert a.language == "fr"


def test_extract_metadata_visible_byline_and_date(fixtures: Path) -> None:
    a = _html(fixtures, "meta_visible.html")
    assert a.authors == ["Jane Doe", "John Smith"]
    assert a.published == "2021-01-09"
    assert "By Jane Doe" not in a.text
    assert a.language == "en"  # detected from the text: no lang attribute


def test_extract_metadata_url_date() -> None:
    html = "<html><body><p>" + "Plain words without any date in them at all here. " * 5 + "</p></body></html>"
    a = extract_html(html, Source(url="https://x.example/news/2019/11/18/story.html"), Options(nlp=False))
    assert a.published == "2019-11-18"
    assert url_date("https://x.example/20210304/a") == "2021-03-04"
    assert url_date("https://x.example/2021/13/40/a") is None


def test_extract_metadata_normalisers() -> None:
    assert iso_date("2024-03-05T08:30:00+0100") == "2024-03-05T08:30:00+01:00"
    assert iso_date("not a date") is None
    assert split_authors("By Jane Doe, John Smith and Ann Lee") == ["Jane Doe", "John Smith", "Ann Lee"]
    assert clean_author("Reuters") is None
    assert clean_author("https://example.com/author/x") is None
    assert clean_author("Jane Doe - Staff Writer") == "Jane Doe"
    assert clean_author("The Upwork Team") == "The Upwork Team"  # a group byline is what the page credits
    assert clean_author("Dec") is None and clean_author("FAND") is None  # dates and credentials
    assert strip_site("Floods hit town | The Courier", ["The Courier"]) == "Floods hit town"
    assert strip_site("Budget: what it means for you", []) == "Budget: what it means for you"


def test_extract_metadata_title_skips_logo_h1() -> None:
    page = (
        "<html><head><title>Small adventures with language models | Engora Blog</title></head><body>"
        "<header><h1>Engora Blog</h1></header><article><h1>Small adventures with language models</h1>"
        + "<p>Small models run on laptops and answer most everyday questions well enough.</p>" * 5
        + "</article></body></html>"
    )
    a = extract_html(page, Source(url=None), Options(nlp=False))
    assert a.title == "Small adventures with language models"  # not the logo <h1> with the site name


def test_extract_metadata_byline_after_date_and_author_box() -> None:
    body = "<p>Small models run on laptops and answer most everyday questions well enough.</p>" * 5
    dated = (
        "<html><body><article><h1>Ten tutoring franchises compared</h1>"
        f"<p>September 1st, 2023 By Emily Norwood</p>{body}</article></body></html>"
    )
    assert extract_html(dated, Source(url=None), Options(nlp=False)).authors == ["Emily Norwood"]
    boxed = (
        "<html><body><article><h1>The best hotel life hacks</h1><div>Julia Gralberg</div>"
        f"{body}<p>Julia Gralberg is a freelance travel writer and editor.</p></article></body></html>"
    )
    assert extract_html(boxed, Source(url=None), Options(nlp=False)).authors == ["Julia Gralberg"]


def test_extract_metadata_shown_date_beats_cms_save_stamp() -> None:
    body = "<p>Small models run on laptops and answer most everyday questions well enough.</p>" * 5
    page = (
        '<html><head><meta property="article:published_time" content="2025-11-20T16:02:46Z">'
        '<meta property="article:modified_time" content="2025-11-20T16:02:46Z"></head><body><article>'
        f"<h1>Mastering short-form video production</h1><p>May 14, 2025</p>{body}</article></body></html>"
    )
    assert extract_html(page, Source(url=None), Options(nlp=False)).published == "2025-05-14"


def test_extract_metadata_index_nodes_equals_one_selector_per_group() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from newsmill.extract.metadata import index_nodes

    page = (
        '<html><head><title>T</title><meta name="a" content="1"><meta itemprop="datePublished" content="2020">'
        '<script type="Application/LD+JSON">{}</script><script type="application/ld+json">[]</script>'
        '<script type="text/javascript">x</script><link rel="Canonical" href="/a"><link rel="canonical" href="/b">'
        '<link rel="stylesheet" href="/c"></head><body><h1>One</h1><h2>Two</h2><p itemprop="datepublished">no</p>'
        '<span itemprop="datePublished" pubdate>2021</span><p pubdate>2022</p><time datetime="2023">t</time><time>u</time>'
        "<h1 pubdate>Three</h1></body></html>"
    )
    tree = LexborHTMLParser(page)
    nodes = index_nodes(tree)

    def html(found: list) -> list[str]:
        return [n.html for n in found]

    assert html([n for n, _ in nodes.meta]) == html(tree.css("meta"))
    assert (
        html(nodes.jsonld) == html(tree.css('script[type="application/ld+json"]')) and len(nodes.jsonld) == 2
    )
    assert html(nodes.headings) == html(tree.css("title, h1, h2"))
    assert html(nodes.h1) == html(tree.css("h1"))
    assert (
        html(nodes.dated) == html(tree.css('[itemprop="datePublished"], [pubdate]')) and len(nodes.dated) == 5
    )
    assert html(nodes.times) == html(tree.css("time[datetime]"))
    assert nodes.canonical.html == tree.css_first('link[rel="canonical"]').html
