"""Language detection: a function-word fast path decides clear Latin-script text without the model."""

from __future__ import annotations

from newsmill.extract import language


def test_extract_language_stopwords_decide_clear_text() -> None:
    text = "Der Hafen ist wieder offen, und die Fischer sind mit ihren Booten zurück in der Stadt. " * 3
    assert language._by_stopwords(text) == "de"
    assert language._by_stopwords("東京の天気は晴れです。" * 10 + " the and of to in is that") is None


def test_language_letters_count_like_isalpha() -> None:
    for text in ["", "abc XYZ 123 _-!", "\x00\x7f\t\n", "Größe straße ½ ٣ 中文 ǅ", "a" * 500]:
        assert language._letters(text) == sum(map(str.isalpha, text))
