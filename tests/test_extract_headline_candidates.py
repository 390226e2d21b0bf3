"""Headline candidates and their URL cues (newsmill.extract.headline), on small hand-written pages."""

from __future__ import annotations

import random

import numpy as np

from newsmill.extract import metanorm
from newsmill.extract.headline import (
    N_TITLE_FEATURES,
    _lines_with_any,
    _slug_lines,
    anchor,
    candidates,
    fold_typography,
    run_start,
    title_features,
    url_words,
)
from newsmill.extract.metanorm import trim_title
from newsmill.extract.textlines import COL_LOG_WORDS, line_features, page_lines

PAGE = """Home
News
Sport

Rain floods the old harbour district overnight | The Harbour Gazette

Heavy rain flooded the old harbour district overnight, and residents were moved to the town hall by boat.
The council said the pumps had failed after the storm cut the power to the whole eastern side of town.
Repairs will take at least a week, according to the engineers who inspected the station on Sunday.

Share this article
"""


def _page():
    pl = page_lines(PAGE)
    x, _ = line_features(pl)
    keep = np.array([len(s.split()) >= 15 for s in pl.text])
    return pl, x, keep


def test_extract_headline_url_words_path_and_host() -> None:
    path, host = url_words("https://www.harbour-gazette.co.uk/news/2024/rain-floods-old-harbour.html")
    assert {"rain", "floods", "old", "harbour", "2024"} <= path
    assert "html" not in path and "news" not in path
    assert {"harbour", "gazette"} <= host
    assert url_words(None) == (frozenset(), frozenset())


def test_extract_headline_candidates_split_site_affix() -> None:
    pl, x, keep = _page()
    lines, texts, parts = candidates(pl, x, (anchor(x, keep), run_start(x, keep)))
    assert "Rain floods the old harbour district overnight" in texts
    k = texts.index("Rain floods the old harbour district overnight")
    assert parts[k] == 1 and pl.text[lines[k]].endswith("| The Harbour Gazette")
    assert texts[k + 1] == "The Harbour Gazette" and parts[k + 1] == 2
    assert "Home" not in texts  # one word: never a headline


def test_extract_headline_features_use_the_url() -> None:
    pl, x, keep = _page()
    logit = np.where(keep, 2.0, -2.0).astype(np.float32)
    url = "https://harbourgazette.com/rain-floods-old-harbour-district"
    lines, texts, with_url = title_features(pl, x, logit, keep, url)
    _, _, without = title_features(pl, x, logit, keep, None)
    assert with_url.shape == (len(texts), N_TITLE_FEATURES) == without.shape
    k = texts.index("Rain floods the old harbour district overnight")
    site = texts.index("The Harbour Gazette")
    assert not np.array_equal(with_url[k], without[k])
    # the headline half covers the slug; the site half is the host name written as one token
    assert with_url[k].sum() > without[k].sum()
    assert with_url[site, -1] == 1.0  # bias column


def test_extract_headline_run_start_skips_a_stray_kept_line() -> None:
    words = np.array([12, 2, 2, 2, 2, 2, 2, 20, 25, 30, 3], dtype=np.float32)
    x = np.zeros((len(words), 2), dtype=np.float32)
    x[:, 1] = np.log1p(words) / 6
    keep = np.array([1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0], dtype=bool)
    assert run_start(x, keep) == 7


BREADCRUMB_PAGE = PAGE.replace(
    "Rain floods the old harbour district overnight | The Harbour Gazette",
    "Home / News / Local / Rain floods the old harbour district overnight",
)


def test_extract_headline_candidates_breadcrumb_keeps_last_part() -> None:
    pl = page_lines(BREADCRUMB_PAGE)
    x, _ = line_features(pl)
    keep = np.array([len(s.split()) >= 15 for s in pl.text])
    _, texts, parts = candidates(pl, x, (anchor(x, keep), run_start(x, keep)))
    k = texts.index("Rain floods the old harbour district overnight")
    assert parts[k] == 2 and texts[k - 1] == "Home / News / Local"
    assert "News / Local / Rain floods the old harbour district overnight" in texts  # first-separator split


def test_extract_headline_fold_typography_matches_quote_variants() -> None:
    assert fold_typography("We’ve Seen “It” – Again…\xa0Now") == 'we\'ve seen "it" - again... now'
    assert fold_typography("Plain ASCII") == "plain ascii"


