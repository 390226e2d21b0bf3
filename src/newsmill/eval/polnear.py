"""PolNeAR 1.0 reader and the quote-attribution metric of ``shared/data/README.md``.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in
political news: Source (who), Cue (through which words), Content (what). It is
for research use. The metric, restated from the README:

* token sets are the ``\\w+`` matches inside a span (here by position, so two
  "the" in different places are different tokens);
* a predicted content matches a gold content when their token-set F1 is >= 0.5
  (lenient) or >= 0.9 (strict); pairs are made one-to-one, greedily by best F1;
* source accuracy: among matched pairs, the share whose predicted speaker span
  shares a token with the gold Source span (both absent counts as right);
* who-said-what: a pair counts when content matches and the source is right;
  precision over all predictions, recall over all gold attributions;
* the quoted subset: gold contents containing a quotation mark (and, for
  precision, predicted contents containing one).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Pieces = tuple[tuple[int, int], ...]

_WORD = re.compile(r"\w+")
QUOTE_MARKS = frozenset('"“”„«»')


@dataclass(slots=True)
class Attribution:
    """One attribution: content pieces, source pieces (may be empty), cue pieces."""

    content: Pieces
    source: Pieces = ()
    cue: Pieces = ()


@dataclass(slots=True)
class PolnearDoc:
    name: str
    text: str
    published: str | None
    gold: list[Attribution] = field(default_factory=list)


def _pieces(spec: str) -> Pieces:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(path: Path) -> list[Attribution]:
    """Parse one brat ``.ann`` file into attributions (E lines join the T spans)."""
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label_spec = cols[1].split(" ", 1)
            if len(label_spec) == 2:
                spans[cols[0]] = _pieces(label_spec[1])
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(p.split(":", 1) for p in cols[1].split() if ":" in p)
            events.append(roles)
    out = []
    for ev in events:
        if ev.get("Content") not in spans:
            continue
        out.append(
            Attribution(
                content=spans[ev["Content"]],
                source=spans.get(ev.get("Source", ""), ()),
                cue=spans.get(ev.get("Cue", ""), ()),
            )
        )
    return out


def _metadata_dates(root: Path) -> dict[str, str]:
    meta = root / "metadata.tsv"
    if not meta.exists():
        return {}
    lines = meta.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    i_name, i_date = head.index("filename"), head.index("publication_date")
    return {c[i_name]: c[i_date] for c in (ln.split("\t") for ln in lines[1:]) if len(c) > i_date}


def load_split(root: Path, split: str, limit: int | None = None) -> list[PolnearDoc]:
    """Articles of ``train`` or ``dev`` in sorted order, gold from the first annotator file."""
    dates = _metadata_dates(root)
    anns: dict[str, Path] = {}
    for p in sorted((root / split / "attributions").glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    docs = []
    for txt in sorted((root / split / "text").glob("*.txt")):
        name = txt.stem
        ann = anns.get(name)
        gold = read_ann(ann) if ann else []
        docs.append(PolnearDoc(name, txt.read_text(encoding="utf-8"), dates.get(name), gold))
        if limit and len(docs) >= limit:
            break
    return docs


# --- the metric --------------------------------------------------------------------------


def _token_index(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def token_set(tokens: list[tuple[int, int]], pieces: Pieces) -> frozenset[int]:
    """Indices of the ``\\w+`` tokens lying inside any of the pieces (tokens sorted by start)."""
    out: set[int] = set()
    for s, e in pieces:
        i = bisect.bisect_left(tokens, (s, -1))
        while i < len(tokens) and tokens[i][0] < e:
            if tokens[i][1] <= e:
                out.add(i)
            i += 1
    return frozenset(out)


def _f1(a: frozenset[int], b: frozenset[int]) -> float:
    inter = len(a & b)
    return 0.0 if inter == 0 else 2 * inter / (len(a) + len(b))


def is_quoted(text: str, pieces: Pieces) -> bool:
    return any(c in QUOTE_MARKS for s, e in pieces for c in text[s:e])


@dataclass(slots=True)
class Counts:
    """Sums over articles for one threshold and one subset."""

    n_pred: int = 0
    n_gold: int = 0
    matched: int = 0
    source_right: int = 0

    def add(self, other: Counts) -> None:
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold
        self.matched += other.matched
        self.source_right += other.source_right

    def scores(self) -> dict[str, float]:
        p = self.matched / self.n_pred if self.n_pred else 0.0
        r = self.matched / self.n_gold if self.n_gold else 0.0
        wp = self.source_right / self.n_pred if self.n_pred else 0.0
        wr = self.source_right / self.n_gold if self.n_gold else 0.0
        return {
            "p": p,
            "r": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "source_acc": self.source_right / self.matched if self.matched else 0.0,
            "wsw_f1": 2 * wp * wr / (wp + wr) if wp + wr else 0.0,
        }


def score_doc(
    text: str, gold: Sequence[Attribution], pred: Sequence[Attribution], threshold: float
) -> Counts:
    """Greedy one-to-one pairing of predicted and gold contents, then source agreement."""
    toks = _token_index(text)
    g_sets = [token_set(toks, g.content) for g in gold]
    p_sets = [token_set(toks, p.content) for p in pred]
    cands = []
    for i, ps in enumerate(p_sets):
        for j, gs in enumerate(g_sets):
            f = _f1(ps, gs)
            if f >= threshold:
                cands.append((f, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    counts = Counts(n_pred=len(pred), n_gold=len(gold))
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        counts.matched += 1
        if _source_right(toks, pred[i].source, gold[j].source):
            counts.source_right += 1
    return counts


def _source_right(toks: list[tuple[int, int]], pred: Pieces, gold: Pieces) -> bool:
    if not gold:
        return not pred
    return bool(pred) and bool(token_set(toks, pred) & token_set(toks, gold))


def evaluate(
    items: Iterable[tuple[str, Sequence[Attribution], Sequence[Attribution]]],
) -> dict[str, dict[str, float]]:
    """``(text, gold, pred)`` per article -> scores for all/quoted x lenient/strict."""
    totals = {k: Counts() for k in ("all_lenient", "all_strict", "quoted_lenient", "quoted_strict")}
    for text, gold, pred in items:
        q_gold = [g for g in gold if is_quoted(text, g.content)]
        q_pred = [p for p in pred if is_quoted(text, p.content)]
        for thr, tag in ((0.5, "lenient"), (0.9, "strict")):
            totals[f"all_{tag}"].add(score_doc(text, gold, pred, thr))
            totals[f"quoted_{tag}"].add(score_doc(text, q_gold, q_pred, thr))
    return {k: v.scores() for k, v in totals.items()}


# --- adapters: newsmill records and the textacy baseline -> predictions ---------------------


def from_article(article: Any) -> list[Attribution]:
    """One prediction per ``Article.quotes`` entry: content, speaker as written, cue."""
    out = []
    for q in article.quotes or []:
        source = ((q.speaker.start, q.speaker.end),) if q.speaker else ()
        cue = ((q.cue.start, q.cue.end),) if q.cue else ()
        out.append(Attribution(((q.start, q.end),), source, cue))
    return out


def from_textacy(doc: Any) -> list[Attribution] | None:
    """textacy's ``direct_quotations``; None when it raises (odd number of quote marks):
    the caller counts that as no predictions for the article."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except Exception:  # noqa: BLE001 - textacy's documented failure is a ValueError; count any
        return None
    out = []
    for t in triples:
        content = ((t.content.start_char, t.content.end_char),)
        source = tuple((tok.idx, tok.idx + len(tok.text)) for tok in t.speaker)
        cue = tuple((tok.idx, tok.idx + len(tok.text)) for tok in t.cue)
        out.append(Attribution(content, source, cue))
    return out
