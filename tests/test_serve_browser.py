"""The web app in real headless Chromium: search, article, quote -> speaker, the removed toggle, try a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import browser_page, chromium_missing, live_server
from newsmill.store import write_articles
from serve_client import build_db, many_removed

pytestmark = pytest.mark.browser

_WHY = chromium_missing()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory):
    if _WHY:
        pytest.skip(_WHY)
    db = build_db(tmp_path_factory.mktemp("browser"))
    with live_server(db) as url:
        yield url


def test_serve_browser_search_article_speaker_try(base_url: str, sample_text: str, tmp_path: Path) -> None:
    with browser_page() as page:
        errors: list[str] = []
        dialogs: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

        page.goto(base_url + "/")
        assert "Latest of 5 articles" in page.inner_text("main")
        page.get_by_label("Full-text query").fill("denuclearization")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/?q=denuclearization*")
        assert page.locator("ol.results mark").first.inner_text().lower() == "denuclearization"

        page.get_by_role("link", name="U.S. says North Korea must move on denuclearization").click()
        page.wait_for_url("**/articles/*")
        assert page.locator("mark.quote").count() == 3
        removed = page.locator("details.removed")
        assert not removed.locator("li").first.is_visible()
        removed.locator("summary").click()
        assert removed.locator("li").first.is_visible()
        assert "cookie-banner" in removed.inner_text()

        page.locator("a.who", has_text="Heather Nauert").first.click()
        page.wait_for_url("**/speakers/Heather%20Nauert")
        assert page.get_by_role("heading", level=1).inner_text() == "Heather Nauert"
        assert page.locator("svg.timeline rect").count() >= 2

        page.goto(base_url + "/try")
        upload = tmp_path / "page.txt"
        upload.write_text(sample_text, encoding="utf-8")
        page.get_by_label("Or upload a file").set_input_files(str(upload))
        page.get_by_label("Find quotes and entities").uncheck()
        page.get_by_role("button", name="Extract").click()
        page.wait_for_selector("h2.result-head")
        assert "Trump hails Kim" in page.locator("article.record h1").inner_text()

        page.get_by_label("Page HTML or text").fill(
            "Headline here\n\nThe page said <script>alert('x')</script> and <img src=x onerror=alert(1)> here.\n\n"
            "Another paragraph with enough words to be an article body for the test."
        )
        page.get_by_label("Find quotes and entities").uncheck()
        page.get_by_role("button", name="Extract").click()
        page.wait_for_selector("h2.result-head")
        assert "<script>alert('x')</script>" in page.locator("article.record").inner_text()
        assert dialogs == [] and errors == []


def test_serve_browser_phone_width_has_no_horizontal_scroll(base_url: str) -> None:
    with browser_page(width=375, height=800) as page:
        for path in ("/", "/speakers", "/speakers/Heather%20Nauert", "/try"):
            page.goto(base_url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (path, overflow)
        page.goto(base_url + "/?q=sanctions")
        link = page.locator("ol.results h2 a").first
        link.click()
        page.wait_for_url("**/articles/*")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0


def test_serve_browser_long_removed_list_loads_when_opened(tmp_path: Path) -> None:
    if _WHY:
        pytest.skip(_WHY)
    db = build_db(tmp_path)
    write_articles(db, [many_removed(60)])
    with live_server(db) as base_url, browser_page() as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base_url + "/articles/manyremoved00000000")
        removed = page.locator("details.removed")
        assert removed.locator("li").count() == 0
        removed.locator("summary").click()
        page.wait_for_selector("details.removed li >> nth=59")
        assert removed.locator("li").count() == 60
        assert "<script>alert('lazy')</script>" in removed.inner_text()
        assert dialogs == []
