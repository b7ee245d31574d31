"""The article's own date, and whether an entry could be meant at that date.

An entry that begins after the article was written cannot be what it means:
a 1990 text's `Kallas` is not a politician born later, and no 2003 text
names a summit of 2023. The date comes from the reader (`--date`), from a
`date:` line in front matter, or from a dateline at the top of the text.
Dates are partial ISO strings, compared at the precision both have.
"""

from __future__ import annotations

import calendar
import re

from reader.linking.periods import MONTH_NUMBERS

#: Month numbers by lower-case name or abbreviation: a dateline may write `feb.` or `FEBRUARY`.
MONTHS = {name.lower(): number for name, number in MONTH_NUMBERS.items()}

_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WRITTEN = [
    re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"),  # February 19, 2025
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})"),  # 19 February 2025
]
#: A line that is a date and little else: `February 19, 2025`, `Date: 2025-02-19`,
#: `WASHINGTON, Feb. 19, 2025 — The president...`, `Published 19 February 2025`.
_DATELINE = re.compile(
    r"^\s*(?:(?:date|published|posted|updated|released)\b\s*:?\s*)?(?:[A-Z][A-Z.' -]+,\s*)?"
    r"(?P<date>[^—–\n]{6,30}?)\s*(?:[—–-]{1,2}\s.*)?$", re.I)
#: Only the top of the text holds a dateline: this many non-empty lines.
_TOP_LINES = 6


def _checked(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day and month else "")


def parse_date(value: str) -> str | None:
    """`2025-02-19`, `2025-02`, `2025`, `February 19, 2025` or `19 Feb. 2025` as a partial ISO date; else None."""
    value = value.strip()
    iso = _ISO.fullmatch(value)
    if iso:
        return _checked(int(iso["y"]), int(iso["m"]) if iso["m"] else None, int(iso["d"]) if iso["d"] else None)
    for pattern in _WRITTEN:
        m = pattern.fullmatch(value)
        if m and m["month"].lower().rstrip(".") in MONTHS:
            return _checked(int(m["y"]), MONTHS[m["month"].lower().rstrip(".")], int(m["d"]))
    return None


def _front_matter(text: str) -> str | None:
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 4)
    if end < 0:
        return None
    for line in text[4:end].splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "date":
            return parse_date(value.strip().strip("'\""))
    return None


def article_date(text: str) -> str | None:
    """The date the article gives itself, in front matter or a dateline at its top; None if it gives none."""
    found = _front_matter(text)
    if found:
        return found
    lines = [line for line in text[:2000].splitlines() if line.strip()][:_TOP_LINES]
    for line in lines:
        m = _DATELINE.match(line)
        if m:
            found = parse_date(m["date"].strip(" ,."))
            if found:
                return found
    return None


def _parts(value: str) -> tuple[int, ...]:
    sign = -1 if value.startswith("-") else 1
    pieces = value.lstrip("-").split("-")
    return (sign * int(pieces[0]), *map(int, pieces[1:]))


def begins_after(start: str | None, date: str) -> bool:
    """True when an entry starting on `start` certainly began after `date`."""
    if not start:
        return False
    a, b = _parts(start), _parts(date)
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def year_of(value: str) -> int:
    """The year of an ISO date, partial or BCE (`-0500`)."""
    return _parts(value)[0]
