"""A list to choose from, filtered as you type: the index (`i`) and the timeline (`t`).

Both show what the article mentions, one line each, and hand back the id of
the one chosen; the app then opens its pane and jumps to its first mention.
The rows are plain data (`Choice`), built by the app from the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.export.safe import one_line
from reader.linking.search import fold_for_search


@dataclass(frozen=True)
class Choice:
    """One row: what it opens, the group it is listed under, and what the reader sees."""

    id: str
    group: str
    label: str
    #: The dim text after the label: a count, a one-line summary.
    detail: str
    #: Sort keys for each order the list offers, by the order's name.
    keys: tuple[tuple[str, tuple], ...]
    #: Shown before the label in a fixed-width column (the timeline's year), or "".
    lead: str = ""


class ChooserScreen(ModalScreen[str | None]):
    """Type to filter, arrows to choose, `enter` to open; `ctrl+o` changes the order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="chooser.close"),
        Binding("ctrl+o", "next_order", "Order", id="chooser.order"),
        Binding("down", "cursor(1)", "Down", show=False, priority=True),
        Binding("up", "cursor(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "cursor(10)", "Page down", show=False, priority=True),
        Binding("pageup", "cursor(-10)", "Page up", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    ChooserScreen { align: center middle; }
    ChooserScreen > Vertical {
        width: 90%;
        max-width: 120;
        height: 90%;
        border: tall $accent;
        background: $surface;
        padding: 0 1;
    }
    ChooserScreen .chooser-title { text-style: bold; width: 1fr; }
    ChooserScreen .chooser-hint { color: $text-muted; width: 1fr; }
    ChooserScreen Input { margin: 1 0 0 0; }
    ChooserScreen OptionList { height: 1fr; border: none; background: $surface; padding: 0; }
    """

    def __init__(self, title: str, choices: list[Choice], orders: tuple[str, ...], *, grouped: bool = True,
                 empty: str = "Nothing to list.") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.orders = orders
        self.order = orders[0]
        self.grouped = grouped
        self.empty = empty
        self._folded = {c.id: fold_for_search(c.label) for c in choices}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="chooser-title")
            yield Label(self._hint(), classes="chooser-hint", id="chooser-hint")
            yield Input(placeholder="Type to filter", id="chooser-filter")
            yield OptionList(id="chooser-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(Input).focus()

    def _hint(self) -> str:
        others = [o for o in self.orders if o != self.order]
        order = f" · ctrl+o: by {others[0]}" if others else ""
        return f"By {self.order}{order} · ↑↓ choose · enter opens · escape closes"

    @property
    def shown(self) -> list[Choice]:
        """The choices that match the filter, in the current order."""
        needle = " ".join(fold_for_search(self.query_one(Input).value).split())
        chosen = [c for c in self.choices if needle in self._folded[c.id]]
        return sorted(chosen, key=lambda c: dict(c.keys)[self.order])

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        shown = self.shown
        if not shown:
            options.add_option(Option(Text(self.empty if not self.choices else "No match.", style="dim"),
                                      disabled=True))
            return
        # One line a row, cut to the list's width (before the first layout, to the screen's).
        width = (options.size.width or self.app.size.width * 9 // 10 - 6) - 3
        group = None
        for choice in shown:
            if self.grouped and choice.group != group:
                group = choice.group
                options.add_option(Option(Text(one_line(group), style="bold"), disabled=True))
            line = Text()
            if choice.lead:
                line.append(f"{one_line(choice.lead):>9}  ", style="bold")
            line.append(one_line(choice.label))
            if choice.detail:
                line.append(f"  {one_line(choice.detail)}", style="dim")
            line.truncate(max(width, 20), overflow="ellipsis")
            options.add_option(Option(line, id=choice.id))
        first = next((i for i, o in enumerate(options.options) if not o.disabled), None)
        options.highlighted = first

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id and not option.disabled:
                self.dismiss(option.id)

    def action_cursor(self, step: int) -> None:
        """Move the highlight while the keys stay in the filter, skipping the group headings."""
        options = self.query_one(OptionList)
        enabled = [i for i, o in enumerate(options.options) if not o.disabled]
        if not enabled:
            return
        at = enabled.index(options.highlighted) if options.highlighted in enabled else 0
        options.highlighted = enabled[max(0, min(len(enabled) - 1, at + step))]

    def action_next_order(self) -> None:
        self.order = self.orders[(self.orders.index(self.order) + 1) % len(self.orders)]
        self.query_one("#chooser-hint", Label).update(self._hint())
        self._fill()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
