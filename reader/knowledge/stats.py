"""Corpus statistics: what there is, and which entries are thinnest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from reader.knowledge.model import TYPES, Entry


@dataclass(frozen=True)
class Stats:
    by_type: dict[str, int]
    aliases: int
    sources: int
    roles: int
    related: int
    #: For each measure, the entries with the fewest, as (id, count), thinnest first.
    thinnest: dict[str, list[tuple[str, int]]]


MEASURES: dict[str, Callable[[Entry], int]] = {
    "aliases": lambda e: len(e.aliases),
    "sources": lambda e: len(e.sources),
    "related": lambda e: len(e.related),
}


def stats(entries: list[Entry], worst: int = 10) -> Stats:
    counts = Counter(e.type for e in entries)
    return Stats(
        by_type={kind: counts[kind] for kind in TYPES},
        aliases=sum(len(e.aliases) for e in entries),
        sources=sum(len(e.sources) for e in entries),
        roles=sum(len(e.roles) for e in entries),
        related=sum(len(e.related) for e in entries),
        thinnest={name: sorted(((e.id, measure(e)) for e in entries), key=lambda x: (x[1], x[0]))[:worst]
                  for name, measure in MEASURES.items()},
    )
