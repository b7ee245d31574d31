"""Cards and articles rendered as Rich text: `lookup`, `annotate --format text`, and the pane.

Everything from YAML or the article goes in as plain `Text`, never as markup,
and through `displayable`, so a summary with square brackets or an escape
sequence is shown as written and never obeyed. Links are made only of URLs
that `link_target` accepts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from reader.export.palette import terminal_style
from reader.export.safe import displayable, link_target, one_line
from reader.knowledge.card import Card
from reader.linking.mentions import Mention


class PipeConsole(Console):
    """A Rich console that leaves a closed pipe to the CLI's one error path, instead of exiting 1 itself."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


#: A function from an entry type to the style of its name.
TypeStyle = Callable[[str], "Style | str"]


def _t(value: str, style: Style | str = "") -> Text:
    return Text(displayable(value), style=style)


def heading(card: Card, style_of: TypeStyle = terminal_style) -> Text:
    """The name in its type's colour, then the type and the dates."""
    text = Text.assemble(Text(one_line(card.name), style=style_of(card.type)), "\n",
                         Text(one_line(card.type), style="italic dim"))
    if card.dates:
        text.append("  ·  ", style="dim").append(card.dates)
    return text


def alternative(card: Card, key: str = "a") -> Text:
    """The close call's other reading, on one line: what the mention may name instead, and the key that opens it."""
    if card.alternative is None:
        return Text()
    return Text.assemble(("Close call: ", "bold"), "the text may mean ", one_line(card.alternative.name),
                         (f" ({one_line(card.alternative.type)})", "dim"), (f" — {key} to open", "dim"))


def also_known_as(card: Card) -> Text:
    if not card.other_names:
        return Text()
    return Text.assemble(("Also: ", "bold"), one_line(", ".join(card.other_names)))


def _bullets() -> Table:
    """Two columns, a bullet and its text, so wrapped lines stay indented under the text."""
    grid = Table.grid()
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def _dated_list(items: Iterable[tuple[str, str]]) -> Table:
    """One bullet per (name, dates), wrapped lines indented under the name and the dates on a line
    of their own, so that a narrow pane never splits a date range or leaves text under the bullet."""
    grid = _bullets()
    for name, when in items:
        grid.add_row("•", Text(one_line(name)))
        if when:
            grid.add_row("", Text(when, style="dim"))
    return grid


def roles(card: Card) -> Text:
    """One bullet per office, with its dates."""
    return _dated_list((role.title, role.when) for role in card.roles)


def holders(card: Card) -> Text:
    """An office's holders, one per line, oldest first, with the dates of each term."""
    return _dated_list((term.holder.name, term.when) for term in card.holders)


def related(card: Card) -> Text:
    return Text("\n".join(f"• {one_line(ref.name)} ({one_line(ref.type)})" for ref in card.related))


def sources(card: Card) -> Table:
    """One bullet per source, its title and under it its address (a link where that is safe)."""
    grid = _bullets()
    for source in card.sources:
        target = link_target(source.url)
        grid.add_row("•", Text(one_line(source.title)))
        grid.add_row("", Text(one_line(source.shown), style=Style(underline=True, dim=True, link=target)
                              if target else Style(dim=True), overflow="fold"))
    return grid


def card_renderable(card: Card, style_of: TypeStyle = terminal_style) -> Group:
    """The whole card for a terminal: heading, summary, other names, roles, related, sources."""
    title = "bold underline"
    parts: list[RenderableType] = [heading(card, style_of), Text(), _t(card.summary)]
    if card.other_names:
        parts += [Text(), also_known_as(card)]
    if card.roles:
        parts += [Text(), Text("Roles", style=title), roles(card)]
    if card.holders:
        parts += [Text(), Text("Holders", style=title), holders(card)]
    if card.related:
        parts += [Text(), Text("Related", style=title), related(card)]
    parts += [Text(), Text("Sources", style=title), sources(card)]
    if card.reviewed:
        parts += [Text(), Text(card.reviewed, style="dim")]
    if card.mentions_line:
        parts += [Text(), Text(card.mentions_line, style="dim")]
    return Group(*parts)


def article_text(text: str, mentions: Iterable[Mention], types: dict[str, str],
                 style_of: TypeStyle = terminal_style) -> Text:
    """The article with each mention in its type's style; `types` maps entry ids to types."""
    rendered = Text(displayable(text), end="")
    for m in mentions:
        rendered.stylize(style_of(types.get(m.entry_id, "concept")), m.start, m.end)
    return rendered
