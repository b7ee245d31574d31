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
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from reader.linking.normalize import fold_tokens

#: Bump whenever `fold`, `TOKEN`, `alias_keys` or `cue_key` would make other keys
#: for some alias; `tests/test_corpus.py` rebuilds the shipped database to catch a miss.
INDEX_VERSION = 9

#: Letters a one-word alias needs before it also matches in capitals (`IRAN`, not `XI` or `MAY`).
MIN_CAPITALS = 4
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

#: Separator between folded tokens in a stored key; never occurs inside a token.
KEY_SEPARATOR = " "


@dataclass(frozen=True, slots=True)
class Office:
    """An office an entry held, as linking weighs it: `Secretary Gates` in 2007 is whoever was a secretary then."""

    #: The office's title as folded, case-folded words: ("secretary", "of", "defense", …).
    words: tuple[str, ...]
    start: str | None = None
    #: None while the office is held.
    end: str | None = None


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
    #: When it ends; with `start`, the years a date near the name may fall in.
    end: str | None = None
    #: From the first role's start to the last role's end (None while a role is held):
    #: when a person was in public life, so that a 1905 text's `Roosevelt` is Theodore.
    active: tuple[str, str | None] | None = None
    #: The entries it is related to: another of them named in the text speaks for it.
    related: frozenset[str] = frozenset()
    #: The entry's type (`person`, `place`, …); "" where the lookup does not say.
    kind: str = ""
    #: First letters of the given names its longer names start with (`l` for Lech Walesa):
    #: `Joseph Pilsudski` is still Józef, `Woodrow Wilson` is not Harold.
    initials: frozenset[str] = frozenset()
    #: The offices the entry held, with their dates: a title before the name speaks for it.
    offices: tuple[Office, ...] = ()


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
_LAST_LETTERS = frozenset("iyjIYJ")
_LAST = itemgetter(-1)


@lru_cache(maxsize=100_000)
def transliterations(token: str) -> tuple[str, ...]:
    """Other spellings of a capitalised name's ending; none for short or other words.
    A given name's final `i` is also `iy` and `ii` (`Yuri`, `Yuriy`, `Yurii`; `Dmitri`, `Dmitriy`).

    Asked of every token of every case variant of every alias as the database is written, so cached,
    and most words are turned away by their last letter (every ending below ends in `i`, `y` or `j`)."""
    if token[-1:] not in _LAST_LETTERS or len(token) < 4 or not token[0].isupper() or not token.isalpha():
        return ()
    lower, upper = token.lower(), token.isupper()
    for family in (_SKY, _II):
        for ending in family:
            if lower.endswith(ending) and len(token) >= 5:
                stem = token[:-len(ending)]
                others = [stem + (other.upper() if upper else other) for other in family if other != ending]
                if family is _II and ending in ("iy", "ii"):
                    others.append(stem + ("I" if upper else "i"))
                return tuple(others)
    if lower.endswith("i") and not lower.endswith(("ski", "yi")):
        return token + ("Y" if upper else "y"), token + ("I" if upper else "i")
    return ()


#: Words that house styles write in lower case inside a name: `Communist party`,
#: `Gulf war`, `war in Donbas`, `second world war`.
_GENERIC = frozenset(
    "war wars world cold second first great party alliance wall treaty pact accords accord agreement "
    "conference summit plan doctrine revolution crisis council commission army government uprising blockade "
    "massacre curtain declaration charter act talks process programme program spring coup invasion annexation "
    "siege battle occupation purge famine airlift community market league movement front bloc".split())
#: Words that do not name anything by themselves: a house-style variant needs two others.
_MINOR = frozenset("the of in and for on a an to at de von der".split())
#: Types whose names may be written all in lower case (`cold war`); others keep a capital (`Communist party`).
_LOWER_CASE_TYPES = frozenset({"event", "period"})
#: Final words that take a plural when a text names several at once: `the INF Treaties`.
_PLURAL_HEADS = {"Treaty": "Treaties", "Agreement": "Agreements", "Accord": "Accords", "Convention": "Conventions"}


def _house_styles(tokens: tuple[str, ...], kind: str) -> list[tuple[str, ...]]:
    """The name with its generic words in lower case, as many publications write it."""
    if _GENERIC.isdisjoint(map(str.lower, tokens)):  # most names: no generic word, nothing to write otherwise
        return []
    content = [t for t in tokens if t[0].isalpha() and t.lower() not in _MINOR]
    if len(content) < 2:
        return []
    lowered = tuple(t.lower() if t.lower() in _GENERIC and t[0].isupper() and not t.isupper() else t
                    for t in tokens)
    if lowered == tokens:
        return []
    if all(not t[0].isupper() for t in lowered if t[0].isalpha()) and kind not in _LOWER_CASE_TYPES:
        return []
    return [lowered]


