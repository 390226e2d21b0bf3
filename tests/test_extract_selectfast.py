"""The optional C tree pass (_selectfast) gives exactly build_tree_python's Tree and leaves the walk's
Elem records exactly as the Python passes leave them (hints cleared, dek set), on hand-written pages
that reach every rule, on the fixtures and (when ../shared/data is present) on every benchmark page,
for article and non-article pages."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsmill.extract import htmlselect as hs
from newsmill.extract.html import _bound
from newsmill.extract.htmlblocks import Block, Elem, Walk, walk

needs_c = pytest.mark.skipif(hs._selectfast is None, reason="C extension not built (pip install -e .)")
FIXTURES = Path(__file__).parent / "fixtures" / "html"

# 4 x 98 chars: two such paragraphs pass the 600-char prose override.
_PROSE = " ".join(
    ["This sentence has well over fifteen words so that it counts as prose for the wrong hint override."] * 4
)
# The same prose with other endings: blocks with one 40-char ending in 3+ copies count once.
_PROSE2, _PROSE3 = _PROSE + " Twice.", _PROSE + " Thrice."
# Each page reaches rules of the passes: a wrong sidebar hint on the page's prose, a navigation hint
# shared by sections, a hidden wrapper around the article and a machine copy, cookie text on article
# pages, a summary (dek) and a form hint, teaser cards after linked headings, JSON data, table cells,
# strong hints resetting inherited ones, every sentence ending and non-ASCII text.
_PAGES = [
    f"<div class='sidebar'><p>{_PROSE}</p><p>{_PROSE2}</p></div><aside class='sidebar'><p>short</p></aside>",
    f"<div class='skip-item'><p>{_PROSE}</p></div><div class='skip-item'><p>{_PROSE2}</p></div>"
    f"<div class='skip-item'><p>{_PROSE3}</p></div>"
    "<nav><a href=/>Home</a></nav>",
    f"<div style='display:none'><p>{_PROSE}</p><p>{_PROSE2}</p></div><pre hidden aria-hidden='true'>{_PROSE}</pre>",
    f"<div class='cookie-banner'><p>{_PROSE} {_PROSE}</p></div><p>{_PROSE}</p>",
    "<p class='dek'>The standfirst of the story.</p><form class='search'><p>Find it here</p></form>",
    "<section><h3><a href=/a>A linked headline over a card</a></h3><p>Its short summary.</p></section>"
    "<section><h3><a href=/b>Another linked headline</a></h3><p>Another summary.</p><p>and more</p></section>",
    '<p>{"layoutMobile": 2, "x": [1, 2, 3]}</p><p>[not data] but a bracket</p><table><tr><td>1</td><td>two'
    "</td></tr></table>",
    f"<div class='related'><div itemprop='articleBody'><p>{_PROSE}</p></div><p>rel link</p></div>",
    "<p>Six words then a full stop.</p><p>Six words then a quote mark”</p><p>Six words then a guillemet »</p>"
    "<p>Six words and a closing paren)</p><p>Six words with no ending at all</p><p>caf\u00e9 \u4e2d\u6587 \U0001f600</p>",
    f"<p><a href=/x>{_PROSE}</a></p><p><a href=/y>one two three</a></p><p>{_PROSE} <a href=/z>link</a></p>",
    f"<div class='product'><p>{_PROSE}</p></div><section class='reviews'><p>{_PROSE}</p><p>Great!</p></section>",
    # A promo carousel of templated slides (one ending, 4 copies) beside the page's one text.
    "<div class='promo-bar'>"
    + "".join(f"<p>Free shipping on orders over {c}50. {_PROSE}</p>" for c in "$€£¥")
    + f"</div><main><p>{_PROSE2}</p><p>{_PROSE3}</p></main>",
]


def _walk(html: str) -> Walk:
    tree = LexborHTMLParser(html)
    return walk(tree.body or tree.root)


def _compare(w: Walk, article: bool, product: bool = False) -> tuple[hs.Tree, Walk]:
    ref_walk, fast_walk = copy.deepcopy(w), copy.deepcopy(w)
    ref = hs.build_tree_python(ref_walk, article, product)
    fast = hs.build_tree(fast_walk, article, product)
    assert fast == ref
    assert fast_walk == ref_walk  # the same Elem fields changed
    return fast, fast_walk


@needs_c
@pytest.mark.parametrize(("article", "product"), [(True, False), (False, False), (False, True)])
@pytest.mark.parametrize("html", _PAGES)
def test_htmlselect_c_tree_equals_python_tree(html: str, article: bool, product: bool) -> None:
    tree, _ = _compare(_walk(html), article, product)
    assert any(tree.total)  # each page has weighted text, so the comparison is not vacuous


@needs_c
def test_htmlselect_c_tree_applies_the_rules() -> None:
    tree, w = _compare(_walk(_PAGES[0] + _PAGES[4] + _PAGES[5]), True)
    assert w.elems[1].hint is None  # the sidebar holding the prose lost its hint
    assert any(e.dek for e in w.elems) and not any(e.hint == "summary" for e in w.elems)
    short = next(b for b in w.blocks if b.text == "short")
    assert tree.reason[short.elem] == "sidebar"
    summary = next(b for b in w.blocks if b.text == "Its short summary.")
    assert tree.total[summary.elem] < 0  # a teaser after a linked headline counts against
    _, shared = _compare(_walk(_PAGES[1]), True)
    assert not any(e.hint == "navigation" and e.tag == "div" for e in shared.elems)
    _, promo = _compare(_walk(_PAGES[-1]), True)
    assert promo.elems[1].hint == "advertisement"  # its 4 slides count as one paragraph of prose


@needs_c
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.name)
def test_htmlselect_c_tree_equals_python_tree_on_fixtures(path: Path) -> None:
    w = _walk(path.read_text(encoding="utf-8"))
    _compare(w, True)
    _compare(w, False)


@needs_c
def test_htmlselect_c_tree_equals_python_tree_on_benchmark_pages(shared_data: Path) -> None:
    from newsmill.eval import html as H

    docs = list(H.scrapinghub(shared_data)) + list(H.wcxb(shared_data))
    differ = []
    for k, doc in enumerate(docs):
        html = doc.data if isinstance(doc.data, str) else doc.data.decode("utf-8", "replace")
        html = _bound(html)[0]
        article = k % 2 == 0  # both page kinds, one each per page (a full second pass is 40 s)
        product = k % 4 == 1
        a, b = _walk(html), _walk(html)  # walking twice is cheaper than a deep copy
        if hs.build_tree_python(a, article, product) != hs.build_tree(b, article, product) or a != b:
            differ.append((doc.id, article))
    assert len(docs) > 1500 and not differ


@needs_c
def test_htmlselect_c_tree_refuses_malformed_records() -> None:
    elems = [Elem("body", -1, 0), Elem("p", 5, 1)]  # a parent after its child
    with pytest.raises(ValueError):
        hs._selectfast.tree_pass(elems, [], True, False)
    with pytest.raises(ValueError):
        hs._selectfast.tree_pass([Elem("body", -1, 0)], [Block("x", 3, "paragraph", 0)], True, False)
    with pytest.raises(TypeError):
        hs._selectfast.tree_pass(["not an elem"], [], True, False)


def test_htmlselect_build_tree_falls_back_to_python_without_the_extension(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w = _walk(_PAGES[0] + _PAGES[5])
    ref = hs.build_tree_python(copy.deepcopy(w), True)
    monkeypatch.setattr(hs, "_selectfast", None)
    assert hs.build_tree(w, True) == ref


def _random_walk(rng: random.Random) -> Walk:
    hints = [None] * 6 + [
        "sidebar",
        "navigation",
        "share_widget",
        "cookie_notice",
        "summary",
        "form",
        "comments",
    ]
    words = ["word", "longer", "a", "café", "中文", "end.", "quote”", "»", "{", '{"k": 1}', "[1]", "(x)"]
    n = rng.randint(1, 40)
    elems = [Elem("body", -1, 0)]
    for i in range(1, n):
        p = rng.randrange(i)
        elems.append(
            Elem(
                rng.choice(["div", "p", "h2", "article", "pre"]),
                p,
                elems[p].depth + 1,
                hint=rng.choice(hints),
                strong=rng.random() < 0.1,
                hidden=rng.choice([0, 0, 0, 1, 2, 3]),
                dek=rng.random() < 0.05,
            )
        )
    blocks = []
    for _ in range(rng.randint(0, 60)):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        kind = rng.choice(["paragraph", "heading", "cell", "list_item"])
        blocks.append(Block(text, rng.randrange(n), kind, rng.randint(0, len(text))))
    return Walk(elems, blocks)


@needs_c
def test_htmlselect_c_tree_equals_python_tree_on_random_walks() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        w = _random_walk(rng)
        article = rng.random() < 0.5
        a, b = copy.deepcopy(w), copy.deepcopy(w)
        assert hs.build_tree(b, article) == hs.build_tree_python(a, article)
        assert a == b
