"""Language identification of article text: a function-word fast path, then CLD2 (pycld2).

CLD2's tables are compiled into its C extension, so nothing loads at run time; py3langid, used
before, held ~95 MB resident once its model loaded (WCXB dev peak RSS 200 MB with it).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import repeat

import numpy as np
import pycld2

from newsmill.extract.textlines import _word_hash

try:  # the optional C fast path (setup.py); the Python code below gives the same counts
    from newsmill.extract import _textfast
except ImportError:  # pragma: no cover - only without a compiler at install time
    _textfast = None

# Below this many letters the guess is noise; a model needs a sentence or two.
_MIN_CHARS = 40
# Cap the sample: 500 chars of article text decide reliably (p>0.99 on the sample) at ~0.2 ms;
# 2,000 chars cost 0.8 ms, which alone would halve text-mode throughput.
_SAMPLE = 500
# When the stopwords of the first 500 characters are inconclusive (captions, lists), 2,000 characters
# usually decide: on the 1,628 flattened benchmark articles this second look settles 148 of the 222
# pages that went to the model (then py3langid), agreeing with it on all 148, at ~0.1 ms instead of
# ~0.6 ms.
_SECOND_LOOK = 2000


# Function words of the commonest web languages. English includes "a": without it, English captions
# and lists often fell short of 3x the Portuguese count ("a", "o") and went to the model; with it the
# ScrapingHub HTML run never calls the model (was 1 call, 7 before the 3x rule) and the 1,628 text-mode
# articles get the same languages as before. A clear stopword majority decides at ~0.1 ms; the model
# only sees text these lists cannot call.
_STOP = {
    "en": "the and of to in is that for it with on as are this was be by or you from have at not a",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an",
    "fr": "le la les et des est un une du en que pour dans qui pas sur au par plus ce avec",
    "es": "el la los las y de que en un una es por con para del se no al lo como más",
    "it": "il di che la e è per un una non sono del della le con si gli anche da al",
    "pt": "o a os as de que e do da em um uma para com não no na por mais se",
    "nl": "de het een en van is dat op te in voor niet met zijn er aan ook als bij",
}
_STOP_SETS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
_STOP_WORDS = {lang: tuple(words) for lang, words in _STOP_SETS.items()}
_LANGS = tuple(_STOP)
# For the C counts: stopword -> bit k set for every language _LANGS[k] that lists it ("de", "la" ...).
_STOP_CODES = {
    w: sum(1 << k for k, lang in enumerate(_LANGS) if w in _STOP_SETS[lang])
    for w in set().union(*_STOP_SETS.values())
}
_STOP_MAX = max(map(len, _STOP_CODES))

# The same as an open-addressing table of 64-bit polynomial hashes of the words' code points (the hash
# of textlines' word tables), for the C counts: a token is looked up by its hash and length, not as a
# new str in a dict (a str per token and its SipHash were ~8 of stopword_counts' ~11 µs a page). Two
# different words of one length share a hash with probability ~2^-64.
_STOP_SLOTS = 512  # a power of two, over 4x the words
_STOP_SHIFT = 40


def _stop_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    hashes = np.zeros(_STOP_SLOTS, dtype=np.uint64)
    lens = np.zeros(_STOP_SLOTS, dtype=np.int64)  # 0: an empty slot
    masks = np.zeros(_STOP_SLOTS, dtype=np.int64)
    for word, mask in sorted(_STOP_CODES.items()):
        h = _word_hash(word)
        slot = (h >> _STOP_SHIFT) & (_STOP_SLOTS - 1)
        while lens[slot]:
            slot = (slot + 1) & (_STOP_SLOTS - 1)
        hashes[slot], lens[slot], masks[slot] = h, len(word), mask
    return hashes, lens, masks


_STOP_TABLE = _stop_table()
# The ASCII bytes that are not letters: deleting them with bytes.translate counts the letters of an
# ASCII sample in one C loop (str.isalpha per character was a quarter of _by_stopwords).
_ASCII_NON_ALPHA = bytes(b for b in range(128) if not chr(b).isalpha())
_TOKEN = re.compile(r"[^\W\d_]+")


# Characters from U+0250 up (IPA, Greek, Cyrillic, CJK ...): found with one regex scan, so the
# script check below costs a Python call per such character only, not per character of the sample.
_NON_LATIN = re.compile("[\u0250-\U0010ffff]")


def _by_stopwords(sample: str) -> str | None:
    """A language when its function words clearly dominate (>= 10% of 20+ tokens, 3x the runner-up + 2).
    3x (was 4x) lets the stopwords decide 1,406 of the 1,628 flattened benchmark articles instead of
    1,169, and agreed with py3langid (the model then) on every one of them (2.5x: one disagreement);
    English often has 4-7 Portuguese hits ("a", "as", "o") and so missed 4x."""
    n_letters, n_other, n_tokens, hits = stopword_counts(sample)
    if n_letters - n_other < 0.95 * n_letters:
        return None  # other scripts (CJK, Cyrillic ...) mixed in: leave it to the model
    if n_tokens < 20:
        return None
    ranked = sorted(zip(hits, _LANGS, strict=True), reverse=True)
    (best, lang), (second, _) = ranked[0], ranked[1]
    return lang if best >= 0.1 * n_tokens and best >= 3 * second + 2 else None


def stopword_counts(sample: str) -> tuple[int, int, int, tuple[int, ...]]:
    """(letters, letters from U+0250 up, tokens, stopword hits per language of _LANGS) of ``sample``: one
    C pass when the fast path is built (_by_stopwords 0.067 -> ~0.026 ms a page, text-mode benchmark
    pages), else
    :func:`stopword_counts_py`."""
    if _textfast is None:
        return stopword_counts_py(sample)
    return _textfast.stopword_counts(sample, sample.lower(), _STOP_TABLE, _STOP_SHIFT, len(_LANGS), _STOP_MAX)


def stopword_counts_py(sample: str) -> tuple[int, int, int, tuple[int, ...]]:
    """:func:`stopword_counts` with regexes and a Counter."""
    n_letters = _letters(sample)
    n_other = sum(map(str.isalpha, _NON_LATIN.findall(sample)))
    tokens = _TOKEN.findall(sample.lower())
    # Each language's hits from one count of the tokens: ~20 lookups a language instead of one per token.
    counts = Counter(tokens)
    hits = tuple(sum(map(counts.get, _STOP_WORDS[lang], repeat(0))) for lang in _LANGS)
    return n_letters, n_other, len(tokens), hits


def _letters(text: str) -> int:
    """``sum(map(str.isalpha, text))``, in one C loop when the text is ASCII."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NON_ALPHA))
    return sum(map(str.isalpha, text))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or the guess is unsure."""
    sample = text[:_SAMPLE]
    # Counting letters over the first 2x_MIN_CHARS characters almost always settles it; the full count
    # over 500 characters was a third of this function's Python time (cProfile, 1,678 pages).
    if _letters(sample[: 2 * _MIN_CHARS]) < _MIN_CHARS and _letters(sample) < _MIN_CHARS:
        return None
    quick = _by_stopwords(sample) or (len(text) > _SAMPLE and _by_stopwords(text[:_SECOND_LOOK]))
    if quick:
        return quick
    return _by_cld2(sample)


# CLD2 rejects input with C0/C1 controls (bar tab, newline, form feed, carriage return),
# noncharacters and lone surrogates ("input contains invalid UTF-8"): they become spaces first.
_CLD2_BAD = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
# CLD2 still emits a few pre-1989 ISO 639-1 codes; the rest of its codes are current ISO 639-1,
# "zh-Hant"-style script variants, ISO 639-2/3 codes for languages without a two-letter one,
# and "un"/"xx-..." for unknown text.
_OLD_CODES = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi", "mo": "ro"}


def _by_cld2(sample: str) -> str | None:
    """CLD2's top language when it calls the result reliable, as an ISO 639-1 code, else None."""
    try:
        reliable, _nbytes, details = pycld2.detect(_CLD2_BAD.sub(" ", sample), isPlainText=True)
    except pycld2.error:  # any input CLD2 still refuses: no guess rather than a crash
        return None
    code = details[0][1].split("-")[0]
    code = _OLD_CODES.get(code, code)
    return code if reliable and len(code) == 2 and code != "un" else None
