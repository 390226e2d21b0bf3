"""A small learned filter over attribution candidates (logistic regression, shipped as JSON).

Rules find candidates: lexicon cue verbs, "according to", quotes, and every other verb
with a subject and a complement ("endorsed Sanders", "decided to run"). PolNeAR calls
many of the latter attributions and many not, depending on the verb and its context;
the scorer learns that from PolNeAR train (``bench/train_scorer.py``) and keeps the
candidates whose probability clears the threshold chosen by cross-validation on train.

The model is a dict of feature weights: no numpy or sklearn at run time. PolNeAR is
for research use; see ``models/README.md``.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsmill.nlp.quotes import ATTITUDE, INTENTION, NOMINAL, SPEECH, Attribution

MODEL = Path(__file__).parent / "models" / "attribution.json"
_PRONOUNS = frozenset("he she they i we it you".split())


def _lexicon(lemma: str) -> str:
    for name, words in (
        ("speech", SPEECH),
        ("attitude", ATTITUDE),
        ("intention", INTENTION),
        ("nominal", NOMINAL),
    ):
        if lemma in words:
            return name
    return "none"


def _length(n: int) -> str:
    return str(min(6, int(math.log2(n + 1))))


def features(doc: Any, att: Attribution) -> list[str]:
    """Sparse binary features of one candidate (names are the model's keys)."""
    feats = [f"origin={att.origin}", f"kind={att.kind}", f"kind_origin={att.kind}|{att.origin}"]
    if att.verb is not None:
        verb = doc[att.verb]
        lemma = verb.lemma_.lower()
        feats += [f"lemma={lemma}", f"lex={_lexicon(lemma)}", f"tag={verb.tag_}", f"vdep={verb.dep_}"]
        feats += [f"lemma_kind={lemma}|{att.kind}"]
        if any(c.dep_ == "neg" for c in verb.children):
            feats.append("neg")
        kids = {c.dep_ for c in verb.children}
        feats += [f"child={d}" for d in ("ccomp", "xcomp", "dobj", "prep", "dative") if d in kids]
    if att.source_head is not None:
        head = doc[att.source_head]
        feats.append(f"subj_ent={head.ent_type_ or 'none'}")
        feats.append(f"subj_tag={head.tag_}")
        if head.lower_ in _PRONOUNS:
            feats.append(f"subj_pron={head.lower_}")
    feats.append(f"clen={_length((att.end - att.start) // 6)}")  # ~6 characters a word
    return feats


class Scorer:
    """Weights + threshold; ``filter`` keeps the candidates scoring at or above it."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def prob(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def filter(self, doc: Any, atts: list[Attribution]) -> list[Attribution]:
        kept = []
        for att in atts:
            att.score = self.prob(features(doc, att))
            if att.score >= self.threshold:
                kept.append(att)
        return kept


@lru_cache(maxsize=1)
def default_scorer() -> Scorer | None:
    """The shipped scorer, or None when the model file is absent (rules alone then)."""
    if not MODEL.exists():
        return None
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return Scorer(data["weights"], data["bias"], data["threshold"])
