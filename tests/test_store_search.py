"""Full-text search with filters and cursor paging; malformed queries and injection attempts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsmill.store import QueryError, SearchParams, open_reader, search, write_articles
from newsmill.store.query import split_snippet
from serve_client import build_db


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    return open_reader(build_db(tmp_path_factory.mktemp("search")))


def titles(res: dict) -> list[str]:
    return [i["title"] for i in res["items"]]


def test_store_search_full_text_with_highlights(conn: sqlite3.Connection) -> None:
    res = search(conn, SearchParams(q="denuclearization"))
    assert titles(res) == ["U.S. says North Korea must move on denuclearization"]
    item = res["items"][0]
    hits = [item["snippet"][a:b].lower() for a, b in item["highlights"]]
    assert hits and all(h == "denuclearization" for h in hits)


def test_store_search_default_is_newest_first(conn: sqlite3.Connection) -> None:
    res = search(conn, SearchParams(q="sanctions"))
    dates = [i["published"] for i in res["items"]]
    assert dates == ["2018-08-01", "2018-07-03T14:00:00+00:00", "2018-06-12T09:30:00+00:00", None]
    everything = search(conn, SearchParams())
    assert len(everything["items"]) == 5 and everything["items"][-1]["published"] is None


def test_store_search_relevance_ranks_the_denser_match_first(conn: sqlite3.Connection) -> None:
    res = search(conn, SearchParams(q="sanctions", sort="relevance"))
    assert len(res["items"]) == 4
    assert res["items"][0]["title"] == "Officials weigh new sanctions"  # in the title and a short text


def test_store_search_filters(conn: sqlite3.Connection) -> None:
    assert titles(search(conn, SearchParams(site="www.zeitung.example"))) == ["Gipfeltreffen in Singapur"]
    assert titles(search(conn, SearchParams(language="de"))) == ["Gipfeltreffen in Singapur"]
    june = search(conn, SearchParams(date_from="2018-06-01", date_to="2018-06-30"))
    assert sorted(titles(june)) == [
        "Gipfeltreffen in Singapur",
        "U.S. says North Korea must move on denuclearization",
    ]
    assert len(search(conn, SearchParams(date_from="2018-07-01"))["items"]) == 2
    assert titles(search(conn, SearchParams(entity="Kim Jong Un"))) == [
        "U.S. says North Korea must move on denuclearization"
    ]
    assert len(search(conn, SearchParams(speaker="Heather Nauert"))["items"]) == 2
    assert titles(search(conn, SearchParams(q="sanctions", speaker="Mike Pompeo"))) == [
        "Pompeo heads to Pyongyang as sanctions debate grows"
    ]


@pytest.mark.parametrize("sort", ["date", "relevance"])
def test_store_search_cursor_paging_visits_every_match_once(conn: sqlite3.Connection, sort: str) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        res = search(
            conn, SearchParams(q="sanctions OR Sanktionen OR summit", sort=sort, limit=2, cursor=cursor)
        )
        seen += [i["id"] for i in res["items"]]
        cursor = res["next"]
        if cursor is None:
            break
    full = search(conn, SearchParams(q="sanctions OR Sanktionen OR summit", sort=sort, limit=50))
    assert seen == [i["id"] for i in full["items"]] and len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize(
    "q", ['"unbalanced', "AND", "foo:bar", "(sanctions", "NEAR(", "*", "sanctions AND", "^"]
)
def test_store_search_malformed_query_is_a_query_error(conn: sqlite3.Connection, q: str) -> None:
    with pytest.raises(QueryError, match="cannot parse the search query"):
        search(conn, SearchParams(q=q))


@pytest.mark.parametrize(
    "bad",
    [
        SearchParams(limit=0),
        SearchParams(limit=1000),
        SearchParams(date_from="June"),
        SearchParams(cursor="not-a-cursor"),
        SearchParams(sort="random"),
        SearchParams(sort="relevance"),
    ],
)
def test_store_search_bad_parameters_are_query_errors(conn: sqlite3.Connection, bad: SearchParams) -> None:
    with pytest.raises(QueryError):
        search(conn, bad)


def test_store_search_cursor_of_another_sort_is_refused(conn: sqlite3.Connection) -> None:
    cur = search(conn, SearchParams(q="sanctions", sort="relevance", limit=1))["next"]
    with pytest.raises(QueryError, match="different listing"):
        search(conn, SearchParams(q="sanctions", sort="date", cursor=cur))


def test_store_search_injection_strings_are_just_values(tmp_path: Path) -> None:
    db = build_db(tmp_path)
    conn = open_reader(db)
    evil = "x' OR '1'='1"
    assert search(conn, SearchParams(site=evil))["items"] == []
    assert search(conn, SearchParams(entity="'; DROP TABLE articles; --"))["items"] == []
    assert search(conn, SearchParams(speaker='" OR 1=1 --'))["items"] == []
    assert search(conn, SearchParams(q='"\'; DROP TABLE articles; --"'))["items"] == []
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_store_search_sees_new_records_after_load(tmp_path: Path) -> None:
    from serve_client import fixture_records

    db = build_db(tmp_path)
    conn = open_reader(db)
    rec = dict(fixture_records()[0], id="fresh", title="Fresh zeppelin news")
    rec["source"] = {**rec["source"], "url": "https://new.example/z"}
    write_articles(db, [rec])
    assert titles(search(conn, SearchParams(q="zeppelin"))) == ["Fresh zeppelin news"]


def test_store_split_snippet_offsets() -> None:
    text, hits = split_snippet("a \ue000bc\ue001 d \ue000e\ue001")
    assert text == "a bc d e" and hits == [[2, 4], [7, 8]]
