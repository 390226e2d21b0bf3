"""HTML tree -> flat list of text blocks, each tied to its block-level element.

One iterative depth-first walk over the lexbor tree (no recursion, so a 100,000-deep page cannot
overflow the stack) builds:

- ``Elem`` records for block-level elements (tag, parent, class/id hint), and
- ``Block`` records: the normalised text of each run of inline content, the element that owns it,
  its kind (heading, list item, cell ...) and how much of it is link text.

The walk is bounded: it stops after ``MAX_NODES`` nodes or when the deadline passes, and treats
everything below ``MAX_DEPTH`` as inline text of the element at that depth.
Measured on ScrapingHub: ~1,400 nodes per page. ``walk_python`` is the reference; ``walk`` runs the
same loop in C (``_htmlfast.c``) when the extension is built and its layout probe passes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields

from newsmill.extract import hints
from newsmill.extract.hints import element_hint

# Content inside these is never text of the page.
SKIP = frozenset(
    [
        "script",
        "style",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "head",
        "link",
        "meta",
        "map",
        "math",
        "title",
        "dialog",
    ]
)
BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "form",
        "fieldset",
        "address",
        "details",
        "summary",
        "center",
        "body",
        "html",
        "menu",
        "hgroup",
        "legend",
    ]
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# A 2.5 MB page has ~60,000 nodes; past 200,000 the rest is treated as lost (best effort).
MAX_NODES = 200_000
MAX_DEPTH = 400


@dataclass(slots=True)
class Elem:
    tag: str
    parent: int
    depth: int
    hint: str | None = None  # negative reason slug from class/id/role/tag
    positive: bool = False  # class/id says "content", "article", "entry" ...
    strong: bool = False  # itemprop=articleBody, class "article-body": resets negative hints
    hidden: int = 0  # 0 shown, else hints.COLLAPSED or hints.SCREEN_READER
    caption: bool = False  # <figure>, or class/id says caption/credit
    dek: bool = False  # class/id says standfirst (set by htmlselect.build_tree)


@dataclass(slots=True)
class Block:
    text: str
    elem: int
    kind: str
    link_chars: int
    row: int = -1  # owning <tr> for table cells
    quote: bool = False
    figure: bool = False  # inside a <figure> or a caption/credit-classed element


@dataclass(slots=True)
class Walk:
    elems: list[Elem] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    truncated: bool = False


class _State:
    __slots__ = ("walk", "pieces", "links", "link_depth", "quote_depth", "caption_depth", "row")

    def __init__(self) -> None:
        self.walk = Walk()
        self.pieces: list[str] = []
        self.links = 0
        self.link_depth = 0
        self.quote_depth = 0
        self.caption_depth = 0
        self.row = -1

    def flush(self, elem: int) -> None:
        if not self.pieces:
            return
        text = " ".join("".join(self.pieces).split())
        links = self.links
        self.pieces = []
        self.links = 0
        if not text or (text[0] == "<" and text[-1] == ">"):
            return  # empty, or markup that a <noscript> left as text
        e = self.walk.elems[elem]
        kind = _kind(e.tag)
        row = self.row if kind == "cell" else -1
        self.walk.blocks.append(
            Block(text, elem, kind, min(links, len(text)), row, self.quote_depth > 0, self.caption_depth > 0)
        )


def _kind(tag: str) -> str:
    if tag in HEADINGS:
        return "heading"
    if tag in ("li", "dd", "dt"):
        return "list_item"
    if tag in ("figcaption", "caption"):
        return "caption"
    if tag in ("td", "th"):
        return "cell"
    return "paragraph"


def walk(root, deadline: float | None = None) -> Walk:  # noqa: ANN001 - a LexborNode
    """Walk ``root`` (normally <body>) into elements and blocks: the C walk when it is built and
    bound (same result as walk_python, ~5x faster: docs/design.md "HTML mode: C walk")."""
    if _htmlfast is None:
        return walk_python(root, deadline)
    w = Walk()
    root_tag = root.tag or "body"
    w.elems.append(Elem(root_tag, -1, 0, *element_hint(root, root_tag)))
    w.truncated = _htmlfast.walk(
        root.mem_id, root_tag, w.elems, w.blocks, MAX_NODES, MAX_DEPTH, -1.0 if deadline is None else deadline
    )
    return w


def walk_python(root, deadline: float | None = None) -> Walk:  # noqa: ANN001 - a LexborNode
    """Walk ``root`` (normally <body>) into elements and blocks (the reference implementation).

    One loop with an explicit stack; entries are nodes to enter or ``(elem, previous elem, kind,
    saved row)`` tuples that mark leaving an element. Kept in one function on purpose: the walk is
    most of the per-page cost, and inlining it measured ~25% faster than a call per node.
    """
    st = _State()
    elems = st.walk.elems
    root_tag = root.tag or "body"
    elems.append(Elem(root_tag, -1, 0, *element_hint(root, root_tag)))
    cur = 0
    stack: list = []
    _push_children(stack, root)
    seen = 0
    pieces = st.pieces
    while stack:
        node = stack.pop()
        if type(node) is tuple:
            cur = _exit(st, node, cur)
            pieces = st.pieces
            continue
        seen += 1
        if seen > MAX_NODES or (deadline is not None and not seen & 1023 and time.monotonic() > deadline):
            st.walk.truncated = True
            break
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if text:
                pieces.append(text)
                if st.link_depth:
                    st.links += len(text.strip())
            continue
        if tag in SKIP or tag[0] == "-" or tag == "!doctype" or tag == "img":
            continue
        if tag == "br":
            st.flush(cur)
            pieces = st.pieces
            continue
        if tag in BLOCK:
            depth = elems[cur].depth + 1
            if depth < MAX_DEPTH:
                st.flush(cur)
                pieces = st.pieces
                elems.append(Elem(tag, cur, depth, *element_hint(node, tag)))
                idx = len(elems) - 1
                stack.append((idx, cur, tag, st.row))
                st.caption_depth += elems[idx].caption
                st.quote_depth += tag == "blockquote"
                if tag == "tr":
                    st.row = idx
                cur = idx
        elif tag == "a":
            st.link_depth += 1
            stack.append((-1, cur, tag, st.row))
        _push_children(stack, node)
    st.flush(cur)
    return st.walk


def _push_children(stack: list, node) -> None:  # noqa: ANN001
    child = node.last_child
    while child is not None:
        stack.append(child)
        child = child.prev


def _exit(st: _State, item: tuple, cur: int) -> int:
    idx, prev, tag, row = item
    if idx < 0:  # leaving <a>
        st.link_depth -= 1
        return cur
    st.flush(idx)
    st.caption_depth -= st.walk.elems[idx].caption
    if tag == "blockquote":
        st.quote_depth -= 1
    elif tag == "tr":
        st.row = row
    return prev


def _bind_fast():  # noqa: ANN202 - the module, or None
    """The C walk, bound to the lexbor functions selectolax exports, or None (then walk_python runs).
    The probe checks the one struct layout the C code assumes: a text node's characters."""
    try:
        import selectolax.lexbor as lexbor_module
        from selectolax.lexbor import LexborHTMLParser

        from newsmill.extract import _htmlfast as fast
    except ImportError:
        return None
    try:
        fast.bind(lexbor_module.__file__)
        # A length (34 bytes) that no pointer or tag id field would hold by chance.
        text = "probe of the text layout \u00e9\u4e2d 123"
        node = LexborHTMLParser(f"<p>{text}<b>x</b></p>").css_first("p").child
        if node.text_content != text or fast.probe_text(node.mem_id, len(text.encode())) != text:
            return None
    except (ImportError, OSError, ValueError):
        return None
    fast.configure(
        SKIP,
        BLOCK,
        _kind,
        hints._classify,
        hints._TAG_REASON,
        Elem,
        Block,
        hints._DISPLAY_NONE.search,
        "cell",
        tuple(f.name for f in fields(Elem)),
        tuple(f.name for f in fields(Block)),
    )
    return fast


_htmlfast = _bind_fast()
