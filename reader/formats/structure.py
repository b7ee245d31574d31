"""What a format keeps besides its plain text: spans of structure, and chapters.

Every format is read into one plain text, the text that linking, search and
the saved place use; its headings, emphasis, quotations, links and code
become spans over that text, which the view styles. Code is kept out of
linking: `linkable` blanks it, character for character, so offsets stay.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The kinds of span a format may give, as the view styles them.
KINDS = ("heading", "emphasis", "strong", "quote", "link", "code")


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    #: A link's address, or "".
    target: str = ""


@dataclass(frozen=True)
class Chapter:
    """A chapter or top-level heading: what the table of contents (`c`) lists."""

    title: str
    start: int


class Builder:
    """Plain text written block by block, with the spans and chapters that mark it up."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []
        self.chapters: list[Chapter] = []
        self._open: list[tuple[str, int, str]] = []
        #: Where the last character that is not white space ends: spans end there.
        self._content_end = 0

    def write(self, text: str) -> None:
        if self._at_line_start():
            text = text.lstrip(" ")  # a block's text starts at its first word
        if text:
            stripped = text.rstrip()
            if stripped:
                self._content_end = self.length + len(stripped)
            self._parts.append(text)
            self.length += len(text)

    def _at_line_start(self) -> bool:
        return not self._parts or self._parts[-1].endswith("\n")

    def end_block(self) -> None:
        """Close a paragraph: one blank line before the next, none doubled, none at the start."""
        if self._parts and self._parts[-1].endswith(" "):  # no space left at a line's end
            last = self._parts.pop()
            self.length -= len(last)
            self.write(last.rstrip(" "))
        text = "".join(self._parts[-2:])
        if not self.length or text.endswith("\n\n"):
            return
        self.write("\n" if text.endswith("\n") else "\n\n")

    def begin(self, kind: str, target: str = "") -> None:
        self._open.append((kind, self.length, target))

    def finish(self, kind: str) -> None:
        """Close the innermost open span of `kind` (a stray close is ignored)."""
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == kind:
                _, start, target = self._open.pop(i)
                if self._content_end > start:
                    self.spans.append(Span(kind, start, self._content_end, target))
                return

    def chapter(self, title: str) -> None:
        title = " ".join(title.split())
        if title:
            self.chapters.append(Chapter(title, self.length))

    def text(self) -> str:
        return "".join(self._parts).rstrip() + "\n"


class SpanIndex:
    """Spans found by the stretch of text they touch: the view asks for each row's."""

    BUCKET = 4096

    def __init__(self, spans: tuple[Span, ...]) -> None:
        self._buckets: dict[int, list[Span]] = {}
        for span in spans:
            for bucket in range(span.start // self.BUCKET, (max(span.end - 1, span.start)) // self.BUCKET + 1):
                self._buckets.setdefault(bucket, []).append(span)

    def within(self, start: int, end: int) -> list[Span]:
        """The spans that overlap text[start:end], each once, in their order."""
        found: dict[Span, None] = {}
        for bucket in range(start // self.BUCKET, max(end - 1, start) // self.BUCKET + 1):
            for span in self._buckets.get(bucket, ()):
                if span.start < end and span.end > start:
                    found[span] = None
        return list(found)


def linkable(text: str, spans: tuple[Span, ...]) -> str:
    """The text linking reads: code blanked out, so that no name in it is linked."""
    code = [s for s in spans if s.kind == "code"]
    if not code:
        return text
    chars = list(text)
    for span in code:
        for i in range(span.start, min(span.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
