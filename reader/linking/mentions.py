"""Annotate text: match, resolve, then keep the leftmost-longest non-overlapping spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.linking.aliases import AliasLookup
from reader.linking.match import BLOCK, Candidate, Matcher, blocks
from reader.linking.memory import DocumentMemory
from reader.linking.normalize import fold
from reader.linking.periods import MONTH_NUMBERS, find_periods
from reader.linking.resolve import Resolution, resolve
from reader.linking.resolve import blocks as blocked
from reader.linking.words import TITLES, is_common

#: Titles and honorifics that go with the name after them.
_TITLE_WORDS = (
    "Mr|Mrs|Ms|Mme|Dr|Prof|Sen|Gen|Adm|Rep|Gov|Amb|President|Vice President|Prime Minister|Chancellor|Secretary|"
    "Senator|Congressman|Congresswoman|General|Admiral|Marshal|Colonel|King|Queen|Prince|Princess|Pope|Minister|"
    "Ambassador|Governor|Sir|Dame|Lord|Lady|Premier|Mayor|Judge|Justice|Count|Countess|Baron|Baroness|Duke|"
    "Duchess|Emperor|Empress|Tsar|Czar|Tsarina|Kaiser|Chairman|Comrade|Chargé|Saint|St")
#: A title or honorific right before a name, which the mention takes with it: `Mr. Macron`, `President Trump`;
#: in capitals before a name in capitals, as transcripts write a speaker: `SECRETARY RICE`.
_TITLE = re.compile(rf"(?<![\w.])(?P<title>{_TITLE_WORDS})\.?[ \u00a0]$")
_TITLE_CAPS = re.compile(rf"(?<![\w.])(?P<title>{_TITLE_WORDS.upper()})\.?[ \u00a0]$")
#: The longest title above, with its full stop and space.
_TITLE_REACH = 16
#: Words that make a name into the name of something else: `Helsinki Conference` is not
#: Helsinki, `Geneva Summit` not Geneva. Where no entry matches the whole, nothing is linked.
_LONGER_NAME = re.compile(
    r"[ \u00a0](?:Conference|Treaty|Treaties|Summit|Declaration|Process|Crisis|Accords?|Agreement|Meeting|Pact|"
    r"Protocol|Memorandum|Charter|Doctrine|Initiative|Talks|Communiqu[eé]|Security Conference|Format|Act|"
    r"CONFERENCE|TREATY|SUMMIT|DECLARATION|AGREEMENT|ACCORDS?)\b")


#: The word before a name: a capitalised given name or initials (`Woodrow`, `H.W.`) ends it.
_WORD_BEFORE = re.compile(r"(?:(?<=[\s(])|^)(?P<word>[A-Z][\w'’-]*\.?|(?:[A-Z]\.){1,3})[ \u00a0]$")
#: Where a capitalised word only opens a sentence.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
#: Words before a name that are part of an office or a date, not a given name: `Chief of State Pilsudski`,
#: `Secretary of Defense Weinberger`, `in May Napoleon`.
_NOT_GIVEN_NAMES = re.compile(
    f"(?:{_TITLE_WORDS}|Chief|State|Commander|Leader|Envoy|Consul|Director|Speaker|Spokesman|Deputy|Defense|"
    "Defence|Affairs|Staff|Commissar|Treasury|Foreign|Interior|War|Navy|Army|" + "|".join(MONTH_NUMBERS) + ")")


def _title_before(text: str, start: int, covered: int) -> tuple[int, str] | None:
    """Where a title right before the name at `start` begins, and the title; None without one."""
    first = text[start:start + 1]
    if not first.isupper():
        return None
    pattern = _TITLE_CAPS if text[start:start + 2].isupper() else _TITLE
    title = pattern.search(text, max(covered, start - _TITLE_REACH), start)
    return (title.start(), title["title"]) if title else None


def _one_word_person(text: str, candidate: Candidate) -> bool:
    """True when the span is one word that only people are called."""
    return (" " not in text[candidate.start:candidate.end].strip()
            and all(r.kind == "person" for r in candidate.records if not r.blocks))


def _other_persons_surname(text: str, candidate: Candidate, name_ends: set[int]) -> bool:
    """A person's one-word name after a given name that is not theirs names someone else.

    `President Woodrow Wilson` is not Harold Wilson, and `Jaroslaw Walesa` is
    not Lech, where the context has no entry for the full name: the name is
    left for the unknown-name detector rather than linked to the wrong person.
    A word that is itself a known name other than someone's surname (`Ukraine Zelensky`, in `name_ends`), a
    possessive (`Ukraine's Zelensky`) or a title does not count.
    """
    if candidate.end - candidate.start > 40 or not candidate.records or \
            any(r.kind != "person" for r in candidate.records if not r.blocks):
        return False
    if " " in text[candidate.start:candidate.end].strip():
        return False
    before = _WORD_BEFORE.search(text, max(0, candidate.start - 30), candidate.start)
    if before is None:
        return False
    word = before["word"]
    bare = word.rstrip(".")
    if _NOT_GIVEN_NAMES.fullmatch(bare):
        return False
    if word != bare and len(bare) > 1:
        return False  # `the White House. Haig selected`: the word ends the sentence before
    initials = set().union(*(r.initials for r in candidate.records))
    if ((word.isupper() and len(word) > 3)
            or fold(word)[:1].casefold() in initials
            or word.endswith(("'s", "’s", "s'", "s’")) or before.end("word") in name_ends):
        return False
    return _SENTENCE_END.search(text, max(0, before.start() - 3), before.start()) is None


def _given_name_before(text: str, candidate: Candidate, entry_id: str, covered: int) -> int:
    """Where the person's name starts, with the given name that an alias left out: `Jim Schlesinger`
    where the entry knows `James R. Schlesinger` and `Schlesinger`. The word must start as the entry's
    given names do and be no everyday word (`Just Schlesinger` is not a name), so that later in the text
    `Jim` alone is the same person."""
    if " " in text[candidate.start:candidate.end].strip():
        return candidate.start
    before = _WORD_BEFORE.search(text, max(covered, candidate.start - 30), candidate.start)
    if before is None:
        return candidate.start
    word = before["word"]
    initials = set().union(*(r.initials for r in candidate.records if r.entry_id == entry_id))
    if (_GIVEN_NAME.fullmatch(word) and fold(word)[:1].casefold() in initials and not _NOT_GIVEN_NAMES.fullmatch(word)
            and not is_common(word)):
        return before.start("word")
    return candidate.start


#: A given name as `_given_name_before` takes it: capitalised, in lower case after the first letter.
_GIVEN_NAME = re.compile(r"[A-Z][a-z\u00c0-\u024f]{1,}")


@dataclass(frozen=True, slots=True)
class Mention:
    """A highlighted span: str offsets into the article text, and the entry it names.

    A date (`1945`, `the 1930s`) is a mention of `kind` "date" whose `entry_id`
    is the period's normalised id (see `periods`).
    """

    start: int
    end: int
    text: str
    entry_id: str
    kind: str = "entry"
    #: How sure the link is (see `resolve`): 1.0 when nothing else fits the span.
    score: float = 1.0
    #: Another entry the span could well name, when the choice was a close call.
    alternative: str | None = None


@dataclass(frozen=True)
class Block:
    """The mentions found in text[start:end]; the last may run past `end`."""

    start: int
    end: int
    mentions: list[Mention]


def annotate_blocks(text: str, lookup: AliasLookup, block: int = BLOCK, *, date: str | None = None,
                    dates: bool = True) -> Iterator[Block]:
    """The mentions of `text`, a block of text at a time, in order, none overlapping.

    A caller that streams (a book to a pipe, a worker that must stay
    interruptible) holds one block's mentions at a time. `date` is the
    article's own (a partial ISO date): nothing that began after it is linked.
    With `dates`, years and periods outside every entry's name are mentions too.

    Choosing leftmost-longest spans block by block gives exactly what one pass
    over the whole text would: a block's candidates all start before the next
    block's, and a span that runs past its block's end still covers what follows.
    """
    matcher = Matcher(lookup)
    memory = DocumentMemory()
    common: dict[str, bool] = {}
    covered = 0
    dated = 0
    for lo, hi in blocks(text, block):
        carried = covered  # a name from the block before may run into this one
        candidates = matcher.candidates(text, lo, hi)
        candidates.sort(key=lambda c: (c.start, c.start - c.end))
        # where a name ends that is not a person's one-word name: `Ukraine Zelensky` is Zelensky,
        # but in `James Allen Johnson` the middle name Allen is no other name before Johnson
        name_ends = {c.end for c in candidates if not _one_word_person(text, c)}
        found: list[Mention] = []
        how: list[Resolution] = []
        for candidate in candidates:
            if candidate.start < covered:
                continue
            if blocked(candidate):
                covered = candidate.end
                continue
            if _LONGER_NAME.match(text, candidate.end) or _other_persons_surname(text, candidate, name_ends):
                continue
            start = candidate.start
            title = _title_before(text, start, covered)
            resolution = resolve(text, candidate, memory, date, title[1] if title else None)
            if resolution is None:
                continue
            entry_id = resolution.entry_id
            person = any(r.kind == "person" for r in candidate.records if r.entry_id == entry_id)
            if person and not title:
                start = _given_name_before(text, candidate, entry_id, covered)
                if start != candidate.start:  # `General Joseph Pilsudski`: the title stands before the given name
                    title = _title_before(text, start, covered)
            memory.note(text[start:candidate.end], entry_id, candidate.end, person=person)
            if resolution.how == "cue":
                memory.keep_sense(text[candidate.start:candidate.end], entry_id)
            if title:
                start = title[0]
            found.append(Mention(start, candidate.end, text[start:candidate.end], entry_id,
                                 score=resolution.score, alternative=resolution.alternative))
            how.append(resolution)
            covered = candidate.end
        _plain_in_lists(text, found, how)
        if memory.given or memory.surnames:
            found = _with_given_names(text, found, memory, lo, hi, common, {(c.start, c.end) for c in candidates})
        if dates:
            found, dated = _with_dates(text, found, max(lo, dated, carried), hi)
        yield Block(lo, hi, found)


def _with_given_names(text: str, found: list[Mention], memory: DocumentMemory, lo: int, hi: int,
                      common: dict[str, bool], taken: set[tuple[int, int]]) -> list[Mention]:
    """The block's mentions with the given names and surnames of people it introduced in full: `Henry` after
    `Henry Kissinger`, `Coleman` or `Minister Coleman` after `Frederick W.B. Coleman`.

    Not where the text also gives the name to someone else (`Michael Sidórych`
    beside `Michael Kutúzov`: the huntsman's `Michael` is not the general's).
    Not where the name opens another full name (`Henry Ford`) or follows a
    capitalised word (`King Henry`, `Fort Henry`), though a title before a
    surname goes with it; not where two people introduced share a given
    name (a shared surname is the one named last); not where an alias of
    some entry matched the same words (`taken`: `Washington` after `George
    Washington` is left to the city's own cue words); and not a name the text
    also writes as a common word (`Mark` where it says `mark`, `Bill` where
    it says `bill`; `common` keeps that answer for each name, so a book is
    searched once per name).
    """
    for name in (memory.given.keys() | memory.surnames.keys()) - common.keys():
        common[name] = _common_or_shared(text, name, memory.name_words)
    names = sorted((n for n in memory.given.keys() | memory.surnames.keys() if not common[n]), key=len, reverse=True)
    if not names:
        return found
    # led by the names themselves, which `re` finds by a quick scan for their first letters; a lookbehind
    # first would have it try the whole pattern at every character (seven times slower on a book)
    pattern = re.compile(r"(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    starts = [m.start for m in found]  # in text order, none overlapping
    added = []
    at = lo
    while hit := pattern.search(text, at, hi):
        start, end = hit.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            at = start + 1  # inside a word: a name may still start later within what matched
            continue
        at = end
        i = bisect.bisect_left(starts, end) - 1  # the last mention starting before the hit ends
        if (i >= 0 and found[i].end > start) or (start, end) in taken or _NEXT_CAPITAL.match(text, end):
            continue
        name = hit.group()
        entry_id = memory.given_name(name, start) if name in memory.given else None
        title = None
        if entry_id is None and name in memory.surnames:
            entry_id = memory.surname(name, start)
            title = _title_before(text, start, found[i].end if i >= 0 else 0)
        if entry_id is None or (title is None and _CAPITAL_BEFORE.search(text, max(0, start - 40), start)):
            continue
        first = title[0] if title else start
        added.append(Mention(first, end, text[first:end], entry_id))
    return sorted(found + added, key=lambda m: m.start) if added else found


#: The capitalised word, hyphenated or not, right after a name or right before it (without a dash after
#: it: `Schlesinger` in `Schlesinger--who`).
_WORD_AFTER = re.compile(r"\s+([A-Z][\w'’]*(?:-\w+)*)")
_WORD_BEFORE_NAME = re.compile(r"(?<![\w'’-])([A-Z][\w'’]*(?:-\w+)*)\s+$")


def _whole_words(text: str, word: str) -> Iterator[int]:
    """Where `word` stands in `text` as a whole word (no letter, digit or hyphen either side), found by
    `str.find`: a regex with a look-behind would try every position of a book."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and (text[at - 1].isalnum() or text[at - 1] in "_-")) and not (
                end < len(text) and (text[end].isalnum() or text[end] in "_-")):
            yield at
        at = text.find(word, at + 1)


