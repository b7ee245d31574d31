"""Years and periods as historical references: `1945`, `February 1945`, `the 1930s`, `the 19th century`.

A reader meeting `since 1945` or `in 1938` wants the history the year stands
for, so dates are mentions too: each has a normalised id (`1945`,
`1945-02`, `1930s`, `19th-century`) and the span of years it covers, and the
pane lists the entries dated within it. Dates are found only where no entry's
name already is (`Zapad 2021`, `the 2023 Vilnius summit` stay the entries).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MONTH_NAMES = ("January February March April May June July August September October November "
                "December").split()
#: Each month's number by its name and its abbreviations (`February`, `Feb`, `Sept`).
MONTH_NUMBERS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)}
MONTH_NUMBERS.update({name[:3]: i for name, i in list(MONTH_NUMBERS.items())} | {"Sept": 9})
_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}
_DASH = r"\s*[–—-]\s*"
#: Not inside a number, an amount, a time or a code: `$1945`, `1,945`, `19:45`, `ISO-1945`.
_ALONE_BEFORE = r"(?<![\w$£€¥#.,:/-])"
_ALONE_AFTER = r"(?![\w%]|[.,:/][0-9])"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
#: A year alone: only from 1500, where a four-digit number is far more often a year than a count.
_BARE_YEAR = r"(?P<year>1[5-9][0-9]{2}|20[0-9]{2})"

_FORMS = [
    # 4–11 February 1945; 4 February – 11 March 1945 reads as its first month
    ("month", re.compile(rf"{_ALONE_BEFORE}[0-9]{{1,2}}{_DASH}[0-9]{{1,2}}\s+{_MONTH},?\s+{_YEAR}{_ALONE_AFTER}")),
    ("day", re.compile(rf"{_ALONE_BEFORE}(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
                       rf"{_ALONE_AFTER}")),
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}{_ALONE_AFTER}")),
    ("day", re.compile(rf"{_ALONE_BEFORE}{_YEAR}-(?P<mm>0[1-9]|1[0-2])-(?P<day>[0-3][0-9]){_ALONE_AFTER}")),
    ("month", re.compile(rf"\b{_MONTH},?\s+{_YEAR}{_ALONE_AFTER}")),
    ("decade", re.compile(rf"{_ALONE_BEFORE}(?P<decade>1[0-9]{{2}}0|20[0-9]0)s\b")),
    ("decade", re.compile(r"\b[Mm]id-(?P<decade>1[0-9]{2}0|20[0-9]0)s\b")),
    ("century", re.compile(r"\b(?P<century>1[0-9]|2[01]|[1-9])(?:st|nd|rd|th)[- ]century\b")),
    ("century", re.compile(r"\b(?P<words>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
                           + r")[- ]century\b", re.I)),
    # A day without its year (`December 21`, `the 14th of November`): the year is the one the text
    # named last, close before it; with none, it is no date at all.
    ("day_of", re.compile(rf"\b{_MONTH}\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![\w%]|,?\s*[0-9]|[.:/][0-9])")),
    ("day_of", re.compile(rf"{_ALONE_BEFORE}(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"
                          rf"(?!,?\s*[0-9])")),
    # late-1989, early-1945: a hyphen glues the qualifier to the year, which stays the period
    ("year", re.compile(rf"\b(?:[Ee]arly|[Mm]id|[Ll]ate)-{_BARE_YEAR}{_ALONE_AFTER}")),
    ("year", re.compile(rf"{_ALONE_BEFORE}{_BARE_YEAR}{_ALONE_AFTER}")),
]


@dataclass(frozen=True, slots=True)
class Period:
    """A date as a text writes it: where, its normalised id, a label, and the years it covers."""

    start: int
    end: int
    #: `1945`, `1945-02`, `1945-02-04`, `1930s`, `19th-century`.
    id: str
    #: How a card names it: `1945`, `February 1945`, `the 1930s`, `the 19th century`.
    label: str
    #: First and last ISO dates it covers, for finding the entries dated within it.
    first: str
    last: str


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


#: How far back the year a day without one borrows may be named: about a page.
_YEAR_REACH = 2000


def _period(kind: str, m: re.Match[str], year_named: int | None = None) -> tuple[str, str, str, str] | None:
    """(id, label, first, last) for one match, or None when it is no real date; a day without its
    year takes `year_named`, the year the text named last."""
    if kind == "decade":
        d = int(m["decade"])
        return f"{d}s", f"the {d}s", f"{d:04d}", f"{d + 9:04d}"
    if kind == "century":
        n = _ORDINAL_WORDS[m["words"].lower()] if m.groupdict().get("words") else int(m["century"])
        first = (n - 1) * 100
        return f"{_ordinal(n)}-century", f"the {_ordinal(n)} century", f"{max(first, 1):04d}", f"{first + 99:04d}"
    if kind == "day_of" and year_named is None:
        return None
    year = year_named if kind == "day_of" else int(m["year"])
    if kind == "year":
        return f"{year}", f"{year}", f"{year:04d}", f"{year:04d}"
    month = int(m["mm"]) if m.groupdict().get("mm") else MONTH_NUMBERS[m["month"]]
    label_month = _MONTH_NAMES[month - 1]
    if kind == "month":
        return f"{year}-{month:02d}", f"{label_month} {year}", f"{year}-{month:02d}", f"{year}-{month:02d}"
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    iso = f"{year}-{month:02d}-{day:02d}"
    return iso, f"{day} {label_month} {year}", iso, iso


#: How far a date reaches from the digits or the word `century` it holds: `September 30th, ` before a
#: year, `th-century` after a number. The forms are tried only that close to one.
_REACH = 100
#: Led by a set of characters, which `re` finds by a quick scan (an alternation is tried at every character:
#: five times slower on a book); the forms hold ASCII digits only, so these are what they can start near.
_ANCHOR = re.compile(r"[0-9Cc](?:(?<=[0-9])[0-9]*|(?i:entury))")


def _windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of text[start:end] around every digit run and `century`, merged where they touch.

    Prose holds few digits, so the forms scan a small part of a book instead of all of it.
    """
    lo = hi = -1
    for anchor in _ANCHOR.finditer(text, start, end):
        a, b = max(start, anchor.start() - _REACH), min(end, anchor.end() + _REACH)
        if a > hi:
            if hi >= 0:
                yield lo, hi
            lo = a
        hi = max(hi, b)
    if hi >= 0:
        yield lo, hi


