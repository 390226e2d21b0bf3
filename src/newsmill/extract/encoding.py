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
    """True when the first 8 KiB look like binary: more than 1 NUL in 1,000 bytes, or > 10% control
    bytes. Images, archives and compressed data hold a NUL every ~256 bytes (32 in 8 KiB); a text
    page with a stray NUL from a broken CMS is still text (browsers show it), so one NUL does not
    refuse it."""
    head = data[:8192]
    if head.count(b"\x00") > len(head) // 1000:
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
    text, enc = _decode_text(data, declared, html)
    # Stray NULs (is_binary lets a few through) mean nothing in text and end C strings downstream.
    # Tested on the bytes (memchr, ~5 us a page; `in` on the decoded str took 0.16 ms).
    return (text.replace("\x00", ""), enc) if b"\x00" in data else (text, enc)


def _decode_text(data: bytes, declared: str | None, html: bool) -> tuple[str, str]:
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
    lenient = data.decode("utf-8", "replace")  # read once, for the two UTF-8 fallbacks
    if _mostly_utf8(lenient):
        return lenient, "utf-8"
    return _detect(data, lenient)


def _is_utf16(enc: str) -> bool:
    # WHATWG: a <meta> or header naming UTF-16/32 on bytes without a BOM is wrong; ignore it.
    return enc.startswith(("utf-16", "utf_16", "utf-32", "utf_32"))


# Share of U+FFFD in a page read as UTF-8 up to which it is a damaged UTF-8 page (a binary blob
# spliced into it, a corrupt record) rather than no text: 3,000 random bytes inserted into a WCXB
# page make 1-2% of its characters U+FFFD; truncated fuzzed pages that still held their text ran
# to 5-8% (tests/test_extract_encoding_charsets.py). Whatever text survives is worth more than an
# error; binary files never get here (is_binary).
_DAMAGED_SHARE = 0.10


def _mostly_utf8(text: str) -> bool:
    """Whether ``text``, the page read as UTF-8 with replacement, is UTF-8 with some broken bytes (a
    truncated multi-byte char, a stray Latin-1 byte, a corrupt stretch): its well-formed non-ASCII
    characters outnumber the broken sequences 2 to 1. Replacing those beats charset-normalizer
    re-reading the whole page in a legacy charset (it read a French page with 600 junk bytes as
    mojibake). A legacy-charset page has almost no well-formed UTF-8 sequences, and random bytes
    make one per 12 broken ones."""
    bad = text.count("\ufffd")
    if not bad or bad > len(text) * _DAMAGED_SHARE:
        return False
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - bad
    return well_formed >= 2 * bad


def _damaged_utf8(text: str) -> tuple[str, str]:
    """The last resort when no charset fits: the page read as UTF-8 with replacement characters, if
    those are at most ``_DAMAGED_SHARE`` of the text, so a page with a damaged stretch keeps its
    article."""
    if text.count("\ufffd") > len(text) * _DAMAGED_SHARE:
        raise InputError("undecodable bytes: not UTF-8 and no other encoding fits")
    return text, "utf-8"


# charset-normalizer scores Latin code pages alike on short Western text (cp1250, cp775 and cp1252
# tie within 0.03 chaos on French test strings); windows-1252 is the web's default legacy charset
# (WHATWG), so it wins near-ties.
_NEAR_TIE = 0.03


def _detect(data: bytes, lenient: str) -> tuple[str, str]:
    """charset-normalizer's best guess; ``lenient`` (the page read as UTF-8 with replacement) when
    nothing fits."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000]))
    best = min(results, key=lambda r: r.chaos) if results else None
    if best is None or best.chaos > 0.3:
        return _damaged_utf8(lenient)
    encoding = best.encoding
    for r in results:
        if r.encoding == "cp1252" and r.chaos <= best.chaos + _NEAR_TIE:
            encoding = "cp1252"
            break
    return data.decode(encoding, "replace"), encoding


# Mojibake: UTF-8 bytes that were decoded once more as Latin-1 or windows-1252 before the page was
# saved ("Investorâ\x80\x99s" for "Investor’s", "Ã©" for "é"); the bytes are valid UTF-8, so no
# charset choice can undo it. A UTF-8 lead byte read as Latin-1 is one of U+00C2-U+00F4, and a
# continuation byte one of U+0080-U+00BF or the windows-1252 characters of 0x80-0x9F. The page's own
# UTF-8 bytes are searched for such a pair (has_mojibake; the same search over the decoded str took
# 0.9 ms a WCXB page). Every run of non-ASCII characters holding a pair then goes to ftfy, which
# decides whether it is mojibake (a legitimate "é»" is no valid UTF-8 once re-encoded and stays as
# written); ftfy over whole pages took 6-1,040 ms (WCXB dev).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_PAIR = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")
_MOJIBAKE_BYTES = re.compile(
    b"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|" + b"|".join(re.escape(c.encode()) for c in _CP1252_HIGH) + b")"
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SCAN_STEPS = 32  # 0xC3 bytes tested one by one before has_mojibake hands the rest to one regex search


def has_mojibake(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds a pair of characters that doubly decoded UTF-8 would give. The
    first ``_SCAN_STEPS`` 0xC3 bytes are found with bytes.find (memchr) and tested in place, the rest
    by one regex search: 0.076 -> 0.015 ms a WCXB page (278 KB on average; most have few or no 0xC3,
    which starts every accented Latin letter)."""
    i = data.find(b"\xc3")
    for _ in range(_SCAN_STEPS):
        if i < 0:
            return False
        if _MOJIBAKE_BYTES.match(data, i):
            return True
        i = data.find(b"\xc3", i + 1)
    return i >= 0 and _MOJIBAKE_BYTES.search(data, i) is not None


def repair_mojibake(text: str) -> tuple[str, int]:
    """``text`` with its runs of doubly decoded UTF-8 repaired, and the number of runs repaired."""
    from ftfy import fix_encoding

    fixed = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal fixed
        run = m.group()
        if _MOJIBAKE_PAIR.search(run) is None:
            return run
        out = fix_encoding(run)
        fixed += out != run
        return out

    return _NON_ASCII_RUN.sub(fix, text), fixed


def decode_page(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str, int]:
    """:func:`decode`, then :func:`repair_mojibake` on text decoded as UTF-8: ``(text, encoding,
    runs repaired)``. Every reader of page bytes goes through here, so all get the repair."""
    text, enc = decode(data, declared, html=html)
    if enc != "utf-8" or not has_mojibake(data):
        return text, enc, 0
    text, repaired = repair_mojibake(text)
    return text, enc, repaired
