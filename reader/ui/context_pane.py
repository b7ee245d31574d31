"""The side pane: what the selected entry is, from the database, with its related entries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader import card
from reader.article import displayable
from reader.knowledge.model import Entry
from reader.ui.messages import EntryRequested


@dataclass(frozen=True)
class PaneContent:
    """Everything the pane shows for one entry, gathered by the app from the store."""

    entry: Entry
    #: (id, name, type) of each related entry that exists in the database.
    related: tuple[tuple[str, str, str], ...]
    #: How many times the entry is mentioned in the open article.
    mentions: int


class ContextPane(VerticalScroll):
    """Explains one entry; `enter` on a related entry shows it, `backspace` goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "back", "Back", id="pane.back"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history: list[str] = []
        self.content: PaneContent | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pane-heading")
        yield Static(id="pane-summary")
        yield Label("Roles", classes="pane-title", id="pane-roles-title")
        yield Static(id="pane-roles")
        yield Label("Related — enter to open", classes="pane-title", id="pane-related-title")
        yield OptionList(id="pane-related")
        yield Label("Sources", classes="pane-title")
        yield Static(id="pane-sources")
        yield Static(id="pane-count")

    def show(self, content: PaneContent, *, remember: bool = True) -> None:
        """Show `content`; `remember` keeps the previous entry for `backspace`."""
        if remember and self.content is not None and self.content.entry.id != content.entry.id:
            self.history.append(self.content.entry.id)
        self.content = content
        entry = content.entry
        self.query_one("#pane-heading", Static).update(card.heading(entry))
        summary = Text(displayable(entry.summary))
        aka = card.also_known_as(entry)
        if aka:
            summary.append("\n\n").append(aka)
        self.query_one("#pane-summary", Static).update(summary)
        for widget in ("#pane-roles", "#pane-roles-title"):
            self.query_one(widget).display = bool(entry.roles)
        self.query_one("#pane-roles", Static).update(card.roles(entry))
        related = self.query_one("#pane-related", OptionList)
        related.clear_options()
        related.add_options(
            Option(Text.assemble(displayable(name), (f"  {kind}", "dim")), id=rid)
            for rid, name, kind in content.related)
        related.highlighted = 0 if content.related else None
        for widget in ("#pane-related", "#pane-related-title"):
            self.query_one(widget).display = bool(content.related)
        self.query_one("#pane-sources", Static).update(card.sources(entry))
        times = content.mentions
        count = f"Mentioned {times} time{'' if times == 1 else 's'} in this article" if times \
            else "Not mentioned in this article"
        self.query_one("#pane-count", Static).update(Text(count, style="dim"))
        self.scroll_home(animate=False)
        self.refresh_bindings()

    def reset(self) -> None:
        self.history.clear()
        self.content = None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(EntryRequested(event.option.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.history)
        return True

    def action_back(self) -> None:
        if self.history:
            self.content = None
            self.post_message(EntryRequested(self.history.pop(), remember=False))
