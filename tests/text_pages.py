"""Pages for the text-mode tests: a hand-written article for the section finders (comments,
other-stories lists), and random pages plus the fixtures for the C fast path's equality tests."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from newsmill.extract.text import extract_text
from newsmill.model import Article, Source
from newsmill.options import Options

FERRY_BODY = [
    "The harbour board approved the new ferry timetable on Tuesday after two months of public hearings.",
    "Boats will leave every twenty minutes at peak hours, and the last crossing moves to half past midnight.",
    "Residents of the island had asked for later crossings since the old night service was cut in 2019.",
    "The board said the extra crossings would be paid for by the higher summer fares agreed last year.",
    "Opponents argued that the crew rota could not cover the new hours without hiring more deckhands.",
    "The first boats on the new timetable sail on the first Monday of next month, the board said.",
]


def ferry_page(lines: list[str]) -> str:
    """``lines`` as a flattened page between a menu, a headline and a footer."""
    return "Home\nNews\n\nFerry timetable approved\n\n" + "\n\n".join(lines) + "\n\nFooter links\n"


def extract_ferry(lines: list[str]) -> Article:
    return extract_text(ferry_page(lines), Source(path="ferry.txt"), Options(nlp=False))


_TESTS = Path(__file__).parent


def random_page(
    rng: random.Random,
    alphabet: list[str],
    words: list[str],
    sizes: tuple[int, int] = (60, 40),
    word_share: float = 0.3,
    indents: list[str] | None = None,
) -> str:
    """Up to ``sizes[0]`` lines of up to ``sizes[1]`` pieces each: a word (with probability
    ``word_share``) or a character of ``alphabet``; each line behind one of ``indents`` if given."""
    lines = []
    for _ in range(rng.randint(1, sizes[0])):
        parts = [
            rng.choice(words) if rng.random() < word_share else rng.choice(alphabet)
            for _ in range(rng.randint(0, sizes[1]))
        ]
        lines.append((rng.choice(indents) if indents else "") + "".join(parts))
    return "\n".join(lines)


def fixture_and_random_pages(make: Callable[[random.Random], str], seed: int, n: int = 300) -> list[str]:
    """The text fixtures, the bundled sample and ``n`` pages from ``make(rng)``."""
    rng = random.Random(seed)
    fixed = [p.read_text(encoding="utf-8") for p in sorted((_TESTS / "fixtures" / "text").glob("*.txt"))]
    sample = (_TESTS.parent / "samples" / "seed-article.txt").read_text(encoding="utf-8")
    return [*fixed, sample, *(make(rng) for _ in range(n))]
