"""What was true on the article's date, and what has changed since: the card's "On 19 February 2025" lines.

A year-old article names people by the offices they held then. When the
article's date is known, a person's card says which of their roles were held
on that day and, where that has changed, what is true now; an entry that
began after the article (an event, an office's later holder) says it is later.
"""

from __future__ import annotations

from reader.knowledge import dates
from reader.knowledge.model import Entry, Role


def _held_on(role: Role, day: str) -> bool:
    """Whether the role certainly covers `day`, at the precision both give."""
    if role.start is None or dates.before(day, role.start):
        return False
    return role.end is None or not dates.before(role.end, day)


def as_of(entry: Entry, day: str) -> tuple[str, ...]:
    """The lines a card shows for an article dated `day`; none when the date changes nothing."""
    on = dates.display(day)
    at = f"On {on}" if len(dates.parse(day)) == 3 else f"In {on}"
    if entry.start and dates.before(day, entry.start) and entry.type != "person":
        return (f"Later than this article ({on}): it began {dates.display(entry.start)}.",)
    lines = []
    held = [role for role in entry.roles if _held_on(role, day)]
    later = [f"{role.title} {dates.span(role.start, role.end, 'role')}"
             for role in entry.roles if role.start and dates.before(day, role.start)]
    if held:
        lines.append(f"{at}: " + "; ".join(
            f"{role.title} ({dates.span(role.start, None, 'role')})" for role in held))
        changes = [f"left office as {role.title} {dates.display(role.end)}" for role in held if role.end is not None]
        if changes or later:
            lines.append("Since then: " + "; ".join(changes + later) + ".")
    elif later and entry.type == "person":
        lines.append(f"After this article ({on}): " + "; ".join(later) + ".")
    if entry.type == "person" and entry.end and dates.before(day, entry.end):
        lines.append(f"Died {dates.display(entry.end)}, after this article.")
    return tuple(lines)
