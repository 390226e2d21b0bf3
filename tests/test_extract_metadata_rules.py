"""Title, date and author rules added for WCXB dev article pages, one small fixture per rule."""

from __future__ import annotations

from pathlib import Path

from newsmill.extract.html import extract_html
from newsmill.extract.metanorm import clean_author, iso_date, split_authors, url_date
from newsmill.model import Article, Source
from newsmill.options import Options


def _html(fixtures: Path, name: str, url: str | None = None) -> Article:
    text = (fixtures / "html" / name).read_text(encoding="utf-8")
    return extract_html(text, Source(url=url), Options(nlp=False))


def test_extract_metadata_rules_title_piped_h1_and_menu_h1(fixtures: Path) -> None:
    a = _html(fixtures, "meta_title_piped_h1.html")
    assert a.title == "Harbour wall will grow by forty metres"  # not the <nav> h1, no "| Opinion"


def test_extract_metadata_rules_title_h2_post_title_and_apostrophes(fixtures: Path) -> None:
    a = _html(fixtures, "meta_title_h2_blog.html")
    assert a.title == "Why the harbour wall won't wait"  # the <h2>, not the logo <h1>; ASCII apostrophe


def test_extract_metadata_rules_title_headline_before_site_part(fixtures: Path) -> None:
    a = _html(fixtures, "meta_title_headline_first.html")
    assert a.title == "Climate Change"  # an h1 equal to the first part is the headline, not a logo


def test_extract_metadata_rules_title_site_from_domain() -> None:
    page = "<html><head><title>GAME CHANGER | Newegg.com</title></head><body><p>" + "Words here. " * 20
    a = extract_html(
        page + "</p></body></html>", Source(url="https://promotions.newegg.com/x/1.html"), Options(nlp=False)
    )
    assert a.title == "GAME CHANGER"


def test_extract_metadata_rules_date_time_near_headline(fixtures: Path) -> None:
    a = _html(fixtures, "meta_dates_near_headline.html")
    assert a.published is not None and a.published.startswith("2017-03-01")  # not the sidebar's dates


def test_extract_metadata_rules_date_spelled_in_jsonld(fixtures: Path) -> None:
    a = _html(fixtures, "meta_dates_textual.html")
    assert a.published == "2022-02-08"
    assert iso_date("8th February 2022") == "2022-02-08"
    assert iso_date("Sunday 14 Smarch 2022") is None


def test_extract_metadata_rules_date_pubdate_beats_cms_stamp(fixtures: Path) -> None:
    a = _html(fixtures, "meta_dates_pubdate.html")
    assert a.published == "2025-08-13"  # declared published == modified: a save stamp


def test_extract_metadata_rules_date_site_specific_meta(fixtures: Path) -> None:
    a = _html(fixtures, "meta_dates_site_meta.html")
    assert a.published == "2025-05-27T06:03:43Z"  # "w-published-date", not the "updated" one


def test_extract_metadata_rules_date_month_name_url() -> None:
    assert url_date("https://x.example/blog/2023/october/03/how-many-wines") == "2023-10-03"
    assert url_date("https://x.example/blog/2023/octopus/03/") is None


def test_extract_metadata_rules_authors_links_not_site_name(fixtures: Path) -> None:
    a = _html(fixtures, "meta_authors_links.html")
    # the JSON-LD "Person" is the site; co-author links share one element; menu and reviewer links left out
    assert a.authors == ["Jane Doe", "John Roe"]


def test_extract_metadata_rules_authors_byline_class(fixtures: Path) -> None:
    a = _html(fixtures, "meta_authors_class.html")
    assert a.authors == ["Luke Kim"]


def test_extract_metadata_rules_authors_twitter_label(fixtures: Path) -> None:
    a = _html(fixtures, "meta_authors_labels.html")
    assert a.authors == ["Chase Bernath"]


def test_extract_metadata_rules_authors_site_named_last_resort(fixtures: Path) -> None:
    a = _html(fixtures, "meta_authors_site_named.html", url="https://onetreeplanted.org/blogs/x")
    assert a.authors == ["One Tree Planted"]  # nothing else names a person: keep the group byline


def test_extract_metadata_rules_author_normalisation() -> None:
    assert split_authors("Jillian Kubala, MS, RD and Ann Lee") == ["Jillian Kubala, MS, RD", "Ann Lee"]
    assert split_authors("Michael Greger, M.D. FACLM") == ["Michael Greger, M.D. FACLM"]
    assert split_authors("By JOHN SMITH, AP") == ["John Smith"]  # a news agency is not a credential
    assert clean_author("Extension horticulture educators") is None
    assert clean_author("The Currency editors") == "The Currency editors"
    assert clean_author("EcoCult Staff") == "EcoCult Staff" and clean_author("News Desk") == "News Desk"
    assert clean_author("Staff") is None  # a group byline names the group
    page = (
        '<html><head><meta name="citation_author" content="Roy, Aniruddha">'
        '<meta name="citation_author" content="Patel, Jyoti"></head><body><p>' + "Words here. " * 20
    )
    a = extract_html(page + "</p></body></html>", Source(url=None), Options(nlp=False))
    assert a.authors == ["Aniruddha Roy", "Jyoti Patel"]


