"""Where an entry occurs in the article: a line of text around each mention, and a bar of where they fall.

The pane of an entry the article mentions lists each mention this way, as
Kindle's X-Ray does, so the reader can see how the text uses a name and
jump to any use of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

from reader.export.safe import displayable

_BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Occurrences:
    """An entry's mentions in one article, as the pane lists them."""

    #: (text offset, index in the view's mentions, the line shown) for each mention, in order.
    lines: tuple[tuple[int, int, Text], ...]
    #: The article's length, for the bar.
    length: int


def snippet(text: str, start: int, end: int, width: int = 60) -> Text:
    """The mention in bold with the words around it, on one line of about `width` characters,
    never reaching into the paragraphs before or after."""
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    room = max(width - (end - start) - 2, 10)  # two for the ellipses
    right = min(para_end, end + room - room // 3)
    left = max(para_start, start - (room - (right - end)))  # what the right side did not use
    if left > para_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < para_end:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right

    def flat(part: str) -> str:
        return displayable(" ".join(part.split()))

    line = Text("…" if left > para_start else "", no_wrap=True, overflow="ellipsis")
    before = text[left:start]
    line.append(flat(before) + (" " if before[-1:].isspace() else ""))
    line.append(flat(text[start:end]), style="bold")
    after = text[end:right]
    line.append((" " if after[:1].isspace() else "") + flat(after))
    if right < para_end:
        line.append("…")
    return line


def bar(offsets: list[int], length: int, width: int) -> str:
    """A row of `width` cells, each as tall as the number of mentions in its share of the text."""
    if width <= 0 or length <= 0:
        return ""
    counts = [0] * width
    for offset in offsets:
        counts[min(width - 1, offset * width // length)] += 1
    top = max(counts) or 1
    return "".join(_BLOCKS[0 if not n else max(1, round(n * (len(_BLOCKS) - 1) / top))] for n in counts)


class MentionBar(Widget):
    """The bar for one entry's mentions, drawn at whatever width the pane gives it."""

    DEFAULT_CSS = """
    MentionBar { height: 1; color: $accent; background: $boost; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.offsets: list[int] = []
        self.length = 0

    def show(self, offsets: list[int], length: int) -> None:
        self.offsets, self.length = offsets, length
        self.refresh()

    def render(self) -> Text:
        return Text(bar(self.offsets, self.length, self.size.width), no_wrap=True)
