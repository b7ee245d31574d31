"""The reader app: the article on the left, the context pane on the right.

The app holds the store and asks it for entries; the view and the pane only
post messages and receive what to show.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, HelpPanel

from reader.article import Article, displayable
from reader.errors import ReaderError
from reader.knowledge.store import Store
from reader.linking.mentions import Mention, annotate
from reader.ui.article_view import ArticleView
from reader.ui.commands import EntryCommands
from reader.ui.context_pane import ContextPane, PaneContent
from reader.ui.messages import EntryRequested, MentionSelected


class ReaderApp(App[None]):
    """Read one article with its people, places and history explained beside it."""

    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {EntryCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "move(1)", "Next", priority=True, id="app.next"),
        Binding("shift+tab", "move(-1)", "Previous", priority=True, id="app.previous"),
        Binding("escape", "close_pane", "Close", id="app.close"),
        Binding("question_mark", "toggle_keys", "Keys", key_display="?", id="app.keys"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, article: Article, store: Store) -> None:
        super().__init__()
        self.article = article
        self.store = store
        self.mention_counts: Counter[str] = Counter()
        #: (name, type) of every entry the article mentions, by id.
        self.mentioned: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleView(displayable(self.article.text), id="article")
            yield ContextPane(id="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.article.name
        self.sub_title = "finding entries…"
        self.query_one(ContextPane).display = False
        self.query_one(ArticleView).focus()
        if self.article.note:
            self.notify(self.article.note, title=self.article.name, severity="warning", timeout=8)
        # Draw the text first: annotating a book holds the interpreter for a moment.
        self.call_after_refresh(self.find_mentions)

    @work(thread=True, exclusive=True)
    def find_mentions(self) -> None:
        """Annotate off the UI thread so a book opens at once and highlights follow."""
        try:
            store = Store(self.store.path)  # sqlite connections stay in their thread
            try:
                mentions = annotate(self.article.text, store)
                names = store.names({m.entry_id for m in mentions})
            finally:
                store.close()
        except ReaderError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        self.call_from_thread(self._show_mentions, mentions, names)

    def _show_mentions(self, mentions: list[Mention], names: dict[str, tuple[str, str]]) -> None:
        self.mention_counts = Counter(m.entry_id for m in mentions)
        self.mentioned = names
        self.query_one(ArticleView).set_mentions(mentions, {eid: kind for eid, (_, kind) in names.items()})
        entries = len(self.mention_counts)
        self.sub_title = f"{entries} entr{'y' if entries == 1 else 'ies'} mentioned · tab to step through them"

    # --- pane ----------------------------------------------------------------------------

    def show_entry(self, entry_id: str, *, remember: bool = True) -> None:
        entry = self.store.entry(entry_id)
        if entry is None:
            self.notify(f"{entry_id} is not in the context database", severity="error")
            return
        related = tuple(self.store.related(entry))
        pane = self.query_one(ContextPane)
        pane.display = True
        self.screen.add_class("-pane-open")
        pane.show(PaneContent(entry, related, self.mention_counts[entry_id]), remember=remember)

    def open_entry(self, entry_id: str) -> None:
        """Open the pane on an entry, a fresh history if it was closed, and give it the keys."""
        pane = self.query_one(ContextPane)
        if not pane.display:
            pane.reset()
        self.show_entry(entry_id)
        related = self.query_one("#pane-related")
        (related if related.display else pane).focus()

    def jump_to(self, entry_id: str) -> None:
        """Open an entry's card and, if the article mentions it, put the cursor on the first mention."""
        view = self.query_one(ArticleView)
        first = next((i for i, m in enumerate(view.mentions) if m.entry_id == entry_id), None)
        if first is not None:
            view.select(first)
        self.open_entry(entry_id)

    def on_mention_selected(self, message: MentionSelected) -> None:
        self.open_entry(message.mention.entry_id)

    def on_entry_requested(self, message: EntryRequested) -> None:
        self.show_entry(message.entry_id, remember=message.remember)

    def action_close_pane(self) -> None:
        pane = self.query_one(ContextPane)
        pane.display = False
        pane.reset()
        self.screen.remove_class("-pane-open")
        self.query_one(ArticleView).focus()

    def action_move(self, step: int) -> None:
        view = self.query_one(ArticleView)
        if self.screen.has_class("-narrow") and self.query_one(ContextPane).display:
            self.action_close_pane()
        view.focus()
        view.move_cursor(step)

    def action_toggle_keys(self) -> None:
        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_pane":
            return self.screen.has_class("-pane-open")
        return True
