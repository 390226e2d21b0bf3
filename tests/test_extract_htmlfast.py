"""The optional C walk (_htmlfast) gives exactly the Elem and Block records of the Python walk, on
hand-written pages that reach every branch, on the fixture pages, at the node and depth bounds, and
(when ../shared/data is present) on every benchmark page. walk_python is called directly, so the
reference stays exercised when the extension is built."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsmill.extract import hints
from newsmill.extract import htmlblocks as hb
from newsmill.extract.html import _bound

needs_c = pytest.mark.skipif(hb._htmlfast is None, reason="C extension not built (pip install -e .)")
FIXTURES = Path(__file__).parent / "fixtures" / "html"

# Each page reaches branches of the walk: inline runs split by blocks and <br>, link text counted
# after stripping (Unicode spaces too), table rows and cells, quotes, figures with and without
# tables, captions by class, every hidden level, role/itemprop (lowercased), skipped tags,
# comments, custom elements, markup left as text by <noscript>, and non-ASCII text.
_PAGES = [
    "<p>one <b>two</b> three<br>four</p><div>five <span>six <i>seven</i></span></div>",
    "<div><a href=x>\u00a0link text\u2009</a> tail <a>  </a><p>in <a>p</a></p></div>",
    "<table><tr><td>a</td><th>b <a>c</a></th></tr><tr><td><p>d</p>e</td></tr></table>",
    "<blockquote><p>quoted</p> loose</blockquote><figure><img src=x><figcaption>cap</figcaption></figure>",
    "<figure class='wp-block-table'><table><tr><td>cell</td></tr></table><figcaption>t</figcaption></figure>",
    "<figure><blockquote>q</blockquote></figure><figure>plain</figure><div class='image-credit'>AP</div>",
    "<div hidden>collapsed</div><div hidden id='S:0'>react</div><pre hidden aria-hidden='true'>copy</pre>"
    "<div hidden aria-hidden='true' role='tabpanel'>tab</div><p style='display: none'>styled</p>"
    "<p style='color:red'>red</p><p style='visibility :hidden'>vis</p><span class='sr-only'>sr</span>",
    "<div role='Navigation'>menu</div><div itemprop='ArticleBody'>body</div><span itemprop=author>Ann</span>"
    "<aside class='related'>rel</aside><nav>n</nav><footer class>f</footer><form id=''>x</form>",
    "<script>var a;</script><style>p{}</style><!-- note --><template>t</template><svg><text>s</text></svg>"
    "<button>b</button><select><option>o</option></select><my-widget>custom <x-y>inner</x-y></my-widget>",
    "<noscript><img src=x></noscript><p>&lt;div&gt;</p><p>caf\u00e9 \u4e2d\u6587 \U0001f600</p>",
    "<main class='article-body comments'><article class='post comment'>c</article></main><section>s</section>",
    "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><dl><dt>t</dt><dd>d</dd></dl><h2>head</h2>",
    "text directly in body<p></p><p>   </p><div>\n\t</div>",
]


def _both(html: str) -> tuple[hb.Walk, hb.Walk]:
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    return hb.walk_python(root), hb.walk(root)


@needs_c
@pytest.mark.parametrize("html", _PAGES)
def test_htmlblocks_c_walk_equals_python_walk(html: str) -> None:
    ref, fast = _both(html)
    assert fast == ref
    assert ref.blocks  # each page has text, so the comparison is not vacuous


@needs_c
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.name)
def test_htmlblocks_c_walk_equals_python_walk_on_fixtures(path: Path) -> None:
    ref, fast = _both(path.read_text(encoding="utf-8"))
    assert fast == ref


@needs_c
def test_htmlblocks_c_walk_reads_link_rows_and_hints() -> None:
    _, w = _both(_PAGES[1] + _PAGES[2] + _PAGES[6])
    link = next(b for b in w.blocks if b.text.startswith("link text"))
    assert link.link_chars == len("link text")
    cell = next(b for b in w.blocks if b.text == "d")
    assert cell.kind == "paragraph" and cell.row == -1
    a = next(b for b in w.blocks if b.text == "a")
    assert a.kind == "cell" and w.elems[a.row].tag == "tr"
    hidden = {b.text: w.elems[b.elem].hidden for b in w.blocks}
    assert hidden["collapsed"] == 1 and hidden["react"] == 0 and hidden["copy"] == 3 and hidden["tab"] == 1
    assert hidden["styled"] == 1 and hidden["red"] == 0 and hidden["vis"] == 1


@needs_c
def test_htmlblocks_c_walk_stops_at_the_node_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    html = "<div>" + "".join(f"<p>para {i} <b>bold</b></p>" for i in range(400)) + "</div>"
    monkeypatch.setattr(hb, "MAX_NODES", 500)
    ref, fast = _both(html)
    assert ref.truncated and fast == ref


@needs_c
def test_htmlblocks_c_walk_stops_at_the_deadline() -> None:
    html = "".join(f"<p>para {i}</p>" for i in range(3000))
    tree = LexborHTMLParser(html)
    past = time.monotonic() - 1
    ref, fast = hb.walk_python(tree.body, past), hb.walk(tree.body, past)
    assert ref.truncated and fast == ref
    assert len(fast.blocks) < 1000  # stopped at the first check (every 1,024 nodes)


@needs_c
def test_htmlblocks_c_walk_treats_blocks_past_max_depth_as_inline() -> None:
    n = hb.MAX_DEPTH + 50
    html, _ = _bound("<div>" * n + "deep" + "</div>" * n + "<p>after</p>")
    ref, fast = _both(html)
    assert fast == ref
    assert max(e.depth for e in fast.elems) < hb.MAX_DEPTH


@needs_c
def test_htmlblocks_c_walk_equals_python_walk_on_benchmark_pages(shared_data: Path) -> None:
    from newsmill.eval import html as H

    docs = list(H.scrapinghub(shared_data)) + list(H.wcxb(shared_data))
    differ = []
    for doc in docs:
        html = doc.data if isinstance(doc.data, str) else doc.data.decode("utf-8", "replace")
        ref, fast = _both(_bound(html)[0])
        if fast != ref:
            differ.append(doc.id)
    assert len(docs) > 1500 and not differ


@needs_c
def test_htmlblocks_c_probe_refuses_a_wrong_length() -> None:
    node = LexborHTMLParser("<p>some text</p>").css_first("p").child
    assert hb._htmlfast.probe_text(node.mem_id, 9) == "some text"
    assert hb._htmlfast.probe_text(node.mem_id, 8) is None  # the layout check, not a read past the end


def test_htmlblocks_walk_falls_back_to_python_without_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    html = _PAGES[0] + _PAGES[6]
    ref, _ = _both(html)
    monkeypatch.setattr(hb, "_htmlfast", None)
    tree = LexborHTMLParser(html)
    assert hb.walk(tree.body) == ref


needs_classify = pytest.mark.skipif(hints._fast_classify() is None, reason="C extension not built")
# Class/id material: separators, camelCase, Unicode spaces and case (İ lowercases to two code
# points, final sigma, the Kelvin sign lowercases to ASCII k), table words, a token too long to match.
_CLASS_ALPHABET = list("aAzZ -_:/.\t\u00a0\u3000\x1cİǅßΣσ\u212aé中") + [
    "comment",
    "review",
    "Reviews",
    "Comments",
    "article",
    "Body",
    "sr-only",
    "hidden",
    "md:flex",
    "ad",
    "nav",
    "figcaption",
    "entry-content",
    "ArticleBody",
    "share",
    "post",
    "secondary",
    "x" * 70,
]


@needs_classify
def test_hints_c_classify_equals_python_on_random_attributes() -> None:
    fast = hints._fast_classify()
    rng = random.Random(7)
    tags = ["div", "article", "main", "figure", "section", "aside", "nav", "p", "li", "form"]
    for _ in range(20_000):
        args = (
            rng.choice(tags),
            "".join(rng.choice(_CLASS_ALPHABET) for _ in range(rng.randint(0, 12))),
            "".join(rng.choice(_CLASS_ALPHABET) for _ in range(rng.randint(0, 4))),
            rng.choice(["", "navigation", "dialog", "main"]),
            rng.choice(["", "author", "articlebody", "text"]),
            rng.choice([0, 1, 3]),
        )
        assert fast(*args) == hints._classify_py(*args), args


@needs_classify
def test_hints_c_classify_equals_python_on_benchmark_attributes(
    shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsmill.eval import html as H

    seen: dict[tuple, None] = {}
    monkeypatch.setattr(hints, "_classify", lambda *a: seen.setdefault(a) or hints._classify_py(*a))
    for doc in list(H.scrapinghub(shared_data))[:100] + list(H.wcxb(shared_data))[:300]:
        tree = LexborHTMLParser(doc.data.decode("utf-8", "replace"))
        hb.walk_python(tree.body or tree.root)
    fast = hints._fast_classify()
    differ = [a for a in seen if fast(*a) != hints._classify_py(*a)]
    assert len(seen) > 10_000 and not differ, differ[:3]
