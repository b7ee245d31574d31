"""Annotate text: match, resolve, then keep the leftmost-longest non-overlapping spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reader.linking.aliases import AliasLookup
from reader.linking.match import BLOCK, Matcher, blocks
from reader.linking.memory import DocumentMemory
from reader.linking.resolve import blocks as blocked
from reader.linking.resolve import resolve


@dataclass(frozen=True, slots=True)
class Mention:
    """A highlighted span: str offsets into the article text, and the entry it names."""

    start: int
    end: int
    text: str
    entry_id: str


@dataclass(frozen=True)
class Block:
    """The mentions found in text[start:end]; the last may run past `end`."""

    start: int
    end: int
    mentions: list[Mention]


def annotate_blocks(text: str, lookup: AliasLookup, block: int = BLOCK) -> Iterator[Block]:
    """The mentions of `text`, a block of text at a time, in order, none overlapping.

    A caller that streams (a book to a pipe, a worker that must stay
    interruptible) holds one block's mentions at a time.

    Choosing leftmost-longest spans block by block gives exactly what one pass
    over the whole text would: a block's candidates all start before the next
    block's, and a span that runs past its block's end still covers what follows.
    """
    matcher = Matcher(lookup)
    memory = DocumentMemory()
    covered = 0
    for lo, hi in blocks(text, block):
        candidates = matcher.candidates(text, lo, hi)
        candidates.sort(key=lambda c: (c.start, c.start - c.end))
        found: list[Mention] = []
        for candidate in candidates:
            if candidate.start < covered:
                continue
            if blocked(candidate):
                covered = candidate.end
                continue
            entry_id = resolve(text, candidate, memory)
            if entry_id is None:
                continue
            spelled = text[candidate.start:candidate.end]
            found.append(Mention(candidate.start, candidate.end, spelled, entry_id))
            memory.note(spelled, entry_id, candidate.end)
            covered = candidate.end
        yield Block(lo, hi, found)


def annotate(text: str, lookup: AliasLookup) -> list[Mention]:
    """Every mention of a known entry in `text`, in order, none overlapping."""
    return [m for block in annotate_blocks(text, lookup) for m in block.mentions]
