"""What the document has already said: the entries it introduced by a full name.

A reader who has met `George H. W. Bush` knows who `Bush` is three
paragraphs later, and after `Lech Walesa` and then `Jaroslaw Walesa`, a bare
`Walesa` means the son. Linking keeps the same memory: every mention of two
or more words introduces its entry under each of its words, and a shorter
name that several entries could claim, or that its cue words alone would
not link, goes to the entry most recently introduced under all of its words.

A name that only its cue words link (`SALT` near `arms`) keeps the sense
it was given: later in the same text it names the same entry with no cue in
sight (`the nature of the SALT process`), one sense per text, as long as the
name has no plain meaning to fall back on. Where the cue words come only at
a later mention (`EUR proposed…`, pages before `officials in EUR` beside
`the State Department`), the earlier one takes the sense they give there.

Speeches and memoirs go further and call a person by the given name alone
once they have named him in full (`Henry Kissinger` … `Henry`), and
histories by the surname alone where the context lists no surname alias
(`Frederick W.B. Coleman` … `Coleman`): the memory keeps each person's given
name and surname too, for `mentions` to find.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from reader.linking.normalize import fold_tokens


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """A name's folded, case-folded words: asked three times per mention, and a book repeats its few names
    thousands of times."""
    return tuple(t.casefold() for t in fold_tokens(text) if t[0].isalnum())


#: A given name: capitalised, three letters or more, no digits (`Henry`, `Zbigniew`; not `H.` or `J`).
_GIVEN = re.compile(r"[A-Z][a-z\u00c0-\u024f]{2,}")
#: A surname after it: a capitalised word that is not a Roman numeral (`Alexander I` has no surname).
_SURNAME = re.compile(r"[A-Z][\w'’-]+")
_ROMAN = re.compile(r"[IVXLC]+")
#: What may end a full name without being its surname.
_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "Junior", "Senior"})


class DocumentMemory:
    """Entries introduced so far, by word, with where the text last introduced them."""

    def __init__(self) -> None:
        #: folded word -> {entry id: offset of the end of its latest full mention}
        self._introduced: defaultdict[str, dict[str, int]] = defaultdict(dict)
        #: Every entry the text has named so far, by any name.
        self.named: set[str] = set()
        #: given name as written -> the people introduced with it, and where each was first
        self.given: dict[str, dict[str, int]] = {}
        #: surname as written -> the people introduced with it, and where each was named in full last
        self.surnames: dict[str, dict[str, int]] = {}
        #: every word of the full names that introduced a given name or a surname
        self.name_words: set[str] = set()
        #: folded name -> the entry its cue words gave it, the first time they did
        self._senses: dict[str, str] = {}
        #: name as written -> the sense its cue words give it further on (None: none yet), and how far
        #: its later mentions have been looked at (see `resolve`'s look-ahead)
        self.ahead: dict[str, tuple[str | None, int]] = {}
        #: (start, end) of a later mention -> the words around it, as the look-ahead read them: kept until that
        #: mention is resolved, which needs them again
        self.cue_texts: dict[tuple[int, int], str] = {}

    def note(self, text: str, entry_id: str, end: int, *, person: bool = False) -> None:
        """Remember a mention; only a name of two or more words introduces its entry
        (and, for a person named as given name and surname, the given name)."""
        self.named.add(entry_id)
        words = _words(text)
        if len(words) > 1:
            for word in words:
                self._introduced[word][entry_id] = end
            if person:
                parts = text.split()
                surnames = [p for p in parts[1:] if _SURNAME.fullmatch(p) and not _ROMAN.fullmatch(p)
                            and p not in _SUFFIXES]
                if len(parts) > 1 and _GIVEN.fullmatch(parts[0]) and surnames:
                    self.name_words.update(parts)
                    self.given.setdefault(parts[0], {}).setdefault(entry_id, end)
                    if surnames[-1] == parts[-1]:
                        self.surnames.setdefault(parts[-1], {})[entry_id] = end

    def keep_sense(self, text: str, entry_id: str) -> None:
        """Remember that cue words made the name `text` mean `entry_id` (the first sense given stays)."""
        self._senses.setdefault(" ".join(_words(text)), entry_id)

    def sense(self, text: str) -> str | None:
        """The entry that cue words made the name `text` mean earlier in the text, if any."""
        return self._senses.get(" ".join(_words(text)))

    def given_name(self, name: str, at: int) -> str | None:
        """The one person the text introduced by the given name `name` before offset `at`; None if none or several."""
        people = [entry_id for entry_id, end in self.given.get(name, {}).items() if end <= at]
        return people[0] if len(people) == 1 else None

    def surname(self, name: str, at: int) -> str | None:
        """The person last named in full with the surname `name` before offset `at`, if any."""
        people = [(end, entry_id) for entry_id, end in self.surnames.get(name, {}).items() if end <= at]
        return max(people)[1] if people else None

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
