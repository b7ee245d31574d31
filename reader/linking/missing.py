"""Names in a text that no entry covers: what a maintainer should write next.

A name here is a run of capitalised words (with `of`, `the`, `de`, `von`
and the like between them) outside every mention. Sentence openers, days,
months, titles and nationality adjectives are not names.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader.linking.mentions import Mention
from reader.linking.words import ADJECTIVES, FAITH, PEOPLES, TITLES, bare, is_common

#: Small words that may stand inside a name (`Treaty of Rome`, `Charles de Gaulle`).
_CONNECTORS = ("of", "the", "de", "du", "der", "den", "von", "van", "la", "le", "al", "bin", "y", "on", "for")
# A capitalised word; a full stop belongs to it only after an initial or a title,
# so that a run never crosses the end of a sentence.
_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|[A-Z])\.|[A-Z](?:[\w’'.-]*\w)?)"
# Space between the words of a name: a line may wrap inside one, a paragraph break ends it. Possessive,
# so that a long run of spaces before no name is given up at once, not retried at every split.
_GAP = r"(?:[^\S\n]++(?:\n[^\S\n]*+)?|\n[^\S\n]*+)"
# Every word starts with a capital letter: looked for first, before the look-behind, it lets `re` pass over
# the rest of the text at once (a third quicker on a book) and matches the same.
_NAME = re.compile(rf"(?=[A-Z])(?<![\w’']){_WORD}(?:(?:{_GAP}(?:{'|'.join(_CONNECTORS)})){{0,2}}{_GAP}{_WORD})*")
_NOT_NAMES = frozenset("""
A An And As At But By For From He Her His How I If In Into It Its Just Meanwhile My No Not Of On Or Our
She So That The Their Then There These They This Those To We Well What When Where Which While Who Why
With Without Yet You Your Even Since After Before During Afterward Afterwards Although Because Despite
Here Many Most Mr Mrs Ms Dr Sir Madam Miss Mister St Jr Sr Yes Also Still Only Once Every Each Some Such
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Today Tomorrow Yesterday Tonight
President Prime Minister Secretary Chancellor Foreign Interior Defense Defence Former Senator Governor
General Admiral King Queen Prince Pope Emperor Chapter Part Book Volume Section Figure Table All
Ambassador Vice Speaker Chairman Chargé Consul Envoy Nation Nations Government Governments God Earth Country
Department Chamber Republic Charter Navy Army Administration Embassy Legation Information Recognition
People Peoples Union Constitution Treaty Congressman Congresswoman Applause Laughter
""".split())
#: Roman numerals (`II`, `XIV`) and a pronoun with its contraction (`I've`, `I'm`) are not names.
_NOT_A_NAME = re.compile(r"^(?:[IVXLCDM]+|I[’'](?:ve|m|ll|d))$")


_SMALL = frozenset("""of the and in on for to a an with by at from into between after before under over
through against as upon within toward towards amid during since until via""".split())
_WORDS = re.compile(r"[^\W\d_][\w’'-]*")


_NEWLINE = re.compile("\n")


class _Headings:
    """Whether a position lies on a heading line: a short line whose every word is capitalised, not prose.

    A heading ends without a full stop, unless the stop follows a date, as
    chronologies write them (`American Embassy Closed, 1919.`).

    Lines are found by bisecting the text's newlines, found once, and each line
    is judged once: a text of one long paragraph costs no more than many short ones.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks = [m.start() for m in _NEWLINE.finditer(text)]
        self._seen: dict[int, bool] = {}

    def __call__(self, at: int) -> bool:
        i = bisect.bisect_left(self._breaks, at)
        start = self._breaks[i - 1] + 1 if i else 0
        if start in self._seen:
            return self._seen[start]
        end = self._breaks[i] if i < len(self._breaks) else len(self._text)
        line = self._text[start:end].strip()
        words = _WORDS.findall(line)
        heading = (0 < len(words) <= 12 and all(w[0].isupper() or w in _SMALL for w in words)
                   and (not line.endswith(".") or line[-2:-1].isdigit()))
        self._seen[start] = heading
        return heading


#: Words a name never starts or ends with.
_TRAILING = frozenset({*_CONNECTORS, "and"})


_NON_SPACE = re.compile(r"\S+")
_DASH = re.compile(r"-(?=[a-z])")

