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
        if enc and enc != "utf-8" and not _is_utf16(enc):
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    return _detect(data)


def _is_utf16(enc: str) -> bool:
    # WHATWG: a <meta> or header naming UTF-16/32 on bytes without a BOM is wrong; ignore it.
    return enc.startswith(("utf-16", "utf_16", "utf-32", "utf_32"))


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated multi-byte char, a stray Latin-1 byte) stays
    UTF-8: replacing them beats charset-normalizer re-reading the whole page as Latin-1."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for b in data[:200_000] if b >= 0xC2)
    if bad and multibyte >= 4 * bad and bad <= len(data) // 1000 + 1:
        return text
    return None


# charset-normalizer scores Latin code pages alike on short Western text (cp1250, cp775 and cp1252
# tie within 0.03 chaos on French test strings); windows-1252 is the web's default legacy charset
# (WHATWG), so it wins near-ties.
_NEAR_TIE = 0.03


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000]))
    if not results:
        raise InputError("undecodable bytes: not UTF-8 and no other encoding fits")
    best = min(results, key=lambda r: r.chaos)
    if best.chaos > 0.3:
        raise InputError("undecodable bytes: not UTF-8 and no other encoding fits")
    encoding = best.encoding
    for r in results:
        if r.encoding == "cp1252" and r.chaos <= best.chaos + _NEAR_TIE:
            encoding = "cp1252"
            break
    return data.decode(encoding, "replace"), encoding
