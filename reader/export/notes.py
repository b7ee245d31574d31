"""An article taken out of the reader with its context: marked text with notes, and Markdown.

Both number the entries an article mentions in the order it first mentions
them, mark each mention (`[Lech Wałęsa]¹` in plain text; a footnote link on
the first mention in Markdown) and end with one note per entry: name, type,
dates, first sentence, sources and the day its facts were checked, then a
line saying where the context came from. The article itself is given as it
was read: same lines, no re-wrapping, no trailing spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from reader.export.safe import displayable, one_line
from reader.knowledge.card import Card, first_sentence
from reader.linking.mentions import Mention

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


class Numbering:
    """The entries of an article, numbered as it first mentions them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def of(self, mention: Mention) -> int | None:
        """The mention's entry's number (given on first sight); None for years and unknown names."""
        if mention.kind != "entry":
            return None
        return self.numbers.setdefault(mention.entry_id, len(self.numbers) + 1)


def _clean_lines(text: str) -> str:
    """The text as read, each line without trailing spaces."""
    return "\n".join(line.rstrip() for line in text.split("\n"))


def interleave(text: str, mentions: Iterable[Mention], plain: Callable[[str], str],
               mark: Callable[[Mention, str], str | None]) -> str:
    """`text` with each mention `mark` renders (None leaves it as text) replaced by that, and the text
    between the marks through `plain`: the one walk every export makes over an article."""
    out, done = [], 0
    for m in mentions:
        if m.start < done:
            continue
        shown = mark(m, text[m.start:m.end])
        if shown is None:
            continue
        out += [plain(text[done:m.start]), shown]
        done = m.end
    out.append(plain(text[done:]))
    return "".join(out)


def marked_text(text: str, mentions: Iterable[Mention], numbering: Numbering) -> str:
    """`text` with each entry's mention in brackets and its note's number: `[Lech Wałęsa]¹`."""
    def mark(m: Mention, written: str) -> str | None:
        number = numbering.of(m)
        return None if number is None else f"[{written}]{superscript(number)}"

    return _clean_lines(displayable(interleave(text, mentions, str, mark)))


def note_lines(number: str, card: Card) -> list[str]:
    """One entry's note: what it is, then its sources and when they were checked."""
    kind = one_line(card.type) + (f", {one_line(card.dates)}" if card.dates else "")
    lines = [f"{number} {one_line(card.name)} ({kind}). {one_line(first_sentence(card.summary, 300))}"]
    lines += [f"   Source: {one_line(s.title)} <{one_line(s.url)}>" for s in card.sources]
    if card.reviewed:
        lines.append(f"   {card.reviewed}.")
    return lines


def notes_text(cards: dict[str, Card], numbering: Numbering, provenance: str) -> str:
    """The notes after a marked text, in number order, and where the context came from."""
    lines = ["", "Notes", ""]
    for entry_id, number in numbering.numbers.items():
        if entry_id in cards:
            lines += note_lines(superscript(number), cards[entry_id])
    lines += ["", one_line(provenance)]
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&])")
_LINE_START = re.compile(r"^(\s{0,3})([#>+=-]|\d{1,9}[.)])", re.M)


def markdown_escape(text: str) -> str:
    """Plain text that CommonMark shows as written: its markup characters escaped."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _link(url: str) -> str:
    """A URL as a CommonMark link destination in angle brackets, which may not hold `<`, `>` or a newline."""
    return one_line(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def markdown(text: str, mentions: Iterable[Mention], cards: dict[str, Card], provenance: str,
             title: str | None = None) -> str:
    """The article as CommonMark, each entry's first mention footnoted from the context."""
    numbering = Numbering()

    def plain(written: str) -> str:
        return markdown_escape(displayable(written))

    def mark(m: Mention, written: str) -> str | None:
        if m.kind != "entry" or m.entry_id in numbering.numbers or m.entry_id not in cards:
            return None  # a footnote on the first mention only
        number = numbering.of(m)
        return f"{plain(written)}<sup>[{number}](#context-{number})</sup>"

    body = _clean_lines(interleave(text, mentions, plain, mark)).strip("\n")
    head = f"# {markdown_escape(one_line(title))}\n\n" if title else ""
    notes = ["", "---", "", "## Context", ""]
    for entry_id, number in numbering.numbers.items():
        card = cards[entry_id]
        kind = one_line(card.type) + (f", {one_line(card.dates)}" if card.dates else "")
        sources = "; ".join(f"[{markdown_escape(one_line(s.title))}](<{_link(s.url)}>)" for s in card.sources)
        checked = f" {card.reviewed}." if card.reviewed else ""
        notes.append(f'{number}. <a id="context-{number}"></a>**{markdown_escape(one_line(card.name))}** '
                     f"({markdown_escape(kind)}). {markdown_escape(one_line(first_sentence(card.summary, 300)))} "
                     f"Sources: {sources}.{checked}")
    notes += ["", markdown_escape(one_line(provenance))]
    return head + body + "\n" + "\n".join(notes) + "\n"