def test_extract_metadata_rules_authors_visible_byline_forms() -> None:
    body = "<p>The council voted on Tuesday to extend the harbour wall by forty metres this winter.</p>" * 4
    joined = f"<html><body><article><h1>Harbour wall will grow</h1><div><span>By</span><span>Daryl Austin</span></div>{body}"
    a = extract_html(joined + "</article></body></html>", Source(url=None), Options(nlp=False))
    assert a.authors == ["Daryl Austin"]  # "ByDaryl Austin": spans joined without a space
    dated = f"<html><body><article><h1>Harbour wall will grow</h1><p>Aaron Ricadela | Senior Writer | July 2, 2025</p>{body}"
    a = extract_html(dated + "</article></body></html>", Source(url=None), Options(nlp=False))
    assert a.authors == ["Aaron Ricadela"]
    assert split_authors("by Meaghan Weeden ● December 23, 2025 ● 6 min read") == ["Meaghan Weeden"]
    assert split_authors("Byron Smith") == ["Byron Smith"]


def test_extract_metadata_rules_authors_credentials_and_reviewer(fixtures: Path) -> None:
    a = _html(fixtures, "meta_authors_credentials.html")
    assert a.authors == ["Ann Lee, DVM"]  # credentials kept, the "Reviewed by" link left out
    assert split_authors(
        "Authors: Julie Weisenhorn and Natalie Hoidal, Extension horticulture educators"
    ) == [
        "Julie Weisenhorn",
        "Natalie Hoidal",
    ]
    assert split_authors("Mahua Das in Project Management") == ["Mahua Das"]


def test_extract_metadata_rules_authors_declared_group_last_resort(fixtures: Path) -> None:
    a = _html(fixtures, "meta_authors_group.html")
    assert a.authors == ["Harbour Design Agency"]  # the declared author, though no person's name
    page = '<html><head><meta name="author" content="admin"></head><body><p>' + "Words here. " * 20
    a = extract_html(page + "</p></body></html>", Source(url=None), Options(nlp=False))
    assert a.authors == []  # a CMS placeholder account names nobody


def test_extract_metadata_rules_authors_jsonld_id_references(fixtures: Path) -> None:
    a = _html(fixtures, "meta_jsonld_graph_ref.html")
    assert a.authors == ["Jane Doe", "John Roe"]  # "author": [{"@id": ...}] resolved in @graph


def test_extract_metadata_rules_authors_teaser_cards_left_out() -> None:
    card = '<article><h3>Older story</h3><span itemprop="author">{}</span></article>'
    page = (
        '<html><body><main><article><h1>Harbour wall will grow</h1><span itemprop="author">Jane Doe</span>'
        + "<p>The council voted on Tuesday to extend the harbour wall by forty metres.</p>" * 4
        + "</article><div>"
        + card.format("Mark Roe")
        + card.format("Sam Poe")
        + "</div></main></body></html>"
    )
    a = extract_html(page, Source(url=None), Options(nlp=False))
    assert a.authors == ["Jane Doe"]  # authors of the <article> cards below are theirs, not this story's


def test_extract_metadata_rules_authors_visible_byline_credentials() -> None:
    body = "<p>The council voted on Tuesday to extend the harbour wall by forty metres this winter.</p>" * 4
    page = f"<html><body><article><h1>Harbour wall will grow</h1><p>Written By Ann Lee, MD*</p>{body}"
    a = extract_html(page + "</article></body></html>", Source(url=None), Options(nlp=False))
    assert a.authors == ["Ann Lee, MD"]  # credentials kept, footnote mark dropped


def test_extract_metadata_rules_date_from_classed_element_beside_headline() -> None:
    head = "<html><head><title>Harbour wall</title></head><body>"
    side = '<div class="block-date">Friday, December 19, 2025</div>'  # a site-wide "today" box
    art = '<article><header><h1>Harbour wall will grow</h1><span class="time">3/4/2025</span></header>'
    page = (
        head
        + side
        + art
        + "<p>"
        + "Words about the harbour wall here. " * 20
        + "</p></article></body></html>"
    )
    a = extract_html(page, Source(url="https://example.org/harbour-wall"), Options(nlp=False))
    assert a.published == "2025-03-04"


def test_extract_metadata_rules_title_menu_word_inside_declared_title() -> None:
    head = (
        "<html><head><meta property='og:title' content='How we pwned X, Vercel, Cursor, Discord, and more'>"
    )
    body = (
        "</head><body><h1>user / writeup.md</h1><h1>Discord</h1><p>"
        + "Words here. " * 30
        + "</p></body></html>"
    )
    a = extract_html(head + body, Source(url="https://gist.example.com/u/1"), Options(nlp=False))
    assert a.title == "How we pwned X, Vercel, Cursor, Discord, and more"  # not the "Discord" menu heading


