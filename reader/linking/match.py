"""Find candidate spans: every place where some alias's tokens occur in a row.

Matching only finds; it does not choose between entries or between
overlapping spans. That is `resolve` and `mentions`, so disambiguation can
change without touching this. A `Matcher` first reads the text's words, a
block at a time, and asks the lookup once for the aliases they can start and
that the text holds every word of; it then finds spans block by block, so
memory stays proportional to the text and a long text never holds the
interpreter in one long call.

A block is read by the C automaton of `scan`; the stretches it cannot map
back character for character (before a `ß`, a lone combining mark) are read
by the token loop here, which defines what a match is: the tests hold the two
to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from reader.linking.aliases import AliasLookup
from reader.linking.index import AliasRecord
from reader.linking.normalize import PARAGRAPH_BREAK, TOKEN, fold
from reader.linking.scan import Scanner

#: TOKEN's two branches (`normalize.TOKEN`): a run of word characters, which every alias starts with, and
#: any other character but space.
_WORD_TOKEN = re.compile(r"\w+")
_MARK = re.compile(r"[^\w\s]")
#: Characters matched per block: small enough that no single step takes long.
BLOCK = 1 << 16
_SPACE = re.compile(r"\s")
#: Every character `str.isspace` and `str.split` take for whitespace (Unicode 15), which `\s` matches too.
WHITESPACE = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                       "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: Where to cut a text with no whitespace for a long way: after any character that is not a word's.
_NOT_WORD = re.compile(r"\W")
#: How far past a block's nominal end to look for a place to cut it; no name is longer.
_REACH = 4096
#: Up to how long a text the lookup is also given the token pairs it holds side by side: an article has a few
#: thousand, which make a look-up in a corpus of a million names as quick as in a small one; a book has so many
#: that listing them costs more than the aliases they would rule out.
PAIRS_UP_TO = 300_000


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of text that spells one or more aliases, and the records it spells."""

    start: int
    end: int
    records: tuple[AliasRecord, ...]


def _joined(text: str, tokens: list[re.Match[str]]) -> bool:
    """An alias may wrap across a line but never across a paragraph break."""
    for a, b in zip(tokens, tokens[1:], strict=False):
        if b.start() - a.end() > 1 and PARAGRAPH_BREAK.search(text, a.end(), b.start()):
            return False
    return True


def blocks(text: str, size: int = BLOCK) -> Iterator[tuple[int, int]]:
    """(start, end) offsets that cover `text`, each ending at whitespace so no token is cut."""
    start = 0
    while start < len(text):
        end = start + size
        if end >= len(text):
            yield start, len(text)
            return
        reach = end + max(size, _REACH)
        space = _SPACE.search(text, end, reach)
        if space is None:  # no whitespace near: cut between two tokens, or, in one endless word, anywhere
            space = _NOT_WORD.search(text, end, reach)
        end = space.end() if space else min(reach, len(text))
        yield start, end
        start = end


