"""Find where aliases stand in a text with a C automaton: one pass over each block instead of a loop over its tokens.

Reading every token of a book in Python was most of annotation's time. The
scanner gives the same candidates from one pass of pyahocorasick over a copy
of the block in which every character is folded on its own (`é` → `e`,
`’` → `'`) and every run of whitespace is one space, so that the automaton can
hold an alias's leading words as one string (`Prime Minister Starmer`). A hit
is mapped back to the text through the few places where whitespace was
squeezed. What follows the leading words (a mark, or a number that a text may
write as an ordinal: `U.S.`, `September 11th`) is compared token by token, as
the matcher's loop does.

Where a character folds to more or fewer than one character (`ß` → `ss`,
a lone combining mark), the copy no longer lines up with the text, and no
alias's folded spelling holds such a character: the scanner misses only the
names that run through one. `Scanner.awkward` says where they may start, and
the matcher reads just those stretches with its loop.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Mapping
from itertools import islice
from typing import NamedTuple

import ahocorasick

from reader.linking.index import AliasRecord
from reader.linking.normalize import PARAGRAPH_BREAK, TOKEN, fold

#: A number, which a text may write with an ordinal ending that folding drops (`11th` is `11`).
_NUMBER = re.compile(r"\d+")
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")
_SPACES = re.compile(r" {2,}")
#: What a paragraph break of two newlines becomes in the scanner's copy: not a word's character nor a space, and
#: in no alias the schema allows (a text's own NUL folds to itself), so no spelling runs across it.
_BREAK = "\x00\x00"
#: Up to how many changed characters folding replaces one by one rather than with `translate`.
_FEW_CHANGES = 64
#: How far past its block a name that starts in it may run; the schema keeps every alias far shorter.
REACH = 4096


def _is_word(char: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


def _leading(tokens: tuple[str, ...]) -> int:
    """How many of an alias's tokens the automaton holds: its words up to the first mark or number, and that
    mark (`H.` of `H.W. Bush`, so that the automaton is not stopped by every word that starts with an `H`)."""
    n = 1
    while n < len(tokens) and all(map(_is_word, tokens[n])) and not _NUMBER.fullmatch(tokens[n]):
        n += 1
    return n + 1 if n < len(tokens) and not _is_word(tokens[n]) else n


def _forms(prefix: tuple[str, ...]) -> list[str]:
    """The ways a text can spell an alias's leading tokens once folded and squeezed: a number with or without
    an ordinal ending, a mark after the words with or without a space before it."""
    marked = not _is_word(prefix[-1])
    words = " ".join(prefix[:-1] if marked else prefix)
    forms = [words]
    if _NUMBER.fullmatch(prefix[0]):
        forms += [prefix[0] + ending + words[len(prefix[0]):] for ending in _ORDINAL_ENDINGS]
    return [form + space + prefix[-1] for form in forms for space in ("", " ")] if marked else forms


class _Hit(NamedTuple):
    """What the automaton holds for one spelling of some aliases' leading words."""

    length: int
    #: True when the spelling ends in a word's character, which must end a word in the text too.
    open_end: bool
    #: The records of the aliases that are these words and nothing more.
    whole: tuple[AliasRecord, ...]
    #: The records of longer aliases, by the tokens after the leading words; and those tails' lengths, longest first.
    tails: Mapping[tuple[str, ...], tuple[AliasRecord, ...]]
    lengths: tuple[int, ...]


