"""The article's date: where it comes from, and what it rules out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.linking.aliases import MemoryAliases
from reader.linking.dates import article_date, begins_after, parse_date
from reader.linking.index import AliasRecord, records_for
from reader.linking.mentions import annotate


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-02-19", "2025-02-19"), ("2025-02", "2025-02"), ("1905", "1905"), ("February 19, 2025", "2025-02-19"),
    ("19 February 2025", "2025-02-19"), ("Feb. 19, 2025", "2025-02-19"), ("Sept. 11th, 2001", "2001-09-11"),
    ("2025-13-01", None), ("2025-02-30", None), ("February 29, 2024", "2024-02-29"),
    ("yesterday", None), ("19 Smarch 2025", None), ("", None),
])
def test_dates_as_people_write_them(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("---\ntitle: Talks\ndate: '2025-02-19'\n---\nThe talks began.", "2025-02-19"),
    ("February 19, 2025\n\nThe talks began.", "2025-02-19"),
    ("WASHINGTON, Feb. 19, 2025 — The talks began in Riyadh.", "2025-02-19"),
    ("Remarks to the Press\n\nDate: 7 May 1990\n\nThank you.", "1990-05-07"),
    # a date inside the prose is history the article tells, not its own date
    ("The Long Shadow\n\nWhen Rubio met Lavrov on 18 February 2025, nobody from Kyiv was there.", None),
    ("Text with no date at all.", None),
    ("".join(f"Line {i} of the text.\n" for i in range(8)) + "February 19, 2025", None),
])
def test_the_article_gives_its_own_date_at_its_top(text: str, expected: str | None) -> None:
    assert article_date(text) == expected


@pytest.mark.parametrize(("start", "date", "after"), [
    ("2023-07-11", "2003", True), ("2003", "2003-05-01", False), ("2025-02", "2025-01-30", True),
    ("-44", "1905", False), (None, "1905", False), ("1905-06", "1905-06", False),
])
def test_an_entry_begins_after_a_date_only_when_certainly_so(start, date, after) -> None:
    assert begins_after(start, date) is after


def dated(alias: str, entry_id: str, start: str, when: tuple[str, ...] = ()) -> list[AliasRecord]:
    return [replace(r, start=start) for r in records_for(alias, entry_id, when)]


ALIASES = MemoryAliases([
    *dated("Kaja Kallas", "kaja", "1977-06-18"), *dated("Kallas", "kaja", "1977-06-18", ("Estonia",)),
    *dated("Siim Kallas", "siim", "1948-10-02"), *dated("Kallas", "siim", "1948-10-02", ("Estonia",)),
    *dated("Vilnius summit", "v23", "2023-07-11"),
])


def test_nothing_that_began_after_the_article_is_linked() -> None:
    text = "At the Vilnius summit Kallas of Estonia spoke."
    assert [m.entry_id for m in annotate(text, ALIASES, date="1960")] == ["siim"]
    assert [m.entry_id for m in annotate(text, ALIASES, date="2023-08")] == ["v23", "kaja"]
    assert [m.entry_id for m in annotate(text, ALIASES, date="1940")] == []
