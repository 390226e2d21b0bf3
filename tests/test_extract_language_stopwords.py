"""Language detection: a function-word fast path decides clear Latin-script text without the model."""

from __future__ import annotations

import pytest

from newsmill.extract import language


def test_extract_language_stopwords_decide_clear_text() -> None:
    text = "Der Hafen ist wieder offen, und die Fischer sind mit ihren Booten zurück in der Stadt. " * 3
    assert language._by_stopwords(text) == "de"
    assert language._by_stopwords("東京の天気は晴れです。" * 10 + " the and of to in is that") is None


def test_language_letters_count_like_isalpha() -> None:
    for text in ["", "abc XYZ 123 _-!", "\x00\x7f\t\n", "Größe straße ½ ٣ 中文 ǅ", "a" * 500]:
        assert language._letters(text) == sum(map(str.isalpha, text))


def test_extract_language_stopword_counts_c_equal_python() -> None:
    import random

    if language._textfast is None:
        pytest.skip("the C fast path is not built")
    rng = random.Random(5)
    alphabet = "abcdeilnorstuäéßİıſɐɏ_0123456789٣²½ǅΣσ中 \n\t.,'’-" + "ABCDEIST"
    words = [w for ws in language._STOP.values() for w in ws.split()] + ["DER", "The", "Und", "İl", "naïve"]
    samples = ["", "   ", "_der_ 3die Die DAS a_b", "the" * 30, "Größe ½ ٣ 中文 ǅ ΣΑΣ σας"]
    for _ in range(300):
        parts = [
            rng.choice(words) if rng.random() < 0.6 else "".join(rng.choices(alphabet, k=rng.randint(1, 9)))
        ]
        parts += [
            rng.choice(words) if rng.random() < 0.6 else "".join(rng.choices(alphabet, k=rng.randint(1, 9)))
            for _ in range(rng.randint(0, 120))
        ]
        samples.append(" ".join(parts))
    for s in samples:
        assert language.stopword_counts(s) == language.stopword_counts_py(s), s


def test_extract_language_stopword_table_holds_every_word() -> None:
    # Each stopword, alone, counts once for exactly the languages that list it; a table that is not
    # 2^k slots of three equal arrays is refused.
    if language._textfast is None:
        pytest.skip("the C fast path is not built")
    for word, mask in language._STOP_CODES.items():
        hits = language.stopword_counts(word)[3]
        assert hits == tuple((mask >> k) & 1 for k in range(len(language._LANGS))), word
    hashes, lens, masks = language._STOP_TABLE
    with pytest.raises(ValueError):
        language._textfast.stopword_counts("a", "a", (hashes[:3], lens[:3], masks[:3]), 40, 7, 8)
    with pytest.raises(ValueError):
        language._textfast.stopword_counts("a", "a", (hashes, lens[:8], masks), 40, 7, 8)
