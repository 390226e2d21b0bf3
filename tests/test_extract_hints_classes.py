"""What class and id values say about an element (hints._classify, C or Python)."""

from __future__ import annotations

import pytest

from newsmill.extract import hints


@pytest.mark.parametrize("classify", [hints._classify, hints._classify_py], ids=["default", "python"])
def test_hints_secondary_is_a_sidebar_only_as_an_id(classify) -> None:  # noqa: ANN001
    assert classify("div", "", "secondary", "", "", 0)[0] == "sidebar"  # WordPress themes
    assert classify("article", "tw-border-stroke-secondary tw-pt-md", "", "", "", 0)[0] is None
    assert classify("a", "btn btn-secondary", "", "", "", 0)[0] is None
    assert classify("div", "secondary sidebar", "", "", "", 0)[0] == "sidebar"  # other tokens still count


@pytest.mark.parametrize("classify", [hints._classify, hints._classify_py], ids=["default", "python"])
def test_hints_tokens_are_whole_words(classify) -> None:  # noqa: ANN001
    assert classify("div", "comment-list", "", "", "", 0)[0] == "comments"
    assert classify("div", "commentary", "", "", "", 0)[0] is None
    assert classify("div", "shareBar", "", "", "", 0)[0] == "share_widget"  # camelCase splits
    assert classify("div", "article-body overlay", "", "", "", 0)[:3] == (None, True, True)


@pytest.mark.parametrize("classify", [hints._classify, hints._classify_py], ids=["default", "python"])
def test_hints_review_tokens_name_a_reason_only_when_nothing_else_does(classify) -> None:  # noqa: ANN001
    assert classify("section", "css-1719tob reviews", "", "", "", 0)[0] == "reviews"
    assert classify("div", "okeReviews-review", "", "", "", 0)[0] == "reviews"
    assert classify("div", "review popular", "", "", "", 0)[0] == "related_links"  # any other token wins
    assert classify("aside", "review", "", "", "", 0)[0] == "sidebar"  # and the tag's reason
    assert classify("div", "review", "", "", "reviewbody", 0)[0] is None  # itemprop=reviewBody is content
    assert classify("div", "preview", "", "", "", 0)[0] is None  # whole tokens only


@pytest.mark.parametrize("classify", [hints._classify, hints._classify_py], ids=["default", "python"])
def test_hints_recent_posts_grids_are_related_links(classify) -> None:  # noqa: ANN001
    assert classify("section", "elementor-section", "recent-articles", "", "", 0)[0] == "related_links"
    assert classify("div", "widget recent-posts", "", "", "", 0)[0] == "related_links"
    assert classify("div", "recently-updated", "", "", "", 0)[0] is None  # whole tokens only


@pytest.mark.parametrize("classify", [hints._classify, hints._classify_py], ids=["default", "python"])
def test_hints_disclaimer_boxes(classify) -> None:  # noqa: ANN001
    assert classify("div", "affiliate-disclaimer", "", "", "", 0)[0] == "disclaimer"
    assert classify("p", "post-disclaimer footer", "", "", "", 0)[0] == "disclaimer"  # class order decides
    assert classify("div", "disclaimered", "", "", "", 0)[0] is None


@pytest.mark.parametrize("classify", [hints._classify, hints._classify_py], ids=["default", "python"])
def test_hints_widget_tokens(classify) -> None:  # noqa: ANN001
    assert classify("div", "star-rating", "", "", "", 0)[0] == "boilerplate"
    assert classify("div", "login-form", "", "", "", 0)[0] == "boilerplate"
    assert classify("section", "page-feedback", "", "", "", 0)[0] == "boilerplate"
    assert classify("div", "offcanvas-menu", "", "", "", 0)[0] == "navigation"
    assert classify("div", "alert alert-info", "", "", "", 0)[0] is None  # docs callouts are content
    assert classify("div", "ratings-summary", "", "", "", 0)[0] is None  # whole tokens only


def test_hints_heading_anchor_ids_are_no_hint() -> None:
    # Sphinx names a section after its heading: "Respond to review comments" is text, not comments.
    assert hints._classify("section", "", "respond-to-review-comments", "", "", 0)[0] is None
    assert hints._classify("div", "", "menu-innovation-strategies-for-2025", "", "", 0)[0] is None
    assert hints._classify("section", "", "comments", "", "", 0)[0] == "comments"  # a component id
    assert hints._classify("div", "", "related-posts-grid", "", "", 0)[0] == "related_links"
    assert hints._classify("div", "", "block-carousel-whats-trending-now", "", "", 0)[0] is not None  # Drupal
    assert hints._classify("div", "", "filter-menu-tabs-c0d9c555cb-item", "", "", 0)[0] is not None  # hashed
    assert hints._classify("div", "comments", "respond-to-review-comments", "", "", 0)[0] == "comments"
