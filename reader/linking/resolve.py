"""Choose the entry a candidate span refers to, or none.

A plain alias always counts. An alias with cue words (`when`) counts only when
one of them appears near the span, and then it wins over plain aliases of the
same span: `Munich` near `appease` and `1938` is the agreement, not the city.
Before either, the document's memory: a name that the text has already used
as part of a full name (`Bush` after `George H. W. Bush`) goes to the entry
introduced last under those words, whatever the cue words say; cue words and
plain aliases decide only for names the text has not introduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.linking.dates import begins_after, year_of
from reader.linking.index import AliasRecord, Office
from reader.linking.match import Candidate
from reader.linking.memory import DocumentMemory
from reader.linking.normalize import PARAGRAPH_BREAK, TOKEN, fold, fold_tokens

#: How far either side of a mention cue words are looked for, in characters.
CUE_WINDOW = 250


#: A heading is a short line of its own: it names what the paragraphs after it tell.
_HEADING_CHARS = 100


def _heading(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    alone = (line_start == 0 or text[max(0, line_start - 2):line_start] == "\n\n") and \
        text[line_end:line_end + 2] in ("\n\n", "\n", "")
    return alone and len(line) <= _HEADING_CHARS and not line.endswith((".", ",", ";", ":"))


def _cue_text(text: str, start: int, end: int) -> str:
    """The folded, case-folded words around a span, within its paragraph; for a heading, the text after it."""
    lo, hi = max(0, start - CUE_WINDOW), min(len(text), end + CUE_WINDOW)
    if _heading(text, start, end):
        before, after = "", text[end:min(len(text), end + 3 * CUE_WINDOW)]
    else:
        before, after = text[lo:start], text[end:hi]
        breaks = list(PARAGRAPH_BREAK.finditer(before))
        if breaks:
            before = before[breaks[-1].end():]
        brk = PARAGRAPH_BREAK.search(after)
        if brk:
            after = after[:brk.start()]
    words = TOKEN.findall(f"{before} \x00 {after}")
    return f" {' '.join(map(fold, words)).casefold()} "  # casefold works character by character: once will do


def _context(text: str, candidate: Candidate, memory: DocumentMemory | None) -> str:
    """The candidate's cue text, taken from the memory where the look-ahead of an earlier mention of the same
    name made it (a name linked only by cue words is read twice so: as a later mention, then as itself)."""
    if memory is not None:
        made = memory.cue_texts.pop((candidate.start, candidate.end), None)
        if made is not None:
            return made
    return _cue_text(text, candidate.start, candidate.end)


#: What each kind of evidence weighs. Memory outweighs everything: a name the text
#: introduced is that entry. A cue word beats a plain alias; the rest tip the balance.
MEMORY = 5.0
PLAIN = 1.0
CUE = 1.0
CUE_HIT = 1.5
MAX_CUE_HITS = 3
RELATED = 0.5
MAX_RELATED = 2
#: How many of a cued alias's related entries the text must have named for it to count without its cue words.
RELATED_TO_QUALIFY = 2
YEAR_NEAR = 1.0
#: A title before the name that the entry held (at the article's date, when it has one): as good as a cue word.
TITLE = CUE + CUE_HIT
IN_OFFICE = 1.0
NOT_YET = -1.0
#: Below this share of the evidence, the choice is a close call and the runner-up is offered.
CLOSE_CALL = 0.6
#: How far on, and through how many later mentions, a name that cue words alone link is looked for
#: with its cue words, when they are not near it here.
LOOK_AHEAD = 20_000
LOOK_AHEAD_MENTIONS = 5
#: How many years before it began a text may name an event being negotiated, or a body being proposed.
FORESEEN_YEARS = {"event": 5, "organization": 1}

_YEAR = re.compile(r" (1[5-9]\d\d|20\d\d) ")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry a span names, how sure that is and why, and what else it could be."""

    entry_id: str
    #: "memory" (the text introduced it), "cue" (words near it) or "plain" (its only meaning).
    how: str
    #: The entry of the span's plain alias, when cue words or memory chose another.
    plain: str | None = None
    #: The chosen entry's share of the evidence for it and the runner-up: 1.0 when nothing else fits.
    score: float = 1.0
    #: Why, in a few words each: "named earlier in the text", "near “appease”, “1938”".
    reasons: tuple[str, ...] = ()
    #: The runner-up, when the choice is a close call (`score` below CLOSE_CALL).
    alternative: str | None = None


