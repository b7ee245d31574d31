"""The alias look-up that matching needs, and an in-memory implementation of it.

Linking never opens the database: it asks an `AliasLookup` for the aliases
whose first token occurs in the text. The SQLite store answers that with an
indexed query, so start-up does not grow with the corpus; tests and small
tools use `MemoryAliases`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Protocol

from reader.linking.index import AliasRecord, records_for


class AliasLookup(Protocol):
    def aliases_starting_with(self, first_tokens: Collection[str], present: Collection[str] | None = None,
                              pairs: Collection[tuple[str, str]] | None = None) -> Iterable[AliasRecord]:
        """Every alias record whose first token is one of `first_tokens`; with `present` (the folded
        tokens the text holds), only those whose every token is present, the rest being unable to
        match: a corpus of a million names costs only what the text can use. With `pairs` (the
        folded tokens the text holds side by side), only the longer aliases whose first two tokens
        are one of them: a thousand names that start `John` cost nothing unless `John Smith` is there."""
        ...


class MemoryAliases:
    """An AliasLookup over records held in a dict; for tests and small corpora."""

    def __init__(self, records: Iterable[AliasRecord]) -> None:
        self._by_first: dict[str, list[AliasRecord]] = defaultdict(list)
        for record in records:
            self._by_first[record.tokens[0]].append(record)

    @classmethod
    def from_names(cls, names: dict[str, str | tuple[str, Iterable[str]] | None]) -> MemoryAliases:
        """Build from {alias: entry_id}, {alias: (entry_id, cue words)} or {phrase: None} to block."""
        records = []
        for alias, target in names.items():
            if target is None:
                records.extend(records_for(alias, "", blocks=True))
                continue
            entry_id, when = (target, ()) if isinstance(target, str) else target
            records.extend(records_for(alias, entry_id, when))
        return cls(records)

    def aliases_starting_with(self, first_tokens: Collection[str], present: Collection[str] | None = None,
                              pairs: Collection[tuple[str, str]] | None = None) -> Iterable[AliasRecord]:
        for token in first_tokens:
            for record in self._by_first.get(token, ()):
                if present is not None and not all(t in present for t in record.tokens):
                    continue
                if pairs is None or len(record.tokens) == 1 or record.tokens[:2] in pairs:
                    yield record
