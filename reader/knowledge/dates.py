"""Partial ISO dates (`1945`, `1945-02`, `1945-02-04`), kept as strings.

Historical dates are often known only to the month or the year; storing them
as strings keeps that precision instead of inventing a day.
"""

from __future__ import annotations

import datetime as dt
import re

_PARTIAL = re.compile(r"(-?)([0-9]{1,4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")

MONTHS = (
    "January February March April May June July August "
    "September October November December"
).split()


def _days_in(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar, for any year (BC too)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse(value: str) -> tuple[int, ...]:
    """Return (year,), (year, month) or (year, month, day); ValueError if invalid.

    The one parser every date goes through: the check calls it, so nothing it
    accepts can fail later in a card. Years before the common era are negative
    (`-44` is 44 BC); there is no year 0.
    """
    m = _PARTIAL.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a date like 1945, 1945-02 or 1945-02-04")
    sign, year_text, month, day = m.groups()
    year = -int(year_text) if sign else int(year_text)
    if year == 0:
        raise ValueError(f"{value!r} is year 0, which the calendar does not have (1 BC is -1)")
    parts = [year]
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"{value!r} has no month {month}")
        parts.append(int(month))
    if day:
        if not 1 <= int(day) <= _days_in(year, int(month)):
            raise ValueError(f"{value!r} is not a day of the calendar")
        parts.append(int(day))
    return tuple(parts)


def normalise(value: object) -> str:
    """Turn what YAML produced (int, date or str) into the canonical string, checked by `parse`."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        parse(value.strip())
        return value.strip()
    raise ValueError(f"{value!r} is not a date")


def before(a: str, b: str) -> bool:
    """True when `a` certainly ends before `b` starts (compared at the shared precision)."""
    pa, pb = parse(a), parse(b)
    n = min(len(pa), len(pb))
    return pa[:n] < pb[:n]


def overlaps(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    """True when two spans certainly share a day; open ends run to today."""
    today = dt.date.today().isoformat()
    (a0, a1), (b0, b1) = a, b
    return before(a0, b1 or today) and before(b0, a1 or today)


def display(value: str | None) -> str:
    """`1945-02-04` → `4 February 1945`; `1945-02` → `February 1945`."""
    if not value:
        return ""
    parts = parse(value)
    year = str(parts[0]) if parts[0] > 0 else f"{-parts[0]} BC"
    if len(parts) == 1:
        return year
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {year}"
    return f"{parts[2]} {MONTHS[parts[1] - 1]} {year}"


#: How a lone start date reads, by the kind of thing it dates.
_OPEN_START = {"person": "born {}", "work": "published {}", "organization": "since {}",
               "place": "since {}", "role": "since {}"}


def _range(start: str, end: str) -> str:
    """`4–11 February 1945`, `4 February – 11 March 1945`, `1939 – 1945`."""
    a, b = parse(start), parse(end)
    if len(a) == len(b) == 3 and a[0] == b[0]:
        if a[1] == b[1]:
            return f"{a[2]}–{display(end)}" if a[2] != b[2] else display(end)
        return f"{a[2]} {MONTHS[a[1] - 1]} – {display(end)}"
    return f"{display(start)} – {display(end)}"


def span(start: str | None, end: str | None, kind: str = "event") -> str:
    """A readable span for a card: `4–11 February 1945`, `born 7 October 1952`."""
    if start and end:
        return _range(start, end)
    if start:
        return _OPEN_START.get(kind, "{}").format(display(start))
    if end:
        return f"died {display(end)}" if kind == "person" else f"until {display(end)}"
    return ""
