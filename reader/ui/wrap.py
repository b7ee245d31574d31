"""Wrap article text into screen rows of (start, end) offsets, without the app.

The view draws only the rows on screen, so a book is wrapped once per width
into a list of offset pairs, and every row, click and cursor maps back to
offsets in the original text through it.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple, overload

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*")
#: Characters that may take two cells (East Asian wide, emoji). Text without
#: any is measured by its length, which is what makes a book wrap fast.
_MAYBE_WIDE = re.compile(
    "[\u1100-\u115f\u2300-\u2bff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001fbff\U00020000-\U0003fffd]")


class Row(NamedTuple):
    start: int
    end: int


class Rows(Sequence[Row]):
    """Rows as two arrays of offsets, read back as `Row`s: a book's 57,000 rows at one width take
    under a megabyte, where as many tuples of two integers took about ten."""

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")

    def add(self, start: int, end: int) -> None:
        self.starts.append(start)
        self.ends.append(end)

    def extend(self, other: Rows, shift: int = 0) -> None:
        """Append `other`'s rows, their offsets moved on by `shift` (rows wrapped from a slice of the text)."""
        if shift:
            self.starts.extend(start + shift for start in other.starts)
            self.ends.extend(end + shift for end in other.ends)
        else:
            self.starts.extend(other.starts)
            self.ends.extend(other.ends)

    def copy(self) -> Rows:
        rows = Rows()
        rows.extend(self)
        return rows

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return list(map(Row, self.starts[index], self.ends[index]))
        return Row(self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[Row]:
        return map(Row, self.starts, self.ends)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            return self.starts == other.starts and self.ends == other.ends
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list


def _cells(text: str) -> int:
    return cell_len(text) if _MAYBE_WIDE.search(text) else len(text)


def _cut(text: str, width: int) -> int:
    """How many characters of `text` fill `width` cells (at least one)."""
    if not _MAYBE_WIDE.search(text):
        return max(min(width, len(text)), 1)
    total = 0
    for i, ch in enumerate(text):
        total += cell_len(ch)
        if total > width:
            return max(i, 1)
    return len(text)


@lru_cache(maxsize=64)
def _row_pattern(width: int) -> re.Pattern[str]:
    """A row of at most `width` characters ending at a word's end, with the spaces after it."""
    return re.compile(rf"[^\n]{{1,{width}}}(?=\s|$)\s*")


def _wrap_narrow(line: str, offset: int, width: int, rows: Rows) -> None:
    """Greedy word wrap for one-cell text: one regex match a row, so a book wraps at C speed."""
    pattern, pos, end = _row_pattern(width), 0, len(line)
    while pos < end:
        m = pattern.match(line, pos)
        stop = m.end() if m else pos + width  # a word longer than the row is cut
        rows.add(offset + pos, offset + stop)
        pos = stop


def _too_wide(line: str, start: int, end: int, width: int) -> bool:
    """Whether line[start:end] takes more than `width` cells, looking at no more than it must."""
    return _cells(line[start:min(end, start + 4 * width + 4)]) > width


def _wrap_line(line: str, offset: int, width: int, rows: Rows) -> None:
    """Greedy word wrap; trailing spaces stay on their row, over-long words are cut."""
    if _cells(line) <= width:
        rows.add(offset, offset + len(line))
        return
    if not _MAYBE_WIDE.search(line):
        _wrap_narrow(line, offset, width, rows)
        return
    row_start, used = 0, 0
    for m in _WORD.finditer(line):
        word_end = m.start() + len(m.group().rstrip())
        size = _cells(line[m.start():min(word_end, m.start() + 4 * width + 4)])
        if used and used + size > width:
            rows.add(offset + row_start, offset + m.start())
            row_start, used = m.start(), 0
        while _too_wide(line, row_start, word_end, width):
            cut = _cut(line[row_start:min(word_end, row_start + width)], width)
            rows.add(offset + row_start, offset + row_start + cut)
            row_start += cut
        used = _cells(line[row_start:m.end()])
    rows.add(offset + row_start, offset + len(line))


#: A line that starts something of its own, which reflowing must not join to the line before:
#: an indent, a list item, a quoted reply.
_OWN_LINE = re.compile(r"[ \t]|[-*•>]\s|\d{1,3}[.)]\s")


def _typical_length(lengths: list[int]) -> int:
    """The length most full lines of a hard-wrapped text reach: its 90th percentile."""
    ordered = sorted(lengths)
    return ordered[min(len(ordered) - 1, len(ordered) * 9 // 10)]


def reflow_length(text: str) -> int:
    """The length of a full line, when the text breaks its paragraphs into lines of a fixed width
    (Project Gutenberg, email) rather than giving each paragraph one line, as most of its full lines
    run on into another, and blank lines part its paragraphs; 0 when it does not. Reflowing joins
    the lines at least 60% that long."""
    lines = text.split("\n", 20_000)[:20_000]  # the front of a book tells
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 20:
        return 0
    typical = _typical_length(lengths)
    if not 40 <= typical <= 100:
        return 0
    run_on = sum(1 for line, after in zip(lines, lines[1:], strict=False)
                 if len(line.rstrip()) >= typical * 0.6 and after.strip())
    # prose breaks into paragraphs; a log or a listing whose lines happen to be of a length does not
    paragraphs = len(lines) - len(lengths) >= len(lines) // 100
    return typical if run_on >= 0.4 * len(lengths) and paragraphs else 0


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of the text, one at a time: a book split whole is a list of tens of
    thousands of strings, megabytes held at once."""
    offset = 0
    while (end := text.find("\n", offset)) >= 0:
        yield offset, text[offset:end]
        offset = end + 1
    yield offset, text[offset:]


def line_length(text: str) -> int:
    """The length most full lines of the text reach, which reflowing joins on: its 90th percentile."""
    return _typical_length([len(line) for _, line in _lines(text) if line.strip()] or [0])


def _logical_lines(text: str, reflow: bool, typical: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line to wrap, in order: the text's own lines, or with `reflow` its paragraphs,
    each full line (of `typical` length, by default the text's own) joined to the next unless that
    starts a line of its own."""
    if typical is None:
        typical = line_length(text) if reflow else 0
    pending: tuple[int, int] | None = None  # the span being joined to, given out once the next starts anew
    joins = False
    for offset, line in _lines(text):
        end = offset + len(line)
        if pending is not None and joins and line.strip() and not _OWN_LINE.match(line):
            pending = (pending[0], end)
        else:
            if pending is not None:
                yield pending
            pending = (offset, end)
        joins = reflow and len(line.rstrip()) >= typical * 0.6 and bool(line.strip())
    if pending is not None:
        yield pending


def wrap(text: str, width: int, *, reflow: bool = False, typical: int | None = None) -> Rows:
    """Rows for `text` at `width` cells; each line of the text starts a new row, or with `reflow`
    each paragraph of a hard-wrapped text (its line breaks inside a row are drawn as spaces).
    `typical` is the full line length reflowing joins on, when `text` is the start of a longer one."""
    width = max(width, 1)
    rows = Rows()
    narrow = not _MAYBE_WIDE.search(text)
    for start, end in _logical_lines(text, reflow, typical):
        line = text[start:end].replace("\n", " ") if reflow else text[start:end]
        if not narrow:
            _wrap_line(line, start, width, rows)
        elif len(line) <= width:
            rows.add(start, end)
        else:  # no wide character anywhere: no need to look for one line by line
            _wrap_narrow(line, start, width, rows)
    return rows


def first_part(text: str, reflow: bool, at_least: int) -> int:
    """Where the text may be cut after `at_least` characters so that the rows of the part before are
    the first rows of the whole: at a paragraph break when reflowing, else at a line break; 0: nowhere."""
    cut = text.find("\n\n" if reflow else "\n", at_least)
    return max(cut, 0)


def row_of(rows: Rows, offset: int) -> int:
    """The row holding `offset`."""
    return max(bisect_right(rows.starts, offset) - 1, 0)
