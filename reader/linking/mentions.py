"""Annotate text: match, resolve, then keep the leftmost-longest non-overlapping spans."""

from __future__ import annotations

from dataclasses import dataclass

from reader.linking.aliases import AliasLookup
from reader.linking.match import find_candidates
from reader.linking.resolve import blocks, resolve


@dataclass(frozen=True)
class Mention:
    """A highlighted span: str offsets into the article text, and the entry it names."""

    start: int
    end: int
    text: str
    entry_id: str


def annotate(text: str, lookup: AliasLookup) -> list[Mention]:
    """Every mention of a known entry in `text`, in order, none overlapping."""
    candidates = find_candidates(text, lookup)
    candidates.sort(key=lambda c: (c.start, c.start - c.end))
    mentions: list[Mention] = []
    covered = 0
    for candidate in candidates:
        if candidate.start < covered:
            continue
        if blocks(candidate):
            covered = candidate.end
            continue
        entry_id = resolve(text, candidate)
        if entry_id is None:
            continue
        mentions.append(Mention(candidate.start, candidate.end,
                                text[candidate.start:candidate.end], entry_id))
        covered = candidate.end
    return mentions
