"""Offices and their holders must agree: the checks Wikidata runs on a position's history.

A role names its office's entry (`office: us-secretary-of-state`); the office's
card lists its holders from those roles, so the series is written once, in
the holders' own entries. Because it is written once, it can be checked as a
whole: an office held by one person at a time cannot have two holders on the
same day, and where the office's entry promises every holder since a date
(`holders_since`), a long stretch after it with no holder means a term is
missing or its dates are wrong, unless the office says it stood empty then
(`vacant`). Dates known only to the month or year count in the holder's
favour: `2006-12` overlaps nothing that starts on `2006-12-18`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from reader.knowledge import dates
from reader.knowledge.model import Entry, Role
from reader.knowledge.problems import Problem
from reader.knowledge.yaml_tree import Tree

#: A stretch with no holder longer than this is reported: acting holders fill shorter ones.
MAX_GAP_DAYS = 120


@dataclass(frozen=True)
class Term:
    """One holder's term of one office, with where it is written."""

    entry: Entry
    index: int
    role: Role


def _earliest(value: str) -> dt.date | None:
    parts = dates.parse(value)
    if parts[0] < 1:
        return None
    return dt.date(parts[0], *(parts[1:] + (1, 1)[len(parts) - 1:]))


def _latest(value: str) -> dt.date | None:
    parts = dates.parse(value)
    if parts[0] < 1:
        return None
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def terms_by_office(entries: Iterable[Entry]) -> dict[str, list[Term]]:
    """Every dated role that names an office, by office id, in order of start."""
    found: dict[str, list[Term]] = defaultdict(list)
    for entry in entries:
        for i, role in enumerate(entry.roles):
            if role.office and role.start:
                found[role.office].append(Term(entry, i, role))
    for terms in found.values():
        terms.sort(key=lambda t: (_earliest(t.role.start or "") or dt.date.min, t.entry.id))
    return found


def holder_problems(entries: list[Entry], lines: dict[str, Tree], today: str | None = None) -> list[Problem]:
    """Roles naming an office that does not exist, holders whose terms overlap, and gaps in a series."""
    ids = {e.id: e for e in entries}
    problems = []
    for entry in entries:
        for i, role in enumerate(entry.roles):
            if role.office and role.office not in ids:
                problems.append(Problem(entry.path, lines[entry.id].line("roles", i),
                                        f"role {role.title!r} names office {role.office!r}, which does not exist",
                                        "fix the id or write the office's entry (reader context new)"))
    today = today or dt.date.today().isoformat()
    for office, terms in terms_by_office(entries).items():
        if office not in ids:
            continue
        for a, b in zip(terms, terms[1:], strict=False):
            problems.extend(_between(a, b, ids[office], lines, today))
    return problems


def _between(a: Term, b: Term, office: Entry, lines: dict[str, Tree], today: str) -> list[Problem]:
    """What is wrong between one term and the next: they overlap, or a long time passes between them."""
    a_end = a.role.end or today
    b_start = b.role.start or ""
    where = lines[b.entry.id].line("roles", b.index)
    end_early, start_late = _earliest(a_end), _latest(b_start)
    if a.entry.id != b.entry.id and end_early and start_late and start_late < end_early:
        held = f"until {a.role.end}" if a.role.end else "with no end"
        return [Problem(b.entry.path, where,
                        f"{b.entry.name} takes office as {office.name} on {b_start}, but {a.entry.name} "
                        f"({a.entry.path}) holds it {held}",
                        "one person holds this office at a time: correct one of the two terms")]
    if office.holders_since is None or dates.before(a_end, office.holders_since):
        return []
    if any(not dates.before(a_end, v_start) and not dates.before(v_end, b_start) for v_start, v_end in office.vacant):
        return []
    end_late, start_early = _latest(a_end), _earliest(b_start)
    if end_late and start_early and (start_early - end_late).days > MAX_GAP_DAYS:
        return [Problem(b.entry.path, where,
                        f"{office.name} has no holder from {a_end} ({a.entry.name}) to {b_start} ({b.entry.name})",
                        f"a term is missing or its dates are wrong: add the holder with office: {office.id}, "
                        f"or the vacancy to {office.path}", "warning")]
    return []
