"""Partial dates: parsed strictly, shown the way a reader writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.knowledge import dates


@pytest.mark.parametrize(("value", "expected"), [
    (1945, "1945"), ("1945-02", "1945-02"), (dt.date(1945, 2, 4), "1945-02-04"), (" 1989 ", "1989"),
])
def test_yaml_values_become_canonical_strings(value, expected: str) -> None:
    assert dates.normalise(value) == expected


@pytest.mark.parametrize("value", ["1945-13", "1945-02-30", "Feb 1945", "45-2-4", True, 3.5])
def test_impossible_dates_are_refused(value) -> None:
    with pytest.raises(ValueError):
        dates.normalise(value)


@pytest.mark.parametrize(("start", "end", "kind", "expected"), [
    ("1945-02-04", "1945-02-11", "event", "4–11 February 1945"),
    ("1938-09-29", "1938-10-01", "event", "29 September – 1 October 1938"),
    ("1939-09-01", "1945-09-02", "event", "1 September 1939 – 2 September 1945"),
    ("1939", "1945", "event", "1939 – 1945"),
    ("1952-10-07", None, "person", "born 7 October 1952"),
    ("1949-04-04", None, "organization", "since 4 April 1949"),
    ("1949", None, "work", "published 1949"),
    ("2012-05-07", None, "role", "since 7 May 2012"),
    (None, None, "event", ""),
])
def test_spans_read_naturally(start, end, kind: str, expected: str) -> None:
    assert dates.span(start, end, kind) == expected


def test_comparison_uses_the_shared_precision() -> None:
    assert dates.before("1944", "1945-01-01")
    assert not dates.before("1945", "1945-06")
    assert dates.overlaps(("2000", "2008"), ("2004", None))
    assert not dates.overlaps(("2000-01-01", "2004-01-01"), ("2004-01-01", None))