def _common_or_shared(text: str, name: str, name_words: set[str]) -> bool:
    """True when the text writes `name` as a common word, or in the full name of someone it did not introduce."""
    if next(_whole_words(text, name.lower()), None) is not None:
        return True
    for start in _whole_words(text, name):
        after = _WORD_AFTER.match(text, start + len(name))
        if after and after[1] not in name_words:
            return True
        before = _WORD_BEFORE_NAME.search(text, max(0, start - 40), start)
        if (before and before[1] not in name_words and before[1] not in TITLES
                and not _SENTENCE_END.search(text, max(0, before.start() - 3), before.start())):
            return True
    return False


#: A capitalised word right after a given name, which makes it someone else's full name.
_NEXT_CAPITAL = re.compile(r"\s+(?:[A-Z]\.\s*)*[A-Z]")
#: A capitalised word (or an initial) right before it: a title, a place, another name; not a word
#: that opens a sentence (`And Henry, it has been a pleasure`).
_CAPITAL_BEFORE = re.compile(
    r"\b(?!(?:And|But|Or|Nor|So|Then|Now|Yes|No|Well|Oh|Thank|Thanks|As|If|When|While|Because|Here|There|"
    r"Today|Also|Even|Only|Still|Yet|For|With|Like|Let|To|Of|At|By|From)[ \u00a0])"
    r"(?:[A-Z][\w'’-]*|(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Adm|Rep|Gov|Amb|St)\.)[ \u00a0]+$")


