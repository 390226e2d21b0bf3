"""Who is speaking: canonical names, pronoun resolution, anonymous sources, roles.

* a name ("Pompeo") is resolved through its entity to the full name ("Mike Pompeo");
* a pronoun ("He", "she", "they") takes the most recent compatible earlier speaker
  (gender from the words the article uses: "spokeswoman", "Mr."; number from the
  head noun), else the most recent person mentioned before it;
* a speaker with no name whose head noun is a source-like noun ("a senior U.S.
  official", "sources", "officials") is anonymous; its descriptor is its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsmill.model import Speaker
from newsmill.nlp.entities import EntityIndex, pre_title
from newsmill.nlp.pipeline import doc_text
from newsmill.nlp.quotes import Attribution

_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p"}
_RELATIVE = frozenset(["who", "which", "that"])
_SELF = frozenset(["i", "we", "me", "us"])
# "you" outside a quote is the reader or anyone ("if you want to understand ..."), or an
# interviewer's question: kept as written (PolNeAR marks it as the source), never given a name.
_SECOND = frozenset(["you", "yourself", "yourselves", "y'all"])
ANON_HEADS = frozenset(
    [
        "official",
        "source",
        "aide",
        "person",
        "people",
        "officer",
        "diplomat",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "insider",
        "adviser",
        "advisor",
        "staffer",
        "member",
        "executive",
        "lawmaker",
        "employee",
        "witness",
        "resident",
        "observer",
        "investigator",
        "analyst",
        "expert",
        "strategist",
        "operative",
        "democrat",
        "republican",
    ]
)
_FEMALE = frozenset(
    [
        "spokeswoman",
        "woman",
        "mrs.",
        "mrs",
        "ms.",
        "ms",
        "chairwoman",
        "congresswoman",
        "businesswoman",
        "queen",
        "lady",
    ]
)
_MALE = frozenset(["spokesman", "man", "mr.", "mr", "chairman", "congressman", "businessman", "king"])
_DETS = frozenset(["a", "an", "the", "one", "another", "some", "two", "three", "several"])


@dataclass(slots=True)
class _Known:
    """A resolved speaker remembered for later pronouns."""

    speaker: Speaker
    pos: int
    gender: str | None
    plural: bool
    person: bool
    nested: bool  # the speaker sits inside someone else's reported content


def _gender(words: list[str]) -> str | None:
    low = {w.lower() for w in words}
    if low & _FEMALE:
        return "f"
    return "m" if low & _MALE else None


def _descriptor(doc: Any, a: int, b: int) -> str:
    while a < b - 1 and doc[a].lower_ in _DETS:
        a += 1
    return doc[a:b].text


def _compatible(k: _Known, want: str) -> bool:
    if want == "p":
        return k.plural or not k.person
    return not k.plural and k.person and k.gender in (None, want)


def _antecedent(history: list[_Known], want: str, pos: int) -> _Known | None:
    """Most recent compatible speaker, preferring one not nested in another's content."""
    cands = [k for k in reversed(history) if k.pos < pos and _compatible(k, want)]
    return next((k for k in cands if not k.nested), cands[0] if cands else None)


def _nearest_person(index: EntityIndex, head_i: int) -> str | None:
    for i in range(head_i - 1, max(-1, head_i - 400), -1):
        ent = index.get(index.by_token.get(i))
        if ent is not None and ent.type == "person":
            return ent.id
    return None


def _pronoun(doc: Any, att: Attribution, head: Any, history: list[_Known], index: EntityIndex) -> Speaker:
    s, e = att.source or (head.idx, head.idx + len(head.text))
    speaker = Speaker(doc_text(doc)[s:e], s, e)
    want = _PRONOUNS[head.lower_]
    known = _antecedent(history, want, s)
    if known is not None:
        ref = known.speaker
        speaker.name, speaker.entity, speaker.anonymous, speaker.role = (
            ref.name,
            ref.entity,
            ref.anonymous,
            ref.role,
        )
        if known.gender is None and want in "mf":
            known.gender = want  # "she" said it: later "he" will not take this speaker
    elif want in "mf":
        ent = index.get(_nearest_person(index, head.i))
        if ent is not None:
            speaker.name, speaker.entity = ent.name, ent.id
            speaker.role = ent.titles[0] if ent.titles else None
    return speaker


def _named(doc: Any, att: Attribution, head: Any, index: EntityIndex) -> tuple[Speaker, bool]:
    s, e = att.source or (head.idx, head.idx + len(head.text))
    span = doc.char_span(s, e, alignment_mode="expand")
    a, b = (span.start, span.end) if span is not None else (head.i, head.i + 1)
    speaker = Speaker(doc_text(doc)[s:e], s, e)
    ent = index.get(index.by_token.get(head.i))
    if ent is None and head.pos_ == "PROPN":
        ent = index.by_surname(head.text)
    if ent is not None:
        speaker.name, speaker.entity = ent.name, ent.id
        first = min((i for i in range(a, b) if index.by_token.get(i) == ent.id), default=head.i)
        role = pre_title(doc, first, head) if ent.type == "person" else None
        speaker.role = role or (ent.titles[0] if ent.titles else None)
        return speaker, ent.type == "person"
    if head.lemma_.lower() in ANON_HEADS or head.lower_ in ANON_HEADS:
        speaker.anonymous = True
        speaker.name = speaker.role = _descriptor(doc, a, min(b, head.i + 1))
        return speaker, True
    speaker.name = _descriptor(doc, a, b)
    return speaker, False


def _relative(doc: Any, att: Attribution, head: Any, index: EntityIndex) -> Speaker:
    """ "Canova, who cited ...": the speaker is written "who" and named after its antecedent."""
    ante = head.head.head
    a = ante.left_edge.i
    ref = Attribution(-1, -1, None, (doc[a].idx, ante.idx + len(ante.text)), ante.i)
    named, _ = _named(doc, ref, ante, index)
    s, e = att.source or (head.idx, head.idx + len(head.text))
    return Speaker(doc_text(doc)[s:e], s, e, named.name, named.entity, named.anonymous, named.role)


def resolve(doc: Any, atts: list[Attribution], index: EntityIndex) -> list[Speaker | None]:
    """One speaker per attribution (None when the attribution has no source)."""
    order = sorted(range(len(atts)), key=lambda i: (atts[i].source or (atts[i].start, 0))[0])
    out: list[Speaker | None] = [None] * len(atts)
    history: list[_Known] = []
    for i in order:
        att = atts[i]
        if att.source is None or att.source_head is None:
            continue
        head = doc[att.source_head]
        parent = next((j for j, o in enumerate(atts) if o is att.inherited), None)
        if parent is not None and out[parent] is not None:
            ref = out[parent]
            out[i] = Speaker(ref.text, ref.start, ref.end, ref.name, ref.entity, ref.anonymous, ref.role)
            continue
        if head.lower_ in _PRONOUNS:
            out[i] = _pronoun(doc, att, head, history, index)
            continue
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            out[i] = _relative(doc, att, head, index)
            continue
        if head.lower_ in _SELF or head.lower_ in _SECOND:
            out[i] = Speaker(doc_text(doc)[att.source[0] : att.source[1]], *att.source)
            continue
        speaker, person = _named(doc, att, head, index)
        words = speaker.text.split()
        plural = head.tag_ in ("NNS", "NNPS")
        nested = any(o.start <= att.source[0] < o.end for o in atts if o is not att)
        history.append(_Known(speaker, att.source[0], _gender(words), plural, person, nested))
        out[i] = speaker
    return out
