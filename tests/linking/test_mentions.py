"""The annotation rules, called directly on strings: no database, no app."""

from __future__ import annotations

import pytest

from reader.linking.aliases import MemoryAliases
from reader.linking.mentions import annotate

ALIASES = MemoryAliases.from_names({
    "Poland": "poland",
    "Lech Wałęsa": "lech-walesa",
    "Wałęsa": "lech-walesa",
    "Rasa Juknevičienė": "rasa-jukneviciene",
    "U.S.": "united-states",
    "United States": "united-states",
    "NATO": "nato",
    "the Alliance": "nato",
    "World War": "world-war",
    "World War II": "world-war-ii",
    "Trump": "donald-trump",
    "Jean-Yves Le Drian": "le-drian",
    "Le Drian": "le-drian",
    "war is peace": "nineteen-eighty-four",
    "Saint Petersburg": "saint-petersburg",
    "Munich": "munich",
    "Yalta": ("yalta-conference", ["Stalin", "1945", "conference"]),
    "Kaczyński": ("jaroslaw-kaczynski", ["Law and Justice"]),
})
ALIASES_MUNICH = MemoryAliases.from_names({
    "Munich": ("munich-agreement", ["appease", "Hitler", "1938"]),
})


class Both:
    """Two lookups at once, as a store with place and event aliases would answer."""

    def aliases_starting_with(self, first_tokens, present=None, pairs=None):
        yield from ALIASES.aliases_starting_with(first_tokens, present, pairs)
        yield from ALIASES_MUNICH.aliases_starting_with(first_tokens, present, pairs)


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry_id) for m in annotate(text, Both(), dates=False)]


@pytest.mark.parametrize(("text", "expected"), [
    # whole words only
    ("Polandia and UNATO are not names.", []),
    ("NATO-led forces", [("NATO", "nato")]),
    # leftmost-longest, no overlap
    ("after World War II ended", [("World War II", "world-war-ii")]),
    ("a World War is feared", [("World War", "world-war")]),
    ("Jean-Yves Le Drian spoke", [("Jean-Yves Le Drian", "le-drian")]),
    # possessives highlight the name, with either apostrophe
    ("Poland's history", [("Poland", "poland")]),
    ("Poland’s history", [("Poland", "poland")]),
    ("the U.S.'s allies", [("U.S.", "united-states")]),
    # diacritics match their plain forms, both ways
    ("Lech Walesa", [("Lech Walesa", "lech-walesa")]),
    ("Rasa Jukneviciene said", [("Rasa Jukneviciene", "rasa-jukneviciene")]),
    ("Rasa Juknevičienė said", [("Rasa Juknevičienė", "rasa-jukneviciene")]),
    # a hyphen followed by stray spaces, and a name wrapped across a line
    ("Jean- Yves Le Drian said", [("Jean- Yves Le Drian", "le-drian")]),
    ("in Saint\nPetersburg", [("Saint\nPetersburg", "saint-petersburg")]),
    # ...but never across a paragraph break
    ("Saint\n\nPetersburg", []),
    # a lower-case alias also matches capitalised; a capitalised one never lower-case
    ("The Alliance met.", [("The Alliance", "nato")]),
    ("War is peace, they said", [("War is peace", "nineteen-eighty-four")]),
    ("to trump the others", []),
    # case matters otherwise
    ("the ALLIANCE and nato", []),
])
def test_annotation_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("They flew to Munich for the beer.", [("Munich", "munich")]),
    ("The West tried to appease Hitler in Munich in 1938.", [("Munich", "munich-agreement")]),
    ("Stalin got what he wanted at Yalta.", [("Yalta", "yalta-conference")]),
    ("We spent a holiday in Yalta.", []),
    ("Kaczyński of Law and Justice", [("Kaczyński", "jaroslaw-kaczynski")]),
    # cue words are looked for within the paragraph only
    ("A holiday in Yalta.\n\nStalin died in 1953.", []),
])
def test_cue_words_choose_between_meanings(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "“Even Poland’s betrayal”, said Wałęsa — and NATO."
    for mention in annotate(text, Both()):
        assert text[mention.start:mention.end] == mention.text
    assert [m.entry_id for m in annotate(text, Both())] == ["poland", "lech-walesa", "nato"]


def test_no_two_mentions_overlap() -> None:
    text = "World War II and the World War and World War II again " * 20
    mentions = annotate(text, Both())
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


@pytest.mark.parametrize(("text", "expected"), [
    ("Flights to South America and America", [("America", "united-states")]),
    ("Northern Ireland and Ireland", [("Ireland", "ireland")]),
])
def test_excluded_phrases_hide_the_names_inside_them(text: str, expected: list[tuple[str, str]]) -> None:
    lookup = MemoryAliases.from_names({
        "America": "united-states", "South America": None, "Ireland": "ireland", "Northern Ireland": None})
    assert [(m.text, m.entry_id) for m in annotate(text, lookup)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("WARSAW — POLAND and NATO", [("POLAND", "poland"), ("NATO", "nato")]),
    ("LECH WAŁĘSA SPEAKS", [("LECH WAŁĘSA", "lech-walesa")]),
    ("THE ALLIANCE MEETS", [("THE ALLIANCE", "nato")]),
    ("JEAN-YVES LE DRIAN", [("JEAN-YVES LE DRIAN", "le-drian")]),
    ("Poland, poland, PoLaNd", [("Poland", "poland")]),
])
def test_names_in_capitals_as_headlines_and_datelines_write_them(text: str, expected) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the Munich Conference of 1938", []),
    ("the Poland Summit and the NATO Treaty", []),
    ("the MUNICH AGREEMENT", []),
    ("Munich conference delegates", [("Munich", "munich")]),
    ("in Munich. Conference rooms", [("Munich", "munich")]),
])
def test_a_longer_name_is_not_its_first_word(text: str, expected) -> None:
    assert spans(text) == expected


