"""Properties of annotation that hold for any text whatever, checked with hypothesis."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.linking.match import blocks
from reader.linking.mentions import annotate, annotate_blocks
from reader.linking.normalize import SPECIAL, fold

from .test_mentions import ALIASES, Both

WORDS = ["Poland", "Lech", "Wałęsa", "Walesa", "NATO", "the", "Alliance", "The", "U.S.", "United", "States",
         "World", "War", "II", "Munich", "Yalta", "Stalin", "1945", "Hitler", "appease", "Trump", "Le", "Drian",
         "Jean-Yves", "war", "is", "peace", "Saint", "Petersburg", "Kaczyński", "’s", "'s", "Poland’s"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "-", ", ", ". ", "\u00a0", "\t", "\u202e", "\x1b", "\u0301", "—"]

texts = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.text(max_size=3)),
                 max_size=60).map("".join)


def check(text: str, mentions) -> None:
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end, "sorted and non-overlapping"
        assert text[m.start:m.end] == m.text
        previous_end = m.end


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_any_text_gets_sorted_non_overlapping_mentions_that_are_its_own_text(text: str) -> None:
    check(text, annotate(text, ALIASES))
    check(text, annotate(text, Both()))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_annotate_never_raises_on_any_unicode(text: str) -> None:
    check(text, annotate(text, Both()))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts, st.integers(1, 40))
def test_reading_block_by_block_finds_what_one_pass_finds(text: str, size: int) -> None:
    whole = annotate(text, Both())
    assert [m for b in annotate_blocks(text, Both(), block=size) for m in b.mentions] == whole
    if text:
        spans = list(blocks(text, size))
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_a_long_text_is_annotated_in_many_short_steps() -> None:
    text = "Lech Wałęsa met NATO in Poland. " * 20_000
    steps = list(annotate_blocks(text, ALIASES))
    assert len(steps) > 5 and sum(len(b.mentions) for b in steps) == 60_000


@pytest.mark.slow
@settings(max_examples=5000, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(texts)
def test_many_more_texts(text: str) -> None:
    check(text, annotate(text, Both()))
    assert [m for b in annotate_blocks(text, Both(), block=7) for m in b.mentions] == annotate(text, Both())


def _heading_by_search(text: str, at: int) -> bool:
    """The heading rule as first written, searching back for the line's start at every name."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)].strip()
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    small = set("of the and in on for to a an with by at from into between after before".split())
    return (0 < len(words) <= 12 and all(w[0].isupper() or w in small for w in words)
            and (not line.endswith(".") or line[-2:-1].isdigit()))


@given(texts)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_the_unknown_name_pass_judges_each_line_as_a_search_would(text: str) -> None:
    # the pass finds each line by bisecting the text's newlines, so that one long paragraph stays linear;
    # it must judge every position exactly as searching back and forth for the line's ends does
    from reader.linking.missing import _Headings

    heading = _Headings(text)
    for at in range(len(text) + 1):
        assert heading(at) == _heading_by_search(text, at), (text, at)


NAME_WORDS = ["The", "He", "But", "Mr.", "Dr", "St.", "of", "the", "von", "and", "Charles", "de", "Gaulle", "Hague",
              "Anglo-Saxon", "New", "Deal-supporting", "O’Brien", "D'Arcy", "U.S.", "II", "I’ve", "x", "A.", "Z"]


@given(st.lists(st.one_of(st.sampled_from(NAME_WORDS), st.sampled_from(SEPARATORS), st.text(max_size=2)),
                max_size=40).map("".join))
@settings(max_examples=300)
def test_the_unknown_name_pattern_finds_what_its_plain_definition_finds(text: str) -> None:
    # it looks for a capital before its look-behind, which every word it matches starts with
    from reader.linking.missing import _NAME

    plain = re.compile(_NAME.pattern.removeprefix("(?=[A-Z])"))
    assert plain.pattern != _NAME.pattern
    assert [m.span() for m in _NAME.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_single_words_the_unknown_name_pass_skips_are_ones_trimming_leaves_nothing_of() -> None:
    from reader.linking.missing import _NAME, _NOT_NAMES, _TRAILING, _trim

    skipped = _NOT_NAMES | {f"{word}." for word in _NOT_NAMES} | {word.capitalize() for word in _TRAILING}
    alone = [word for word in sorted(skipped) if _NAME.fullmatch(word)]
    assert len(alone) > 100
    assert all(_trim([(word, 0, len(word))]) == [] for word in alone)


class _AllAliases:
    """The same aliases, handed over whether or not the text holds their other words, or side by side."""

    def aliases_starting_with(self, first_tokens, present=None, pairs=None):
        return Both().aliases_starting_with(first_tokens)


@given(texts)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_leaving_out_aliases_whose_words_the_text_lacks_changes_nothing(text: str) -> None:
    # the look-up drops every alias with a token the text does not hold, so that a large corpus costs
    # only what the text can use; the mentions must be exactly those of a look-up that drops nothing
    assert annotate(text, Both()) == annotate(text, _AllAliases())


def _fold_as_first_written(text: str) -> str:
    """`fold` before its quick path for ASCII words: every word translated, then its marks stripped."""
    text = text.translate(SPECIAL)
    if text[:1].isdigit():
        ordinal = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
        text = ordinal.group(1) if ordinal else text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="`'’ab1stß\u0301 ", max_size=8)))
def test_folding_takes_its_quick_path_only_where_it_gives_the_same(text: str) -> None:
    assert fold(text) == _fold_as_first_written(text)
