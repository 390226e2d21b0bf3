"""A hand-written article for the text-mode section finders (comments, other-stories lists)."""

from __future__ import annotations

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