def test_short_words_and_numerals_in_capitals_are_not_names() -> None:
    from reader.linking.aliases import MemoryAliases
    from reader.linking.mentions import annotate

    aliases = MemoryAliases.from_names({"Xi": "xi-jinping", "Livia": "livia", "May": ("theresa-may", ["Brexit"])})
    text = "CHAPTER XI. MAY and Brexit. LIVIA came. Xi spoke."
    assert [(m.text, m.entry_id) for m in annotate(text, aliases)] == [("LIVIA", "livia"), ("Xi", "xi-jinping")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Diplomatic Relations\nEstablishment of Diplomatic Relations\n\nThe envoy Ivo Andric came.", [("Ivo Andric", 1)]),
    ("The Americans and the Germans met Ivo Andric.", [("Ivo Andric", 1)]),
    ("I've seen it. I'm sure. Part II, said Ivo Andric.", [("Ivo Andric", 1)]),
    ("They told the Nation and the Government, and Ivo Andric listened.", [("Ivo Andric", 1)]),
])
def test_the_missing_name_detector_skips_headings_peoples_pronouns_and_numerals(text, expected) -> None:
    from reader.linking.missing import uncovered

    assert uncovered(text, annotate(text, Both())) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one everyday word capitalised by a house style is no name; an unusual one is
    ("The Office of the Under Secretary for Political Affairs wrote to the Department, and Ivo Andric replied.",
     [("Ivo Andric", 1)]),
    ("The Director asked the Board, the Council and the Members of the Board; then Pulaski answered.",
     [("Pulaski", 1)]),
    # a title or rank glued to a name goes with it, and a run that is all title is none
    ("A telegram named Lieutenant Commander Ivo Andric and Sergeant Ana Kovac, and Republican Senator Ivo Lola Ribar.",
     [("Ana Kovac", 1), ("Ivo Andric", 1), ("Ivo Lola Ribar", 1)]),
    ("The Deputy Assistant and the Acting Counselor met the Commissioner.", []),
    # nationalities, peoples and national words before a plural are not names
    ("Afghan, Iraqi and Nicaraguan officers, Frenchmen, Liberians, European Allies and Latin Americans met Ivo Andric.",
     [("Ivo Andric", 1)]),
    # words of faith and feasts
    ("With thanks to Almighty God, the Creator, at Christmas, His Holiness greeted Ivo Andric.", [("Ivo Andric", 1)]),
    # a chronology's dated headings, with or without small words in them
    ("American Embassy Closed, 1919.\nRecognition of Independence from the Empire, 1991.\n\nThe envoy Ivo Andric left.",
     [("Ivo Andric", 1)]),
    # a direction begins a name, and a hyphen before a small letter is a dash that ends one
    ("From the tip of South America to North Borneo, said Ivo Andric.",
     [("Ivo Andric", 1), ("North Borneo", 1), ("South America", 1)]),
    ("Growth throughout the Americas-the Alliance, and New Deal-supporting Senators.", [("New Deal", 1)]),
    # acronyms in capitals stay names to explain, even when they spell a word
    ("The SALT and START talks went on.", [("SALT", 1), ("START", 1)]),
    # a paragraph break ends a name: a numbered part's numeral does not join the next paragraph's first word
    ("Part V.\n\nFirst, the alliance, said Ivo Andric.\nNo more, she said, it is I.\n\nAmerican Legation Raised, 1898.",
     [("Ivo Andric", 1)]),
    ("Germany Reunified under Auspices of the Republic, 1990-1991.\n\nThe envoy Ivo Andric left.", [("Ivo Andric", 1)]),
])
def test_the_missing_name_detector_skips_everyday_words_titles_peoples_and_faith(text, expected) -> None:
    from reader.linking.missing import uncovered

    assert uncovered(text, annotate(text, Both())) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the surname after the full name, the abbreviation it brings in, a compound that starts with it: one name each
    ("The historian Rudy Winnacker objected, and Winnacker later agreed.", [("Rudy Winnacker", 2)]),
    ("The newly renamed Historical Division (HD) replied, and HD staff briefed the Advisory Board of Review (ABR).",
     [("Historical Division", 3), ("Advisory Board of Review", 2)]),
    ("New Deal programmes and a New Deal-Communist charge.", [("New Deal", 2)]),
    # a reference list's author, surname first, is one name; an adverb made from a name is none
    ("The book was long.\n\nKennedy, Charles Stuart. The Consul: a history of consuls abroad. Boston, 1990.\n"
     "It met Congressionally mandated dates.",
     [("Charles Stuart Kennedy", 1)]),
    # a surname two full names share stays apart: which one it is, the text does not say
    ("They saw Ana Kovac and Ivo Kovac, and Kovac spoke.", [("Ana Kovac", 1), ("Ivo Kovac", 1), ("Kovac", 1)]),
])
def test_the_missing_name_detector_counts_a_name_and_its_short_forms_once(text, expected) -> None:
    from reader.linking.missing import uncovered

    assert uncovered(text, annotate(text, Both())) == expected