#: One word of a run, with its offsets.
_Word = tuple[str, int, int]


def _runs(text: str, covered: bytearray) -> Iterable[tuple[list[_Word], bool]]:
    """Each run of capitalised words outside mentions and headings, and whether it opens a sentence."""
    heading = _Headings(text)
    for match in _NAME.finditer(text):
        found = match.group()
        # one word that no name starts or ends with (`The`, `He`, `But`): `_trim` would leave nothing of it,
        # and the book's most frequent capitalised words are such
        if found.rstrip(".") in _NOT_NAMES or found.lower() in _TRAILING or heading(match.start()):
            continue
        i = match.start() - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        opens = i < 0 or text[i] in ".!?;:—(“”\"‘’'…"
        run: list[_Word] = []
        for word in _NON_SPACE.finditer(found):
            at = match.start() + word.start()
            if covered[at]:
                if run:
                    yield run, opens
                run, opens = [], False
                continue
            dash = _DASH.search(word.group()) if "-" in word.group() else None
            if dash is None:
                run.append((word.group(), at, at + len(word.group())))
                continue
            # `the Americas-the Alliance`, `New Deal-supporting`: a hyphen before a small letter ends the name
            if dash.start():
                run.append((word.group()[:dash.start()], at, at + dash.start()))
            if run:
                yield run, opens
            run, opens = [], False
        if run:
            yield run, opens


def _trim(run: list[_Word]) -> list[_Word]:
    """The run without the small and common words at either end; linear however long the run."""
    def edge(word: _Word) -> bool:
        return word[0].rstrip(".") in _NOT_NAMES or word[0].lower() in _TRAILING

    start, end = 0, len(run)
    while start < end and edge(run[start]):
        start += 1
    while end > start and edge(run[end - 1]):
        end -= 1
    return run[start:end]


def _untitled(run: list[_Word]) -> list[_Word]:
    """The run without the titles and offices glued before its name: `Republican Senator Arthur H. Vandenberg`
    is `Arthur H. Vandenberg`. A run that is all title (`Under Secretary for Political Affairs`) is no name."""
    titled = False
    for i, (word, _, _) in enumerate(run):
        plain = bare(word)
        if plain in TITLES:
            titled = True
        elif not (plain in ADJECTIVES or plain.lower() in _TRAILING or (titled and is_common(plain))):
            return _trim(run[i:]) if titled else run
    return [] if titled else run


def _plain(word: str) -> bool:
    """True for a word that a text capitalises without naming anything: nationality, people, faith, everyday."""
    return (word in ADJECTIVES or word in PEOPLES or word in FAITH or word in TITLES
            or (not word.isupper() and is_common(word)))


def _could_be_named(run: list[_Word]) -> bool:
    """False when the run is plainly no name: one everyday, national or devout word or adverb
    (`Office`, `Iraqi`, `Almighty`, `Congressionally`), national words before a plural (`European
    Allies`, `Latin Americans`), or everyday words around a title, which name an office (`Office of
    the Under Secretary for Political Affairs`), or the plural of one (`Members of the Board`,
    `Secretaries of State`)."""
    words = [bare(word) for word, _, _ in run]
    if len(words) == 1:
        word = words[0]
        return not (_plain(word) or _NOT_A_NAME.match(word) or word.split("-")[0] in ADJECTIVES
                    or all(part in ADJECTIVES for part in word.split("-")) or word.endswith(_ADVERB_ENDINGS))
    if not all(_plain(w) or w.lower() in _TRAILING for w in words):
        return True
    national = [w in ADJECTIVES or w in PEOPLES for w in words]
    last = words[-1]
    office = any(w in TITLES for w in words)
    several = words[0].endswith("s") and words[1] == "of"
    return not (office or several or (any(national) and (national[-1] or (last.endswith("s") and is_common(last)))))


#: An adverb made from a name and capitalised with it (`Congressionally mandated`) is no name.
_ADVERB_ENDINGS = ("ionally", "ically")


@dataclass(frozen=True, slots=True)
class UnknownName:
    """A capitalised name no entry covers: where it stands, and the name itself."""

    start: int
    end: int
    name: str


_TAIL = re.compile(r"(?:[’']s?|[.,;:])+$")


