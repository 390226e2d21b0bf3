"""People, organisations and places from spaCy's NER, clustered under one canonical name.

spaCy gives mentions; this module turns them into entities:

* "Mike Pompeo" / "Pompeo" / "Secretary of State Mike Pompeo" / "Mr. Pompeo" are one
  person whose name is the longest full name the article gives;
* a lone surname of a known person is a person whatever label the parser gave it
  (the small model tags "Pompeo" GPE or ORG now and then);
* titles come from pre-modifiers ("State Department spokeswoman Heather Nauert") and
  appositions ("Mike Pompeo, the secretary of state,").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsmill.model import Entity, Mention
from newsmill.nlp.pipeline import doc_text

_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
HONORIFICS = frozenset(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame"])
# Titles the NER sometimes folds into a PERSON span ("President Trump").
_TITLE_WORDS = frozenset(
    [
        "president",
        "secretary",
        "sen.",
        "senator",
        "rep.",
        "representative",
        "gov.",
        "governor",
        "mayor",
        "minister",
        "judge",
        "justice",
        "gen.",
        "general",
        "col.",
        "lt.",
        "adm.",
        "sgt.",
        "capt.",
        "speaker",
        "chairman",
        "chairwoman",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "vice",
        "former",
        "first",
        "lady",
    ]
)
_ALIASES = {"u.s.": "united states", "us": "united states", "u.s.a.": "united states", "usa": "united states"}
_NOT_TITLE = frozenset(["DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"])
_STRIP_LEFT = frozenset(["the", "a", "an"])
_MAX_TITLE_TOKENS = 8


@dataclass(slots=True)
class EntityIndex:
    """The article's entities and, for each token inside a mention, its entity id."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)

    def get(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def by_surname(self, word: str) -> Entity | None:
        """The person whose name ends with ``word`` (a surname the NER did not tag here)."""
        low = word.lower()
        return next(
            (e for e in self.entities if e.type == "person" and e.name.lower().split()[-1] == low), None
        )

    def at(self, a: int, b: int) -> Entity | None:
        """The entity of a token span [a, b): a person first, else the first one found."""
        found = [self.get(self.by_token[i]) for i in range(a, b) if i in self.by_token]
        found = [e for e in found if e is not None]
        return next((e for e in found if e.type == "person"), found[0] if found else None)


def _clean(doc: Any, a: int, b: int, person: bool) -> tuple[int, int, list[str]]:
    """Strip articles, possessive 's and (for people) leading titles from a mention."""
    titles: list[str] = []
    while a < b - 1 and doc[a].lower_ in _STRIP_LEFT:
        a += 1
    while b > a + 1 and (doc[b - 1].lower_ in ("'s", "’s", "'") or doc[b - 1].is_punct):
        b -= 1
    if person:
        t0 = a
        while a < b - 1 and (doc[a].lower_ in _TITLE_WORDS or doc[a].lower_ in HONORIFICS):
            a += 1
        title = doc[t0:a].text
        if title and doc[t0].lower_ not in HONORIFICS:
            titles.append(title)
    return a, b, titles


def _name_tokens(doc: Any, a: int, b: int) -> list[str]:
    return [t.text for t in doc[a:b] if t.lower_ not in HONORIFICS]


def _key(text: str) -> str:
    low = " ".join(text.lower().split())
    return _ALIASES.get(low, low)


def pre_title(doc: Any, a: int, head: Any) -> str | None:
    """The title written before a name: tokens of the head's subtree left of the name."""
    left = head.left_edge.i
    if left >= a:
        return None
    toks = [t for t in doc[left:a] if not t.is_space]
    while toks and (toks[0].lower_ in _STRIP_LEFT or toks[0].is_punct or toks[0].lower_ in HONORIFICS):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in HONORIFICS):
        toks = toks[:-1]
    if not toks or len(toks) > _MAX_TITLE_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    if any(t.text == "," or t.ent_type_ in _NOT_TITLE for t in toks):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN") for t in toks):
        return None
    return doc[toks[0].i : toks[-1].i + 1].text