@pytest.mark.parametrize("written", ["Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskyi", "Zelenski", "ZELENSKY"])
def test_transliterations_of_a_name_match_each_other(written: str) -> None:
    from reader.linking.aliases import MemoryAliases
    from reader.linking.mentions import annotate

    aliases = MemoryAliases.from_names({"Zelensky": "zelenskyy", "Andrii Sybiha": "sybiha"})
    assert [m.entry_id for m in annotate(f"{written} met Andriy Sybiha.", aliases, dates=False)] == [
        "zelenskyy", "sybiha"]


def test_ordinary_words_get_no_transliterations() -> None:
    from reader.linking.index import transliterations

    assert transliterations("Kennedy") == () and transliterations("sky") == () and transliterations("Ski") == ()
    assert transliterations("Andrii") == ("Andriy", "Andrij", "Andryi", "Andri")
    assert transliterations("Yuri") == ("Yuriy", "Yurii") and "Yuri" in transliterations("Yuriy")
    assert transliterations("Ali") == () and transliterations("Nazi") == ("Naziy", "Nazii")
    # a name written with any of the endings, in either case, has the others: the `j` spellings too
    assert transliterations("Andrij") == ("Andrii", "Andriy", "Andryi")
    assert "ZELENSKY" in transliterations("ZELENSKIJ") and "Zelensky" in transliterations("Zelenskyi")


