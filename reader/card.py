"""An entry rendered as Rich text: the context card shown by `lookup` and the pane.

Everything from YAML goes in as plain `Text`, never as markup, so a summary
with square brackets is shown as written.
"""

from __future__ import annotations

from urllib.parse import unquote

from rich.console import Group
from rich.text import Text

from reader.article import displayable
from reader.knowledge import dates
from reader.knowledge.model import Entry

#: Highlight colours by type; the Textual view uses the same through its CSS.
TYPE_STYLES = {
    "person": "bold #7aa2f7",
    "organization": "bold #e0af68",
    "place": "bold #9ece6a",
    "event": "bold #f7768e",
    "work": "bold #bb9af7",
    "concept": "bold #7dcfff",
    "period": "bold #ff9e64",
}


def _t(value: str, style: str = "") -> Text:
    return Text(displayable(value), style=style)


def lifespan(entry: Entry) -> str:
    return dates.span(entry.start, entry.end, entry.type)


def other_names(entry: Entry) -> list[str]:
    """The aliases worth showing a reader: names, not the cue-gated words and years
    (`1938`, `appease`, `the war`) that only point here in context; one per spelling."""
    seen = {entry.name.casefold()}
    names = []
    for alias in entry.aliases:
        shown = alias.text
        if alias.when and (shown[:1].islower() or shown.isdigit()):
            continue
        if shown.casefold() not in seen:
            seen.add(shown.casefold())
            names.append(shown)
    return names


def also_known_as(entry: Entry) -> Text:
    names = other_names(entry)
    return Text.assemble(("Also: ", "bold"), displayable(", ".join(names))) if names else Text()


def heading(entry: Entry) -> Text:
    text = Text.assemble(_t(entry.name, TYPE_STYLES.get(entry.type, "bold")), "\n",
                         _t(entry.type, "italic dim"))
    span = lifespan(entry)
    if span:
        text.append("  ·  ", style="dim").append(span)
    return text


def roles(entry: Entry) -> Text:
    text = Text()
    for role in entry.roles:
        when = dates.span(role.start, role.end, "role")
        text.append("• ").append(displayable(role.title))
        if when:
            text.append(f"  {when}", style="dim")
        text.append("\n")
    text.rstrip()
    return text


def sources(entry: Entry) -> Text:
    text = Text()
    for source in entry.sources:
        text.append("• ").append(displayable(source.title)).append("\n  ")
        # Shown decoded (`Lech_Wałęsa`, not `Lech_Wa%C5%82…`); the link itself stays as written.
        text.append(displayable(unquote(source.url)), style=f"link {source.url} underline dim")
        text.append("\n")
    text.rstrip()
    return text


def card(entry: Entry, related: list[tuple[str, str]], mentions: int | None = None) -> Group:
    """The whole card, for the terminal: heading, summary, roles, related, sources."""
    parts: list[Text] = [heading(entry), Text()]
    parts.append(_t(entry.summary))
    aka = also_known_as(entry)
    if aka:
        parts += [Text(), aka]
    if entry.roles:
        parts += [Text(), Text("Roles", style="bold underline"), roles(entry)]
    if related:
        parts += [Text(), Text("Related", style="bold underline"),
                  Text("\n".join(f"• {displayable(name)} ({kind})" for name, kind in related))]
    parts += [Text(), Text("Sources", style="bold underline"), sources(entry)]
    if mentions is not None:
        parts += [Text(), Text(f"Mentioned {mentions} time{'s' if mentions != 1 else ''} in this article", style="dim")]
    return Group(*parts)
