"""The automaton finds what the token loop finds: the loop defines a match, the scanner only reads faster."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.linking.aliases import MemoryAliases
from reader.linking.match import Matcher, blocks
from reader.linking.mentions import annotate
from reader.linking.scan import REACH

ALIASES = MemoryAliases.from_names({
    "Prime Minister Keir Starmer": "keir-starmer",
    "Keir Starmer": "keir-starmer",
    "Starmer": "keir-starmer",
    "H. W. Bush": "george-h-w-bush",
    "U.S.": "united-states",
    "U.S.-Russia talks": "us-russia-talks",
    "Washington, D.C.": "washington-dc",
    "September 11": "september-11-attacks",
    "11 September": "september-11-attacks",
    "2nd Guards Army": "second-guards-army",
    "Wałęsa": "lech-walesa",
    "Franz Josef Strauß": "franz-josef-strauss",
    "Strauss": "franz-josef-strauss",
    "full-scale invasion": "full-scale-invasion",
    "People's Front": "peoples-front",
    "the Alliance": "nato",
    "Munich": ("munich-agreement", ["appease", "1938"]),
    "South America": None,
    "Arthur": "arthur",
})

WORDS = ["Prime", "Minister", "Keir", "Starmer", "H.", "W.", "H", "W", "Bush", "U.S.", "U", "S", ".", "-",
         "Russia", "talks", "Washington", "D.C.", ",", "September", "11", "11th", "11st", "2nd", "Guards", "Army",
         "Wałęsa", "Walesa", "WALESA", "Franz", "Josef", "Strauß", "Strauss", "full", "scale", "invasion", "People",
         "'s", "’s", "Front", "the", "The", "Alliance", "Munich", "South", "America", "æ", "e\u0301", "_", "Hx"]
GAPS = [" ", " ", " ", "", "  ", "\n", "\n\n", "\n\n\n", " \n\n ", "\x00", "\n   ", " \n \n ", "\t", "\u00a0",
        "\u2003", "-", "—"]
#: Names and pieces of names, so that whole names, nearly whole names and their neighbours come up often.
PHRASES = ["Prime Minister", "Keir Starmer", "H. W.", "H.W.", "H . W .", "U . S .", "U.S.-", "D.C.", "September 11",
           "11th September", "2nd Guards", "full-scale", "People's", "the Alliance", "South America"]
piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(PHRASES))
texts = st.lists(st.tuples(piece, st.sampled_from(GAPS)), max_size=20).map(
    lambda pairs: "".join(word + gap for word, gap in pairs))


def by_scanner(text: str, block: int = 1 << 16) -> list[tuple]:
    matcher = Matcher(ALIASES)
    return [(c.start, c.end, c.records) for lo, hi in blocks(text, block) for c in matcher.candidates(text, lo, hi)]


def by_loop(text: str, block: int = 1 << 16) -> list[tuple]:
    matcher = Matcher(ALIASES)
    return [(c.start, c.end, c.records) for lo, hi in blocks(text, block)
            for c in matcher.loop_candidates(text, lo, hi)]


def _same(a: list[tuple], b: list[tuple]) -> bool:
    return sorted(a, key=repr) == sorted(b, key=repr)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_the_scanner_finds_exactly_what_the_token_loop_finds(text: str) -> None:
    assert _same(by_scanner(text), by_loop(text))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts, st.integers(8, 60))
def test_block_by_block_too(text: str, size: int) -> None:
    assert _same(by_scanner(text, size), by_loop(text, size))


@pytest.mark.parametrize(("text", "expected"), [
    # whitespace of any kind and length inside a name, as wrapped and indented text has it
    ("said Prime  Minister\n    Keir Starmer today", ["Prime  Minister\n    Keir Starmer"]),
    # never across a paragraph
    ("the Prime Minister Keir\n\nStarmer", ["Starmer"]),
    # marks with or without a space before the next token
    ("H. W. Bush and H.W. Bush and H . W . Bush", ["H. W. Bush", "H.W. Bush", "H . W . Bush"]),
    ("the U.S.-Russia talks in Washington, D.C. began", ["U.S.-Russia talks", "Washington, D.C."]),
    # a number with or without its ordinal ending, first or later in the name
    ("on September 11th, on 11th September and the 2nd Guards Army",
     ["September 11th", "11th September", "2nd Guards Army"]),
    # not inside a longer word or number
    ("September 111 and USA-Starmers and Munichs", []),
    # letters with diacritics, curly apostrophes and a letter that folds to two (`ß`: the loop reads that block)
    ("Lech Walesa, People’s Front and Franz Josef Strauß", ["Walesa", "People’s Front", "Franz Josef Strauß"]),
    # the stretch read by the loop ends at the `ß`, not the word: `StraußPrime` is no `Strauß`
    ("Strauß and StraußPrime", ["Strauß"]),
])
def test_kinds_of_spelling(text: str, expected: list[str]) -> None:
    found = [text[m.start:m.end] for m in annotate(text, ALIASES, dates=False)]
    assert found == expected
    assert _same(by_scanner(text), by_loop(text))


def test_a_text_with_no_alias_at_all_is_read() -> None:
    assert by_scanner("nothing here names anything") == []
    assert Matcher(MemoryAliases([])).candidates("Starmer and Wałęsa") == []



def test_the_stretch_read_before_an_awkward_character_starts_at_a_word() -> None:
    # a name's start may lie as far back as a name reaches; where that falls inside a word, the loop
    # must not read the rest of the word as a word of its own
    before = "word " * 1000 + "Mac"
    text = before + "Arthur " + "x" * (REACH - len("Arthur ") - len(" Strau")) + " Strauß and Arthur"
    assert text.index("ß") - REACH == len(before), "the stretch would begin at MacArthur's `A`"
    found = [text[c.start:c.end] for c in Matcher(ALIASES).candidates(text)]
    assert found == ["Strauß", "Arthur"]


@pytest.mark.parametrize("space", sorted(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()))
def test_a_name_wrapped_by_any_kind_of_whitespace_is_found(space: str) -> None:
    # the matcher gathers the text's characters from its words and looks for each kind of space on its own:
    # a kind it did not look for would go unfolded, and the scanner would miss the name
    text = f"said Keir{space}Starmer{space}today"
    assert [text[c.start:c.end] for c in Matcher(ALIASES).candidates(text)] == [f"Keir{space}Starmer", "Starmer"]


def test_a_paragraph_break_spells_no_alias_even_one_made_in_code_with_a_nul() -> None:
    # the scanner's copy turns two newlines into two NULs; an alias holding a NUL (which the schema refuses,
    # but a lookup made in code may hold) must not match them
    aliases = MemoryAliases.from_names({"Starmer\x00": "odd", "Keir Starmer": "keir-starmer"})
    text = "Keir Starmer\n\nnext, and Starmer\x00 too"
    scanned = [(c.start, c.end, c.records) for c in Matcher(aliases).candidates(text)]
    assert _same(scanned, [(c.start, c.end, c.records) for c in Matcher(aliases).loop_candidates(text, 0, len(text))])
    assert [text[start:end] for start, end, _ in scanned] == ["Keir Starmer", "Starmer\x00"]
