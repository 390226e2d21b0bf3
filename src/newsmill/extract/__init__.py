"""Page -> clean article. ``extract_page`` sniffs HTML vs flattened text and dispatches."""

from __future__ import annotations

import codecs
import re

from newsmill.errors import InputError
from newsmill.extract.encoding import decode_page
from newsmill.model import Article, make_id
from newsmill.options import Options
from newsmill.sources.files import Page

__all__ = ["extract_page", "looks_like_html"]

_TAG = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|span|a|script|article|section|table)\b", re.I
)


def looks_like_html(text: str) -> bool:
    """HTML when the first 4 KiB start with markup or hold several common tags."""
    head = text[:4096]
    stripped = head.lstrip()
    if stripped[:2].lower() in ("<!", "<h") and _TAG.match(stripped):
        return True
    return len(_TAG.findall(head)) >= 3


def extract_page(page: Page, options: Options | None = None) -> Article:
    """Decode the page's bytes, pick text or HTML mode, and return the article record."""
    options = options or Options()
    data = page.data
    warnings: list[str] = []
    if len(data) > options.max_bytes:
        data = data[: options.max_bytes]
        warnings.append(f"input truncated to {options.max_bytes} bytes")
    kind = page.kind if options.input_format == "auto" else options.input_format
    text, enc, repaired = decode_page(data, page.charset, html=kind != "text")
    replaced_any = "\ufffd" in text  # one scan of the text (0.16 ms a ScrapingHub page), used twice
    if replaced_any:  # damaged bytes (not a U+FFFD the page itself spells) were replaced
        replaced = text.count("\ufffd") - data.count("\ufffd".encode())
        if replaced > 0:
            warnings.append(f"{replaced} undecodable byte sequences replaced by U+FFFD")
    if repaired:
        warnings.append(
            f"repaired {repaired} runs of mojibake (UTF-8 decoded twice before this page was saved)"
        )
    if not text or text.isspace():  # stops at the first other char; strip() copied the page
        raise InputError("empty input (only whitespace)")
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    if kind == "html":
        from newsmill.extract.html import extract_html

        # The bytes themselves when they are the text's exact UTF-8 form: no BOM, nothing replaced.
        exact = (
            enc == "utf-8"
            and not repaired
            and not data.startswith(codecs.BOM_UTF8)
            and not replaced_any
            and b"\x00" not in data  # decode dropped stray NULs
        )
        article = extract_html(text, page.source, options, data if exact else None)
    else:
        from newsmill.extract.text import extract_text

        article = extract_text(text, page.source, options)
    article.warnings[:0] = warnings
    if article.published is None and page.published:
        article.published = page.published
    if not article.id:
        article.id = make_id(article.source, article.text, article.title)
    return article
