"""The alias index: the folded keys that `context build` stores and matching looks up.

The keys are made here, from `normalize`, and nowhere else. `INDEX_VERSION`
names the way they are made: the build records it in the database, and the
store treats a database with another version as stale, so a change to
folding can never leave a shipped database that silently stops matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from reader.linking.normalize import fold_tokens

#: Bump whenever `fold`, `TOKEN`, `alias_keys` or `cue_key` would make other keys
#: for some alias; `tests/test_corpus.py` rebuilds the shipped database to catch a miss.
INDEX_VERSION = 6

#: Letters a one-word alias needs before it also matches in capitals (`IRAN`, not `XI` or `MAY`).
MIN_CAPITALS = 4
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

#: Separator between folded tokens in a stored key; never occurs inside a token.
KEY_SEPARATOR = " "


@dataclass(frozen=True, slots=True)
class AliasRecord:
    """One way to write one entry's name, as folded tokens: what the store hands to matching."""

    tokens: tuple[str, ...]
    entry_id: str
    #: Folded, case-folded cue words; empty for an alias that always counts.
    when: tuple[str, ...] = ()
    #: A phrase that names something else (`South America`): where it matches,
    #: nothing is highlighted, and no shorter alias inside it is either.
    blocks: bool = False
    #: When the entry begins (a partial ISO date), so that a text older than it never names it.
    start: str | None = None


def alias_problem(alias: str, *, cued: bool = False) -> str | None:
    """Why `alias` cannot be matched, or None: what the schema reports for an unusable alias.

    An alias without letters (`1938`, `9/11`) names something only near its
    cue words, so it must have them (`cued`); alone it would match every date.
    """
    if len(alias) < 2:
        return "is a single character, which would match everywhere"
    if unicodedata.combining(alias[0]):
        return "starts with a combining mark"
    if not fold_tokens(alias):
        return "has no characters that can be matched"
    if not cued and not any(ch.isalpha() for ch in alias):
        what = "is only digits" if alias.isdigit() else "has no letters"
        return f"{what}, so it would match every such number; give it a 'when' list of words near it"
    return None


#: Endings that Ukrainian and Russian names take in different transliterations (`Zelenskyy`,
#: `Zelensky`, `Zelenskiy`, `Zelenski`; `Andrii`, `Andriy`, `Andrij`): a name written with one matches the others.
_SKY = ("skyy", "skyi", "skiy", "skij", "sky", "ski")
_II = ("ii", "iy", "ij", "yi")


def transliterations(token: str) -> list[str]:
    """Other spellings of a capitalised name's ending; none for short or other words."""
    if len(token) < 5 or not token[0].isupper() or not token.isalpha():
        return []
    lower = token.lower()
    for family in (_SKY, _II):
        for ending in family:
            if lower.endswith(ending):
                stem = token[:-len(ending)]
                upper = token.isupper()
                return [stem + (other.upper() if upper else other) for other in family if other != ending]
    return []


def alias_keys(alias: str) -> list[tuple[str, ...]]:
    """The token sequences an alias matches: as written; if it starts in lower case,
    capitalised as at the start of a sentence (`the Alliance`, `The Alliance`); and
    in capitals, as headlines and datelines write names (`PRAGUE`, `THE HAGUE`).

    Never lower-case from capitals: `Trump` must not match the verb `trump`.
    """
    tokens = fold_tokens(alias)
    if not tokens:
        return []
    first = tokens[0]
    keys = [tokens, (first[0].upper() + first[1:], *tokens[1:])]
    capitals = tuple(t.upper() for t in tokens)
    # A short word in capitals is more often something else: `XI` is a chapter, not Xi Jinping.
    if len(tokens) > 1 or (len(first) >= MIN_CAPITALS and not _ROMAN.fullmatch(capitals[0])):
        keys.append(capitals)
    for key in list(keys):
        for i, token in enumerate(key):
            keys.extend((*key[:i], other, *key[i + 1:]) for other in transliterations(token))
    return list(dict.fromkeys(keys))


def cue_key(word: str) -> str:
    """Cue words compare case-insensitively, after folding."""
    return " ".join(fold_tokens(word)).casefold()


def records_for(alias: str, entry_id: str, when: Iterable[str] = (), *, blocks: bool = False) -> list[AliasRecord]:
    """The records one alias expands to (its case variants), ready to store or index."""
    cues = tuple(sorted({cue_key(w) for w in when} - {""}))
    return [AliasRecord(tokens, entry_id, cues, blocks) for tokens in alias_keys(alias)]


def key_of(tokens: tuple[str, ...]) -> str:
    """The stored form of a token sequence."""
    return KEY_SEPARATOR.join(tokens)


def tokens_of(key: str) -> tuple[str, ...]:
    return tuple(key.split(KEY_SEPARATOR))
