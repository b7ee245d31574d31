"""A card read beside a dated article says what was true then, and what changed since."""

from __future__ import annotations

from reader.knowledge.as_of import as_of
from reader.knowledge.model import Entry, Role


def person(*roles: Role, born: str = "1950-01-01", died: str | None = None) -> Entry:
    return Entry(id="x", name="X", type="person", summary="", start=born, end=died, roles=roles)


DNI = Role("Director of National Intelligence", "2025-02-12", None)
NSA = Role("National Security Advisor", "2025-01-20", "2025-05-01")
ENVOY = Role("Ambassador to the United Nations", "2025-09", None)


def test_the_office_held_on_the_day_with_its_start() -> None:
    assert as_of(person(DNI), "2025-02-19") == (
        "On 19 February 2025: Director of National Intelligence (since 12 February 2025)",)


def test_what_changed_since_is_said_after_it() -> None:
    lines = as_of(person(NSA, ENVOY), "2025-02-19")
    assert lines == ("On 19 February 2025: National Security Advisor (since 20 January 2025)",
                     "Since then: left office as National Security Advisor 1 May 2025; "
                     "Ambassador to the United Nations since September 2025.")


def test_a_year_is_in_not_on_and_a_role_known_to_the_year_counts() -> None:
    assert as_of(person(Role("President", "1990", "1995")), "1993") == (
        "In 1993: President (since 1990)", "Since then: left office as President 1995.")


def test_an_office_taken_after_the_article_is_said_to_be_later() -> None:
    assert as_of(person(DNI), "2024-01-01") == (
        "After this article (1 January 2024): Director of National Intelligence since 12 February 2025.",)


def test_nothing_is_said_when_the_date_changes_nothing() -> None:
    assert as_of(person(), "2025-02-19") == ()
    assert as_of(Entry(id="p", name="Poland", type="place", summary="", start="1918"), "2025") == ()


def test_a_later_event_and_a_later_death_are_marked() -> None:
    talks = Entry(id="t", name="Talks", type="event", summary="", start="2025-02-18")
    assert as_of(talks, "2024-06-01") == ("Later than this article (1 June 2024): it began 18 February 2025.",)
    assert as_of(person(died="2025-04-21"), "2025-02-19") == ("Died 21 April 2025, after this article.",)
