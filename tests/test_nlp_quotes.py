"""Quote shapes, speaker resolution and robustness on small fixtures written for this project."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsmill
from newsmill.model import Article, Quote
from newsmill.nlp.pipeline import load


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    load(None)  # once per module; annotate() reuses the process-wide pipeline


def _analyze(fixtures: Path, name: str) -> Article:
    return newsmill.analyze((fixtures / "nlp" / name).read_text(encoding="utf-8"), published="2024-03-15")


def _quote(article: Article, words: str) -> Quote:
    found = [q for q in article.quotes or [] if words in q.text]
    assert found, f"no quote containing {words!r}: {[q.text for q in article.quotes or []]}"
    return found[0]


def _assert_offsets(article: Article) -> None:
    for q in article.quotes or []:
        for s in (q, q.cue, q.speaker, q.when):
            if s is not None:
                assert article.text[s.start : s.end] == s.text


def test_nlp_quotes_cue_before_after_inside_and_according_to(fixtures: Path) -> None:
    a = _analyze(fixtures, "cue_positions.txt")
    before = _quote(a, "We will not support this budget")
    assert (
        before.kind == "direct" and before.speaker.name == "Maria Lopez" and before.speaker.role == "Senator"
    )
    after = _quote(a, "dead on arrival")
    assert after.kind == "direct" and after.speaker.text == "the mayor" and after.cue.text == "said"
    inside = _quote(a, "We are ready")
    assert inside.kind == "direct"  # the cue between the two halves does not make it mixed
    assert "we will win the vote" in inside.text
    assert inside.speaker.text == "Lopez" and inside.speaker.name == "Maria Lopez"  # surname -> full name
    acc = _quote(a, "the hospital will close")
    assert acc.kind == "indirect" and acc.cue.text == "According to"
    assert acc.speaker.text == "the health ministry"
    _assert_offsets(a)


def test_nlp_quotes_multi_sentence_and_paragraph_spanning(fixtures: Path) -> None:
    a = _analyze(fixtures, "multi_paragraph.txt")
    multi = _quote(a, "The grid is old.")
    assert "Nobody wants to pay for it" in multi.text and multi.speaker.name == "John Harlow"
    spanning = _quote(a, "We have waited too long")
    assert "\n\n" in spanning.text and spanning.text.endswith('every year."')
    assert spanning.speaker.name == "John Harlow" and spanning.cue is None  # inherits the speaker
    _assert_offsets(a)


def test_nlp_quotes_attitude_cues_and_pronouns(fixtures: Path) -> None:
    a = _analyze(fixtures, "multi_paragraph.txt")
    warned = _quote(a, "blackouts could spread")
    assert warned.kind == "indirect" and warned.cue.text == "warned" and warned.speaker.name == "John Harlow"
    believes = _quote(a, "the utilities want a federal bailout")
    assert believes.cue.text == "believes"
    assert believes.speaker.text == "He" and believes.speaker.name == "John Harlow"
    assert believes.speaker.role == "Energy Secretary"
    assert [e.name for e in a.entities] == ["John Harlow"]  # "Energy" of "Energy Secretary" is no org


def test_nlp_quotes_follow_on_paragraph_inherits_speaker(fixtures: Path) -> None:
    a = _analyze(fixtures, "follow_on.txt")
    first = _quote(a, "These decisions are never easy")
    follow = _quote(a, "the company must adapt")
    assert follow is not first and follow.cue is None and follow.kind == "direct"
    assert follow.speaker.name == first.speaker.name == "Dana Whitfield"
    assert follow.speaker.role == "Acme Corp. chief executive"
    union = _quote(a, "reopen talks")
    assert union.speaker.anonymous and union.speaker.text == "a union official"
    _assert_offsets(a)


def test_nlp_quotes_unbalanced_and_mixed_marks_lose_nothing(fixtures: Path) -> None:
    a = _analyze(fixtures, "marks.txt")
    # An opening mark never closed stays in its own paragraph ...
    coach = _quote(a, "tired and hungry")
    assert "\n" not in coach.text and coach.kind == "mixed"
    # ... so the next paragraph's quotes (curly open, straight close) are still found.
    captain = _quote(a, "We played badly")
    assert captain.kind == "direct" and captain.speaker.text == "the captain"
    assert "Next week will be different" in captain.text
    fan = _quote(a, "too loud")
    assert fan.kind == "mixed" and fan.speaker.text == "A fan"
    _assert_offsets(a)


def test_nlp_quotes_non_english_is_skipped_with_a_warning() -> None:
    text = (
        "Le président a déclaré mercredi que le gouvernement ne reculerait pas sur la réforme des "
        "retraites, malgré les grèves qui paralysent le pays depuis deux semaines."
    )
    a = newsmill.analyze(text)
    assert a.quotes is None and a.entities is None and a.dates is None
    assert "nlp: skipped, language fr is not English" in a.warnings


def test_nlp_quotes_missing_model_is_a_warning_not_a_crash(fixtures: Path) -> None:
    text = (fixtures / "nlp" / "cue_positions.txt").read_text(encoding="utf-8")
    a = newsmill.analyze(text, options=newsmill.Options(model="no_such_spacy_model_xyz"))
    assert a.quotes is None and a.text == text
    assert any("cannot load spaCy model 'no_such_spacy_model_xyz'" in w for w in a.warnings)


def test_nlp_quotes_relative_and_inverted_speakers(fixtures: Path) -> None:
    a = _analyze(fixtures, "relative.txt")
    argued = _quote(a, "the tax was unfair")
    assert argued.speaker.text == "who"  # as written: PolNeAR marks the relative pronoun
    assert argued.speaker.name == "Tom Reyes" and argued.speaker.role == "Governor"
    assert not [q for q in a.quotes if "repeal" in q.text]  # signing is an act, not a statement
    said = _quote(a, "The plan is a disaster")
    assert said.speaker.text == "Mayor Ellen Park" and said.speaker.name == "Ellen Park"
    adding = _quote(a, "the city would sue")
    assert adding.cue.text == "adding" and adding.speaker.name == "Ellen Park"
    _assert_offsets(a)


def test_nlp_quotes_overlong_text_is_skipped_not_fatal() -> None:
    from newsmill.model import Article
    from newsmill.nlp import annotate

    nlp = load(None)
    small = Article(text='"We will win," the mayor said.', language="en")
    huge = Article(text="word " * (nlp.max_length // 5 + 10), language="en")
    annotate([huge, small], newsmill.Options())
    assert huge.quotes is None and any("longer than" in w for w in huge.warnings)
    assert small.quotes and small.quotes[0].speaker.text == "the mayor"


def test_nlp_quotes_speech_noun_with_possessor(fixtures: Path) -> None:
    a = _analyze(fixtures, "noun_cues.txt")
    q = _quote(a, "the deal would collapse")
    assert q.cue.text == "warning" and q.speaker.text == "The senator" and q.kind == "indirect"
    _assert_offsets(a)


def test_nlp_quotes_colon_cue_and_governing_verb(fixtures: Path) -> None:
    a = _analyze(fixtures, "colon_governed.txt")
    further = _quote(a, "east side loses its only fast link")
    assert further.kind == "direct" and further.speaker.name == "Paula Greene"  # any verb before a colon
    letter = _quote(a, "We cannot keep paying for a ferry")
    assert letter.speaker.name == "Victor Hale" and letter.cue.text.startswith("wrote")  # next paragraph
    assert "buses that everyone can ride" in letter.text
    governed = _quote(a, "a budget built on wishful thinking")
    assert governed.kind == "mixed" and governed.speaker.text in ("Greene", "she")
    applauded = _quote(a, "through every storm of the winter")  # the quote's closing mark ends a paragraph
    assert applauded.speaker.text == "Ortiz" and applauded.cue.text == "applauded"
    assert applauded.text.startswith("the crew for keeping")  # all the verb's right dependents
    assert not [q for q in a.quotes or [] if "since 1987" in q.text]
    _assert_offsets(a)


def test_nlp_quotes_nested_naming_is_not_a_quote(fixtures: Path) -> None:
    a = _analyze(fixtures, "colon_governed.txt")
    outer = _quote(a, "the best commute in town")
    assert outer.speaker.name == "Victor Hale" and outer.kind == "mixed"
    # "most riders believe ..." inside Greene's content is her claim, not the riders' statement
    penny = [q for q in a.quotes or [] if "worth every penny" in q.text]
    assert [q.speaker.text for q in penny] == ["Greene"] and penny[0].kind == "mixed"
    warned = _quote(a, "fares would rise")  # reported speech inside reported speech stays
    assert warned.speaker.name == "Victor Hale" and warned.cue.text == "warned"


def test_nlp_quotes_no_comment_and_quantities_are_not_quotes(fixtures: Path) -> None:
    a = _analyze(fixtures, "no_content.txt")
    # "did not respond to a request for comment", "added three new routes", "declined to comment",
    # "did not comment": no quote; the signs' words still are quotes, of the signs (a clause right
    # after a quote names its speaker whatever the verb: "read a sign"), never of the spokesman
    assert [(q.text, q.speaker.text) for q in a.quotes or []] == [
        ('"We are proud of our record,"', "a sign"),
        ('"Ferries matter,"', "the sign"),
    ]


def test_nlp_quotes_coordinated_attitude_stays_in_content(fixtures: Path) -> None:
    a = _analyze(fixtures, "coordinated.txt")
    assert [(q.text[:30], q.speaker.name) for q in a.quotes or []] == [
        ("she is proud of the plan and e", "Ruth Ortiz")
    ]
    assert a.quotes[0].text.endswith('majority of the council."') and a.quotes[0].kind == "mixed"


def test_nlp_quotes_speaker_is_the_subject_nearest_the_cue() -> None:
    # The small parser gives "agreed" two subjects here; the fronted apposition is not the speaker.
    text = (
        "At the harbour talks, the first meeting between a serving French minister and a Moroccan "
        "envoy, Bennani agreed in broad terms to work toward a new trade deal."
    )
    a = newsmill.analyze(text)
    q = _quote(a, "a new trade deal")
    assert q.speaker is not None and q.speaker.text == "Bennani"
    _assert_offsets(a)


def test_nlp_quotes_show_titles_and_issued_statements(fixtures: Path) -> None:
    a = _analyze(fixtures, "titles_statements.txt")
    # a quoted show name after "on CBS's" is not part of what the mayor said
    ferry = _quote(a, "the ferry would keep running")
    assert ferry.text.startswith("that the ferry") and ferry.speaker.name == "Ruth Ortiz"
    # "X released the following statement:" introduces X's words in the next paragraph
    statement = _quote(a, "Our thoughts are with the workers")
    assert statement.speaker.name == "Alan Brooks" and statement.kind == "direct"
    _assert_offsets(a)


def test_nlp_quotes_speaker_phrase_stops_at_the_quote() -> None:
    # The small parser can hang a preceding quote under the speaker ('"...," Greene, 58, told'):
    # the speaker phrase starts after the closing mark.
    from spacy.tokens import Doc

    from newsmill.nlp.quotes import _phrase

    words = ["\u201c", "That", "\u2019s", "fine", ",", "\u201d", "Greene", ",", "58", ",", "told", "us", "."]
    heads = [6, 2, 6, 2, 2, 6, 10, 6, 6, 6, 10, 10, 10]
    deps = ["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "nsubj", "punct", "appos", "punct"]
    deps += ["ROOT", "dobj", "punct"]
    doc = Doc(load(None).vocab, words=words, heads=heads, deps=deps)
    assert _phrase(doc[6]) == (6, 9)  # "Greene , 58"


def test_nlp_quotes_unclaimed_quotes_are_kept_with_the_best_speaker_known() -> None:
    text = (
        "The press conference ended early.\n\n"
        '"Go back to your seat, all of you," Trump barked.\n\n'
        "Howard continued his scathing remarks.\n\n"
        '"Eight years ago she was the presumed nominee, and a fellow came along."\n\n'
        "The hall was quiet after that.\n\n"
        '"Nobody gets in without a badge after six."\n\n'
        'He watched "The Rachel Maddow Show" every night.\n\n'
        'When the debate turned, Hillary shot back, "I suppose I could have stayed home and baked cookies."'
    )
    a = newsmill.analyze(text)
    barked = _quote(a, "Go back to your seat")
    assert barked.speaker.text == "Trump" and barked.cue.text == "barked" and barked.kind == "direct"
    # a paragraph that is only a quote, after a paragraph ending on a named person
    years = _quote(a, "Eight years ago")
    assert years.speaker.text == "Howard" and years.cue is None
    badge = _quote(a, "Nobody gets in")  # a statement with no speaker in sight: kept, speaker unknown
    assert badge.speaker is None and badge.cue is None and badge.kind == "direct"
    assert not [q for q in a.quotes or [] if "Maddow" in q.text]  # a title is no quote
    # the subject of the sentence just before the quote, in the same paragraph
    b = newsmill.analyze(
        "Iowa State University professor Dianne Bystrom agreed with that view on Monday. "
        '"Mainstream Republicans are running out of time to find a candidate."'
    )
    mainstream = _quote(b, "running out of time")
    assert mainstream.speaker.name == "Dianne Bystrom" and mainstream.cue is None
    cookies = _quote(a, "baked cookies")  # the verb ending the clause before a comma and the quote
    assert cookies.speaker.text == "Hillary" and cookies.cue.text.startswith("shot")
    _assert_offsets(a)


def test_nlp_quotes_you_is_never_a_named_speaker() -> None:
    a = newsmill.analyze(
        "If you want to understand the debate, you have to say that the plan failed. "
        "Senator Maria Lopez said the plan failed."
    )
    yours = [q for q in a.quotes or [] if q.speaker is not None and q.speaker.text.lower() == "you"]
    assert yours, [(q.text, q.speaker) for q in a.quotes or []]
    assert all(q.speaker.name is None and q.speaker.entity is None for q in yours)  # unresolved
    named = [q.speaker.name for q in a.quotes or [] if q.speaker is not None and q.cue.text == "said"]
    assert named == ["Maria Lopez"]  # a real speaker next to it is still named


def test_nlp_quotes_cue_clause_around_an_unattached_quote() -> None:
    # Hand-built parses where the quote hangs off nothing near its cue (as the small model often
    # does in long articles): the clause right before or after the quote still names the speaker.
    from spacy.tokens import Doc

    from newsmill.nlp.quotes import _after_cue, _before_cue

    vocab = load(None).vocab
    words = ["Ryan", "conceded", ",", "\u201c", "We", "lost", "the", "vote", ".", "\u201d"]
    heads = [1, 1, 1, 5, 5, 5, 7, 5, 5, 5]  # "lost" is a second root: no arc to "conceded"
    deps = ["nsubj", "ROOT", "punct", "punct", "nsubj", "ROOT", "det", "dobj", "punct", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT", "PUNCT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)
    text = doc.text
    q = (text.index("\u201c"), len(text))
    before = _before_cue(doc, text, q)
    assert before is not None and text[slice(*before.source)] == "Ryan"
    assert text[slice(*before.cue)] == "conceded"

    words = ["\u201c", "We", "lost", ",", "\u201d", "the", "letter", "read", "."]
    heads = [2, 2, 2, 2, 2, 6, 7, 7, 7]
    deps = ["punct", "nsubj", "ROOT", "punct", "punct", "det", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)
    text = doc.text
    q = (0, text.index("\u201d") + 1)
    after = _after_cue(doc, text, q)
    assert after is not None and text[slice(*after.source)] == "the letter"
    assert text[slice(*after.cue)] == "read" and _before_cue(doc, text, q) is None
