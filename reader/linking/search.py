"""Find a phrase in a text as a reader types it: case-, accent- and line-break-insensitive.

The text is folded once, one character for one character, so every hit's
offsets in the folded text are its offsets in the original: `walesa` finds
`Wałęsa`, `lech walesa` finds `Lech\\nWałęsa` in hard-wrapped text.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from reader.linking.normalize import SPECIAL

#: The linking's own foldings of letters that do not decompose (`ł`, `ø`), quotes and dashes: those that
#: give one character for one, which is what keeps offsets.
_SPECIAL = {chr(code).lower(): folded.lower() for code, folded in SPECIAL.items() if len(folded) == 1}


def _fold_char(ch: str) -> str:
    """One character folded to one character: lower case, no diacritics, any space a space."""
    if ch.isspace():
        return " "
    lower = ch.lower()
    if len(lower) != 1:
        return ch
    lower = _SPECIAL.get(lower, lower)
    base = unicodedata.normalize("NFD", lower)[0]
    return base if base.isprintable() else lower


def _table(chars: set[str]) -> dict[int, str]:
    return {ord(ch): _fold_char(ch) for ch in chars}


def fold_for_search(text: str) -> str:
    """`text` folded character by character; the result has the same length."""
    return text.translate(_table(set(text)))


@dataclass(frozen=True)
class Hit:
    start: int
    end: int


class Searchable:
    """A text folded once, so that each search of it is one scan."""

    def __init__(self, text: str) -> None:
        self._folded = fold_for_search(text)

    def find(self, query: str) -> list[Hit]:
        """Every place the query occurs, in order, not overlapping; none for a blank query."""
        needle = " ".join(fold_for_search(query).split())
        if not needle:
            return []
        hits, at = [], self._folded.find(needle)
        while at >= 0:
            hits.append(Hit(at, at + len(needle)))
            at = self._folded.find(needle, at + len(needle))
        return hits


def first_from(hits: list[Hit], offset: int) -> int:
    """The index of the first hit at or after `offset`, wrapping to the first."""
    i = bisect_left([h.start for h in hits], offset)
    return i if i < len(hits) else 0
