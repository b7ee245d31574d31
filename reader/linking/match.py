"""Find candidate spans: every place where some alias's tokens occur in a row.

Matching only finds; it does not choose between entries or between
overlapping spans. That is `resolve` and `mentions`, so disambiguation can
change without touching this.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice

from reader.linking.aliases import AliasLookup, AliasRecord
from reader.linking.normalize import TOKEN, fold

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class Candidate:
    """A span of text that spells one or more aliases, and the records it spells."""

    start: int
    end: int
    records: tuple[AliasRecord, ...]


def _joined(text: str, tokens: list[re.Match[str]]) -> bool:
    """An alias may wrap across a line but never across a paragraph break."""
    for a, b in zip(tokens, tokens[1:]):
        if b.start() - a.end() > 1 and _PARAGRAPH_BREAK.search(text, a.end(), b.start()):
            return False
    return True


def find_candidates(text: str, lookup: AliasLookup) -> list[Candidate]:
    """All spans whose tokens equal an alias's tokens, in text order.

    The store is asked once, for the distinct tokens of the text; only the
    tokens that can start an alias are then looked at, and the tokens after
    them read as needed, so a book costs one pass of the tokenizer.
    """
    folded = {raw: fold(raw) for raw in set(TOKEN.findall(text))}
    by_first: dict[str, list[AliasRecord]] = defaultdict(list)
    for record in lookup.aliases_starting_with(set(folded.values())):
        by_first[record.tokens[0]].append(record)
    starters = {raw for raw, key in folded.items() if key in by_first}
    longest = {key: max(len(r.tokens) for r in records) for key, records in by_first.items()}
    candidates = []
    for first in TOKEN.finditer(text):
        raw = first.group()
        if raw not in starters:
            continue
        key = folded[raw]
        records = by_first[key]
        if longest[key] == 1:
            candidates.append(Candidate(first.start(), first.end(), tuple(records)))
            continue
        tokens = [first, *islice(TOKEN.finditer(text, first.end()), longest[key] - 1)]
        keys = tuple(folded[t.group()] for t in tokens)
        by_length: dict[int, list[AliasRecord]] = defaultdict(list)
        for record in records:
            if keys[:len(record.tokens)] == record.tokens:
                by_length[len(record.tokens)].append(record)
        for n, matched in sorted(by_length.items(), reverse=True):
            if n == 1 or _joined(text, tokens[:n]):
                candidates.append(Candidate(first.start(), tokens[n - 1].end(), tuple(matched)))
    return candidates
