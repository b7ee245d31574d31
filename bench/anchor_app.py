"""The anchors for the key benchmark: the least a Textual app can do to show a text.

For a book, a Line-API `ScrollView` over the text's lines, split once, with no
wrapping, highlighting or pane; for an article, `--static`, a bare app showing
it in one `Static`. What the reader's first paint and keys are measured
against (`python -m bench.keys`).

    python -m bench.anchor_app [--static] FILE
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static


class Lines(ScrollView, can_focus=True):
    """The text's lines, one strip each, as rows scroll into view."""

    BINDINGS: ClassVar[list[BindingType]] = [("end", "scroll_end", "End"), ("home", "scroll_home", "Home")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines
        self.virtual_size = Size(max(map(len, lines), default=0), len(lines))

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        text = self.lines[row] if row < len(self.lines) else ""
        return Strip([Segment(text)]).crop(self.scroll_offset.x, self.scroll_offset.x + self.size.width)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)


class Anchor(App[None]):
    """The text as lines in a `ScrollView`, or with `static` in one `Static`, as the bare app the issue
    measures the reader's article against."""

    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def __init__(self, text: str, *, static: bool = False) -> None:
        super().__init__()
        self.text, self.static = text, static

    def compose(self) -> ComposeResult:
        yield Static(self.text, markup=False) if self.static else Lines(self.text.split("\n"))


if __name__ == "__main__":
    Anchor(Path(sys.argv[-1]).read_text(encoding="utf-8"), static=sys.argv[1] == "--static").run()
