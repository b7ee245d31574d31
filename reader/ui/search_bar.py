"""The search line (`/`): a one-line input above the footer, as in less and vim."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class SearchBar(Input):
    """Type a phrase and `enter`; `escape` gives the keys back to the article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel search", id="search.cancel"),
    ]
    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        border: none;
        padding: 0 1;
        display: none;
    }
    SearchBar:focus { border: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the article (enter to find, escape to cancel)", id=id,
                         select_on_focus=True)

    def open(self) -> None:
        self.display = True
        self.focus()

    def action_cancel(self) -> None:
        self.display = False
        self.app.query_one("#article").focus()
