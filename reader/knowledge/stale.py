"""Which entries may have stopped being true: what `reader context stale` lists for re-checking.

A card about 1945 does not go out of date; a card that says who holds an
office now, or what is happening now, does, and a wrong present tense is as
much a bug as a wrong date. An entry describes the present when one of its
roles has no end, or when it has not ended itself and its summary says so in
words that date (`currently`, `since 2024`, `serves as`, `remains`). Each entry carries the
day its facts were last checked (`reviewed`); the oldest come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.knowledge import dates
from reader.knowledge.model import Entry

#: Words in a summary that make a claim about the present which time can undo.
_PRESENT = re.compile(
    r"\b(?:currently|now|incumbent|as of|to date|so far|still|remains|serves|leads|heads|chairs|"
    r"is the current|has been\b[^.]{0,80}\bsince|since (?:19|20)\d\d\b(?![^.]{0,40}\b(?:until|to|ended)\b))",
    re.IGNORECASE)


@dataclass(frozen=True)
class Stale:
    """An entry due for a re-check, with why it may have dated."""

    entry: Entry
    reasons: tuple[str, ...]


def present_claims(entry: Entry) -> tuple[str, ...]:
    """Why the entry describes the present: its open roles, and the words of its summary that date."""
    reasons = [f"holds {role.title} since {role.start}" if role.start else f"holds {role.title}"
               for role in entry.roles if role.end is None]
    # what has ended (a death, the last day of an event) speaks of its own time, not of today
    words = [] if entry.end else sorted({m.group().lower() for m in _PRESENT.finditer(entry.summary)})
    if words:
        reasons.append("says " + ", ".join(f"“{w}”" for w in words[:4]))
    return tuple(reasons)


def stale(entries: Iterable[Entry], before: str) -> list[Stale]:
    """Entries that describe the present and were last reviewed before `before` (or never), oldest first."""
    found = []
    for entry in entries:
        if entry.reviewed and not dates.before(entry.reviewed, before):
            continue
        reasons = present_claims(entry)
        if reasons:
            found.append(Stale(entry, reasons))
    found.sort(key=lambda s: (s.entry.reviewed or "", s.entry.id))
    return found
