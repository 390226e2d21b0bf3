"""Normalising metadata values: ISO 8601 dates, author names, titles without site suffixes."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

from newsmill.extract.metadates import UNKNOWN, quick_date

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(r"\b(20\d{2}|19\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|\.|$|\b)")
# "/2023/october/03/": month names in blog URLs (Umbraco, some WordPress permalinks).
_URL_NAMED = re.compile(
    r"/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?"
    r"/(0?[1-9]|[12]\d|3[01])(?:/|-|\.|$)",
    re.I,
)
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|-|_|\.)")


def _valid(y: int, m: int, d: int) -> bool:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return False
    return dt.date(1990, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=2)


def iso_date(value: object) -> str | None:
    """An ISO 8601 date or datetime from a machine-readable value (meta content, datetime attr)."""
    if value is None:
        return None
    if isinstance(value, int | float) and 6e8 < value < 5e9:
        return dt.datetime.fromtimestamp(value, dt.UTC).isoformat()
    s = str(value).strip()
    m = _ISO.search(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            return None
        if m.group(4) is None:
            return f"{y:04d}-{mo:02d}-{d:02d}"
        tz = m.group(7) or ""
        if tz and tz != "Z" and ":" not in tz:
            tz = tz[:3] + ":" + tz[3:]
        sec = int(m.group(6) or 0)
        return f"{y:04d}-{mo:02d}-{d:02d}T{int(m.group(4)):02d}:{m.group(5)}:{sec:02d}{tz}"
    m = _COMPACT.search(s)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return _spelled_date(s)


_MONTH_NUM = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
# "Feb 08, 2022" / "8 February 2022" in JSON-LD and meta values (WCXB dev: one page's only
# datePublished is written so); English month names only, no dateparser on this path.
_SPELLED = re.compile(
    r"\b(?:([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?|(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?)"
    r"\s+((?:19|20)\d{2})\b",
    re.I,
)


def _spelled_date(s: str) -> str | None:
    m = _SPELLED.search(s)
    if not m:
        return None
    month = _MONTH_NUM.get((m.group(1) or m.group(4)).lower())
    day, year = int(m.group(2) or m.group(3)), int(m.group(5))
    if month is None or not _valid(year, month, day):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def url_date(url: str | None) -> str | None:
    """A date written in the URL path (/2021/03/04/, /2021-03-04-, /20210304/)."""
    if not url:
        return None
    for rx in (_URL_DATE, _URL_COMPACT):
        m = rx.search(url)
        if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _URL_NAMED.search(url)
    if m:
        y, mo, d = int(m.group(1)), _MONTH_NUM[m.group(2).lower()], int(m.group(3))
        if _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# dateparser only sees what quick_date cannot read: other languages' month names and non-dates
# ("4 Headphones 2026"). Unrestricted, its first failing call loads every locale (1.27 s CPU
# measured); these Latin-script languages, whose month names _VISIBLE_DATE can match, take 0.20 s.
# English first: numeric forms keep its month-first order. Every one of the 415 strings sent on
# WCXB dev + ScrapingHub parses as before (bench/check_dates.py).
_DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "fi", "pl", "cs", "ro", "ca", "id"]  # fmt: skip


@lru_cache(maxsize=1)
def _dateparser():  # type: ignore[no-untyped-def]
    import dateparser

    return dateparser.DateDataParser(
        languages=_DATE_LANGUAGES,
        settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False},
    )


_MONTH_DAY_YEAR = (
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|"
    r"janvier|enero|gennaio|février|märz|mars|marzo|juni|juin|juli|juillet|dezember|décembre)[a-zé]*\.?"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
)
_DAY_WORD_YEAR = r"\b\d{1,2}(?:st|nd|rd|th)?\.?\s+[A-Za-zéû]{3,10}\.?,?\s+\d{4}"
_NUMERIC_DMY = r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d{2}\b"
_VISIBLE_DATE = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+)?{_MONTH_DAY_YEAR}|{_DAY_WORD_YEAR}|{_NUMERIC_DMY}", re.I
)
# Whether _VISIBLE_DATE matches somewhere: the same alternatives without the optional day before the
# month (a match with it contains one without it, from the month on), which sre otherwise tries at
# every position: 4.3 -> 2.2 µs a line (the teaser finder's marker lines).
_ANY_VISIBLE_DATE = re.compile(f"{_MONTH_DAY_YEAR}|{_DAY_WORD_YEAR}|{_NUMERIC_DMY}", re.I)


# Every _VISIBLE_DATE alternative ends in a four-digit year: this one-token search skips the long
# alternation on most short lines (text mode's teaser finder: 3.3 µs per tested line before).
_FOUR_DIGITS = re.compile(r"\d{4}")


def has_visible_date(text: str) -> bool:
    return _FOUR_DIGITS.search(text) is not None and _ANY_VISIBLE_DATE.search(text) is not None


def visible_date(text: str) -> str | None:
    """The first date written for people in ``text`` (dateparser; only on short date-like strings)."""
    m = _VISIBLE_DATE.search(text)
    if not m:
        return iso_date(text)
    found = quick_date(m.group(0))
    if found == UNKNOWN:
        return _slow_date(m.group(0))
    if found is None or not _valid(int(found[:4]), int(found[5:7]), int(found[8:10])):
        return None
    return found


_LAST_YEAR = re.compile(r"(\d{4})\D*$")


def _slow_date(s: str) -> str | None:
    """dateparser, unless the string's year is outside _valid's range ("5 Stars. 1664", "79 from
    1847": rating counts and addresses), where no answer it gives could be kept."""
    year = _LAST_YEAR.search(s)
    if year and not 1990 <= int(year.group(1)) <= dt.date.today().year + 1:
        return None
    try:
        res = _dateparser().get_date_data(s)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    d = res.date_obj if res else None
    if d is None or not _valid(d.year, d.month, d.day):
        return None
    return d.date().isoformat()


# --- authors -----------------------------------------------------------------------

_BY = re.compile(
    r"^\s*(?:(?:written|posted|reported|edited|photos?|words|story|text)\s+)?(?:by|von|par|por|door|di|av)\b[:\s]*"
    r"|^\s*authors?\s*:\s*"  # "Authors: Julie Weisenhorn and Natalie Hoidal"
    r"|^\s*(?-i:By(?=[A-Z][a-z]))",  # "ByDaryl Austin": spans joined without a space
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\||\bund\b|\bet\b|\by\b|\bwith\b|/)\s*", re.I)
_ROLE = re.compile(
    r"\b(staff|reporter|writer|editor|correspondent|contributor|columnist|journalist|freelance|senior|chief|"
    r"associate|managing|photographer|updated|published|posted|min read|read|author|bio|profile|view|more|"
    r"follow|contact|articles?|posts?|share|email|twitter|facebook)\b",
    re.I,
)
# "Sofia Gonzalez December 3, 2024": a month (then only digits/punctuation) ends the name.
_MONTH_TAIL = re.compile(
    r"\s+(?:on\s+)?(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?)\b\.?|(?:apr(?:il)?|may|june?|july?|aug(?:ust)?)\.?(?=\s*\d))[\d\s,.:]*$",
    re.I,
)
# Group bylines ("The Upwork Team", "Podium Staff", "Our Editors") are kept: WCXB dev credits
# them as the author (allowing them: authors F1 0.734 -> 0.769 on its article pages).
_ORG = re.compile(
    r"\b(news|press|agency|associated|reuters|afp|media|times|post|magazine|inc|llc|"
    r"ltd|group|online|newsroom|admin|administrator)\b|https?:|www\.|@|\.com\b",
    re.I,
)
# Where a name ends: " - role", "(...)", "on Monday", digits. Precompiled (see metadata._LANG_SEP).
_NAME_END = re.compile(r"\s+[-–—|•·●∙⋅]\s+|\s*\(|\s+on\s+\w+\s+\d|\s+on\s+\w+day\b|\s+\d|\s+in\s+(?=[A-Z])")
# "MD", "Ph.D.", "M.D.", "RD", "CEPF®", "E-RYT 200", "FACLM": a credential, not a name.
_CRED_TOKEN = r"(?:Ph\.?\s?D\.?|(?:[A-Z]{1,3}\.){2,3}|[A-Z][A-Z-]{1,5}[®*]?)"
_CREDENTIAL = re.compile(
    rf"^\s*(?!(?:AP|AFP|UPI|DPA|PA|ANI|IANS|PTI|EFE|ANSA|CNN|BBC)\b){_CRED_TOKEN}(?:\s+(?:{_CRED_TOKEN}|\d{{2,3}}))*\s*$"
)
PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "du", "bin", "al", "el", "y"]
)
# Group bylines: a name plus Staff/Team/Desk/Editors (WCXB dev credits them as the author).
_GROUP = re.compile(
    r"^(?!by\b)[A-Z][\w'’&.-]*(?:\s[A-Z][\w'’&.-]*){0,3}\s(?:Staff|Team|Desk|Editors|Newsroom)$"
)
_NON_WORD = re.compile(r"\W+")
_CALENDAR = re.compile(
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon|tue|wed|thu|fri|sat|sun)\.?$",
    re.I,
)
_NAME_OK = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def clean_author(raw: str) -> str | None:
    """One author name without "By", roles or trailing dates; None if it is not a person's name."""
    s = " ".join(html.unescape(raw).split())
    s = _BY.sub("", s)
    s = _MONTH_TAIL.sub("", s)
    s = _NAME_END.split(s)[0]
    s = s.strip(" ,.:;-–—|•·●∙⋅/")
    if _GROUP.match(s):
        return s  # "EcoCult Staff", "Podium Staff", "News Desk": the byline the page prints
    if not s or len(s) > 60 or _ORG.search(s) or not _NAME_OK.match(s):
        return None
    words = s.split()
    if not 1 <= len(words) <= 5 or _ROLE.search(s):
        return None
    if len(words) == 1 and ("." in s or len(s) < 3 or (s.isupper() and len(s) <= 5) or _CALENDAR.match(s)):
        return None  # "andrew.keaveney", initials, credentials ("FAND", "DVM"), "Dec", "Sat"
    if s.isupper() or s.islower():
        return s.title()
    if 2 * sum(w[0].islower() and w not in PARTICLES for w in words) > len(words):
        return None  # "Extension horticulture educators": prose, not a name ("The Currency editors" is)
    return s