#: What stands between the names of a list: `Riyadh, Brussels and Washington`.
_LIST_GAP = re.compile(r",\s*|,?\s+(?:and|or)\s+")


def _plain_in_lists(text: str, found: list[Mention], how: list[Resolution]) -> None:
    """A name that cue words gave another meaning keeps its plain one inside a list of plain names.

    `The leaders meeting in Riyadh, Brussels and Washington` names three
    cities: the cue word `meeting` near `Riyadh` does not make it the talks.
    """
    for i, resolution in enumerate(how):
        if resolution.how != "cue" or resolution.plain is None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(found) and how[j].how == "plain":
                a, b = sorted((i, j))
                if _LIST_GAP.fullmatch(text, found[a].end, found[b].start):
                    m = found[i]
                    # the list outweighs the cue words, barely: a close call either way
                    found[i] = Mention(m.start, m.end, m.text, resolution.plain, m.kind, 0.5, m.entry_id)
                    break


#: How far past its block a date may run (`4–11 February` at a block's end, `1945` after it).
_DATE_REACH = 40


def _with_dates(text: str, found: list[Mention], lo: int, hi: int) -> tuple[list[Mention], int]:
    """The block's mentions with its dates merged in, where no entry's name is; and where dates end."""
    merged: list[Mention] = []
    taken = iter(found)
    current = next(taken, None)
    dated = lo
    for period in find_periods(text, lo, min(len(text), hi + _DATE_REACH)):
        if period.start >= hi:
            break
        while current is not None and current.end <= period.start:
            merged.append(current)
            current = next(taken, None)
        if current is not None and current.start < period.end:
            continue  # inside or across an entry's name: the entry wins
        merged.append(Mention(period.start, period.end, text[period.start:period.end], period.id, "date"))
        dated = period.end
    if current is not None:
        merged.append(current)
    merged.extend(taken)
    return merged, dated


def annotate(text: str, lookup: AliasLookup, *, date: str | None = None, dates: bool = True) -> list[Mention]:
    """Every mention of a known entry (and, with `dates`, every year and period) in `text`, in order."""
    return [m for block in annotate_blocks(text, lookup, date=date, dates=dates) for m in block.mentions]
