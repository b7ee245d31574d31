"""Find candidate spans: every place where some alias's tokens occur in a row.

Matching only finds; it does not choose between entries or between
overlapping spans. That is `resolve` and `mentions`, so disambiguation can
change without touching this.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from reader.linking.aliases import AliasLookup, AliasRecord
from reader.linking.normalize import Token

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class Candidate:
    """A span of text that spells one or more aliases, and the records it spells."""

    start: int
    end: int
    records: tuple[AliasRecord, ...]


def _joined(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """An alias may wrap across a line but never across a paragraph break."""
    for k in range(first, last):
        gap_start, gap_end = tokens[k].end, tokens[k + 1].start
        if gap_end - gap_start > 1 and _PARAGRAPH_BREAK.search(text, gap_start, gap_end):
            return False
    return True


def find_candidates(text: str, tokens: list[Token], lookup: AliasLookup) -> list[Candidate]:
    """All spans whose tokens equal an alias's tokens, in text order."""
    by_first: dict[str, list[AliasRecord]] = defaultdict(list)
    for record in lookup.aliases_starting_with({t.key for t in tokens}):
        by_first[record.tokens[0]].append(record)
    keys = [t.key for t in tokens]
    candidates = []
    for i, key in enumerate(keys):
        records = by_first.get(key)
        if not records:
            continue
        by_length: dict[int, list[AliasRecord]] = defaultdict(list)
        for record in records:
            n = len(record.tokens)
            if tuple(keys[i:i + n]) == record.tokens:
                by_length[n].append(record)
        for n, matched in sorted(by_length.items(), reverse=True):
            if n == 1 or _joined(text, tokens, i, i + n - 1):
                candidates.append(Candidate(tokens[i].start, tokens[i + n - 1].end, tuple(matched)))
    return candidates
