"""Offices and their holders, review dates, and what has gone stale: what a maintainer keeps current."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.knowledge import corpus
from reader.knowledge.build import build
from reader.knowledge.card import card
from reader.knowledge.store import Store

OFFICE = """\
name: Chancellor of Ruritania
type: organization
summary: >-
  The head of government of Ruritania, chosen by its parliament for a term
  of four years. The office was created with the constitution of 1990, which
  the kingdom adopted after a referendum.
wikipedia: Chancellor of Ruritania
start: "1990-01-01"
sources:
  - title: Chancellor of Ruritania (Wikipedia)
    url: https://en.wikipedia.org/wiki/Chancellor_of_Ruritania
reviewed: "2026-11-25"
"""


def holder(name: str, start: str, end: str | None, reviewed: str = "2026-11-25", extra: str = "") -> str:
    ends = f'\n    end: "{end}"' if end else ""
    return f"""\
name: {name}
type: person
summary: >-
  Ruritanian politician who was chancellor of the kingdom. Before that the
  politician led the governing party for some years and wrote books on the
  history of its parliament.
wikipedia: {name}
start: "1950"
roles:
  - title: Chancellor of Ruritania
    office: chancellor-of-ruritania
    start: "{start}"{ends}
sources:
  - title: {name} (Wikipedia)
    url: https://en.wikipedia.org/wiki/X
reviewed: "{reviewed}"
{extra}"""


def problems(context_dir: Path) -> list[str]:
    return [str(p) for p in corpus.load(context_dir).problems]


@pytest.fixture
def office(write_entry) -> None:
    write_entry("organization", "chancellor-of-ruritania", OFFICE)
    write_entry("person", "anna-alt", holder("Anna Alt", "1990-01-01", "1998-05-10"))
    write_entry("person", "bruno-berg", holder("Bruno Berg", "1998-05-10", "2004-03"))


def test_an_offices_card_lists_its_holders_from_their_own_entries(office, context_dir: Path, tmp_path: Path) -> None:
    assert problems(context_dir) == []
    build(context_dir, tmp_path / "context.db")
    store = Store(tmp_path / "context.db")
    shown = card(store.entry("chancellor-of-ruritania"), [], holders=store.holders("chancellor-of-ruritania"))
    assert [(h.holder.name, h.when) for h in shown.holders] == [
        ("Anna Alt", "1 January 1990 – 10 May 1998"), ("Bruno Berg", "10 May 1998 – March 2004")]
    assert shown.reviewed == "Facts checked 25 November 2026"


def test_two_holders_of_one_office_at_once_are_an_error(office, write_entry, context_dir: Path) -> None:
    # Bruno's card still holds the office, so Clara cannot have taken it
    write_entry("person", "bruno-berg", holder("Bruno Berg", "1998-05-10", None))
    write_entry("person", "clara-cole", holder("Clara Cole", "2004-03-01", None))
    [found] = problems(context_dir)
    assert found.startswith("context/person/clara-cole.yaml:10: Clara Cole takes office as Chancellor of Ruritania "
                            "on 2004-03-01, but Bruno Berg (context/person/bruno-berg.yaml) holds it with no end")


def test_a_handover_day_and_a_month_only_date_are_not_overlaps(office, write_entry, context_dir: Path) -> None:
    write_entry("person", "clara-cole", holder("Clara Cole", "2004-03-15", None))
    assert problems(context_dir) == []


def test_a_gap_is_reported_only_where_the_office_promises_every_holder(office, write_entry, context_dir: Path) -> None:
    write_entry("person", "clara-cole", holder("Clara Cole", "2009-01-01", None))
    assert problems(context_dir) == []  # no promise, no gap
    write_entry("organization", "chancellor-of-ruritania", OFFICE + 'holders_since: "1990-01-01"\n')
    [found] = problems(context_dir)
    assert "warning: Chancellor of Ruritania has no holder from 2004-03 (Bruno Berg) to 2009-01-01 (Clara Cole)" \
        in found
    write_entry("organization", "chancellor-of-ruritania", OFFICE + 'holders_since: "1990-01-01"\n'
                'vacant:\n  - {start: "2004-03", end: "2009-01-01"}\n')
    assert problems(context_dir) == []


def test_a_role_naming_an_office_that_does_not_exist_is_an_error(write_entry, context_dir: Path) -> None:
    write_entry("person", "anna-alt", holder("Anna Alt", "1990-01-01", "1998-05-10"))
    assert any("names office 'chancellor-of-ruritania', which does not exist" in p for p in problems(context_dir))


@pytest.mark.parametrize(("reviewed", "expected"), [
    (None, "anna-alt.yaml:1: missing reviewed"),
    ('"2026-11"', "anna-alt.yaml:16: reviewed is '2026-11', not a day"),
    ('"2999-01-01"', "anna-alt.yaml:16: reviewed (2999-01-01) is after today"),
])
def test_every_entry_says_the_day_its_facts_were_checked(write_entry, context_dir: Path, reviewed, expected) -> None:
    text = holder("Anna Alt", "1990-01-01", "1998-05-10").replace("office: chancellor-of-ruritania\n    ", "")
    lines = [line for line in text.splitlines() if reviewed or not line.startswith("reviewed")]
    text = "\n".join(line if not line.startswith("reviewed") else f"reviewed: {reviewed}" for line in lines) + "\n"
    write_entry("person", "anna-alt", text)
    assert any(expected in p for p in problems(context_dir)), problems(context_dir)


def test_context_stale_lists_what_describes_the_present_and_was_checked_too_long_ago(
        office, write_entry, context_dir: Path) -> None:
    write_entry("person", "clara-cole", holder("Clara Cole", "2004-03-15", None, reviewed="2025-01-10"))
    write_entry("person", "dora-dahl", holder("Dora Dahl", "2004-03-15", "2004-03-16", reviewed="2024-06-01"))
    write_entry("place", "ruritania", OFFICE.replace("Chancellor of Ruritania", "Ruritania").replace(
        "type: organization", "type: place").replace(
        "The head of government of Ruritania, chosen",
        "A kingdom whose parliament currently meets in Strelsau, chosen").replace('"2026-11-25"', '"2023-02-02"'))
    runner = CliRunner()
    result = runner.invoke(cli, ["context", "stale", "--before", "2026-01-01", "--context", str(context_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # oldest first; Dora's term has ended and Anna's and Bruno's were checked after the date
    assert [line.split()[1] for line in lines] == ["context/place/ruritania.yaml", "context/person/clara-cole.yaml"]
    assert "“currently”" in lines[0] and "holds Chancellor of Ruritania since 2004-03-15" in lines[1]
    assert "2 of " in result.stderr