def _appos_title(doc: Any, head: Any) -> str | None:
    """ "Mike Pompeo, the secretary of state," -> "secretary of state"."""
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ not in ("PERSON",):
            a, b = child.left_edge.i, child.right_edge.i + 1
            while a < b and doc[a].lower_ in _STRIP_LEFT:
                a += 1
            if 0 < b - a <= _MAX_TITLE_TOKENS and not any(t.pos_ == "VERB" for t in doc[a:b]):
                return doc[a:b].text.strip(" ,")
    return None


def _inside_title(doc: Any, ent: Any) -> bool:
    """ "State" in "Secretary of State", "North Koreans" tagged a place: not an org/place."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _TITLE_WORDS:
        return True
    if root.dep_ == "compound" and root.head.lower_ in _TITLE_WORDS:  # "Energy Secretary"
        return True
    return root.tag_ == "NNPS" and root.lower_.endswith(("ans", "ese", "is"))


def _raw_mentions(doc: Any) -> list[tuple[int, int, str, list[str]]]:
    out = []
    for ent in doc.ents:
        etype = _TYPES.get(ent.label_)
        if etype is None:
            continue
        if etype != "person" and _inside_title(doc, ent):
            continue
        a, b, titles = _clean(doc, ent.start, ent.end, etype == "person")
        if etype == "person":
            head = doc[b - 1]
            for title in (pre_title(doc, a, head), _appos_title(doc, head)):
                if title:
                    titles.append(title)
        out.append((a, b, etype, titles))
    return out


def _surnames(doc: Any, raw: list[tuple[int, int, str, list[str]]]) -> dict[str, list[tuple[int, str]]]:
    """Surname -> [(token position, full name)] of every multi-word person mention."""
    out: dict[str, list[tuple[int, str]]] = {}
    for a, b, etype, _ in raw:
        names = _name_tokens(doc, a, b)
        if etype == "person" and len(names) >= 2:
            out.setdefault(names[-1].lower(), []).append((a, " ".join(names)))
    for a, b, etype, _ in raw:  # a one-word person with no full name anywhere ("Trump")
        names = _name_tokens(doc, a, b)
        if etype == "person" and len(names) == 1 and names[0].lower() not in out:
            out[names[0].lower()] = [(a, names[0])]
    return out


def _full_name(surnames: dict[str, list[tuple[int, str]]], word: str, pos: int) -> str | None:
    """The full name a lone surname stands for: the latest one before it, else the first after."""
    cands = surnames.get(word.lower())
    if not cands:
        return None
    before = [c for c in cands if c[0] <= pos]
    return max(before)[1] if before else min(cands)[1]


def extract(doc: Any) -> EntityIndex:
    """Entities of one parsed article, ids ``e1``, ``e2``... in order of first mention."""
    raw = _raw_mentions(doc)
    surnames = _surnames(doc, raw)
    index = EntityIndex()
    by_key: dict[str, Entity] = {}
    for a, b, etype, titles in raw:
        names = _name_tokens(doc, a, b)
        if not names:
            continue
        name = " ".join(names)
        full = _full_name(surnames, names[-1], a) if len(names) == 1 or etype == "person" else None
        if full and (etype == "person" or len(names) == 1):
            etype, name = "person", full  # a lone surname of a known person is that person
        key = _key(name) if etype != "person" else "p:" + name.lower()
        ent = by_key.get(key)
        if ent is None:
            ent = Entity(id=f"e{len(index.entities) + 1}", type=etype, name=name)  # type: ignore[arg-type]
            by_key[key] = ent
            index.entities.append(ent)
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        ent.mentions.append(Mention(doc_text(doc)[start:end], start, end))
        for t in titles:
            if t not in ent.titles:
                ent.titles.append(t)
        for i in range(a, b):
            index.by_token[i] = ent.id
    return index
