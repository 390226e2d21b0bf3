"""Train the attribution scorer (``src/newsmill/nlp/models/attribution.json``) on PolNeAR train.

Candidates come from the rules with the broad verb net on (``quotes.extract`` with a
scorer); a candidate is positive when its content matches a gold content (token-set
F1 >= 0.5, the lenient criterion of the metric). Logistic regression on the sparse
features of :mod:`newsmill.nlp.scorer`; the regularisation and the threshold are
chosen by 2-fold cross-validation over train articles on the metric's all-attribution
lenient F1. PolNeAR dev is never read here.

    PYTHONPATH=src python bench/train_scorer.py [--limit N] [--cache docs.spacy]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newsmill.eval import polnear
from newsmill.eval.data import shared_data_dir
from newsmill.nlp import quotes
from newsmill.nlp.pipeline import load
from newsmill.nlp.scorer import MODEL, Scorer, features

C_GRID = (0.1, 0.3, 1.0)
T_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(11))


class _All:
    """A scorer that keeps every candidate (to collect the training set)."""

    def filter(self, doc: Any, atts: list[quotes.Attribution]) -> list[quotes.Attribution]:
        return atts


def _parse(docs: list[polnear.PolnearDoc], cache: Path | None) -> list[Any]:
    nlp = load(None)
    if cache and cache.exists():
        from spacy.tokens import DocBin

        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    if cache:
        from spacy.tokens import DocBin

        DocBin(docs=parsed).to_disk(cache)
    return parsed


def _collect(docs: list[polnear.PolnearDoc], parsed: list[Any]) -> list[list[tuple[quotes.Attribution, list[str], int]]]:
    per_doc = []
    for d, doc in zip(docs, parsed, strict=True):
        toks = polnear._token_index(d.text)
        golds = [polnear.token_set(toks, g.content) for g in d.gold]
        rows = []
        for att in quotes.extract(doc, scorer=_All()):
            ps = polnear.token_set(toks, ((att.start, att.end),))
            label = int(any(polnear._f1(ps, g) >= 0.5 for g in golds))
            rows.append((att, features(doc, att), label))
        per_doc.append(rows)
    return per_doc


def _fit(rows: list[tuple[Any, list[str], int]], c: float) -> Scorer:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for _, f, _ in rows])
    y = [lab for _, _, lab in rows]
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True) if abs(w) > 1e-4}
    return Scorer(weights, float(clf.intercept_[0]), 0.5)


def _f1(docs: list[polnear.PolnearDoc], per_doc: list[Any], scorer: Scorer, t: float) -> float:
    items = []
    for d, rows in zip(docs, per_doc, strict=True):
        kept = [a for a, f, _ in rows if scorer.prob(f) >= t]
        seen, preds = set(), []
        for a in kept:
            if (a.start, a.end) not in seen:
                seen.add((a.start, a.end))
                preds.append(polnear.Attribution(((a.start, a.end),), (a.source,) if a.source else ()))
        items.append((d.text, d.gold, preds))
    return polnear.evaluate(items)["all_lenient"]["f1"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train articles")
    args = ap.parse_args()
    root = shared_data_dir()
    if root is None:
        sys.exit("train_scorer: ../shared/data is absent")
    docs = polnear.load_split(root / "polnear", "train", args.limit)
    per_doc = _collect(docs, _parse(docs, args.cache))
    half = len(docs) // 2
    folds = [(range(0, half), range(half, len(docs))), (range(half, len(docs)), range(0, half))]
    best = (-1.0, 0.0, 0.0)
    for c in C_GRID:
        scores = {t: 0.0 for t in T_GRID}
        for fit_on, test_on in folds:
            scorer = _fit([r for i in fit_on for r in per_doc[i]], c)
            for t in T_GRID:
                scores[t] += _f1([docs[i] for i in test_on], [per_doc[i] for i in test_on], scorer, t) / 2
        for t, f in scores.items():
            print(f"C={c} t={t} cv all-lenient F1={f:.4f}", file=sys.stderr)
            if f > best[0]:
                best = (f, c, t)
    f, c, t = best
    final = _fit([r for rows in per_doc for r in rows], c)
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "about": "newsmill attribution scorer: logistic regression over rule candidates, trained on "
        f"PolNeAR 1.0 train ({len(docs)} articles; research use). 2-fold CV on train: C={c}, threshold={t}, "
        f"all-attribution lenient F1 {f:.3f}. Trained by bench/train_scorer.py.",
        "bias": round(final.bias, 5),
        "threshold": t,
        "weights": {k: round(v, 5) for k, v in sorted(final.weights.items())},
    }
    MODEL.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL} ({len(data['weights'])} weights); cv F1 {f:.4f} at C={c}, t={t}")


if __name__ == "__main__":
    main()
