"""What the document has already said: the entries it introduced by a full name.

A reader who has met `George H. W. Bush` knows who `Bush` is three
paragraphs later, and after `Lech Walesa` and then `Jaroslaw Walesa`, a bare
`Walesa` means the son. Linking keeps the same memory: every mention of two
or more words introduces its entry under each of its words, and a shorter
name that several entries could claim, or that its cue words alone would
not link, goes to the entry most recently introduced under all of its words.
"""

from __future__ import annotations

from collections import defaultdict

from reader.linking.normalize import fold_tokens


def _words(text: str) -> list[str]:
    return [t.casefold() for t in fold_tokens(text) if t[0].isalnum()]


class DocumentMemory:
    """Entries introduced so far, by word, with where the text last introduced them."""

    def __init__(self) -> None:
        #: folded word -> {entry id: offset of the end of its latest full mention}
        self._introduced: defaultdict[str, dict[str, int]] = defaultdict(dict)
        #: Every entry the text has named so far, by any name.
        self.named: set[str] = set()

    def note(self, text: str, entry_id: str, end: int) -> None:
        """Remember a mention; only a name of two or more words introduces its entry."""
        self.named.add(entry_id)
        words = _words(text)
        if len(words) > 1:
            for word in words:
                self._introduced[word][entry_id] = end

    def recall(self, text: str, entry_ids: list[str]) -> str | None:
        """Of `entry_ids`, the one introduced most recently under every word of `text`, if any."""
        words = _words(text)
        best: tuple[int, str] | None = None
        for entry_id in entry_ids:
            offsets = [self._introduced[w].get(entry_id) for w in words]
            if words and None not in offsets:
                latest = min(o for o in offsets if o is not None)
                if best is None or latest > best[0]:
                    best = (latest, entry_id)
        return best[1] if best else None
