"""Screenshots of the web app's main pages into docs/screenshots/ (headless Debian Chromium).

    PYTHONPATH=src python bench/screenshots.py [--records extra.jsonl]

``--records``: also load these records (e.g. ``newsmill extract samples/seed-article.txt
--jsonl`` with the NLP layer) and capture the first one's article page as article-sample.png.

Serves an archive built from the hand-written test fixtures (tests/fixtures/store) on
127.0.0.1 and captures the search, article, speaker and "try a page" pages at desktop
width and the article page at phone width.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

from browser import browser_page, chromium_missing, live_server  # noqa: E402
from serve_client import build_db, by_title, fixture_records  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="screenshots of the archive's web app")
    ap.add_argument("--records", type=Path, help="extra JSONL records; the first gets article-sample.png")
    args = ap.parse_args()
    why = chromium_missing()
    if why:
        sys.exit(f"screenshots: {why}")
    OUT.mkdir(parents=True, exist_ok=True)
    nk = by_title(fixture_records(), "denuclearization")["id"]
    sample = (REPO / "samples" / "seed-article.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        db = build_db(Path(tmp))
        extra = None
        if args.records:
            from newsmill.store import load_paths

            load_paths(db, [args.records])
            extra = json.loads(args.records.read_text(encoding="utf-8").splitlines()[0])["id"]
        with live_server(db) as base:
            capture(base, nk, sample, extra)
    for p in sorted(OUT.glob("*.png")):
        print(p.relative_to(REPO))


def capture(base: str, nk: str, sample: str, extra: str | None) -> None:
    """Desktop shots of every page, phone shots of the article and search, and the extra record."""
    with browser_page(1200, 900) as page:
        shots = [
            ("search", "/?q=sanctions"),
            ("article", f"/articles/{nk}"),
            ("speaker", "/speakers/Heather%20Nauert"),
            ("speakers", "/speakers"),
        ]
        for name, path in shots:
            page.goto(base + path)
            if name == "article":
                page.locator("details.removed summary").click()
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
        page.goto(base + "/try")
        page.get_by_label("Page HTML or text").fill(sample)
        page.get_by_label("Find quotes and entities").uncheck()
        page.get_by_role("button", name="Extract").click()
        page.wait_for_selector("h2.result-head")
        page.screenshot(path=str(OUT / "try.png"), full_page=True)
    with browser_page(390, 844) as page:
        page.goto(base + f"/articles/{nk}")
        page.screenshot(path=str(OUT / "article-phone.png"), full_page=True)
        page.goto(base + "/?q=sanctions")
        page.screenshot(path=str(OUT / "search-phone.png"), full_page=False)
    if extra:
        with browser_page(1200, 900) as page:
            page.goto(base + f"/articles/{extra}")
            page.screenshot(path=str(OUT / "article-sample.png"), full_page=True)


if __name__ == "__main__":
    main()