def test_extract_headline_trim_title_drops_datelines_and_section_labels() -> None:
    assert (
        trim_title("Dec 18 2025 Preparing a transition in Debusine") == "Preparing a transition in Debusine"
    )
    assert trim_title("Advent of Code week 2 20 December 2025") == "Advent of Code week 2"
    assert trim_title("Porting an HTML5 parser / Dec 2025") == "Porting an HTML5 parser"
    assert trim_title("Blog: Best agencies of the year") == "Best agencies of the year"
    assert trim_title("How meditation rewires brains | Opinion") == "How meditation rewires brains"
    assert trim_title("davidbau.com Vibe Coding") == "Vibe Coding"


def test_extract_headline_trim_title_keeps_dates_inside_and_short_results() -> None:
    # A month and year are part of many headlines; a label alone with one word is not trimmed away.
    assert trim_title("18 new books to read in May 2025") == "18 new books to read in May 2025"
    assert trim_title("Tutorial: Get started with Go") == "Tutorial: Get started with Go"
    assert trim_title("Blog: Updates") == "Blog: Updates"
    assert trim_title("Node.js streams explained") == "Node.js streams explained"


def _random_texts(seed: int, pieces: list[str], n: int, most: int, sep: str) -> list[str]:
    """n texts of 1 to ``most`` random pieces joined by sep: the inputs of the regex-guard tests."""
    rng = random.Random(seed)
    return [sep.join(rng.choices(pieces, k=rng.randint(1, most))) for _ in range(n)]


def test_extract_headline_trim_title_guards_skip_only_patterns_that_cannot_match() -> None:
    def unguarded(text: str) -> str:
        for pattern in metanorm._TRIM:
            cut = pattern.sub("", text)
            if cut != text and len(cut.split()) >= 2:
                text = cut
        return text

    pieces = [
        "Blog:",
        "News",
        "title :",
        "www.site.com",
        "site.io",
        "|",
        "-",
        "–",
        "/",
        "·",
        "Dec 18, 2025",
        "2025-01-02",
        "3 March 2024",
        "May 2025",
        "\u0663\u0660\u0662\u0665",
        "Rain",
        "floods",
        "the",
        "harbour",
    ]
    for text in _random_texts(11, pieces, 2000, 7, " "):
        assert trim_title(text) == unguarded(text), text


def test_extract_headline_lines_with_any_finds_lowercased_substrings() -> None:
    lines = ["Storm Floods HARBOUR", "nothing here", "", "Floodsmith café", "ÉCOLE floods", "harbour\tfloods"]
    assert _lines_with_any(lines, frozenset({"floods", "harbour"})) == [0, 3, 4, 5]
    assert _lines_with_any(lines, frozenset({"école"})) == [4]
    assert _lines_with_any([], frozenset({"x"})) == []


def test_extract_headline_slug_lines_need_whole_tokens_and_skip_the_window() -> None:
    text = "\n".join(
        [
            "Harbour floods overnight in the old town",  # 0: covers the slug
            "The harbourmaster floodsmith overnight",  # 1: substrings only, not tokens
            "Rain: HARBOUR FLOODS OVERNIGHT",  # 2: covers it, upper case
            "harbour",  # 3: one word of three, too short a line anyway
            "A long paragraph " + "with many words " * 20 + "harbour floods overnight",  # 4: too long
        ]
    )
    pl = page_lines(text)
    x, _ = line_features(pl)
    nw = np.expm1(x[:, COL_LOG_WORDS] * 6)
    url = "https://example.com/news/harbour-floods-overnight"
    assert _slug_lines(pl, nw, url, set()) == [0, 2]
    assert _slug_lines(pl, nw, url, {0}) == [2]
    assert _slug_lines(pl, nw, None, set()) == []


def test_extract_metanorm_has_visible_date_agrees_with_the_full_pattern() -> None:

    pieces = [
        "12",
        "3",
        "2019",
        "1999",
        "/",
        ".",
        "-",
        ",",
        " ",
        "Jan",
        "märz",
        "Décembre",
        "st",
        "of",
        "(555)",
        "$1,299.00",
        "ſep",
        "\u212aey",
        "\u0663\u0660",
        "x",
        "ab",
    ]
    for text in _random_texts(13, pieces, 5000, 8, ""):
        want = (
            metanorm._FOUR_DIGITS.search(text) is not None and metanorm._VISIBLE_DATE.search(text) is not None
        )
        assert metanorm.has_visible_date(text) == want, text
    assert metanorm.has_visible_date("March 3, 2019") and metanorm.has_visible_date("03/04/2019")
    assert not metanorm.has_visible_date("(555) 123-4567 2019")
