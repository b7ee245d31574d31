"""The context card: what a reader is told about one entry, built once for every front end.

The pane, `lookup` and (later) the HTML export all render this; none of them
assembles a card from an Entry itself, so they cannot drift apart. It holds
text and references only, no styling: each front end colours it its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from reader.knowledge import dates
from reader.knowledge.as_of import as_of
from reader.knowledge.model import Entry, EntryRef, Holder


@dataclass(frozen=True)
class CardRole:
    title: str
    #: The dates of the role as a reader reads them: `since 5 July 2024`, `1990 – 1995`.
    when: str


@dataclass(frozen=True)
class CardHolder:
    """One term of an office, for an office's card."""

    holder: EntryRef
    #: `1 February 2025 – 3 May 2026`, `since 20 January 2025`.
    when: str


@dataclass(frozen=True)
class CardSource:
    title: str
    #: The link as written.
    url: str
    #: The URL decoded for reading (`Lech_Wałęsa`, not `Lech_Wa%C5%82…`).
    shown: str


@dataclass(frozen=True)
class Card:
    """One entry as a reader is told about it: format-neutral, ready to render."""

    id: str
    name: str
    type: str
    #: The entry's own span: `4–11 February 1945`, `born 7 October 1952`; "" when undated.
    dates: str
    summary: str
    #: Other names a reader may meet, without the cue-gated words that only point here in context.
    other_names: tuple[str, ...]
    roles: tuple[CardRole, ...]
    related: tuple[EntryRef, ...]
    sources: tuple[CardSource, ...]
    #: Times the open article mentions the entry; None outside an article (`lookup`).
    mentions: int | None = None
    #: What the mention could also name, when linking found it a close call.
    alternative: EntryRef | None = None
    #: For an office, every term its holders' entries give, oldest first: derived, never typed twice.
    holders: tuple[CardHolder, ...] = ()
    #: `Facts checked 2 December 2026`; "" where the entry does not say.
    reviewed: str = ""
    #: What was true on the article's date and what changed since (`On 19 February 2025: …`).
    as_of: tuple[str, ...] = ()

    @property
    def mentions_line(self) -> str:
        if self.mentions is None:
            return ""
        if not self.mentions:
            return "Not mentioned in this article"
        return f"Mentioned {self.mentions} time{'' if self.mentions == 1 else 's'} in this article"


def other_names(entry: Entry) -> tuple[str, ...]:
    """The aliases worth showing a reader: names, not the cue-gated words and years
    (`1938`, `appease`, `the war`) that only point here in context; one per spelling."""
    seen = {entry.name.casefold()}
    names = []
    for alias in entry.aliases:
        shown = alias.text
        if alias.when and (shown[:1].islower() or shown.isdigit()):
            continue
        if shown.casefold() not in seen:
            seen.add(shown.casefold())
            names.append(shown)
    return tuple(names)


_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|vs|no))(?<!\bMrs)[.!?](?=\s+[A-Z0-9\"“(])")


def first_sentence(summary: str, limit: int = 160) -> str:
    """A summary's first sentence, for one-line lists (the index, the timeline); cut at a word if long."""
    text = " ".join(summary.split())
    end = _SENTENCE_END.search(text)
    sentence = text[:end.start() + 1] if end else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit - 1)
    return sentence[:cut if cut > 0 else limit - 1].rstrip(",;:") + "…"


#: Card ids of periods carry this prefix, which no entry id can (ids are slugs).
PERIOD = "date:"


def period_card(period_id: str, label: str, dated: list[EntryRef], mentioned: set[str], mentions: int) -> Card:
    """The card for a year or period: the entries dated within it, those the article mentions first."""
    ordered = sorted(dated, key=lambda ref: ref.id not in mentioned)
    if ordered:
        summary = (f"{len(ordered)}{'+' if len(ordered) >= 60 else ''} entries in the context are dated within "
                   f"{label}: events first, and those this article mentions before the rest. Open one with enter.")
    else:
        summary = f"No entry in the context is dated within {label} yet."
    return Card(id=PERIOD + period_id, name=label[:1].upper() + label[1:], type="date", dates="", summary=summary,
                other_names=(), roles=(), related=tuple(ordered), sources=(), mentions=mentions)


#: Card ids of names no entry explains carry this prefix.
UNKNOWN = "unknown:"


def unknown_card(name: str, mentions: int, command: str) -> Card:
    """The card for a name the context has no entry for: says so, without guessing, and how to add one."""
    summary = (f"The context has no entry for {name} yet, so the reader does not guess who or what it is. "
               f"A maintainer can add one with: {command}")
    return Card(id=UNKNOWN + name, name=name, type="unknown", dates="", summary=summary,
                other_names=(), roles=(), related=(), sources=(), mentions=mentions)


def card(entry: Entry, related: list[EntryRef] | tuple[EntryRef, ...], mentions: int | None = None,
         alternative: EntryRef | None = None, holders: list[Holder] | tuple[Holder, ...] = (),
         day: str | None = None) -> Card:
    """The card for `entry`, with its related entries and an office's holders as the store found them,
    the close call's runner-up, and what was true on the article's date `day`."""
    return Card(
        id=entry.id, name=entry.name, type=entry.type,
        dates=dates.span(entry.start, entry.end, entry.type),
        summary=entry.summary,
        other_names=other_names(entry),
        roles=tuple(CardRole(r.title, dates.span(r.start, r.end, "role")) for r in entry.roles),
        related=tuple(related),
        sources=tuple(CardSource(s.title, s.url, unquote(s.url)) for s in entry.sources),
        mentions=mentions,
        alternative=alternative,
        holders=tuple(CardHolder(h.holder, dates.span(h.start, h.end, "role")) for h in holders),
        reviewed=f"Facts checked {dates.display(entry.reviewed)}" if entry.reviewed else "",
        as_of=as_of(entry, day) if day else (),
    )
