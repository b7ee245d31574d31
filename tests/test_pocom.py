"""Every role the corpus shares with the Office of the Historian's record has the record's dates.

`tests/reference/pocom.csv` is the public-domain pocom data for the positions
the corpus names (see `tests/reference/pocom.py`). A role matches a pocom term
when the title is the same and the holder's surname and first given name
are; its start must be the day pocom gives for appointment or entry on duty,
and its end the day pocom gives for departure, at the precision the YAML
writes. Each difference is reported as `file:line`, to be settled by a third
source and fixed on whichever side is wrong.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from reader.knowledge import corpus
from reader.knowledge.model import Entry, Role
from reader.linking.normalize import fold

REPO = Path(__file__).parent.parent
REFERENCE = REPO / "tests" / "reference" / "pocom.csv"


def _key(text: str) -> str:
    return fold(text).casefold().replace(".", "").strip()


def _terms() -> dict[tuple[str, str], list[dict[str, str]]]:
    """pocom's terms by (title, folded surname)."""
    with open(REFERENCE, encoding="utf-8") as source:
        lines = [line for line in source if not line.startswith("#")]
    found: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in csv.DictReader(lines):
        found[(row["title"], _key(row["surname"]))].append(row)
    return found


def _names(entry: Entry) -> list[list[str]]:
    return [_key(name).split() for name in (entry.name, *(a.text for a in entry.aliases)) if " " in name]


def _same_day(yaml: str | None, pocom: str) -> bool:
    return bool(yaml) and bool(pocom) and pocom.startswith(yaml)  # `1996-12` agrees with `1996-12-16`


def _match(entry: Entry, role: Role, terms: dict[tuple[str, str], list[dict[str, str]]]) -> dict[str, str] | None:
    """The pocom term this role is: same title, same surname and first name, the nearest start."""
    candidates = []
    for words in _names(entry):
        for row in terms.get((role.title, words[-1]), ()):
            forename = _key(row["forename"]).split()
            if forename and forename[0] == words[0] and row not in candidates:
                candidates.append(row)
    if not candidates or not role.start:
        return None
    return min(candidates, key=lambda r: abs(int((r["started"] or r["appointed"] or "0")[:4]) - int(role.start[:4])))


def differences() -> tuple[int, list[str]]:
    """How many roles were compared, and each difference as `file:line: …`.

    One pocom term may be written as consecutive roles where the state it was
    accredited to changed name during it (Strauss: ambassador to the Soviet
    Union, then to Russia, one term in pocom): the first of them must start
    on pocom's day and the last end on it; where they meet is the YAML's.
    """
    terms = _terms()
    titles = {title for title, _ in terms}
    loaded = corpus.load(REPO / "context")
    compared, found = 0, []
    for entry in loaded.entries:
        by_term: dict[str, list[tuple[int, Role, dict[str, str]]]] = defaultdict(list)
        for i, role in enumerate(entry.roles):
            if role.title in titles and (row := _match(entry, role, terms)) is not None:
                by_term[row["pocom_id"]].append((i, role, row))
        for matched in by_term.values():
            matched.sort(key=lambda m: m[1].start or "")
            compared += len(matched)
            (i, first, row), (j, last, _) = matched[0], matched[-1]
            line = loaded.lines[entry.id].line
            if not (_same_day(first.start, row["started"]) or _same_day(first.start, row["appointed"])):
                found.append(f"{entry.path}:{line('roles', i)}: {first.title} starts {first.start}; pocom "
                             f"{row['pocom_id']} has appointed {row['appointed'] or '?'}, entered on duty "
                             f"{row['started'] or '?'}")
            if row["ended"] and last.end and not _same_day(last.end, row["ended"]):
                found.append(f"{entry.path}:{line('roles', j)}: {last.title} ends {last.end}; pocom "
                             f"{row['pocom_id']} has {row['ended']}")
    return compared, found


def test_every_role_shared_with_the_office_of_the_historian_has_its_dates() -> None:
    compared, found = differences()
    assert compared >= 30, f"only {compared} roles matched pocom: has the reference or the matching broken?"
    assert not found, "\n".join(found)