#: Small words that headline style capitalises inside a name: `Partnership For Peace`.
_HEADLINE_SMALL = frozenset("of for and the in on to at".split())


def _headline_case(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The name as a headline or a title-cased heading writes it, its small words capitalised:
    `Partnership For Peace`, `Treaty Of Versailles`. Only for names of two or more capitalised words."""
    if _HEADLINE_SMALL.isdisjoint(tokens[1:]):
        return []
    capitalised = [t for t in tokens if t[0].isupper() and t.lower() not in _MINOR]
    if len(capitalised) < 2:
        return []
    return [(tokens[0], *(t.capitalize() if t in _HEADLINE_SMALL else t for t in tokens[1:]))]


def _plurals(tokens: tuple[str, ...], kind: str) -> list[tuple[str, ...]]:
    """`Nazi` → `Nazis` for a group's one-word name; `INF Treaty` → `INF Treaties`."""
    last = tokens[-1]
    if last in _PLURAL_HEADS and len(tokens) > 1:
        return [(*tokens[:-1], _PLURAL_HEADS[last])]
    if (kind == "organization" and len(tokens) == 1 and last.isalpha() and last[0].isupper()
            and not last.isupper() and not last.endswith("s")):
        return [(last + "s",)]
    return []


def alias_keys(alias: str, kind: str = "") -> list[tuple[str, ...]]:
    """The token sequences an alias matches: as written; if it starts in lower case,
    capitalised as at the start of a sentence (`the Alliance`, `The Alliance`); and
    in capitals, as headlines and datelines write names (`PRAGUE`, `THE HAGUE`).

    Given the entry's `kind` (the build gives it unless the alias is marked
    `case: exact`), also the house styles that write a name's generic words in
    lower case (`Gulf war`; for events and periods `cold war` too) and the
    plural a group's name or a treaty's takes (`the Nazis`, `the INF Treaties`), and the
    headline case that capitalises its small words (`Partnership For Peace`).

    Never lower-case a name itself: `Trump` must not match the verb `trump`.
    """
    tokens = fold_tokens(alias)
    if not tokens:
        return []
    written = [tokens]
    if kind:
        written += _house_styles(tokens, kind) + _plurals(tokens, kind) + _headline_case(tokens)
    keys = []
    for form in written:
        first = form[0]
        keys += [form, (first[0].upper() + first[1:], *form[1:])]
    first = tokens[0]
    capitals = tuple(map(str.upper, tokens))
    # A short word in capitals is more often something else: `XI` is a chapter, not Xi Jinping.
    if len(tokens) > 1 or (len(first) >= MIN_CAPITALS and not _ROMAN.fullmatch(capitals[0])):
        keys.append(capitals)
    # few tokens have other spellings: asked once for the tokens of every key, and most aliases have none,
    # which the written forms' last letters say (the keys' other cases end in the same letters)
    if not _LAST_LETTERS.isdisjoint(map(_LAST, chain.from_iterable(written))):  # in C
        spellings = {token: others for token in set().union(*keys)
                     if token[-1] in _LAST_LETTERS and (others := transliterations(token))}
    else:
        spellings = {}
    if spellings:
        for key in list(keys):
            for i, token in enumerate(key):
                keys.extend((*key[:i], other, *key[i + 1:]) for other in spellings.get(token, ()))
    return list(dict.fromkeys(keys))


def cue_key(word: str) -> str:
    """Cue words compare case-insensitively, after folding."""
    return " ".join(fold_tokens(word)).casefold()


def records_for(alias: str, entry_id: str, when: Iterable[str] = (), *, blocks: bool = False,
                kind: str = "") -> list[AliasRecord]:
    """The records one alias expands to (its case variants; with `kind`, house styles and plurals)."""
    cues = tuple(sorted({cue_key(w) for w in when} - {""}))
    return [AliasRecord(tokens, entry_id, cues, blocks) for tokens in alias_keys(alias, kind)]


def key_of(tokens: tuple[str, ...]) -> str:
    """The stored form of a token sequence."""
    return KEY_SEPARATOR.join(tokens)


def tokens_of(key: str) -> tuple[str, ...]:
    return tuple(key.split(KEY_SEPARATOR))
