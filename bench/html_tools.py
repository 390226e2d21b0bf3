"""One extractor per function, each returning ``{"text", "title", "date", "authors"}``.

``python bench/html_tools.py TOOL DATASET OUT.json`` runs one tool over one dataset in its own
process (so peak RSS is per tool) and writes outputs plus timing to OUT.json; bench_html.py caches
these under bench/.cache/.
"""

from __future__ import annotations

import itertools
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

Out = dict[str, Any]


def _newsmill() -> Callable[[bytes, str], Out]:
    from newsmill.extract import extract_page
    from newsmill.model import Source
    from newsmill.options import Options
    from newsmill.sources.files import Page

    opts = Options(nlp=False, input_format="html")
    # Call the language model (CLD2) once now, in the untimed warm-up: the function-word fast path
    # means the first pages of a set may never reach it, which would move any one-off cost into the
    # timing (py3langid's model load was 0.7 s CPU; CLD2's tables are static, ~2 ms to first call).
    from newsmill.extract.language import detect_language

    detect_language("Этот текст написан по-русски, чтобы загрузить модель языков заранее. " * 2)

    def run(data: bytes, url: str) -> Out:
        a = extract_page(Page(data, Source(url=url), "html", None, None), opts)
        # Both benchmarks' ground truth leaves figure captions out (ScrapingHub: 0 of 33 caption
        # blocks we keep appear in it), so the scored main text is the paragraphs minus captions;
        # captions stay in the record as kind "caption".
        text = "\n\n".join(p.text for p in a.paragraphs if p.kind != "caption")
        return {
            "text": text,
            "title": a.title,
            "date": a.published,
            "authors": a.authors,
            "modified": a.modified,
        }

    return run


def _trafilatura(precision: bool) -> Callable[[bytes, str], Out]:
    import trafilatura

    def run(data: bytes, url: str) -> Out:
        text = trafilatura.extract(data.decode("utf-8", "replace"), url=url, favor_precision=precision)
        return {"text": text or ""}

    return run


def _trafilatura_meta() -> Callable[[bytes, str], Out]:
    import trafilatura

    def run(data: bytes, url: str) -> Out:
        doc = trafilatura.bare_extraction(data.decode("utf-8", "replace"), url=url, with_metadata=True)
        if doc is None:
            return {"text": ""}
        return {"text": doc.text or "", "title": doc.title, "date": doc.date, "authors": doc.author}

    return run


def _readability() -> Callable[[bytes, str], Out]:
    import lxml.html
    from readability import Document

    def run(data: bytes, url: str) -> Out:
        summary = Document(data.decode("utf-8", "replace")).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
        blocks = [
            " ".join(el.text_content().split())
            for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "pre", "td")
        ]
        text = "\n\n".join(b for b in blocks if b) or root.text_content()
        return {"text": text}

    return run


def _resiliparse() -> Callable[[bytes, str], Out]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def run(data: bytes, url: str) -> Out:
        return {"text": extract_plain_text(HTMLTree.parse_from_bytes(data), main_content=True)}

    return run


def _justext() -> Callable[[bytes, str], Out]:
    import justext

    stop = justext.get_stoplist("English")

    def run(data: bytes, url: str) -> Out:
        paras = justext.justext(data, stop)
        return {"text": "\n\n".join(p.text for p in paras if not p.is_boilerplate)}

    return run


def _boilerpy3() -> Callable[[bytes, str], Out]:
    from boilerpy3 import extractors

    ex = extractors.ArticleExtractor(raise_on_failure=False)

    def run(data: bytes, url: str) -> Out:
        return {"text": ex.get_content(data.decode("utf-8", "replace")) or ""}

    return run


def _newspaper() -> Callable[[bytes, str], Out]:
    import newspaper

    def run(data: bytes, url: str) -> Out:
        art = newspaper.Article(url or "http://example.com/", fetch_images=False)
        art.download(input_html=data.decode("utf-8", "replace"))
        art.parse()
        date = art.publish_date.isoformat() if art.publish_date else None
        return {"text": art.text, "title": art.title, "date": date, "authors": list(art.authors)}

    return run


def _goose() -> Callable[[bytes, str], Out]:
    from goose3 import Goose

    g = Goose({"enable_image_fetching": False})

    def run(data: bytes, url: str) -> Out:
        return {"text": g.extract(raw_html=data.decode("utf-8", "replace")).cleaned_text or ""}

    return run


TOOLS: dict[str, Callable[[], Callable[[bytes, str], Out]]] = {
    "newsmill": _newsmill,
    "trafilatura": _trafilatura_meta,
    "trafilatura_precision": lambda: _trafilatura(True),
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
    "justext": _justext,
    "boilerpy3": _boilerpy3,
    "newspaper4k": _newspaper,
    "goose3": _goose,
}


def _no_network() -> None:
    """Extraction must not touch the network (newspaper4k fetches images unless told not to)."""
    import socket

    def refuse(*_a: object, **_k: object) -> None:
        raise OSError("network disabled in the benchmark")

    socket.getaddrinfo = refuse  # type: ignore[assignment]
    socket.socket.connect = refuse  # type: ignore[assignment,method-assign]


def main(tool: str, dataset: str, out: str, limit: int = 0) -> None:
    import logging

    from newsmill.eval import html as html_data
    from newsmill.eval.data import shared_data_dir

    logging.disable(logging.CRITICAL)
    _no_network()
    root = shared_data_dir()
    loader = html_data.scrapinghub if dataset == "scrapinghub" else html_data.wcxb
    run = TOOLS[tool]()
    try:  # warm-up (model loads, lazy imports) is not timed, for every tool alike
        for doc in itertools.islice(loader(root), 2):
            run(doc.data, doc.url)
    except Exception:  # noqa: BLE001
        pass
    elapsed = 0.0
    nbytes = 0
    pages = 0
    # Pages are streamed (never all in memory) and each output goes straight to a JSON-lines spool
    # file, so peak RSS is the tool's, not the dataset's or the held outputs'.
    spool = Path(out + ".jsonl")
    with spool.open("w", encoding="utf-8") as fh:
        for n, doc in enumerate(loader(root), 1):
            if limit and n > limit:
                break
            t0 = time.perf_counter()
            try:
                res = run(doc.data, doc.url)
            except Exception as exc:  # noqa: BLE001 - a competitor crash counts as an empty output
                res = {"text": "", "error": f"{type(exc).__name__}: {exc}"[:200]}
            elapsed += time.perf_counter() - t0
            nbytes += len(doc.data)
            pages += 1
            fh.write(json.dumps([doc.id, res], default=str) + "\n")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    meta = {
        "tool": tool,
        "dataset": dataset,
        "pages": pages,
        "seconds": elapsed,
        "bytes": nbytes,
        "rss_mb": rss,
    }
    with spool.open(encoding="utf-8") as fh:
        results = dict(json.loads(line) for line in fh)
    spool.unlink()
    Path(out).write_text(json.dumps({"meta": meta, "results": results}, default=str), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 0)
