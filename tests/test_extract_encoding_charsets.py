"""Bytes -> text: BOMs, declared and undeclared legacy charsets, lying <meta> charsets."""

from __future__ import annotations

import codecs

import pytest

from newsmill.errors import InputError
from newsmill.extract import extract_page
from newsmill.extract.encoding import decode
from newsmill.model import Source
from newsmill.options import Options
from newsmill.sources.files import Page

FRENCH = "Le café était très bon, naïve crème brûlée à côté de la fenêtre. Très élégant, vraiment."
JAPANESE = "日本語のテキストです。東京は晴れです。今日はとても良い天気ですね。明日も晴れるでしょう。"


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


def test_extract_encoding_utf8_with_and_without_bom() -> None:
    data = _page(FRENCH).encode("utf-8")
    assert decode(data, None, html=True) == (_page(FRENCH), "utf-8")
    text, enc = decode(codecs.BOM_UTF8 + data, None, html=True)
    assert text == _page(FRENCH) and enc == "utf-8"


def test_extract_encoding_utf16_bom() -> None:
    text, _ = decode(codecs.BOM_UTF16_LE + _page(JAPANESE).encode("utf-16-le"), None, html=True)
    assert JAPANESE in text


def test_extract_encoding_windows1252_declared() -> None:
    data = _page(FRENCH, '<meta charset="windows-1252">').encode("cp1252")
    assert FRENCH in decode(data, None, html=True)[0]
    assert FRENCH in decode(_page(FRENCH).encode("cp1252"), "windows-1252")[0]  # HTTP header charset


def test_extract_encoding_windows1252_undeclared() -> None:
    text, enc = decode(_page(FRENCH).encode("cp1252"), None, html=True)
    assert FRENCH in text and enc == "cp1252"


def test_extract_encoding_shift_jis_declared_and_undeclared() -> None:
    declared = _page(JAPANESE, '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">')
    assert JAPANESE in decode(declared.encode("shift_jis"), None, html=True)[0]
    assert JAPANESE in decode(_page(JAPANESE).encode("shift_jis"), None, html=True)[0]


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        ('<meta charset="iso-8859-1">', "utf-8"),
        ('<meta charset="utf-8">', "cp1252"),
        ('<meta charset="utf-16">', "utf-8"),
    ],
)
def test_extract_encoding_lying_meta_charset(head: str, codec: str) -> None:
    assert FRENCH in decode(_page(FRENCH, head).encode(codec), None, html=True)[0]


def test_extract_encoding_mostly_utf8_keeps_utf8() -> None:
    data = _page(FRENCH).encode("utf-8") + b"\xe2\x80 trailing"
    text, enc = decode(data, None, html=True)
    assert enc == "utf-8" and FRENCH in text


def test_extract_encoding_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 40, None, html=True)
    with pytest.raises(InputError):
        extract_page(
            Page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100, Source(), "auto", None, None), Options()
        )


def _story() -> bytes:
    paras = "".join(f"<p>{FRENCH} Paragraphe numéro {i} de cette longue histoire.</p>" for i in range(60))
    return f"<html><head><title>Une histoire</title></head><body><article>{paras}</article></body></html>".encode()


def test_extract_encoding_stray_nul_is_text_not_binary() -> None:
    data = _story().replace(b"<p>", b"<p>\x00", 1)
    text, enc = decode(data, None, html=True)
    assert enc == "utf-8" and "\x00" not in text and FRENCH in text
    article = extract_page(Page(data, Source(), "html", None, None), Options(nlp=False))
    assert FRENCH in article.text and "\x00" not in article.text


