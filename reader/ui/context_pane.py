"""The side pane: one context card, rendered from the format-neutral `Card`, with its related entries."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.export import text as render
from reader.export.palette import TYPE_COLOURS, known, type_css
from reader.export.safe import displayable, link_target, one_line
from reader.knowledge.card import Card
from reader.ui.messages import EntryRequested, MentionChosen
from reader.ui.occurrences import MentionBar, Occurrences


class ContextPane(VerticalScroll):
    """Explains one entry; `enter` on a related entry shows it, `backspace` goes back."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"context-pane--{kind}" for kind in TYPE_COLOURS}
    DEFAULT_CSS = type_css("ContextPane > .context-pane")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "back", "Back", id="pane.back"),
        Binding("shift+backspace", "forward", "Forward", show=False, id="pane.forward"),
        Binding("o", "open_source", "Open in browser", show=False, id="pane.open"),
        # Over the lists inside the pane, so the page keys always reach Sources at the bottom.
        Binding("pagedown", "page_down", "Page down", show=False, priority=True, id="pane.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, priority=True, id="pane.page_up"),
        Binding("home", "scroll_home", "Top", show=False, priority=True, id="pane.top"),
        Binding("end", "scroll_end", "Bottom", show=False, priority=True, id="pane.bottom"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history: list[str] = []
        #: Entries left by `backspace`, for `shift+backspace`; cleared when a new entry is opened.
        self.ahead: list[str] = []
        self.card: Card | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pane-heading")
        yield Static(id="pane-as-of")
        yield Static(id="pane-alternative")
        yield Static(id="pane-summary")
        yield Label("Roles", classes="pane-title", id="pane-roles-title")
        yield Static(id="pane-roles")
        yield Label("Holders", classes="pane-title", id="pane-holders-title")
        yield Static(id="pane-holders")
        yield Label("Mentions — enter to jump there", classes="pane-title", id="pane-mentions-title")
        yield MentionBar(id="pane-bar")
        yield OptionList(id="pane-mentions")
        yield Label("Related — enter to open", classes="pane-title", id="pane-related-title")
        yield OptionList(id="pane-related")
        yield Label("Sources", classes="pane-title", id="pane-sources-title")
        yield Static(id="pane-sources")
        yield Static(id="pane-reviewed")
        yield Static(id="pane-count")

    def _type_style(self, kind: str) -> object:
        return self.get_component_rich_style(f"context-pane--{known(kind)}", partial=True)

    def show(self, card: Card, *, remember: bool = True, occurrences: Occurrences | None = None) -> None:
        """Show `card`; `remember` keeps the previous entry for `backspace`; `occurrences` are the
        article's mentions of it, listed with a line of text each."""
        if remember and self.card is not None and self.card.id != card.id:
            self.history.append(self.card.id)
            self.ahead.clear()
        self.card = card
        self._show_occurrences(occurrences)
        self.query_one("#pane-heading", Static).update(render.heading(card, self._type_style))
        as_of = self.query_one("#pane-as-of", Static)
        as_of.display = bool(card.as_of)
        as_of.update(Text("\n".join(one_line(line) for line in card.as_of), style="bold"))
        alternative = self.query_one("#pane-alternative", Static)
        alternative.display = card.alternative is not None
        if card.alternative is not None:
            alternative.update(render.alternative(card))
        summary = Text(displayable(card.summary))
        if card.other_names:
            summary.append("\n\n").append(render.also_known_as(card))
        self.query_one("#pane-summary", Static).update(summary)
        for widget in ("#pane-roles", "#pane-roles-title"):
            self.query_one(widget).display = bool(card.roles)
        self.query_one("#pane-roles", Static).update(render.roles(card))
        for widget in ("#pane-holders", "#pane-holders-title"):
            self.query_one(widget).display = bool(card.holders)
        self.query_one("#pane-holders", Static).update(render.holders(card))
        related = self.query_one("#pane-related", OptionList)
        related.clear_options()
        related.add_options(
            Option(Text.assemble(one_line(ref.name), (f"  {one_line(ref.type)}", "dim"), no_wrap=True,
                                 overflow="ellipsis"), id=ref.id)
            for ref in card.related)
        related.highlighted = 0 if card.related else None
        for widget in ("#pane-related", "#pane-related-title"):
            self.query_one(widget).display = bool(card.related)
        self.query_one("#pane-related-title", Label).update(
            "In this period — enter to open" if card.type == "date" else "Related — enter to open")
        for widget in ("#pane-sources", "#pane-sources-title"):
            self.query_one(widget).display = bool(card.sources)
        self.query_one("#pane-sources", Static).update(render.sources(card))
        reviewed = self.query_one("#pane-reviewed", Static)
        reviewed.display = bool(card.reviewed)
        reviewed.update(Text(card.reviewed, style="dim"))
        self.query_one("#pane-count", Static).update(Text(card.mentions_line, style="dim"))
        self.scroll_home(animate=False)
        self.refresh_bindings()

    def _show_occurrences(self, occurrences: Occurrences | None) -> None:
        mentions = self.query_one("#pane-mentions", OptionList)
        mentions.clear_options()
        shown = bool(occurrences and occurrences.lines)
        for widget in ("#pane-mentions-title", "#pane-bar", "#pane-mentions"):
            self.query_one(widget).display = shown
        if occurrences is None or not shown:
            return
        self.query_one(MentionBar).show([offset for offset, _, _ in occurrences.lines], occurrences.length)
        mentions.add_options(Option(line, id=str(index)) for _, index, line in occurrences.lines)
        mentions.highlighted = 0

    def reset(self) -> None:
        self.history.clear()
        self.ahead.clear()
        self.card = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the highlighted line of a list in view as the arrows move it down the pane."""
        event.stop()
        options = event.option_list
        if options.highlighted is not None and options.region.height:
            # One line an option (their prompts do not wrap), less what the list has scrolled itself.
            line = min(options.highlighted - round(options.scroll_offset.y), options.region.height - 1)
            y = options.region.y - self.region.y + round(self.scroll_offset.y) + max(line, 0)
            self.scroll_to_region(Region(0, y, 1, 1), animate=False, immediate=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "pane-mentions" and event.option.id:
            self.post_message(MentionChosen(int(event.option.id)))
        elif event.option.id:
            self.post_message(EntryRequested(event.option.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.history)
        if action == "forward":
            return bool(self.ahead)
        if action == "open_source":
            return self.link is not None
        return True

    @property
    def link(self) -> str | None:
        """Where `o` goes: the card's first source that is a safe web address (its Wikipedia article)."""
        if self.card is None:
            return None
        return next((s.url for s in self.card.sources if link_target(s.url)), None)

    def action_open_source(self) -> None:
        if self.link is not None:
            self.app.open_url(self.link)
            self.notify(f"Opening {one_line(self.link)}", timeout=3, markup=False)

    def action_back(self) -> None:
        self._walk(self.history, self.ahead)

    def action_forward(self) -> None:
        self._walk(self.ahead, self.history)

    def _walk(self, source: list[str], other: list[str]) -> None:
        """Show the last entry of `source`, keeping the one shown now at the end of `other`."""
        if source:
            if self.card is not None:
                other.append(self.card.id)
            self.card = None
            self.post_message(EntryRequested(source.pop(), remember=False))