class Scanner:
    """The aliases a text can hold, in an automaton over their leading words."""

    def __init__(self, groups: Mapping[tuple[str, ...], tuple[AliasRecord, ...]], chars: Collection[str]) -> None:
        """`groups` are the records by their token tuples; `chars` the characters of the text to read."""
        prefixes: dict[tuple[str, ...], tuple[list[AliasRecord], dict[tuple[str, ...], tuple[AliasRecord, ...]]]] = {}
        for tokens, records in groups.items():
            if not all(map(_is_word, tokens[0])):
                continue  # only a character that folds to several (`½`) makes such a token: the loop reads it
            n = _leading(tokens)
            whole, tails = prefixes.setdefault(tokens[:n], ([], {}))
            if n == len(tokens):
                whole.extend(records)
            else:
                tails[tokens[n:]] = records
        self._automaton = ahocorasick.Automaton()
        #: Whether paragraph breaks may become `_BREAK`: not where some alias holds its character (the schema
        #: refuses control characters, but a lookup made in code may hold anything). A prefix holds a mark
        #: only as its last token (`_leading`).
        self._breaks = not any(_BREAK[0] in prefix[-1] for prefix in prefixes)
        for prefix, (whole, tails) in prefixes.items():
            lengths = tuple(sorted({len(tail) for tail in tails}, reverse=True))
            open_end = _is_word(prefix[-1])
            for form in _forms(prefix):
                self._automaton.add_word(form, _Hit(len(form), open_end, tuple(whole), tails, lengths))
        self._empty = not prefixes
        if not self._empty:
            self._automaton.make_automaton()
        table: dict[str, str] = {}
        #: Characters that fold to other than one character of their own kind.
        self._awkward: list[str] = []
        for char in chars:
            if char.isspace():
                table[char] = " "
                continue
            folded = fold(char)
            if len(folded) != 1 or _is_word(folded) != _is_word(char) or folded.isspace():
                self._awkward.append(char)
            else:  # every character mapped: translate is slow on one it must look up and miss
                table[char] = folded
        self._table = str.maketrans(table)
        #: The characters folding changes (a newline, `é`, `’`): a few are replaced one by one, each in a
        #: quick pass of its own, far quicker than `translate`'s look-up of every character.
        changes = [(char, folded) for char, folded in table.items() if char != folded]
        self._changes = changes if len(changes) <= _FEW_CHANGES else None

    def awkward(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Stretches of text[start:end], merged, where a name may start that runs through a character the
        scanner cannot read: from as far before each such character as a name reaches, to the character."""
        places = []
        for char in self._awkward:
            at = text.find(char, start, end + REACH)
            while at >= 0:
                places.append(at)
                at = text.find(char, at + 1, end + REACH)
        stretches: list[tuple[int, int]] = []
        for at in sorted(places):
            lo, hi = max(start, at - REACH), min(end, at + 1)
            if stretches and lo <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], max(hi, stretches[-1][1]))
            elif lo < hi:
                stretches.append((lo, hi))
        return stretches

    def spans(self, text: str, start: int, end: int) -> list[tuple[int, int, tuple[AliasRecord, ...]]]:
        """(start, end, records) of every span starting in text[start:end] that spells aliases, in text order."""
        if self._empty:
            return []
        stop = min(len(text), end + REACH)
        folded = text[start:stop]
        # no name runs across a paragraph: the commonest break, two newlines, becomes two characters that no
        # alias holds, which leaves far fewer runs of spaces to squeeze
        if self._breaks:
            folded = folded.replace("\n\n", _BREAK)
        if self._changes is None:
            folded = folded.translate(self._table)
        else:
            for char, replacement in self._changes:
                folded = folded.replace(char, replacement)
        # squeeze each run of spaces to one, noting where, to map a place in the squeezed copy back to the text;
        # each run is found by `find`, far quicker than a pattern that stops at every space
        pieces, places, shifts = [], [], []
        last = removed = 0
        a = folded.find("  ")
        while a >= 0:
            b = _SPACES.match(folded, a).end()
            pieces.append(folded[last:a + 1])
            places.append(a - removed)
            removed += b - a - 1
            shifts.append(removed)
            last = b
            a = folded.find("  ", b)
        squeezed = "".join(pieces) + folded[last:] if pieces else folded

        def place(at: int) -> int:
            k = bisect.bisect_left(places, at) - 1
            return start + at + (shifts[k] if k >= 0 else 0)

        found = []
        length = len(text)
        for last_char, hit in self._automaton.iter(squeezed):
            first = place(last_char + 1 - hit.length)
            if first >= end or (first and _is_word(text[first - 1])):
                continue
            after = place(last_char) + 1
            if hit.open_end and after < length and _is_word(text[after]):
                continue
            if after - first != hit.length and PARAGRAPH_BREAK.search(text, first, after):
                continue  # a name may wrap across a line, never across a paragraph
            if hit.whole:
                found.append((first, after, hit.whole))
            if hit.tails:
                tokens = list(islice(TOKEN.finditer(text, after), hit.lengths[0]))
                keys = tuple(fold(token.group()) for token in tokens)
                for n in hit.lengths:
                    records = hit.tails.get(keys[:n]) if n <= len(keys) else None
                    if records is not None and not PARAGRAPH_BREAK.search(text, after, tokens[n - 1].start()):
                        found.append((first, tokens[n - 1].end(), records))
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        return found
