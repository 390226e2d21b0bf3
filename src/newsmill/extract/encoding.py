"""Bytes -> str: BOMs, declared charsets, detection; binary input is refused."""

from __future__ import annotations

import codecs
import re

from newsmill.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Control bytes that never occur in text (TAB, LF, FF, CR and ESC, used by ISO-2022, excluded).
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def is_binary(data: bytes) -> bool:
    """True when the first 8 KiB look like binary: a NUL, or > 10% control bytes."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    return len(_BINARY.findall(head)) > len(head) // 10


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'").lower())
    except LookupError:
        return None
    # WHATWG: latin-1 and ascii labels mean windows-1252.
    return "cp1252" if codec.name in ("latin-1", "iso8859-1", "ascii") else codec.name


def sniff_charset(data: bytes) -> str | None:
    """The charset a <meta> tag declares in the first 4 KiB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return _lookup(m.group(1).decode("ascii", "ignore")) if m else None


def decode(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """Decode page bytes; returns ``(text, encoding)``.

    Order, most reliable first: BOM, valid UTF-8, the transport's declared charset,
    the page's own <meta> charset (HTML only), then charset-normalizer's guess.
    A declared charset that fails to decode is ignored (pages lie about it).
    """
    if not data:
        raise InputError("empty input")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, "replace"), enc
    if is_binary(data):
        raise InputError("binary data, not a text or HTML page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [_lookup(declared)]
    if html:
        candidates.append(sniff_charset(data))
    for enc in candidates:
        if enc and enc != "utf-8":
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        raise InputError("undecodable bytes: not UTF-8 and no other encoding fits")
    return data.decode(best.encoding, "replace"), best.encoding
