"""Language detection past the function-word fast path: CLD2 on other scripts and on odd input."""

from __future__ import annotations

from newsmill.extract.language import detect_language


def test_extract_language_model_detects_non_latin_scripts() -> None:
    russian = (
        "Министерство финансов сообщило во вторник, что дефицит бюджета в этом году окажется меньше, "
        "чем ожидалось весной, благодаря росту налоговых поступлений и снижению расходов."
    )
    japanese = (
        "東京都は火曜日、来年度の予算案を発表した。子育て支援や防災対策の費用が増え、"
        "総額は過去最大となる見通しだと担当者は説明している。"
    )
    assert detect_language(russian) == "ru"
    assert detect_language(japanese) == "ja"


def test_extract_language_model_survives_control_chars_and_surrogates() -> None:
    # CLD2 itself raises on these ("input contains invalid UTF-8"): they must not reach it raw.
    text = "Министерство финансов сообщило\x00 во вторник\x07, что\x9f дефицит\ud800 бюджета\ufffe окажется меньше."
    assert detect_language(text * 2) == "ru"
    garbage = "".join(chr(c) for c in range(0x250, 0x250 + 300)) + "\x01\x02\udfff"
    guess = detect_language(garbage)
    assert guess is None or (len(guess) == 2 and guess.isascii() and guess.islower())


def test_extract_language_model_short_or_unsure_is_none() -> None:
    assert detect_language("OK") is None
    assert detect_language("1234 5678 #### $$$$ " * 10) is None