def group_author(raw: str) -> str | None:
    """A declared author value kept as written when it is no person's name ("Thrive Agency",
    "AccountingDepartment.com", "Community Editor"); not URLs, emails, handles or prose."""
    s = _BY.sub("", " ".join(html.unescape(raw).split())).strip(" ,.:;-–—|")
    if not s or len(s) > 60 or len(s.split()) > 5 or "@" in s or "/" in s or not _NAME_OK.match(s):
        return None
    return None if s.lower() in _NO_ONE else s


# CMS placeholder accounts: a declared author that names nobody.
_NO_ONE = frozenset(
    [
        "admin",
        "administrator",
        "webmaster",
        "editor",
        "editors",
        "staff",
        "guest",
        "user",
        "author",
        "unknown",
        "anonymous",
    ]
)


def split_authors(raw: str) -> list[str]:
    """Names in a byline; post-nominal credentials stay with the name they follow ("Jillian
    Kubala, MS, RD"), as bylines print them and WCXB dev's gold records them (8 of 308 half-A
    article pages credit an author with credentials)."""
    s = _BY.sub("", " ".join(html.unescape(raw).split()))
    out: list[str] = []
    for part in _SPLIT.split(s):
        if out and _CREDENTIAL.match(part):
            out[-1] += ", " + part.strip().rstrip("*")  # "MD*": a footnote mark
            continue
        name = clean_author(part)
        if name:
            out.append(name)
    return out