def unknown_names(text: str, mentions: Iterable[Mention]) -> list[UnknownName]:
    """Every capitalised name outside every mention, in text order.

    A word capitalised only because it opens a sentence (`Later`, `Fear`) is
    not a name: a sentence's first word counts only if the text also
    capitalises it somewhere mid-sentence.
    """
    covered = bytearray(len(text))
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    runs = list(_runs(text, covered))
    mid_sentence = {w for run, opens in runs for w, _, _ in (run[1:] if opens else run)}
    found = []
    for run, opens in runs:
        if opens and run[0][0] not in mid_sentence and not run[0][0].isupper():
            run = run[1:]
        run = _untitled(_trim(run))
        if not run:
            continue
        start, end = run[0][1], run[-1][2]
        tail = _TAIL.search(text, start, end)
        end = tail.start() if tail else end
        name = " ".join(text[start:end].split())
        if len(name) < 2 or not _could_be_named(run):
            continue
        found.append(UnknownName(start, end, name))
    return found


def with_unknown_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with every unknown name merged in, in text order, as mentions of kind "unknown".

    It needs the whole text's mentions at once: whether a sentence's first
    word is a name depends on how the rest of the text writes it.
    """
    unknown = [Mention(u.start, u.end, text[u.start:u.end], u.name, "unknown") for u in unknown_names(text, mentions)]
    return sorted([*mentions, *unknown], key=lambda m: m.start)


def uncovered(text: str, mentions: Iterable[Mention], *, limit: int | None = None) -> list[tuple[str, int]]:
    """Capitalised names outside every mention, most frequent first, with their counts.

    A name the text also writes shorter counts once, under its longest form:
    the surname after the full name (`Rudy Winnacker` … `Winnacker`), the
    abbreviation it introduces in brackets (`Historical Division (HD)`), and a
    compound that starts with it (`New Deal-Communist`). What to write next is
    one entry, not three. A reference list's inverted author (`Kennedy,
    Charles Stuart.`) is one name too.
    """
    counts = Counter(unknown.name for unknown in unknown_names(text, mentions))
    defined = _abbreviations(text)
    for match in _INVERTED.finditer(text):
        surname, given = match["surname"], match["given"]
        if given in counts:  # the given names unexplained: one author to name, not two names
            defined.setdefault(surname, f"{given} {surname}")
            defined.setdefault(given, f"{given} {surname}")
    ending: dict[str, list[str]] = {}
    for name in counts:
        if " " in name:
            ending.setdefault(name.rsplit(" ", 1)[1], []).append(name)

    def longest_form(name: str) -> str:
        if name in defined and (defined[name] in counts or " " in defined[name]):
            return defined[name]
        head = name.split("-")[0]
        if head != name and head in counts:
            return head
        longer = ending.get(name, []) if " " not in name else []
        return longer[0] if len(longer) == 1 else name

    merged: Counter[str] = Counter()
    for name, count in counts.items():
        merged[longest_form(name)] += count
    ranked = sorted(merged.items(), key=lambda nc: (-nc[1], nc[0]))
    return ranked[:limit] if limit else ranked


#: An author as a reference list writes one, surname first, at the start of a line: `Kennedy, Charles Stuart.`
_GIVEN = r"(?:[A-Z][\w’'-]+|[A-Z]\.)"
_INVERTED = re.compile(rf"^(?P<surname>[A-Z][\w’'-]+), (?P<given>{_GIVEN}(?: {_GIVEN}){{0,2}})(?:(?<=\.)|\.) ",
                       re.MULTILINE)
_BRACKETED = re.compile(r"\(([A-Z]{2,8})\)")


def _abbreviations(text: str) -> dict[str, str]:
    """Each abbreviation the text introduces in brackets after the name it stands for: `HD` → `Historical Division`.

    The name is the capitalised words just before the bracket whose initials
    spell the abbreviation, small words between them allowed.
    """
    found = {}
    for match in _BRACKETED.finditer(text):
        abbreviation = match.group(1)
        words = text[max(0, match.start() - 40 * len(abbreviation)):match.start()].split()
        taken: list[str] = []
        initials = ""
        while words and len(initials) < len(abbreviation):
            word = words.pop()
            if word[0].isupper():
                initials = word[0] + initials
            elif word not in _CONNECTORS:
                break
            taken.insert(0, word)
        if initials == abbreviation and taken[0][0].isupper():
            found.setdefault(abbreviation, " ".join(taken))
    return found

