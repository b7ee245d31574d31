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

from reader.linking.dates import begins_after
from reader.linking.index import AliasRecord
from reader.linking.match import Candidate
from reader.linking.memory import DocumentMemory
from reader.linking.normalize import TOKEN, fold

#: How far either side of a mention cue words are looked for, in characters.
CUE_WINDOW = 250
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")


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
        breaks = list(_PARAGRAPH.finditer(before))
        if breaks:
            before = before[breaks[-1].end():]
        brk = _PARAGRAPH.search(after)
        if brk:
            after = after[:brk.start()]
    words = TOKEN.findall(f"{before} \x00 {after}")
    return " " + " ".join(fold(w).casefold() for w in words) + " "


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry a span names, how that was decided, and the plain meaning the span would otherwise have."""

    entry_id: str
    #: "memory" (the text introduced it), "cue" (words near it) or "plain" (its only meaning).
    how: str
    #: The entry of the span's plain alias, when cue words or memory chose another.
    plain: str | None = None


def _hits(record: AliasRecord, context: str) -> int:
    return sum(1 for cue in record.when if f" {cue} " in context)


def blocks(candidate: Candidate) -> bool:
    """True for a phrase declared to mean something else, and nothing more."""
    return all(r.blocks for r in candidate.records)


def resolve(text: str, candidate: Candidate, memory: DocumentMemory | None = None,
            date: str | None = None) -> Resolution | None:
    """The entry `candidate` names and how that was decided, or None when no alias of it applies here.

    With the article's `date`, entries that began after it are not candidates.
    """
    records = [r for r in candidate.records if not (date and begins_after(r.start, date))]
    plain = [r.entry_id for r in records if not r.when and not r.blocks]
    cued = [r for r in records if r.when]
    hits: dict[str, int] = {}
    if cued:
        context = _cue_text(text, candidate.start, candidate.end)
        for record in cued:
            hits[record.entry_id] = max(hits.get(record.entry_id, 0), _hits(record, context))
    if memory is not None:
        contenders = list(dict.fromkeys(plain + [r.entry_id for r in cued]))
        remembered = memory.recall(text[candidate.start:candidate.end], contenders)
        if remembered is not None:
            return Resolution(remembered, "memory", plain[0] if plain else None)
    best = max(hits.values(), default=0)
    if best > 0:
        chosen = next(entry_id for entry_id, count in hits.items() if count == best)
        return Resolution(chosen, "cue", next((p for p in plain if p != chosen), None))
    return Resolution(plain[0], "plain") if plain else None
