"""Wrapping text into rows of offsets, without the app."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.ui.wrap import row_of, wrap


def rows_text(text: str, width: int) -> list[str]:
    return [text[r.start:r.end] for r in wrap(text, width)]


def test_words_wrap_at_the_width_and_keep_every_character() -> None:
    text = "Hello world this is a test of wrapping"
    rows = rows_text(text, 10)
    assert "".join(rows) == text
    assert all(len(row.rstrip()) <= 10 for row in rows)
    assert rows[0] == "Hello "


def test_each_line_starts_a_row_and_blank_lines_stay() -> None:
    assert rows_text("one\n\ntwo", 40) == ["one", "", "two"]


def test_a_word_longer_than_the_row_is_cut() -> None:
    rows = rows_text("supercalifragilistic", 8)
    assert rows == ["supercal", "ifragili", "stic"]


def test_wide_characters_count_two_cells() -> None:
    rows = rows_text("日本語 日本語 日本語", 8)
    assert rows[0] == "日本語 "


def test_a_wide_character_deep_in_a_long_text_still_counts_two_cells() -> None:
    """A book is searched for wide characters a stretch at a time; one in its last stretch is still found."""
    text = "narrow words only\n" * 20_000 + "日本語 日本語 日本語"
    rows = wrap(text, 8)
    assert [text[start:end] for start, end in zip(rows.starts[-3:], rows.ends[-3:], strict=True)] == [
        "日本語 ", "日本語 ", "日本語"]


@pytest.mark.parametrize(("offset", "row"), [(0, 0), (5, 0), (6, 1), (38, 4)])
def test_row_of_maps_offsets_back_to_rows(offset: int, row: int) -> None:
    rows = wrap("Hello world this is a test of wrapping", 10)
    assert row_of(rows, offset) == row


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab cd\n  efg日⌚", "supercalifragilistic", "  "]), max_size=80).map("".join),
       st.integers(1, 30))
def test_any_text_wraps_into_rows_that_keep_every_character_and_fit(text: str, width: int) -> None:
    rows = wrap(text, width)
    assert rows[0].start == 0 and rows[-1].end == len(text)
    for a, b in zip(rows, rows[1:], strict=False):  # rows meet, or a line break lies between them
        assert b.start == a.end or (b.start == a.end + 1 and text[a.end] == "\n")
    for r in rows:
        visible = text[r.start:r.end].rstrip()
        assert cell_len(visible) <= width or len(visible) == 1


def test_a_very_long_word_wraps_without_looking_at_it_again_and_again() -> None:
    rows = wrap("Yalta " + "x" * 200_000 + " Stalin", 50)
    text = "Yalta " + "x" * 200_000 + " Stalin"
    assert len(rows) == 4002 and all(len(text[r.start:r.end].rstrip()) <= 50 for r in rows)


def test_a_log_of_lines_of_one_length_is_not_reflowed_as_prose() -> None:
    from reader.ui.wrap import reflow_length

    log = "".join(f"Line {i} of the long log: Warsaw, Poland and NATO.\n" for i in range(5_000))
    prose = "".join("The delegates argued about the treaty and its terms late into the\nnight, and slept.\n\n"
                    for _ in range(2_500))
    assert reflow_length(log) == 0 and reflow_length(prose) > 0