def test_extract_encoding_damaged_utf8_keeps_the_article() -> None:
    import random

    rng = random.Random(3)
    blob = bytes(rng.randrange(1, 256) for _ in range(3000)).replace(b"\x00", b"")
    data = _story()
    data = data[: len(data) // 2] + blob[:600] + data[len(data) // 2 :]  # a corrupt stretch mid-page
    article = extract_page(Page(data, Source(), "html", None, None), Options(nlp=False))
    assert article.text.count(FRENCH) >= 50
    assert any("undecodable byte sequences replaced" in w for w in article.warnings)
    with pytest.raises(InputError, match="undecodable"):  # mostly junk is still refused
        decode(b"<p>Hello " + blob + b" world</p>", None, html=True)


def test_extract_encoding_page_end_to_end() -> None:
    data = _page(FRENCH * 2, '<meta charset="windows-1252"><title>Café</title>').encode("cp1252")
    a = extract_page(Page(data, Source(), "html", None, None), Options(nlp=False))
    assert a.title == "Café"
    assert "crème brûlée" in a.text


@pytest.mark.parametrize(
    "data",
    [
        _page(FRENCH).encode("utf-8"),  # exact UTF-8: lexbor parses these bytes directly
        codecs.BOM_UTF8 + _page(FRENCH).encode("utf-8"),
        _page(FRENCH).encode("utf-8") + b"\xe2\x80 trailing",  # repaired: parsed from the text
        _page(FRENCH, '<meta charset="windows-1252">').encode("cp1252"),
        _page(JAPANESE, '<meta charset="shift_jis">').encode("shift_jis"),
    ],
)
def test_extract_encoding_byte_parse_matches_text_parse(data: bytes) -> None:
    from newsmill.extract.html import extract_html

    text, _ = decode(data, None, html=True)
    opts = Options(nlp=False)
    got = extract_page(Page(data, Source(path="p.html"), "html"), opts)
    want = extract_html(text, Source(path="p.html"), opts)
    assert got.text == want.text and got.paragraphs == want.paragraphs and got.title == want.title
    assert (FRENCH if b"Le caf" in data else JAPANESE)[:12] in got.text


def _doubly(text: str, codec: str) -> bytes:
    """``text``'s UTF-8 bytes read as ``codec`` and saved again as UTF-8: mojibake in valid UTF-8.
    Bytes windows-1252 leaves undefined (0x9D in "”") become the Latin-1 control, as browsers and
    most sloppy decoders do."""
    raw = text.encode("utf-8")
    return "".join(bytes([b]).decode(codec, "ignore") or chr(b) for b in raw).encode("utf-8")


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_extract_encoding_mojibake_repaired(codec: str) -> None:
    body = "The investor’s “guide” — Zürich café, 5 °C"
    data = _doubly(_page(body * 3, "<title>Investor’s guide</title>"), codec)
    assert "’" not in data.decode("utf-8")  # the page as saved holds "â€™" or "â\x80\x99"
    a = extract_page(Page(data, Source(), "html", None, None), Options(nlp=False))
    assert body in a.text and a.title == "Investor's guide"
    assert len(a.warnings) == 1 and "mojibake" in a.warnings[0]
    assert all(body in p.text for p in a.paragraphs)


@pytest.mark.parametrize(
    "body",
    [
        FRENCH,  # accented letters: 0xC3 bytes, never followed by a continuation pair
        "« Un café» et l’été, Ä» x",  # "é»" and "Ä»" look like a pair but are no UTF-8 once re-encoded
        JAPANESE,
    ],
)
def test_extract_encoding_clean_text_left_alone(body: str) -> None:
    from newsmill.extract.encoding import has_mojibake, repair_mojibake

    data = _page(body * 3).encode("utf-8")
    a = extract_page(Page(data, Source(), "html", None, None), Options(nlp=False))
    assert body in a.text and not a.warnings
    assert repair_mojibake(body) == (body, 0)
    assert has_mojibake(body.encode()) == ("»" in body)  # the prefilter only passes the pair to ftfy


def test_extract_encoding_mojibake_scan_past_many_accents() -> None:
    """The 0xC3 bytes after the first _SCAN_STEPS are still searched."""
    from newsmill.extract.encoding import _SCAN_STEPS, has_mojibake

    text = "é" * (_SCAN_STEPS + 5) + " investor’s"
    assert not has_mojibake(text.encode())
    assert has_mojibake(_doubly(text, "cp1252"))
    assert has_mojibake(("é" * 3).encode() + _doubly("’", "latin-1"))


def test_extract_encoding_mojibake_sample_gives_the_same_record(sample_text: str) -> None:
    """The bundled sample, doubly decoded through windows-1252, extracts to the sample's record."""
    opts = Options(nlp=False)
    want = extract_page(Page(sample_text.encode("utf-8"), Source(), "text", None, None), opts)
    got = extract_page(Page(_doubly(sample_text, "cp1252"), Source(), "text", None, None), opts)
    assert (got.title, got.text, got.paragraphs, got.removed) == (
        want.title,
        want.text,
        want.paragraphs,
        want.removed,
    )
    assert not want.warnings and "mojibake" in got.warnings[0]


def test_extract_encoding_decode_page_repairs_only_utf8() -> None:
    """decode_page (extract_page and `newsmill analyze` read bytes through it) repairs UTF-8 text
    only: bytes decoded from a legacy charset are left as that charset gives them."""
    from newsmill.extract.encoding import decode_page

    garbled = _doubly("Investor’s guide", "cp1252")
    assert decode_page(garbled) == ("Investor’s guide", "utf-8", 1)
    assert decode_page("Investor’s guide".encode()) == ("Investor’s guide", "utf-8", 0)
    legacy = _page(FRENCH, '<meta charset="windows-1252">').encode("cp1252")
    assert decode_page(legacy, html=True) == (*decode(legacy, html=True), 0)
