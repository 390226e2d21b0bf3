"""The PolNeAR attribution metric, and newsmill's quality floor on PolNeAR dev."""

from __future__ import annotations

from pathlib import Path

from newsmill.eval.polnear import Attribution, evaluate, load_split, read_ann, score_doc

TEXT = 'Officials said the talks "had stalled badly" on Monday. Kim said nothing at all.'


def _span(word: str) -> tuple[tuple[int, int], ...]:
    i = TEXT.index(word)
    return ((i, i + len(word)),)


GOLD = [
    Attribution(_span('the talks "had stalled badly" on Monday'), _span("Officials"), _span("said")),
    Attribution(_span("nothing at all"), _span("Kim"), ()),
]


def test_eval_polnear_lenient_strict_and_source() -> None:
    pred = [
        Attribution(_span('the talks "had stalled badly"'), _span("Officials"), ()),  # F1 0.8: lenient only
        Attribution(_span("nothing at all"), _span("Officials"), ()),  # right content, wrong source
        Attribution(_span("Kim"), (), ()),  # no match
    ]
    lenient = score_doc(TEXT, GOLD, pred, 0.5)
    assert (lenient.n_pred, lenient.n_gold, lenient.matched, lenient.source_right) == (3, 2, 2, 1)
    strict = score_doc(TEXT, GOLD, pred, 0.9)
    assert strict.matched == 1
    res = evaluate([(TEXT, GOLD, pred)])
    assert abs(res["all_lenient"]["p"] - 2 / 3) < 1e-9 and res["all_lenient"]["r"] == 1.0
    assert res["all_lenient"]["source_acc"] == 0.5
    assert abs(res["all_lenient"]["wsw_f1"] - 2 * (1 / 3) * 0.5 / (1 / 3 + 0.5)) < 1e-9
    # The quoted subset keeps only the gold and predicted contents with a quotation mark.
    assert res["quoted_lenient"]["f1"] == 1.0 and res["quoted_strict"]["f1"] == 0.0


def test_eval_polnear_pairs_one_to_one() -> None:
    twice = [Attribution(GOLD[1].content, _span("Kim"), ()), Attribution(GOLD[1].content, _span("Kim"), ())]
    counts = score_doc(TEXT, GOLD[1:], twice, 0.5)
    assert counts.matched == 1 and counts.n_pred == 2


def test_eval_polnear_reads_brat_with_discontinuous_spans(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 24;25 29\tthe talks had\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nE2\tAttribution:T5 Content:T3 Cue:T2\n",
        encoding="utf-8",
    )
    atts = read_ann(ann)
    assert atts[0] == Attribution(((15, 24), (25, 29)), ((0, 9),), ((10, 14),))
    assert atts[1].source == ()


def test_eval_polnear_quality_floor_on_dev(shared_data: Path) -> None:
    from newsmill.api import article_from_text
    from newsmill.eval.polnear import from_article
    from newsmill.nlp import annotate_doc
    from newsmill.nlp.pipeline import load

    # A fixed subset (the first 40 dev articles in name order) keeps this under ~30 s on 2 cores.
    docs = load_split(shared_data / "polnear", "dev", limit=40)
    nlp = load(None)
    items = []
    for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16), strict=True):
        article = article_from_text(d.text, published=d.published)
        article.language = "en"
        annotate_doc(article, doc)
        items.append((d.text, d.gold, from_article(article)))
    res = evaluate(items)
    # Floors a little below the measured numbers on this subset (see docs/benchmarks.md).
    assert res["all_lenient"]["f1"] >= FLOORS["all_f1"], res["all_lenient"]
    assert res["all_lenient"]["wsw_f1"] >= FLOORS["all_wsw"], res["all_lenient"]
    assert res["quoted_lenient"]["f1"] >= FLOORS["quoted_f1"], res["quoted_lenient"]
    assert res["quoted_lenient"]["wsw_f1"] >= FLOORS["quoted_wsw"], res["quoted_lenient"]


# Measured on this subset (2026-11-27, after the unclaimed-quote rules): all F1 0.707, who-said-what
# 0.621; quoted F1 0.882, who-said-what 0.728 (the full dev numbers are in docs/benchmarks.md).
# Floors ~0.03 below; the who-said-what floors were set earlier (0.623 / 0.751 then) and are only
# ever raised: quotes kept with an unknown speaker count as wrong speakers.
FLOORS = {"all_f1": 0.68, "all_wsw": 0.59, "quoted_f1": 0.85, "quoted_wsw": 0.72}