def test_a_name_looked_up_in_capitals_has_its_other_spellings_in_capitals_too() -> None:
    """Whether an alias has other spellings is judged from the forms it is written in: the keys' other cases
    end in a letter that has them only where a written form does, for every character folding leaves."""
    import sys

    from reader.linking.index import _LAST_LETTERS, alias_keys
    from reader.linking.normalize import fold

    assert ("ZELENSKIY",) in alias_keys("Zelensky") and ("ZELENSKY",) in alias_keys("Zelenskiy")
    assert ("Sybiha", "ANDRIY") not in alias_keys("Sybiha Andrii"), "no mixed case"
    assert ("SYBIHA", "ANDRIY") in alias_keys("Sybiha Andrii")
    cased = (chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    assert not [c for c in cased if c.upper()[-1:] in _LAST_LETTERS and c not in _LAST_LETTERS and fold(c) == c]


def test_an_ordinal_date_is_its_number() -> None:
    from reader.linking.aliases import MemoryAliases
    from reader.linking.mentions import annotate

    aliases = MemoryAliases.from_names({"September 11": "september-11-attacks"})
    found = [(m.text, m.entry_id) for m in annotate("After September 11th and September 11, 2001", aliases)]
    assert found[:2] == [("September 11th", "september-11-attacks"), ("September 11", "september-11-attacks")]



def _sample_aliases():
    from reader.linking.aliases import MemoryAliases
    from reader.linking.index import records_for

    names = [("Riyadh", "riyadh", ()), ("Riyadh", "riyadh-talks", ("meeting", "talks", "Lavrov")),
             ("Brussels", "brussels", ()), ("Washington", "washington", ()),
             ("Yalta", "yalta", ()), ("Yalta", "yalta-conference", ("Stalin", "Roosevelt", "conference"))]
    return MemoryAliases([r for name, eid, when in names for r in records_for(name, eid, when)])


@pytest.mark.parametrize(("text", "expected"), [
    # a name in a list of plain names keeps its plain meaning
    ("The leaders meeting in Riyadh, Brussels and Washington argued.", ["riyadh", "brussels", "washington"]),
    ("Talks with Lavrov in Riyadh went on.", ["riyadh-talks"]),
    # a heading takes its cue words from the text after it
    ("The Long Shadow of Yalta\n\nIn February 1945 Roosevelt and Stalin met at the conference.", ["yalta-conference"]),
    ("Yalta\n\nA resort on the Black Sea.", ["yalta"]),
    ("A line that is prose about Yalta.\n\nStalin and Roosevelt met at the conference.", ["yalta"]),
])
def test_lists_and_headings(text: str, expected: list[str]) -> None:
    assert [m.entry_id for m in annotate(text, _sample_aliases(), dates=False)] == expected


def test_a_text_that_ends_inside_a_longer_alias_still_finds_the_shorter_one() -> None:
    from reader.linking.aliases import MemoryAliases

    aliases = MemoryAliases.from_names({"World War": "world-war", "World War Two Memorial": "memorial"})
    # every word of the longer alias is in the text, but the text ends two words into it
    text = "A World War Two Memorial stands. Then the World War"
    assert [(m.text, m.entry_id) for m in annotate(text, aliases)] == [
        ("World War Two Memorial", "memorial"), ("World War", "world-war")]
