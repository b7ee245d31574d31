"""The command palette (ctrl+p): find any entry by name and open its card.

Entries mentioned in the article come first, most mentioned first; a search
also asks the whole context database, so a reader can look up a name the
article does not contain.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


class EntryCommands(Provider):
    """Entries of this article and of the whole context, by name."""

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def _help(self, entry_id: str, kind: str) -> str:
        count = self.reader.mention_counts[entry_id]
        return f"{kind} · mentioned {count} time{'' if count == 1 else 's'}" if count else f"{kind} · not in this article"

    async def discover(self) -> Hits:
        for entry_id, _ in self.reader.mention_counts.most_common():
            name, kind = self.reader.mentioned[entry_id]
            yield DiscoveryHit(Text(name), partial(self.reader.jump_to, entry_id), name, self._help(entry_id, kind))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        seen = set()
        for entry_id, (name, kind) in self.reader.mentioned.items():
            score = matcher.match(name)
            if score > 0:
                seen.add(entry_id)
                yield Hit(score, matcher.highlight(name), partial(self.reader.jump_to, entry_id), name,
                          self._help(entry_id, kind))
        found = [i for i in self.reader.store.search(query) if i not in seen]
        for rank, (entry_id, (name, kind)) in enumerate(self.reader.store.names(found).items()):
            score = matcher.match(name) or 0.2 / (rank + 1)
            yield Hit(score * 0.9, matcher.highlight(name), partial(self.reader.jump_to, entry_id), name,
                      self._help(entry_id, kind))
