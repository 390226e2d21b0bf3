"""The sample page's article through ``newsmill.analyze``: quotes, speakers, entities, dates."""

from __future__ import annotations

import pytest

import newsmill
from newsmill.model import Article, Quote


def _article_text(sample: str) -> str:
    lines = [ln.strip() for ln in sample.splitlines() if ln.strip()]
    first = next(i for i, ln in enumerate(lines) if ln.startswith("At the June summit"))
    last = next(i for i, ln in enumerate(lines) if ln.endswith("yield positive results."))
    return "\n\n".join(lines[first : last + 1])


@pytest.fixture(scope="module")
def unknown_date(sample_text: str) -> Article:
    return newsmill.analyze(_article_text(sample_text))


@pytest.fixture(scope="module")
def dated(sample_text: str) -> Article:
    return newsmill.analyze(_article_text(sample_text), published="2018-08-29")


def _quote(article: Article, words: str) -> Quote:
    found = [q for q in article.quotes or [] if words in q.text]
    assert found, f"no quote containing {words!r}: {[q.text for q in article.quotes or []]}"
    return found[0]


def test_nlp_sample_nauert_direct_quote_with_role_and_date(dated: Article) -> None:
    q = _quote(dated, "denuclearization has to take place")
    assert q.kind == "direct"
    assert q.text.startswith('"We believe') and q.text.endswith('policy,"')
    assert q.speaker.text == "State Department spokeswoman Heather Nauert"
    assert q.speaker.name == "Heather Nauert"
    assert q.speaker.role == "State Department spokeswoman"
    assert not q.speaker.anonymous
    assert q.cue.text == "reiterated"
    assert q.when.text == "on Wednesday" and q.when.value == "2018-08-29"


def test_nlp_sample_anonymous_official_and_his_mixed_quote(dated: Article) -> None:
    first = _quote(dated, "They basically don’t think")
    assert first.kind == "direct"
    assert first.speaker.text == "a senior U.S. official" and first.speaker.anonymous
    second = _quote(dated, "the tone of the letter")
    assert second.kind == "mixed"
    assert second.speaker.text == "He"
    assert second.speaker.anonymous
    assert second.speaker.name == first.speaker.name
    assert "if you’re not willing to give something" in second.text


def test_nlp_sample_reported_speech_without_marks(dated: Article) -> None:
    washington = _quote(dated, "North Korea must give up its nuclear weapons first")
    assert washington.kind == "indirect" and washington.speaker.text == "Washington"
    officials = _quote(dated, "North Korean officials warned")
    assert officials.speaker.text == "U.S. officials" and officials.speaker.anonymous
    nested = [q for q in dated.quotes if q.text.startswith("that talks with the United States")]
    assert nested and nested[0].speaker.text == "North Korean officials" and nested[0].cue.text == "warned"
    assert nested[0].when.value == "2018-08-20/2018-08-26"  # "last week"


def test_nlp_sample_pompeo_resolved_to_full_name_and_title(dated: Article) -> None:
    q = _quote(dated, "his efforts to get Pyongyang to denuclearise had stalled")
    assert q.kind == "indirect" and q.cue.text == "acknowledged"
    assert q.speaker.text == "Pompeo"
    assert q.speaker.name == "Mike Pompeo" and q.speaker.role == "Secretary of State"
    pompeo = next(e for e in dated.entities if e.name == "Mike Pompeo")
    assert q.speaker.entity == pompeo.id


def test_nlp_sample_entities_clustered_with_titles(dated: Article) -> None:
    by_name = {e.name: e for e in dated.entities}
    pompeo = by_name["Mike Pompeo"]
    assert pompeo.type == "person" and "Secretary of State" in pompeo.titles
    # "Pompeo" alone is tagged GPE/ORG by the small model twice: still this person.
    assert len(pompeo.mentions) == 4
    assert by_name["Heather Nauert"].titles == ["State Department spokeswoman"]
    for name, etype in [
        ("Trump", "person"),
        ("Kim", "person"),
        ("North Korea", "place"),
        ("South Korea", "place"),
        ("Pyongyang", "place"),
        ("Washington", "place"),
        ("State Department", "organization"),
    ]:
        assert by_name[name].type == etype, name
    assert "State" not in by_name  # the "State" of "Secretary of State" is not an organisation


def test_nlp_sample_dates_relative_without_publication(unknown_date: Article, dated: Article) -> None:
    wed = [d for d in unknown_date.dates if d.text == "on Wednesday"]
    assert wed and all(d.value is None and d.relative for d in wed)
    friday = next(d for d in dated.dates if d.text == "On Friday")
    assert friday.value == "2018-08-24" and not friday.relative
    war = next(d for d in unknown_date.dates if d.text == "1950-1953")
    assert war.value == "1950-01-01/1953-12-31" and not war.relative


def test_nlp_sample_every_offset_indexes_the_text(dated: Article) -> None:
    text = dated.text
    spans = []
    for q in dated.quotes:
        spans.append(q)
        spans += [s for s in (q.cue, q.speaker, q.when) if s is not None]
    spans += dated.dates + [m for e in dated.entities for m in e.mentions]
    assert spans
    for s in spans:
        assert text[s.start : s.end] == s.text