def test_metatitle_heading_text_joins_inside_words_only() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from newsmill.extract.metatitle import heading_text

    def h1(inner: str) -> str:
        return heading_text(LexborHTMLParser(f"<h1>{inner}</h1>").css_first("h1"))

    assert h1("Planning C<span>ycle</span> From Two Weeks") == "Planning Cycle From Two Weeks"
    assert h1("Black Edition<span>Complete meal</span>") == "Black Edition Complete meal"
    assert h1('Quickstart<a href="#q">¶</a>') == "Quickstart"  # the permalink sign goes
    assert h1("Pilcrow<b>¶</b> notes") == "Pilcrow ¶ notes"  # a separate word: its space stays
    assert h1("First line<br>second line") == "First line second line"


def _dated_page(shown: str, published: str, modified: str) -> Article:
    ld = f'{{"@type": "NewsArticle", "datePublished": "{published}", "dateModified": "{modified}"}}'
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script><title>Dune walk</title></head>'
        f"<body><article><h1>The dune walk reopens</h1><p>{shown}</p>"
        + "<p>"
        + "Words about the dune walk and its new boardwalk here. " * 20
        + "</p></article></body></html>"
    )
    return extract_html(page, Source(url="https://example.org/dune-walk"), Options(nlp=False))


def test_extract_metadata_rules_date_earlier_shown_date_beats_resaved_declared() -> None:
    # A migrated page: declared 2024, the page shows its 2019 publication under the headline.
    assert _dated_page("March 4, 2019", "2024-06-01", "2024-07-01").published == "2019-03-04"
    # A later shown date, or an "Updated" one, leaves the declared date alone.
    assert _dated_page("July 9, 2024", "2024-06-01", "2024-07-01").published == "2024-06-01"
    assert _dated_page("Updated March 4, 2019", "2024-06-01", "2024-07-01").published == "2024-06-01"
    # Day and month both <= 12: the locale decides, so only the same-day case takes it.
    assert _dated_page("03/04/2019", "2024-06-01", "2024-07-01").published == "2024-06-01"
    assert _dated_page("03/04/2019", "2024-06-01", "2024-06-01").published == "2019-03-04"
    assert _dated_page("25/04/2019", "2024-06-01", "2024-07-01").published == "2019-04-25"
    # Two dates run together (WordPress prints updated and published side by side): not one date.
    assert _dated_page("May 21, 2019April 24, 2019", "2024-06-01", "2024-07-01").published == "2024-06-01"


def test_extract_metadata_rules_date_iso_text_in_publication_time_class() -> None:
    # CSS-module class names ("Author_publicationTime__F2lab") and a machine date as visible text.
    page = (
        "<html><head><title>Heat map</title></head><body><article><div><h1>Hotspots of heat</h1>"
        '<p class="LongFormArticle_ingress__xNsdD">Five places, five answers to the heat.</p>'
        '<div class="Author_wrapper__TpbI2"><div class="Author_content__HsyZN"><p>Nick van Mead</p>'
        '<p><span class="Author_publicationTime__F2lab">2022-11-23T08:10+02:00 </span></p></div></div>'
        "</div><p>" + "Words about the heat and the places it hits hardest. " * 20 + "</p>"
        "</article></body></html>"
    )
    a = extract_html(page, Source(url="https://example.org/hotspots"), Options(nlp=False))
    assert a.published == "2022-11-23T08:10:00+02:00"


def test_extract_metadata_rules_date_under_headline_beats_dated_cards() -> None:
    # The headline and its date sit in a sticky column classed "sidebar"; the related-post cards
    # below carry dateline-classed dates of other posts (WCXB cherryservers.com).
    card = '<div class="card"><a href="/p{0}">Another post {0}</a><div class="post-date">Published on Mar {0}, 2026</div></div>'
    page = (
        "<html><head><title>Private clouds compared</title></head><body>"
        '<div class="sidebar"><h1>Private clouds compared</h1><p>Emmanuel Oyibo</p>'
        "<p>Published on Oct 21, 2025 Updated on Mar 9, 2026</p></div>"
        "<article><p>" + "Words about private clouds and the firms that run them. " * 25 + "</p></article>"
        '<section class="more-posts">' + "".join(card.format(n) for n in (11, 12, 13)) + "</section>"
        "</body></html>"
    )
    a = extract_html(page, Source(url="https://example.org/private-clouds"), Options(nlp=False))
    assert a.published == "2025-10-21"


def test_extract_metadata_rules_title_and_headings_without_sphinx_permalinks() -> None:
    page = (
        "<html><head><title>itertools — Functions creating iterators — Python docs</title></head><body>"
        '<div class="body"><h1>itertools — Functions creating iterators<a class="headerlink" href="#m">¶</a></h1>'
        "<p>" + "This module implements a number of iterator building blocks for loops. " * 8 + "</p>"
        '<h2>Recipes<a class="headerlink" href="#r">¶</a></h2>'
        "<p>" + "This section shows recipes for creating an extended toolset from the tools. " * 8 + "</p>"
        "</div></body></html>"
    )
    a = extract_html(page, Source(url="https://docs.example.org/itertools.html"), Options(nlp=False))
    assert a.title == "itertools — Functions creating iterators"
    assert [p.text for p in a.paragraphs if p.kind == "heading"] == ["Recipes"]
