"""Years and periods are historical references, found where no entry's name already is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.linking.aliases import MemoryAliases
from reader.linking.mentions import annotate
from reader.linking.periods import describe, find_periods


@pytest.mark.parametrize(("text", "expected"), [
    ("Since 1945, Europe", [("1945", "1945")]),
    ("in 1938 and in the 1930s", [("1938", "1938"), ("1930s", "1930s")]),
    ("the 19th century and 19th-century art", [("19th century", "19th-century"), ("19th-century", "19th-century")]),
    ("the twentieth century", [("twentieth century", "20th-century")]),
    ("February 1945 and 4–11 February 1945", [("February 1945", "1945-02"), ("4–11 February 1945", "1945-02")]),
    ("on August 2, 1945 and 2 August 1945", [("August 2, 1945", "1945-08-02"), ("2 August 1945", "1945-08-02")]),
    ("dated 2025-02-19.", [("2025-02-19", "2025-02-19")]),
    ("Sept. 11th, 2001", [("Sept. 11th, 2001", "2001-09-11")]),
    # numbers that are not years
    ("$1945, 1,945 troops, 19:45, 1945.5, 1945s, route 1100, 4000 km, in 1000 years", []),
    ("may 2024 in lower case", [("2024", "2024")]),
])
def test_dates_as_texts_write_them(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[p.start:p.end], p.id) for p in find_periods(text)] == expected


@pytest.mark.parametrize(("period_id", "expected"), [
    ("1945", ("1945", "1945", "1945")), ("1945-02", ("February 1945", "1945-02", "1945-02")),
    ("1945-02-04", ("4 February 1945", "1945-02-04", "1945-02-04")), ("1930s", ("the 1930s", "1930", "1939")),
    ("19th-century", ("the 19th century", "1800", "1899")), ("21st-century", ("the 21st century", "2000", "2099")),
    ("nonsense", None),
])
def test_a_period_id_says_what_it_covers(period_id: str, expected) -> None:
    assert describe(period_id) == expected


ALIASES = MemoryAliases.from_names({"Zapad 2021": "zapad-2021", "2023 Vilnius summit": "v23", "NATO": "nato"})


def test_a_date_inside_an_entrys_name_stays_the_entry() -> None:
    text = "Zapad 2021 and the 2023 Vilnius summit; NATO in 1949."
    found = [(m.text, m.entry_id, m.kind) for m in annotate(text, ALIASES)]
    assert found == [("Zapad 2021", "zapad-2021", "entry"), ("2023 Vilnius summit", "v23", "entry"),
                     ("NATO", "nato", "entry"), ("1949", "1949", "date")]
    assert [m.kind for m in annotate(text, ALIASES, dates=False)] == ["entry"] * 3


def test_a_date_across_a_block_boundary_is_found_whole() -> None:
    from reader.linking.mentions import annotate_blocks

    text = "x " * 40 + "on 4–11 February 1945 they met at the 2023 Vilnius summit"
    for size in range(1, 120, 3):
        found = [m for b in annotate_blocks(text, ALIASES, block=size) for m in b.mentions]
        assert [(m.text, m.entry_id) for m in found] == [("4–11 February 1945", "1945-02"),
                                                         ("2023 Vilnius summit", "v23")], size


def _every_match(text: str) -> list[tuple[int, int, str]]:
    """The forms tried over the whole text, with the same leftmost-longest choice: what windows must equal."""
    from reader.linking.periods import _FORMS, select

    found = [(m.start(), -m.end(), kind, m) for kind, p in _FORMS for m in p.finditer(text)]
    return [(p.start, p.end, p.id) for p in select(found)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1945", "4", "–", "11", " ", "  \n ", "February", "Sept.", "30th", ",", "the",
                                 "1930s", "19th", "-", "century", "Century", "CENTURY", "twentieth", "x" * 120, "$",
                                 "2025-02-19", "in", "١٩٤٥", "٤"]),
                max_size=40).map(" ".join))
def test_looking_only_near_digits_finds_what_a_whole_scan_finds(text: str) -> None:
    assert [(p.start, p.end, p.id) for p in find_periods(text)] == _every_match(text)


@pytest.mark.parametrize(("text", "found"), [
    ("In 1991 the leaders met. On December 21 they signed.", [("1991", "1991"), ("December 21", "1991-12-21")]),
    ("In 1997, on April 29th, it entered into force.", [("1997", "1997"), ("April 29th", "1997-04-29")]),
    ("On 28 June 1914 and on the 14th of November.", [("28 June 1914", "1914-06-28"),
                                                      ("14th of November", "1914-11-14")]),
    ("December 21 they signed.", []),  # no year named before it: no date
    ("In 1991. " + "x " * 1200 + "On December 21 they met.", [("1991", "1991")]),  # too far back
    ("in the mid-1960s", [("mid-1960s", "1960s")]),
    ("collapsed in late-1989 and early-1990", [("late-1989", "1989"), ("early-1990", "1990")]),
    ("a pre-1989 map and ISO-1945", []),  # a hyphen glues other words to a number: not a date
    ("on ٤ February ١٩٤٥", []),  # dates are read in ASCII digits only, as the forms are anchored on them
])
def test_a_day_without_its_year_takes_the_year_named_just_before(text: str, found: list) -> None:
    assert [(text[p.start:p.end], p.id) for p in find_periods(text)] == found