def dedup_authors(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        key = _NON_WORD.sub(" ", n.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return out


# --- titles ------------------------------------------------------------------------

_SEP = re.compile(r"\s+[|\-–—:·•»/~]\s+|\s+::\s+")
_WORD = re.compile(r"\w+")


def title_parts(title: str) -> list[str]:
    """A title split at its " | " / " - " / " : " separators."""
    return _SEP.split(title)


def word_set(s: str) -> set[str]:
    return set(_WORD.findall(s.lower()))


def title_key(s: str) -> str:
    """Lower-cased words joined by single spaces: titles compared without punctuation/case."""
    return " ".join(_WORD.findall(s.lower()))


def strip_site(title: str, site_names: list[str], guess: bool = True) -> str:
    """Drop " | Site" / "Site - " parts that name the site (or, with ``guess``, a last part much
    shorter than the headline)."""
    parts = _SEP.split(title)
    if len(parts) < 2:
        return title.strip()
    keys = {title_key(s) for s in site_names if s}
    keys |= {k.replace(" ", "") for k in keys}
    kept = [p for p in parts if title_key(p) not in keys and title_key(p).replace(" ", "") not in keys]
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    if not guess:
        return title.strip()
    # No site name known: drop a short last segment when the rest is clearly the headline.
    first, last = parts[0], parts[-1]
    if len(last.split()) <= 4 and len(first.split()) >= 3 and len(last) < len(first):
        return _rejoin(title, parts[:-1])
    return title.strip()


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept)


def similar(a: str, b: str) -> float:
    ta, tb = word_set(a), word_set(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


# A full date glued to a headline ("Dec 18 2025 Preparing a transition", "... week 2 20 December 2025",
# "... suite / Dec 2025") is a dateline, not part of it; a bare "in May 2025" inside a headline is kept
# (WCXB gold titles keep those). Section labels ("Blog: ...", "... | Opinion") go the same way.
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FULL_DATE = (
    rf"(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MON},?\s+\d{{4}}|\d{{4}}-\d\d-\d\d)"
)
_LABELS = r"(?:blog|project|podcast|video|opinion|sponsored|news|title)"
# A host name before the headline ("davidbau.com Vibe Coding"): common TLDs only, so "Node.js" stays.
_HOST = r"(?:www\.)?[\w-]+\.(?:com|org|net|io|co|dev|ai|app|info|blog)"
_TRIM = (
    re.compile(rf"^\s*{_FULL_DATE}\s*[:|\-–—/·]?\s+", re.I),
    re.compile(rf"(?:\s+[|\-–—/·])?\s+{_FULL_DATE}\s*$", re.I),
    re.compile(rf"\s+[|\-–—/·]\s+{_MON}\s+\d{{4}}\s*$", re.I),
    re.compile(rf"^\s*{_LABELS}\s*:\s+", re.I),
    re.compile(rf"^\s*{_HOST}\s+(?:[|\-–—:/·»]\s+)?", re.I),
    re.compile(rf"\s+[|\-–—/·]\s+{_LABELS}\s*$", re.I),
)


# What each _TRIM pattern cannot match without: a year (\d{4}), ":", ".", a separator. Testing these
# first skips most of the six regex passes (trim_title was 0.013 ms a text page).
_TRIM_NEEDS = (_FOUR_DIGITS, _FOUR_DIGITS, _FOUR_DIGITS, ":", ".", "|-–—/·")


def drop_permalink(text: str) -> str:
    """A heading without the "¶" permalink that Sphinx and MkDocs append (<a class="headerlink">):
    "functools — Higher-order functions ¶" is the title "functools — Higher-order functions"."""
    if not text.endswith("¶"):
        return text
    return text.rstrip("¶ ") or text


def trim_title(text: str) -> str:
    """``text`` without a leading or trailing full date or section label, when two words remain."""
    for pattern, need in zip(_TRIM, _TRIM_NEEDS, strict=True):
        if isinstance(need, str):
            if not any(c in text for c in need):
                continue
        elif need.search(text) is None:
            continue
        cut = pattern.sub("", text)
        if cut != text and len(cut.split()) >= 2:
            text = cut
    return text
