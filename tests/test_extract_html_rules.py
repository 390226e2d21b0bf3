"""HTML main-content rules: captions, standfirst, credits, contact lines, forms, data blobs, hints
that must not apply (body classes, a body class with a negative token), embedded link lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.extract import extract_page
from newsmill.extract.html import extract_html
from newsmill.model import Article, Source
from newsmill.options import Options
from newsmill.sources.files import Page


@pytest.fixture(scope="module")
def article(fixtures: Path) -> Article:
    path = fixtures / "html" / "article_rules.html"
    return extract_page(
        Page(path.read_bytes(), Source(path=str(path)), "html", None, None), Options(nlp=False)
    )


def _removed(a: Article, reason: str) -> str:
    return "\n".join(r.text for r in a.removed if r.reason == reason)


def test_extract_html_rules_body_class_and_overlay_token_keep_the_article(article: Article) -> None:
    # <body class="comments-open"> and <div class="article__body article-overlay-handle"> are not
    # comments / overlays: the whole body stays.
    body = [p.text for p in article.paragraphs if p.kind != "caption"]
    assert body[0].startswith("The ferry to Marrow Island sailed again")
    assert "permanent landing stage" in article.text


def test_extract_html_rules_paragraphs_after_embedded_link_list_kept(article: Article) -> None:
    assert "Some had waited since dawn." in article.text
    assert "Island school reopens" in _removed(article, "related_links")


def test_extract_html_rules_figure_text_is_caption(article: Article) -> None:
    captions = [p.text for p in article.paragraphs if p.kind == "caption"]
    assert captions == ["The Island Star leaves the mainland pier on Monday morning."]
    # A <figure> that wraps a table holds content: its rows stay table rows.
    assert [p.text for p in article.paragraphs if p.kind == "table_row"][1] == "Mainland to Marrow | 4"


@pytest.mark.parametrize(
    ("reason", "snippet"),
    [
        ("summary", "The first crossing in six weeks"),
        ("caption", "Image copyright Harbour Photo Agency"),
        ("author_bio", "Write to Jane Doe"),
        ("boilerplate", "Internet Explorer"),
        ("boilerplate", '"widgetId"'),
        ("form", "Get a free quote"),
        ("reading_time", "4 min read"),
        ("caption", "Crowds gathered on the quay"),
        ("boilerplate", "https://example.com/reports"),
    ],
)
def test_extract_html_rules_dropped_with_reason(article: Article, reason: str, snippet: str) -> None:
    assert snippet not in article.text
    assert snippet in _removed(article, reason), article.removed


def _article(body: str) -> Article:
    """Extract a page declared an article (og:type) whose <body> is ``body``."""
    page = f'<html><head><meta property="og:type" content="article"></head><body>{body}</body></html>'
    return extract_html(page, Source(), Options(nlp=False))


def _body(n: int, words: str) -> str:
    return "".join(f"<p>{words} {i}.</p>" for i in range(n))


def test_extract_html_rules_body_interleaved_with_related_lists_kept() -> None:
    # Short body paragraphs, each after an embedded list of linked headlines: they are not teaser
    # summaries of those links (not in the same card), so the body container wins over a lone
    # paragraph elsewhere.
    parts = []
    for i in range(8):
        parts.append(
            f'<ul><li><h3><a href="/s{i}">Another story about the county fair number {i}</a></h3></li></ul>'
        )
        parts.append(f"<p>The mayor spoke to the crowd at the fair for the {i}th time.</p>")
        parts.append(f"<p>Officers said the crowd was calm and the gates closed on time {i}.</p>")
    lone = "<div><p>" + "A long promotional paragraph about a different topic entirely. " * 5 + "</p></div>"
    a = _article(f'<div class="article-body">{"".join(parts)}</div>{lone}')
    assert "for the 7th time" in a.text and "for the 0th time" in a.text


_SENTENCE = (
    "The new mesh system hands each connected device to the satellite with the strongest signal in the room"
)


def test_extract_html_rules_menu_hint_shared_by_article_sections_is_dropped() -> None:
    # netgear.com: every section of the article is classed "skip-item" ("skip" is a skip-link token).
    # No single section holds half the prose, but together they hold all of it: the hint is wrong.
    sections = "".join(
        f'<div id="topic{i}" class="skip-item"><h2>Part {i}</h2>{_body(3, f"{_SENTENCE} part {i}")}</div>'
        for i in range(5)
    )
    a = _article(
        '<nav><a href="/">Home</a> <a href="/hub">Hub</a></nav>'
        f'<div class="blog-single-content"><h1>What is mesh WiFi?</h1>{sections}</div>'
    )
    assert a.text.count("strongest signal") == 15
    assert "Part 4" in a.text


def test_extract_html_rules_sidebar_widgets_stay_dropped_beside_a_short_article() -> None:
    # autoracing.com.br: a short article and sidebar widgets that together hold more prose: sidebar
    # (and footer) hints are not cleared for a group, only menu and share-bar ones.
    widgets = "".join(
        f'<div class="sidebar-widget"><p>{_SENTENCE} column number {i}.</p><p>{_SENTENCE} again {i}.</p></div>'
        for i in range(5)
    )
    a = _article(
        f'<div class="post-content"><h1>Standings</h1>{_body(2, _SENTENCE)}<p>Updated after each race.</p></div>{widgets}'
    )
    assert a.text.count("strongest signal") == 2
    assert "column number" not in a.text


def test_extract_html_rules_listicle_article_climbs_from_one_heavy_entry() -> None:
    # classcentral.com: an <article> listing courses, each entry a linked name, a link-dense line
    # and a sentence or two. The link lines weigh the <article> below zero, so the heaviest
    # element is the one entry with a long description; the article holds 3x its sentences.
    entries = "".join(
        f'<section><h3><a href="/c{i}">Course number {i} from the university</a></h3>'
        f'<p><a href="/p{i}">Provider {i}</a> <a href="/s{i}">Subject {i}</a> <a href="/l{i}">Level {i}</a></p>'
        f"<p>This free course number {i} ends with a certificate that learners can share.</p></section>"
        for i in range(40)
    )
    heavy = "<section><h3>Featured</h3>" + _body(8, _SENTENCE) + "</section>"
    a = _article(f'<article class="post"><h1>Free certificates</h1>{heavy}{entries}</article>')
    assert "strongest signal" in a.text
    assert "free course number 39 ends" in a.text and "free course number 0 ends" in a.text


def test_extract_html_rules_modal_copy_of_the_article_is_not_page_prose() -> None:
    # modernfarmer.com: the article sits in "sidebar-content" (a layout class) and a republication
    # modal repeats it, so the article held just under half the page's prose. The modal's text is
    # dropped anyway; without it the article holds most of the prose and its hint goes.
    body = _body(10, _SENTENCE)
    copy = _body(10, f"{_SENTENCE}, republished")
    a = _article(
        f"<h1>Gardening shows</h1><p>{_SENTENCE} in the introduction.</p>"
        f'<div class="sidebar-content">{body}</div>'
        f'<div class="modal" id="republication-modal">{copy}</div>'
    )
    assert a.text.count("strongest signal") == 10  # the body, not the copy
    assert "republished" not in a.text


def test_extract_html_rules_container_narrows_to_its_one_article() -> None:
    # theeventscalendar.com: <main> holds the <article> and, beside it, an author box and a grid of
    # other posts with their first sentences. The one <article> has most of <main>'s sentences.
    others = "".join(
        f"<div><h3>Another post {i}</h3><p>Seating has arrived and our team worked on launch number {i}.</p></div>"
        for i in range(4)
    )
    a = _article(
        f"<main><article><h1>Hire a planner</h1>{_body(10, _SENTENCE)}</article>"
        f'<div class="grid">{others}</div></main>'
    )
    assert a.text.count("strongest signal") == 10
    assert "Seating has arrived" not in a.text


def test_extract_html_rules_newsletter_phrase_needs_a_signup() -> None:
    # Substack posts about newsletters mention the word in their prose; only sign-up lines go.
    a = _article(
        f"<article><h1>Reading digests</h1>{_body(6, _SENTENCE)}"
        "<p>I also identified 28 newsletters, a small subset of the ones I read, as the test set.</p>"
        "<p>If the patch comes out of earlier mailing list discussions, point to them.</p>"
        "<p>Sign up for our newsletter to get the week's best stories.</p>"
        "<p>Join our mailing list!</p><p>Thanks for signing up!</p>"
        "<p>By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use.</p></article>"
    )
    assert "identified 28 newsletters" in a.text and "earlier mailing list discussions" in a.text
    assert "Sign up for our newsletter" in _removed(a, "newsletter")
    assert "mailing list" in _removed(a, "newsletter")
    assert "Thanks for signing up" in _removed(a, "newsletter") and "Sign Me Up" in _removed(a, "newsletter")


def test_extract_html_rules_linked_listicle_headings_stay_teaser_lists_go() -> None:
    entries = "".join(
        f'<h3><a href="/p{i}">Portable rugged power bank model {i}</a></h3>'
        f"<p>{_SENTENCE} and this power bank number {i} charged two phones in a day.</p>"
        for i in range(4)
    )
    teasers = "".join(
        f'<h3><a href="/s{i}">Another story about something else number {i}</a></h3><p>Short teaser {i}.</p>'
        for i in range(3)
    )
    a = _article(
        f"<article><h1>Best power banks</h1>{_body(6, _SENTENCE + ' intro')}{entries}{teasers}</article>"
    )
    assert "Portable rugged power bank model 3" in a.text
    assert "Another story about something else number 1" not in a.text


def test_extract_html_rules_author_bio_box_dropped_but_author_classed_prose_kept() -> None:
    # The bio under the post (splashtop, optimantra, aihr ...): 40+ words in an author box read as
    # prose, so the byline hint alone would keep them.
    bio = (
        "Trevor Jackins is a Senior Digital Marketing Manager at Splashtop. He is also a passionate "
        "user of remote tools, writes about security for small teams, and has covered the field for "
        "ten years across three continents and many conferences."
    )
    essay = "The regional trains will run every half hour from May, the operator said on Monday. " * 4
    a = _article(
        f"<article><h1>Trains every half hour</h1>{_body(6, _SENTENCE)}"
        f'<div class="author-content"><p>{essay}</p></div>'
        f'<div class="blog_author-box"><p>{bio}</p></div></article>'
    )
    assert "Trevor Jackins is a Senior" in _removed(a, "author_bio")
    assert "Trevor Jackins" not in a.text
    assert "regional trains will run" in a.text  # author-classed, but not a bio


def test_extract_html_rules_roundup_tail_in_the_body_kept_teaser_cards_dropped() -> None:
    # securityweek's M&A roundup: every deal a linked heading + a paragraph, flat in the body, the
    # last ones with nothing after them. Related cards (each in a card of its own) still go.
    deal = "The firm announced the acquisition of a smaller security company for an undisclosed sum"
    entries = "".join(
        f'<h3><a href="/d{i}">Vendor {i} acquires Startup {i}</a></h3><p>{deal} {i}.</p>' for i in range(5)
    )
    cards = "".join(
        f'<div class="card"><h3><a href="/s{i}">Another story about something else number {i}</a></h3>'
        f"<p>Short teaser about that other story {i}.</p></div>"
        for i in range(3)
    )
    a = _article(
        f"<article><h1>M&amp;A roundup</h1>{_body(12, _SENTENCE + ' intro')}{entries}</article>"
        f"<div>{cards}</div>"
    )
    assert f"{deal} 4." in a.text and f"{deal} 0." in a.text
    assert "Short teaser about that other story" not in a.text


def test_extract_html_rules_short_linked_listicle_headings_stay() -> None:
    # "9. ST REGIS": 1-3 linked words read as a menu item, unless body text follows.
    entries = "".join(
        f'<h2><a href="/brand{i}">{i}. BRAND {i}</a></h2>'
        f"<p>{_SENTENCE} and the brand number {i} runs ninety hotels on four continents.</p>"
        for i in range(5, 0, -1)
    )
    a = _article(f"<article><h1>Best hotel brands</h1>{_body(6, _SENTENCE + ' intro')}{entries}</article>")
    assert "5. BRAND 5" in a.text and "1. BRAND 1" in a.text


def _product_page(prices: list[str]) -> Article:
    ld = '{"@type": "Product", "name": "Charcoal grill 1600"}'
    desc = "The compact kettle grill cooks for four to six people and fits a small balcony or terrace. " * 3
    buy = "".join(f'<div class="price">{p}</div>' for p in prices)
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script></head><body><main>'
        f"<h1>Charcoal grill 1600</h1>{buy}<div>In stock</div><button>Add to cart</button>"
        f"<p>{desc}</p><p>{desc}</p></main></body></html>"
    )
    return extract_html(page, Source(url="https://shop.example/grill-1600"), Options(nlp=False))


def test_extract_html_rules_product_buy_box_prices_and_stock_dropped() -> None:
    a = _product_page(["149,00 € 199,00 €", "From: £2.98 (inc. VAT)"])
    assert "compact kettle grill" in a.text
    assert "149,00" not in a.text and "2.98" not in a.text and "In stock" not in a.text
    assert "In stock" in _removed(a, "shop_widget") and "149,00 €" in _removed(a, "shop_widget")
    # A page of many prices is a catalogue: there they are content.
    many = _product_page([f"${n}.99" for n in range(10, 22)])
    assert "$21.99" in many.text


def _reviewed_page(head: str) -> Article:
    desc = "The insulated bottle keeps drinks cold for a day and hot for twelve hours on the trail. " * 3
    review = "Great bottle, it kept my water cold on a long hike in the summer heat and never leaked. " * 2
    page = (
        f"<html><head>{head}</head><body><main><h1>Trail bottle</h1><p>{desc}</p><p>{desc}</p>"
        f'<section class="product-reviews"><h2>Customer reviews</h2><p>{review}</p><p>Verified buyer</p>'
        "</section></main></body></html>"
    )
    return extract_html(page, Source(url="https://shop.example/trail-bottle"), Options(nlp=False))


def test_extract_html_rules_customer_reviews_dropped_on_product_pages_only() -> None:
    product = _reviewed_page('<meta property="og:type" content="product">')
    assert "insulated bottle" in product.text and "Great bottle" not in product.text
    assert "Great bottle" in _removed(product, "reviews")
    article = _reviewed_page('<meta property="og:type" content="article">')  # a review article's readers
    assert "Great bottle" in article.text
    page = _reviewed_page("")
    assert "Great bottle" in page.text


def test_extract_html_rules_price_test_is_linear_on_digit_runs() -> None:
    from newsmill.extract.htmlprune import is_price

    # One nested-repeat pattern took minutes on 10 repeats of "1 " before a non-price character.
    assert not is_price("1 " * 39 + "x")
    assert is_price("$1 " * 26)
    assert is_price("From: £2.98 (inc. VAT)") and is_price("$19.99 - $24.99")
    assert not is_price("Save 15%") and not is_price("2025") and not is_price("4.7 out of 5")


def test_extract_html_rules_linked_table_cells_are_items_off_article_pages() -> None:
    rows = "".join(
        f'<tr><td class="rank">{i}.</td><td><a href="/j{i}">Startup {i} is hiring a backend engineer</a></td></tr>'
        for i in range(1, 12)
    )
    page = f"<html><body><p>These are jobs at startups this week.</p><table>{rows}</table></body></html>"
    listing = extract_html(page, Source(url="https://jobs.example/"), Options(nlp=False))
    assert "Startup 11 is hiring a backend engineer" in listing.text
    article = _article(f"<article><h1>Hiring</h1>{_body(6, _SENTENCE)}<table>{rows}</table></article>")
    assert "Startup 11 is hiring" not in article.text  # a link table inside an article is navigation


def test_extract_html_rules_templated_promo_slides_do_not_outweigh_the_page() -> None:
    # A promo carousel repeats one sentence per country (glossier.com): 12 slides of 20 words each
    # hold more 15-word text than the page's own terms, but they are one template, not prose.
    slide = (
        "<p>Free standard shipping on orders {0}. For more information on shipping rates and "
        "timelines, please visit our international page</p>"
    )
    page = (
        "<html><body><div class='promo-bar hide'><div class='promo-bar__carousel'>"
        + "".join(slide.format(f"${n}0 or more") for n in range(2, 14))
        + "</div></div><main><section class='page'><h1>Promo terms</h1>"
        "<p>Receive ten percent off your purchase of three to five products to create a custom set at "
        "all retail locations, excluding any taxes, shipping and delivery charges.</p>"
        "<p>The discount is non-transferable, not valid on previous purchases, and cannot be combined "
        "with other offers; it may be suspended or terminated at any time.</p></section></main></body></html>"
    )
    a = extract_html(page, Source(url="https://shop.example/pages/promo-terms"), Options(nlp=False))
    assert [p.text[:22] for p in a.paragraphs] == ["Receive ten percent of", "The discount is non-tr"]
    assert "Free standard shipping" in _removed(a, "advertisement")


def test_extract_html_rules_sections_named_after_their_heading_stay() -> None:
    # Sphinx gives each section its heading's slug as id: "respond-to-review-comments" is part of the
    # guide (kernel.org), while a section with the component id "comments" is the comment thread.
    prose = (
        "Your patch will almost certainly get remarks from reviewers on ways in which it can be "
        "improved, and you must respond to them; ignoring reviewers is a good way to get ignored."
    )
    page = (
        "<html><body><div class='body' role='main'><section id='submitting-patches-the-essential-guide'>"
        "<h1>Submitting patches: the essential guide</h1>"
        f"<section id='describe-your-changes'><h2>Describe your changes</h2><p>{prose}</p><p>{prose}</p></section>"
        f"<section id='respond-to-review-comments'><h2>Respond to review comments</h2><p>Reply. {prose}</p></section>"
        "</section><section id='comments'><p>Great post, thanks for writing it up so clearly!</p></section>"
        "</div></body></html>"
    )
    a = extract_html(
        page, Source(url="https://docs.example/process/submitting-patches.html"), Options(nlp=False)
    )
    assert "Respond to review comments" in a.text and "Reply. Your patch" in a.text
    assert "Great post" not in a.text


def test_extract_html_rules_byline_phrase_is_not_a_clause() -> None:
    from newsmill.extract.htmlprune import phrase_reason

    assert phrase_reason("By Jim Donnelly | August 24, 2023") == "byline"
    assert phrase_reason("By pqhosting in forum Web Hosting") == "byline"
    assert phrase_reason("By establishing and sharing a well-articulated process;") is None
    assert phrase_reason("By offering my Reviewed-by: tag, I state that:") is None


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "Range?"}</script>',
        '<meta name="generator" content="Invision Community">',
    ],
)
def test_extract_html_rules_forum_replies_are_the_thread(head: str) -> None:
    # On a forum thread the posts sit in "comment" containers (Invision's ipsComment): they are the
    # page. The same markup under an article is its comment section, dropped.
    posts = "".join(
        f"<article class='ipsComment'><div class='comment-content'><p>Reply {i}: I ride about twenty "
        f"miles on one charge in summer and closer to fifteen when it is cold outside.</p></div></article>"
        for i in range(4)
    )
    body = f"<h1>What is your range?</h1><div class='topic'>{posts}</div>"
    thread = extract_html(
        f"<html><head>{head}</head><body>{body}</body></html>", Source(), Options(nlp=False)
    )
    assert all(f"Reply {i}:" in thread.text for i in range(4))
    story = (
        f"<html><body><article><h1>Range test</h1>{_body(6, _SENTENCE)}</article>"
        f"<section class='comments'>{posts}</section></body></html>"
    )
    assert "Reply 0:" not in extract_html(story, Source(), Options(nlp=False)).text