def _hits(record: AliasRecord, context: str) -> list[str]:
    return [cue for cue in record.when if f" {cue} " in context]


#: Titles as offices spell them: `Sen. Vandenberg` held the office of a senator.
_TITLE_OFFICE = {"sen": ("senator",), "gen": ("general",), "adm": ("admiral",), "amb": ("ambassador",),
                 "gov": ("governor",), "rep": ("representative",), "tsar": ("emperor",), "czar": ("emperor",),
                 "premier": ("prime", "minister")}
#: Words that make an office another one than its head word: a deputy secretary is not `Secretary X`.
_LESSER = frozenset({"deputy", "under", "assistant", "vice", "acting", "associate"})


def title_words(title: str) -> tuple[str, ...]:
    """A title as the words an office would spell it with: `Sen.` → ("senator",)."""
    words = tuple(w.casefold() for w in fold_tokens(title) if w[0].isalnum())
    return _TITLE_OFFICE.get(" ".join(words), words)


def _holds(office: Office, words: tuple[str, ...], date: str | None) -> bool:
    """True when the office is the one `words` name (not a deputy's) and, given a date, was held then."""
    n = len(words)
    if not n:
        return False
    for i in range(len(office.words) - n + 1):
        if office.words[i:i + n] == words and (i == 0 or office.words[i - 1] not in _LESSER):
            break
    else:
        return False
    if date is None:
        return True
    return not (office.start is None or begins_after(office.start, date)
                or (office.end is not None and begins_after(date, office.end)))


#: `the Kennedy administration`, `the Thatcher government`: the name of whoever headed it.
_GOVERNMENT_AFTER = re.compile(r"[’']?s?[ \u00a0]+(?:administrations?|presidency|government|cabinet)\b")
#: The offices whose holder a government is named after.
_HEADS = (("president",), ("prime", "minister"), ("chancellor",))


def blocks(candidate: Candidate) -> bool:
    """True for a phrase declared to mean something else, and nothing more."""
    return all(r.blocks for r in candidate.records)


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() and not value.startswith("-") else None


def _within(year: int, record: AliasRecord) -> bool:
    """True when `year` lies between the entry's start and its end (or today, while it lasts)."""
    first, last = _year(record.start), _year(record.end)
    return first is not None and first <= year <= (last or 9999)


class _Evidence:
    """Points and reasons gathered for one contender."""

    __slots__ = ("eligible", "entry_id", "how", "points", "reasons")

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        self.points = 0.0
        self.reasons: list[str] = []
        self.eligible = False
        self.how = "plain"

    def add(self, points: float, reason: str | None = None) -> None:
        self.points += points
        if reason:
            self.reasons.append(reason)


