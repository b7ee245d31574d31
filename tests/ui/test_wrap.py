"""Wrapping text into rows of offsets, without the app."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(("offset", "row"), [(0, 0), (5, 0), (6, 1), (38, 4)])
def test_row_of_maps_offsets_back_to_rows(offset: int, row: int) -> None:
    rows = wrap("Hello world this is a test of wrapping", 10)
    assert row_of(rows, offset) == row
