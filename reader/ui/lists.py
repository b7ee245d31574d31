"""The rows of the index and the timeline, from what the article mentions and what the store says.

Plain functions over the app's counts and the store's references, so the
order and the wording are tested without a screen.
"""

from __future__ import annotations

from collections import Counter

from reader.knowledge.card import PERIOD, first_sentence
from reader.knowledge.model import TYPES, EntryRef
from reader.linking.periods import describe
from reader.ui.chooser import Choice

GROUPS = {"person": "People", "organization": "Organizations", "place": "Places", "event": "Events",
          "work": "Works", "concept": "Concepts", "period": "Periods"}


def _times(count: int) -> str:
    return f"{count}×"


def index_choices(counts: Counter[str], refs: dict[str, EntryRef], first_seen: dict[str, int],
                  summaries: dict[str, str]) -> list[Choice]:
    """One row per entry the article mentions: grouped by type, by count or by first appearance."""
    choices = []
    for entry_id, count in counts.items():
        ref = refs.get(entry_id)
        if ref is None:
            continue
        rank = TYPES.index(ref.type) if ref.type in TYPES else len(TYPES)
        choices.append(Choice(
            id=entry_id, group=GROUPS.get(ref.type, ref.type.title()), label=ref.name,
            detail=f"{_times(count)}  {first_sentence(summaries.get(entry_id, ''), 100)}",
            keys=(("count", (rank, -count, ref.name)),
                  ("first appearance", (rank, first_seen.get(entry_id, 0))))))
    return choices


def _year(value: str | None) -> str:
    return (value or "")[:4]


def _span(ref: EntryRef) -> str:
    """The years of an entry as the timeline's first column: `1939–1945`, `1943–`, `1945`."""
    start, end = _year(ref.start), _year(ref.end)
    if ref.type == "person" or (end and end != start):
        return f"{start}–{end}"
    return start


def timeline_choices(counts: Counter[str], refs: dict[str, EntryRef], period_counts: Counter[str],
                     first_seen: dict[str, int], summaries: dict[str, str]) -> list[Choice]:
    """Every dated entry the article mentions and every year it names, oldest first."""
    choices = []
    for entry_id, count in counts.items():
        ref = refs.get(entry_id)
        if ref is None or not ref.start:
            continue
        choices.append(Choice(
            id=entry_id, group="", label=ref.name, lead=_span(ref),
            detail=f"{_times(count)}  {first_sentence(summaries.get(entry_id, ''), 90)}",
            keys=(("date", (ref.start, 1, first_seen.get(entry_id, 0))),)))
    for period_id, count in period_counts.items():
        described = describe(period_id)
        if described is None:
            continue
        label, first, _ = described
        label = f"The year {label}" if label.isdigit() else label[:1].upper() + label[1:]
        choices.append(Choice(
            id=PERIOD + period_id, group="", label=label, lead=_year(first),
            detail=f"{_times(count)}  named in the article: what the context dates within it",
            keys=(("date", (first, 0, first_seen.get(PERIOD + period_id, 0))),)))
    return choices


