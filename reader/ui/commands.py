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

from reader.errors import ReaderError
from reader.export.safe import displayable

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


class EntryCommands(Provider):
    """Entries of this article and of the whole context, by name."""

    @property
    def reader(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def _help(self, entry_id: str, kind: str) -> str:
        count = self.reader.mention_counts[entry_id]
        if not count:
            return f"{displayable(kind)} · not in this article"
        return f"{displayable(kind)} · mentioned {count} time{'' if count == 1 else 's'}"

    async def discover(self) -> Hits:
        for entry_id, _ in self.reader.mention_counts.most_common():
            ref = self.reader.mentioned[entry_id]
            name = displayable(ref.name)
            yield DiscoveryHit(Text(name), partial(self.reader.jump_to, entry_id), name, self._help(entry_id, ref.type))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        seen = set()
        for entry_id, ref in self.reader.mentioned.items():
            name = displayable(ref.name)
            score = matcher.match(name)
            if score > 0:
                seen.add(entry_id)
                yield Hit(score, matcher.highlight(name), partial(self.reader.jump_to, entry_id), name,
                          self._help(entry_id, ref.type))
        try:
            found = [i for i in self.reader.store.search(query) if i not in seen]
            refs = self.reader.store.refs(found)
        except ReaderError:  # a damaged database: the article's own entries are still listed
            return
        for rank, entry_id in enumerate(i for i in found if i in refs):
            name = displayable(refs[entry_id].name)
            score = matcher.match(name) or 0.2 / (rank + 1)
            yield Hit(score * 0.9, matcher.highlight(name), partial(self.reader.jump_to, entry_id), name,
                      self._help(entry_id, refs[entry_id].type))