def find_periods(text: str, start: int = 0, end: int | None = None) -> Iterator[Period]:
    """Every date in text[start:end], leftmost and longest first, none overlapping."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for lo, hi in _windows(text, start, end):
        for kind, pattern in _FORMS:
            for m in pattern.finditer(text, lo, hi):
                found.append((m.start(), -m.end(), kind, m))
    yield from select(found, start)


def select(found: list[tuple[int, int, str, re.Match[str]]], start: int = 0) -> Iterator[Period]:
    """The dates among the forms' matches (start, -end, kind, match): leftmost and longest first, none
    overlapping, each day without a year given the year named last before it."""
    found.sort(key=lambda f: (f[0], f[1]))
    covered = start
    named: tuple[int, int] | None = None  # the last year the text named, and where
    for begin, negative_end, kind, m in found:
        if begin < covered:
            continue
        year = named[0] if named is not None and begin - named[1] <= _YEAR_REACH else None
        period = _period(kind, m, year)
        if period is None:
            continue
        covered = -negative_end
        if kind in ("year", "month", "day"):
            named = (int(period[0][:4]), covered)
        yield Period(begin, covered, *period)


_ID = re.compile(r"(?P<year>\d{4})(?:-(?P<mm>\d{2})(?:-(?P<dd>\d{2}))?)?|(?P<decade>\d{4})s"
                 r"|(?P<century>\d{1,2})(?:st|nd|rd|th)-century")


def describe(period_id: str) -> tuple[str, str, str] | None:
    """(label, first, last) for a period id such as `1945`, `1945-02`, `1930s` or `19th-century`."""
    m = _ID.fullmatch(period_id)
    if not m:
        return None
    if m["decade"]:
        d = int(m["decade"])
        return f"the {d}s", f"{d:04d}", f"{d + 9:04d}"
    if m["century"]:
        n = int(m["century"])
        return f"the {_ordinal(n)} century", f"{max((n - 1) * 100, 1):04d}", f"{(n - 1) * 100 + 99:04d}"
    year = m["year"]
    if not m["mm"]:
        return year, year, year
    month = _MONTH_NAMES[int(m["mm"]) - 1]
    if not m["dd"]:
        return f"{month} {year}", f"{year}-{m['mm']}", f"{year}-{m['mm']}"
    return f"{int(m['dd'])} {month} {year}", period_id, period_id
