"""Speakers (named and anonymous), their quotes, and entities."""

from __future__ import annotations

import sqlite3

import pytest

from newsmill.store import QueryError, entities, open_reader, speaker, speaker_quotes, speakers, stats
from newsmill.store.write import speaker_key
from serve_client import build_db


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    return open_reader(build_db(tmp_path_factory.mktemp("speakers")))


def test_store_speakers_counts_roles_and_dates(conn: sqlite3.Connection) -> None:
    items = speakers(conn)["items"]
    top = items[0]
    assert top == {
        "name": "Heather Nauert",
        "quotes": 4,
        "articles": 2,
        "anonymous": False,
        "roles": ["State Department spokeswoman", "spokeswoman"],
        "first_quote": "2018-06-12",
        "last_quote": "2018-07-03",
    }
    names = {i["name"] for i in items}
    assert {"Mike Pompeo", "officials", "A senior administration official", "A diplomat in Seoul"} <= names
    undated = next(i for i in items if i["name"] == "A diplomat in Seoul")
    assert undated["first_quote"] is None and undated["anonymous"]


def test_store_speakers_filters_and_paging(conn: sqlite3.Connection) -> None:
    anon = speakers(conn, anonymous=True)["items"]
    assert anon and all(i["anonymous"] for i in anon)
    assert all(not i["anonymous"] for i in speakers(conn, anonymous=False)["items"])
    assert [i["name"] for i in speakers(conn, q="pompeo")["items"]] == ["Mike Pompeo"]
    assert speakers(conn, q="%")["items"] == []  # LIKE wildcards are literal
    first = speakers(conn, limit=2)
    second = speakers(conn, limit=2, cursor=first["next"])
    assert not {i["name"] for i in first["items"]} & {i["name"] for i in second["items"]}


def test_store_speaker_quotes_in_date_order(conn: sqlite3.Connection) -> None:
    res = speaker_quotes(conn, "Heather Nauert")
    assert [q["date"] for q in res["items"]] == ["2018-06-12", "2018-06-12", "2018-07-03", "2018-07-03"]
    assert res["items"][0]["text"].startswith("\u201cWe want to see")
    assert res["items"][0]["article"]["title"].startswith("U.S. says North Korea")
    page1 = speaker_quotes(conn, "Heather Nauert", limit=3)
    page2 = speaker_quotes(conn, "Heather Nauert", limit=3, cursor=page1["next"])
    assert len(page1["items"]) == 3 and len(page2["items"]) == 1 and page2["next"] is None
    assert [q["text"] for q in speaker_quotes(conn, "Heather Nauert", q="sanctions")["items"]] == [
        "sanctions would stay in place until Pyongyang acted",
        "\u201cSanctions remain in effect.\u201d",
    ]
    with pytest.raises(QueryError):
        speaker_quotes(conn, "Heather Nauert", q='"broken')


def test_store_speaker_profile_has_co_mentioned_entities(conn: sqlite3.Connection) -> None:
    info = speaker(conn, "Heather Nauert")
    assert info is not None
    co = {e["name"]: e["articles"] for e in info["co_mentioned"]}
    assert co["North Korea"] == 2 and "Heather Nauert" not in co
    assert speaker(conn, "Nobody") is None


def test_store_entities(conn: sqlite3.Connection) -> None:
    items = entities(conn)["items"]
    nk = next(e for e in items if e["name"] == "North Korea")
    assert nk == {"name": "North Korea", "type": "place", "articles": 2, "mentions": 4}
    assert {e["type"] for e in entities(conn, type="person")["items"]} == {"person"}
    with pytest.raises(QueryError):
        entities(conn, type="animal")
    assert stats(conn) == {"articles": 5, "quotes": 10, "speakers": 6, "entities": 9}


def test_store_speaker_key_rules() -> None:
    assert speaker_key({"text": "Nauert", "name": "Heather Nauert"}) == "Heather Nauert"
    assert speaker_key({"text": "a  senior\nofficial", "anonymous": True}) == "a senior official"
    assert speaker_key({"text": "he", "anonymous": False}) is None
    assert speaker_key(None) is None