def resolve(text: str, candidate: Candidate, memory: DocumentMemory | None = None,
            date: str | None = None, title: str | None = None) -> Resolution | None:
    """The entry `candidate` names, scored against the others it could name; None when no alias applies here.

    Each entry the span could name gathers evidence: the text introduced it
    earlier (memory), cue words near the span, related entries the text has
    named, years near the span within the entry's dates, and whether a person
    was in public life at the article's `date`. Entries that began after the
    `date` are not candidates, but for places and for events and bodies not
    long off (`_could_exist`). A plain alias always qualifies; a cued one only
    near its cue words, when the text introduced it, after a `title` naming
    an office the entry held (`Secretary Gates` in 2007 is Robert, in 1960 Thomas),
    or before `administration` or `government` where the entry headed one
    (`the Kennedy administration` is the president, not his brothers).
    """
    records = [r for r in candidate.records if date is None or _could_exist(r, date)]
    by_record = {r.entry_id: r for r in records}
    evidence: dict[str, _Evidence] = {}
    context: str | None = None
    # one sense per text: a name only cue words can link keeps the sense they gave it earlier
    sense = None
    if memory is not None and not any(not r.when and not r.blocks for r in records):
        sense = memory.sense(text[candidate.start:candidate.end])
    for record in records:
        if record.blocks:
            continue
        item = evidence.setdefault(record.entry_id, _Evidence(record.entry_id))
        if not record.when:
            item.eligible = True
            continue
        context = _context(text, candidate, memory) if context is None else context
        hits = _hits(record, context)
        if hits and not any(r.startswith("near ") for r in item.reasons):
            item.add(CUE + CUE_HIT * min(len(hits), MAX_CUE_HITS),
                     "near " + ", ".join(f"“{h}”" for h in hits[:MAX_CUE_HITS]))
            item.eligible, item.how = True, "cue"
        elif (not item.eligible and memory is not None and len(record.tokens) > 1
              and record.tokens[0][0].isupper() and record.tokens[-1][0].isupper()
              and len(record.related & memory.named) >= RELATED_TO_QUALIFY):
            # a proper name of several words in a text about this entry's world: `Declaration of
            # Independence` after Jefferson and the Constitution, though no cue word is near; never
            # a common phrase (`the war`) or a single word (`Senate`), which name too many things
            item.eligible, item.how = True, "cue"
        elif not item.eligible and record.entry_id == sense:
            item.add(CUE, "its cue words linked it earlier in the text")
            item.eligible, item.how = True, "cue"
    if not evidence:
        return None
    if title:
        words = title_words(title)
        for item in evidence.values():
            if any(_holds(office, words, date) for office in by_record[item.entry_id].offices):
                item.add(TITLE, f"“{title}”" + (" at the article's date" if date else ""))
                if not item.eligible:
                    item.eligible, item.how = True, "cue"
    if _GOVERNMENT_AFTER.match(text, candidate.end):
        for item in evidence.values():
            if any(_holds(office, head, None) for office in by_record[item.entry_id].offices for head in _HEADS):
                item.add(TITLE, "“administration” after the name of a head of government")
                if not item.eligible:
                    item.eligible, item.how = True, "cue"
    plain = [e.entry_id for e in evidence.values() if e.eligible and e.how == "plain"]
    for item in evidence.values():
        if item.eligible and item.how == "plain":
            item.add(PLAIN)
    if memory is not None:
        remembered = memory.recall(text[candidate.start:candidate.end], list(evidence))
        if remembered is not None:
            item = evidence[remembered]
            item.add(MEMORY, "named in full earlier in the text")
            item.eligible, item.how = True, "memory"
    contenders = [e for e in evidence.values() if e.eligible]
    if not contenders and date:
        # `Kallas` in a 2025 article, with no cue near: of the people the surname could name, the one
        # in public life at the article's date, when only one was
        active = [e for e in evidence.values() if _in_public_life(by_record[e.entry_id], date)]
        people = [e for e in evidence.values() if by_record[e.entry_id].kind == "person"]
        if len(people) > 1 and len(people) == len(evidence) and len(active) == 1:
            active[0].add(IN_OFFICE, "the only one in public life at the article's date")
            active[0].eligible, active[0].how = True, "cue"
            contenders = active
    if not contenders and memory is not None and not plain and sense is None and len(evidence) == len(records):
        ahead = _sense_ahead(text, candidate, records, memory)
        if ahead is not None:
            item = evidence[ahead]
            item.add(CUE, "its cue words link it later in the text")
            item.eligible, item.how = True, "cue"
            contenders = [item]
    if not contenders:
        return None
    if len(contenders) > 1:
        context = _context(text, candidate, memory) if context is None else context
        _weigh(context, contenders, by_record, memory, date)
    contenders.sort(key=lambda e: -e.points)
    best = contenders[0]
    second = contenders[1] if len(contenders) > 1 else None
    score = 1.0
    if second is not None:
        total = max(best.points, 0.0) + max(second.points, 0.0)
        score = round(max(best.points, 0.0) / total, 2) if total else 0.5
    alternative = second.entry_id if second is not None and score < CLOSE_CALL else None
    fallback = next((p for p in plain if p != best.entry_id), None)
    return Resolution(best.entry_id, best.how, fallback if best.how != "plain" else None, score,
                      tuple(best.reasons), alternative)


