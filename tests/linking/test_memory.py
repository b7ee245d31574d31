"""The document remembers: a short or shared name goes to the entry the text introduced by its full name."""

from __future__ import annotations

import pytest

from reader.linking.aliases import MemoryAliases
from reader.linking.index import records_for
from reader.linking.mentions import annotate

NAMES = [
    ("George H. W. Bush", "george-h-w-bush", ()), ("George W. Bush", "george-w-bush", ()),
    ("Bush", "george-w-bush", ("Iraq", "2003")), ("Bush", "george-h-w-bush", ("Gorbachev", "1990")),
    ("Lech Wałęsa", "lech-walesa", ()), ("Jarosław Wałęsa", "jaroslaw-walesa", ()),
    ("Wałęsa", "lech-walesa", ("Solidarity", "Gdańsk")), ("Wałęsa", "jaroslaw-walesa", ("European Parliament",)),
    ("Jarosław Kaczyński", "jaroslaw-kaczynski", ()), ("Lech Kaczyński", "lech-kaczynski", ()),
    ("Kaczyński", "lech-kaczynski", ("Smolensk", "2010")), ("Kaczyński", "jaroslaw-kaczynski", ("Law and Justice",)),
    ("U.S. Congress", "us-congress", ()), ("Congress", "us-congress", ("Senate", "House")),
    ("Munich", "munich", ()), ("Munich Agreement", "munich-agreement", ()),
]
#: As the corpus writes them: the bare surnames are cued, and claimed by both Bushes, Wałęsas and Kaczyńskis.
ALIASES = MemoryAliases([r for name, entry_id, when in NAMES for r in records_for(name, entry_id, when)])


def linked(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry_id) for m in annotate(text, ALIASES, dates=False)]


@pytest.mark.parametrize(("text", "expected"), [
    # a short name whose cue words are absent links to the entry its full name introduced
    ("George H. W. Bush took office. Later the Bush administration acted.",
     [("George H. W. Bush", "george-h-w-bush"), ("Bush", "george-h-w-bush")]),
    ("The U.S. Congress met. Congress then voted.", [("U.S. Congress", "us-congress"), ("Congress", "us-congress")]),
    # a surname shared by several entries goes to the nearest preceding full mention
    ("Lech Wałęsa and his son Jarosław Wałęsa spoke; Wałęsa, the younger, stood for Solidarity's heirs.",
     [("Lech Wałęsa", "lech-walesa"), ("Jarosław Wałęsa", "jaroslaw-walesa"), ("Wałęsa", "jaroslaw-walesa")]),
    ("Jarosław Kaczyński leads the party. In 2010 Kaczyński said so.",
     [("Jarosław Kaczyński", "jaroslaw-kaczynski"), ("Kaczyński", "jaroslaw-kaczynski")]),
    ("Lech Kaczyński was president. Kaczyński died in 2010.",
     [("Lech Kaczyński", "lech-kaczynski"), ("Kaczyński", "lech-kaczynski")]),
    # with no full mention before it, the cue words decide, or nothing is linked
    ("Kaczyński of Law and Justice spoke.", [("Kaczyński", "jaroslaw-kaczynski")]),
    ("Bush spoke.", []),
    # before any full mention the cue words decide; after two, the nearest one does
    ("In Iraq in 2003 Bush sent troops.", [("Bush", "george-w-bush")]),
    ("George W. Bush met George H. W. Bush in 1990. Bush then spoke of Iraq.",
     [("George W. Bush", "george-w-bush"), ("George H. W. Bush", "george-h-w-bush"), ("Bush", "george-h-w-bush")]),
    # a one-word mention introduces nothing: the city stays the city
    ("Munich is in Bavaria. Munich has beer.", [("Munich", "munich"), ("Munich", "munich")]),
])
def test_the_document_remembers(text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Munich spoke.", [("Mr. Munich", "munich")]),
    ("then President Munich's plan", [("President Munich", "munich")]),
    ("as Prime Minister Munich said", [("Prime Minister Munich", "munich")]),
    ("Sen.\u00a0Munich and Dr Munich", [("Sen.\u00a0Munich", "munich"), ("Dr Munich", "munich")]),
    # not a title: inside a word, or after a line break, or already part of another mention
    ("TheMr. Munich", [("Munich", "munich")]),
    ("Mr.\nMunich", [("Munich", "munich")]),
    ("the U.S. Congress Munich", [("U.S. Congress", "us-congress"), ("Munich", "munich")]),
])
def test_titles_and_honorifics_go_with_the_name(text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(text) == expected
