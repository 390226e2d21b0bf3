"""JSON API through an in-process client: listing, filters, errors, extraction, limits, write/fetch flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.store import open_reader, search
from serve_client import build_db, by_title, client, fixture_records


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def api(db: Path):
    return client(db)


def test_serve_api_articles_search_and_paging(api) -> None:
    r = api.get("/api/articles", params={"q": "sanctions", "limit": 3})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"items", "next"} and len(body["items"]) == 3 and body["next"]
    rest = api.get("/api/articles", params={"q": "sanctions", "limit": 3, "cursor": body["next"]}).json()
    assert len(rest["items"]) == 1 and rest["next"] is None
    hit = body["items"][0]
    assert set(hit) == {"id", "title", "url", "site", "language", "published", "snippet", "highlights"}


def test_serve_api_filters(api) -> None:
    def ids(**params: str) -> list[str]:
        return [i["title"] for i in api.get("/api/articles", params=params).json()["items"]]

    assert ids(language="de") == ["Gipfeltreffen in Singapur"]
    assert ids(site="evil.example") == ["Hacked <script>alert('title')</script> headline"]
    assert len(ids(**{"from": "2018-06-12", "to": "2018-06-12"})) == 1
    assert len(ids(entity="North Korea")) == 2
    assert len(ids(speaker="A diplomat in Seoul")) == 1


def test_serve_api_article_is_the_whole_record(api) -> None:
    rec = by_title(fixture_records(), "denuclearization")
    r = api.get(f"/api/articles/{rec['id']}")
    assert r.status_code == 200 and r.json() == rec
    missing = api.get("/api/articles/does-not-exist")
    assert missing.status_code == 404 and missing.json() == {"error": "no article with this id"}


def test_serve_api_speakers_and_quotes(api) -> None:
    sp = api.get("/api/speakers").json()["items"]
    assert sp[0]["name"] == "Heather Nauert" and sp[0]["quotes"] == 4
    assert all(s["anonymous"] for s in api.get("/api/speakers?anonymous=1").json()["items"])
    q = api.get("/api/speakers/Heather%20Nauert/quotes").json()["items"]
    assert len(q) == 4 and q[0]["date"] == "2018-06-12"
    odd = "Mallory <img src=x onerror=alert(2)>"
    r = api.get("/api/speakers/" + __import__("urllib.parse").parse.quote(odd, safe="") + "/quotes")
    assert r.status_code == 200 and r.json()["items"][0]["speaker_text"] == odd
    assert api.get("/api/speakers/Nobody/quotes").json() == {"items": [], "next": None}


def test_serve_api_entities(api) -> None:
    items = api.get("/api/entities?type=place").json()["items"]
    assert items[0] == {"name": "North Korea", "type": "place", "articles": 2, "mentions": 4}


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?q=%22open",
        "/api/articles?q=foo:bar",
        "/api/articles?q=AND",
        "/api/articles?limit=abc",
        "/api/articles?limit=0",
        "/api/articles?from=yesterday",
        "/api/articles?cursor=%%%",
        "/api/speakers?anonymous=maybe",
        "/api/entities?type=planet",
        "/api/speakers/X/quotes?q=(",
        "/api/articles?sort=relevance",
    ],
)
def test_serve_api_bad_requests_are_400_with_a_message(api, url: str) -> None:
    r = api.get(url)
    assert r.status_code == 400, r.text
    assert isinstance(r.json()["error"], str) and len(r.json()["error"]) > 10


def test_serve_api_extract_returns_a_record_without_storing(api, db: Path, sample_text: str) -> None:
    r = api.post("/api/extract?nlp=0&url=https://example.org/kim", content=sample_text.encode())
    assert r.status_code == 200
    rec = r.json()
    assert rec["title"] == "Trump hails Kim, sees no need to resume U.S.-South Korea war games"
    assert rec["source"]["url"] == "https://example.org/kim"
    assert "X-Newsmill-Stored" not in r.headers
    assert open_reader(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_serve_api_extract_errors(api) -> None:
    assert api.post("/api/extract", content=b"").status_code == 400
    assert api.post("/api/extract?format=pdf", content=b"hello").status_code == 400
    bad = api.post("/api/extract?nlp=0", content=b"\x00\x01\x02" * 100)
    assert bad.status_code == 422 and "cannot extract" in bad.json()["error"]
    assert api.post("/api/extract?store=1", content=b"text").status_code == 403
    r = api.post("/api/extract?fetch=https://example.org/")
    assert r.status_code == 403 and "--allow-fetch" in r.json()["error"]


def test_serve_api_body_size_limit(db: Path) -> None:
    small = client(db, max_body=1000)
    r = small.post("/api/extract?nlp=0", content=b"x" * 5000)
    assert r.status_code == 413 and "larger than 1000 bytes" in r.json()["error"]

    def chunks():  # no Content-Length: the limit still holds while streaming
        for _ in range(10):
            yield b"y" * 500

    assert small.post("/api/extract?nlp=0", content=chunks()).status_code == 413
    up = small.post("/try", files={"file": ("big.html", b"<p>" + b"z" * 5000, "text/html")})
    assert up.status_code == 413


def test_serve_api_store_with_allow_writes(tmp_path: Path, sample_text: str) -> None:
    db = build_db(tmp_path)
    rw = client(db, allow_writes=True)
    r = rw.post("/api/extract?nlp=0&store=1&url=https://example.org/kim", content=sample_text.encode())
    assert r.status_code == 200 and r.headers["X-Newsmill-Stored"] == "inserted"
    again = rw.post("/api/extract?nlp=0&store=1&url=https://example.org/kim", content=sample_text.encode())
    assert again.headers["X-Newsmill-Stored"] == "unchanged"
    from newsmill.store import SearchParams

    assert search(open_reader(db), SearchParams(q="hails"))["items"][0]["id"] == r.json()["id"]


def test_serve_api_fetch_refuses_private_addresses(db: Path) -> None:
    fetching = client(db, allow_fetch=True)
    for url in [
        "http://127.0.0.1:9/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "ftp://example.org/",
    ]:
        r = fetching.post("/api/extract", params={"fetch": url})
        assert r.status_code == 400, url
        assert "refusing" in r.json()["error"] or "only http" in r.json()["error"], r.json()


def test_serve_api_openapi_served(api) -> None:
    spec = api.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {
        "/api/articles",
        "/api/articles/{id}",
        "/api/speakers",
        "/api/speakers/{name}/quotes",
        "/api/entities",
        "/api/extract",
    } == set(spec["paths"])


def test_serve_api_security_headers(api) -> None:
    r = api.get("/api/articles")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_serve_refuses_missing_database(tmp_path: Path) -> None:
    from newsmill.store import StoreError

    with pytest.raises(StoreError, match="no such database"):
        client(tmp_path / "none.db")