def _sense_ahead(text: str, candidate: Candidate, records: list[AliasRecord],
                 memory: DocumentMemory) -> str | None:
    """The one entry that cue words link the same name to at a later mention, within `LOOK_AHEAD`
    characters; None when none or several do.

    Each later mention is looked at once in the whole text: what was found, and how far the mentions
    have been looked at, is kept for the next mention of the name. A text that repeats a name with
    no cue word a million times costs a million looks, not five million.
    """
    name = text[candidate.start:candidate.end]
    found, looked = memory.ahead.get(name, (None, candidate.end))
    if found is not None and candidate.start < looked:
        return found
    at, limit = max(looked, candidate.end), min(len(text), candidate.end + LOOK_AHEAD)
    for _ in range(LOOK_AHEAD_MENTIONS):
        at = text.find(name, at, limit)
        if at < 0:
            at = limit
            break
        end = at + len(name)
        if _whole_word(text, at, end):
            context = memory.cue_texts[at, end] = _cue_text(text, at, end)
            cued = {r.entry_id for r in records if r.when and _hits(r, context)}
            if cued:
                found = cued.pop() if len(cued) == 1 else None
                memory.ahead[name] = (found, end)
                return found
        at = end
    memory.ahead[name] = (None, at)
    return None


def _whole_word(text: str, start: int, end: int) -> bool:
    return not ((start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()))


def _weigh(context: str, contenders: list[_Evidence], by_record: dict[str, AliasRecord],
           memory: DocumentMemory | None, date: str | None) -> None:
    """Evidence that tips the balance between entries that all fit the span (`context`: the words around it)."""
    years = {int(y) for y in _YEAR.findall(context)}
    for item in contenders:
        record = by_record[item.entry_id]
        if memory is not None and record.related:
            named = sorted(record.related & memory.named)[:MAX_RELATED]
            if named:
                item.add(RELATED * len(named), "the text also names " + ", ".join(named))
        near = sorted(y for y in years if _within(y, record))
        if near:
            item.add(YEAR_NEAR, f"{near[0]} falls within its dates")
        if date and record.active:
            if begins_after(record.active[0], date):
                item.add(NOT_YET, "not yet in public life at the article's date")
            elif _in_public_life(record, date):
                item.add(IN_OFFICE, "in office at the article's date")


def _could_exist(record: AliasRecord, date: str) -> bool:
    """True when a text of `date` can name the entry: it had begun, or it is a place, or a foreseen event or body.

    A place is older than its present state (a 1945 text's `Russia` is still
    Russia); a treaty is named for years while it is negotiated (`START` in
    1988, signed in 1991), and a body in the year or so it is proposed (the
    `Security Council` in January 1945), so those stay candidates that long.
    """
    if record.kind == "place" or not begins_after(record.start, date):
        return True
    return year_of(record.start) - year_of(date) <= FORESEEN_YEARS.get(record.kind, -1)


def _in_public_life(record: AliasRecord, date: str) -> bool:
    """True when the entry's offices span the article's date (from the first role's start to the last one's end)."""
    if record.active is None:
        return False
    first, last = record.active
    return not begins_after(first, date) and (last is None or not begins_after(date, last))