class Matcher:
    """Finds candidates block by block, asking the lookup once for each new first token."""

    def __init__(self, lookup: AliasLookup) -> None:
        self.lookup = lookup
        #: The folded tokens of the text being read, found once: aliases with any other token cannot match.
        self._present: set[str] | None = None
        self._present_in: str | None = None
        self._folded: dict[str, str] = {}
        #: The folded first tokens the lookup has been asked about.
        self._asked: set[str] = set()
        self._longest: dict[str, int] = {}
        #: By first token: the second tokens of its longer aliases, and its one-token records.
        self._seconds: dict[str, frozenset[str]] = {}
        self._singles: dict[str, tuple[AliasRecord, ...]] = {}
        #: By first token: its longer aliases' records by their whole token tuple, and those tuples' lengths,
        #: longest first, so that a span is looked up once per length rather than compared with every record.
        self._by_tokens: dict[str, dict[tuple[str, ...], tuple[AliasRecord, ...]]] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}
        self._scanner = Scanner({}, ())

    def _read_words(self, text: str) -> None:
        """Read the text's words once, a block at a time (no list of a book's words): the folded tokens
        it holds, with its marks, and the aliases its words can start, asked of the lookup in one go."""
        pieces: set[str] = set()
        for lo, hi in blocks(text):
            pieces.update(text[lo:hi].split())  # in C; a book has far fewer distinct pieces than words
        # the text's characters from its distinct pieces, and the few kinds of whitespace looked for one by
        # one (each a quick search in C): a fifth of the time of reading every character of a book into a set
        chars = set("".join(pieces)) | {space for space in WHITESPACE if space in text}
        marks = {char for char in chars if _MARK.fullmatch(char)}
        words = {piece for piece in pieces if piece.isalnum()}
        # those that hold a mark (`Moscow,`, `U.S.`) are parted into words, all in one call
        words.update(_WORD_TOKEN.findall(" ".join(pieces - words)))
        keys = {self._fold(raw) for raw in words}
        self._present = keys | {self._fold(mark) for mark in marks}
        self._present_in = text
        pairs = None
        if len(text) <= PAIRS_UP_TO:
            tokens = [self._fold(token) for token in TOKEN.findall(text)]
            pairs = set(zip(tokens, tokens[1:], strict=False))
        self._learn(keys, pairs)
        self._scanner = Scanner(self._groups(), chars)

    def _groups(self) -> dict[tuple[str, ...], tuple[AliasRecord, ...]]:
        """Every record learnt, by its token tuple."""
        groups = {(key,): singles for key, singles in self._singles.items() if singles}
        for table in self._by_tokens.values():
            groups.update(table)
        return groups

    def _fold(self, raw: str) -> str:
        key = self._folded.get(raw)
        if key is None:
            key = self._folded[raw] = fold(raw)
        return key

    def _learn(self, keys: set[str], pairs: set[tuple[str, str]] | None) -> None:
        """Ask the lookup about the folded first tokens not asked about before (and, for a text short enough
        to list them, the pairs of tokens it holds side by side, which a longer alias must start with)."""
        new_keys = keys - self._asked
        if not new_keys:
            return
        self._asked |= new_keys
        found: dict[str, list[AliasRecord]] = {}  # only the few keys some alias starts with
        for record in self.lookup.aliases_starting_with(new_keys, self._present, pairs):
            found.setdefault(record.tokens[0], []).append(record)
        for key, records in found.items():
            self._longest[key] = max(len(r.tokens) for r in records)
            self._seconds[key] = frozenset(r.tokens[1] for r in records if len(r.tokens) > 1)
            self._singles[key] = tuple(r for r in records if len(r.tokens) == 1)
            by_tokens: dict[tuple[str, ...], list[AliasRecord]] = {}
            for r in records:
                if len(r.tokens) > 1:
                    by_tokens.setdefault(r.tokens, []).append(r)
            self._by_tokens[key] = {tokens: tuple(rs) for tokens, rs in by_tokens.items()}
            self._lengths[key] = tuple(sorted({len(t) for t in by_tokens}, reverse=True))

    def candidates(self, text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
        """All spans starting in text[start:end] whose tokens equal an alias's tokens, in text order."""
        end = len(text) if end is None else end
        if self._present_in is not text:
            self._read_words(text)
        scanner = self._scanner
        found = [Candidate(*span) for span in scanner.spans(text, start, end)]
        stretches = scanner.awkward(text, start, end)
        if not stretches:
            return found
        seen = {(c.start, c.end) for c in found}
        for lo, hi in stretches:
            found += [c for c in self.loop_candidates(text, lo, hi) if (c.start, c.end) not in seen]
        found.sort(key=lambda c: (c.start, c.start - c.end))
        return found

    def loop_candidates(self, text: str, start: int, end: int) -> list[Candidate]:
        """`candidates`, found by reading every token in Python: for the stretches the scanner cannot read.

        Tokens are read whole, though a stretch may begin or end inside a word: its end does not cut
        `StraußPrime` to `Strauß`, and a word it begins inside (`Arthur` of `MacArthur`) starts nothing."""
        if self._present_in is not text:
            self._read_words(text)
        longest, folded = self._longest, self._folded
        found = []
        for first in TOKEN.finditer(text, start):
            if first.start() >= end:
                break
            if first.start() == start and start and _WORD_TOKEN.fullmatch(text, start - 1, start + 1):
                continue  # the end of a word that began before the stretch
            key = folded.get(first.group())  # a mark (`,`, `—`) starts no alias and was never folded
            if key not in longest:
                continue
            if longest[key] == 1:
                found.append(Candidate(first.start(), first.end(), self._singles[key]))
                continue
            # most `the`, `New`, `Prime` begin no longer alias: look one token ahead before reading more
            second = TOKEN.search(text, first.end())
            if second is None or self._fold(second.group()) not in self._seconds[key]:
                if self._singles[key]:
                    found.append(Candidate(first.start(), first.end(), self._singles[key]))
                continue
            tokens = [first, second, *islice(TOKEN.finditer(text, second.end()), longest[key] - 2)]
            keys = tuple(self._fold(t.group()) for t in tokens)
            table = self._by_tokens[key]
            for n in self._lengths[key]:
                if n > len(keys):  # the text ends before an alias this long could
                    continue
                matched = table.get(keys[:n])
                if matched is not None and _joined(text, tokens[:n]):
                    found.append(Candidate(first.start(), tokens[n - 1].end(), matched))
            if self._singles[key]:
                found.append(Candidate(first.start(), first.end(), self._singles[key]))
        return found

