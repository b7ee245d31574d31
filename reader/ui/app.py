"""The reader app: the article on the left, the context pane on the right.

The app holds the store and asks it for cards; the view and the pane only
post messages and receive what to show. Problems with the database or the
annotation are reported in the app, which stays usable; a bug closes it with
one line naming its crash log (see `crash`).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from reader.crash import crash
from reader.errors import Crash, ReaderError
from reader.export.palette import type_variables
from reader.export.safe import displayable, one_line
from reader.formats.text import STDIN, Article
from reader.knowledge import dates
from reader.knowledge.card import PERIOD, UNKNOWN, Card, card, period_card, unknown_card
from reader.knowledge.model import TYPES, EntryRef
from reader.knowledge.store import Store
from reader.linking.mentions import Mention, annotate
from reader.linking.periods import describe
from reader.state import State
from reader.ui.annotator import annotate_text
from reader.ui.article_view import ArticleView, card_id
from reader.ui.chooser import Choice, ChooserScreen
from reader.ui.commands import EntryCommands
from reader.ui.context_pane import ContextPane
from reader.ui.lists import index_choices, timeline_choices
from reader.ui.messages import EntryRequested, MentionChosen, MentionSelected, PlaceChanged
from reader.ui.occurrences import Occurrences, snippet
from reader.ui.search_bar import SearchBar

#: Characters of text a screen shows at most, about: what is highlighted before the rest.
SCREENFUL = 12_000


def _place(percent: int) -> str:
    """How far through the reader is, in the footer: always as wide (`  5%`, `100%`), see `_show_place`."""
    return f"{percent:3d}%"


class ReaderScreen(Screen[None], inherit_bindings=False):
    """The default screen without Textual's "Copy selected text": the article is not selectable,
    so `?` does not offer it. Moving between the article and the pane is `tab` and `escape`."""

    #: Focused as the screen starts, so the footer's first frame shows the article's keys and is not
    #: composed again just after it.
    AUTO_FOCUS = "#article"

    def on_mount(self) -> None:
        # Textual hides the notifications' rack by setting its display once the screen has started, which
        # lays out the whole screen again just after the first frame, when a key is likely. Hidden from the
        # first layout, that setting changes nothing and lays out nothing; a notification still shows it.
        for rack in self.query("ToastRack"):
            if not rack.display:
                rack.display = False


class ReaderApp(App[None]):
    """Read one article with its people, places and history explained beside it."""

    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {EntryCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "move(1)", "Next", tooltip="The next highlight (an open pane follows)", priority=True,
                id="app.next"),
        Binding("shift+tab", "move(-1)", "Previous", priority=True, show=False, id="app.previous"),
        Binding("escape", "close_pane", "Close", id="app.close"),
        Binding("slash", "search", "Search", key_display="/", id="app.search"),
        Binding("i", "index", "Index", tooltip="Every entry the article mentions", id="app.index"),
        Binding("t", "timeline", "Timeline", tooltip="What the article mentions, oldest first", id="app.timeline"),
        Binding("c", "contents", "Contents", tooltip="The chapters or headings, to jump to one", id="app.contents"),
        Binding("right_square_bracket", "next_mention(1)", "Next mention", key_display="]", show=False,
                id="app.next_mention"),
        Binding("left_square_bracket", "next_mention(-1)", "Previous mention", key_display="[", show=False,
                id="app.previous_mention"),
        Binding("u", "toggle_unknown", "Unknown names", tooltip="Show or hide names no entry explains", show=False,
                id="app.unknown"),
        Binding("a", "alternative", "Other reading", id="app.alternative"),
        Binding("ctrl+p", "command_palette", "Find", tooltip="Find any entry, or a command", id="app.find"),
        Binding("question_mark", "toggle_keys", "Keys", key_display="?", id="app.keys"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, article: Article, store: Store, *, notes: list[str] | None = None,
                 date: str | None = None, resume: bool = True) -> None:
        super().__init__()
        self.article = article
        #: The place in each file and the theme, from the last session; saved on quitting.
        self.state = State.load()
        # before the app starts, so that its stylesheet is first made for this theme, not made again for it
        if self.state.theme in self.available_themes:
            self.theme = self.state.theme
        #: Whether to open at the place where the reader left this file.
        self.resume = resume and article.name != STDIN
        self.store = store
        #: The article's date (partial ISO): nothing that began after it is linked.
        self.date = date
        #: Notes about the context (why it was not rebuilt), said on the command line before the
        #: app started and repeated where the reader sees them.
        self.notes = notes or []
        #: How often the article mentions each entry, by entry id.
        self.mention_counts: Counter[str] = Counter()
        #: How often the article names each year or period, by period id (`1945`, `1930s`).
        self.period_counts: Counter[str] = Counter()
        #: How often the article uses each name that no entry explains.
        self.unknown_counts: Counter[str] = Counter()
        #: Every mention found, unknown names included; the view shows them unless `u` hid them.
        self.all_mentions: list[Mention] = []
        self.show_unknown = True
        #: An EntryRef for every entry the article mentions, by id.
        self.mentioned: dict[str, EntryRef] = {}
        #: The whole text's annotation has come (or failed): the reader is open and nothing waits.
        self.settled = False
        #: The one-line error of a bug that closed the app; `reader open` reports it.
        self.crash: Crash | None = None

    def get_default_screen(self) -> Screen[None]:
        # The width's class (`-narrow`, `-wide`) from the start: Textual gives it at the screen's first
        # resize, just after the first frame, and a new class restyles every widget when a key is likely.
        width = self.size.width
        classes = [name for breakpoint, name in self.HORIZONTAL_BREAKPOINTS if width >= breakpoint][-1:]
        return ReaderScreen(id="_default", classes=" ".join(classes))

    def action_command_palette(self) -> None:
        """The palette, saying what it finds: entries first, and still the app's own commands."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(
                placeholder="Find an entry, or a command (theme, smooth scrolling, keys, quit)…",
                id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, and the reader's one setting besides the theme."""
        yield from super().get_system_commands(screen)
        now = "on" if self.state.smooth_scrolling else "off"
        yield SystemCommand("Smooth scrolling", f"Animate the scrolling keys, or move at once (now {now})",
                            self.action_toggle_smooth_scrolling)

    def action_toggle_smooth_scrolling(self) -> None:
        """Turn the scrolling keys' animation on or off, for this file and the next."""
        self.state.smooth_scrolling = not self.state.smooth_scrolling
        self.query_one(ArticleView).smooth = self.state.smooth_scrolling
        self.state.save()
        self.notify(f"Smooth scrolling {'on' if self.state.smooth_scrolling else 'off'}", timeout=3)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and one readable colour per entry type (`$reader-person`...)."""
        variables = super().get_css_variables()
        return {**variables, **type_variables(variables)}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ArticleView(displayable(self.article.text), structure=self.article.structure, id="article")
            pane = ContextPane(id="pane")
            pane.display = False  # hidden from the first layout on, not laid out again after the first frame
            yield pane
        with Vertical(id="bottom"):
            yield SearchBar(id="search")
            with Horizontal(id="footer-row"):
                yield Footer(compact=True, show_command_palette=False)
                yield Static(" " * len(_place(100)), id="status")  # as wide as the place it will show

    def on_mount(self) -> None:
        # A worker annotating an article, or reading a book's highlights from the annotating process, holds
        # the interpreter lock in slices of this many seconds; at the default 5 ms a frame that needs it a
        # dozen times waits tens of milliseconds for each key.
        sys.setswitchinterval(0.001)
        self.query_one(ArticleView).smooth = self.state.smooth_scrolling
        self.title = one_line(self.article.title)
        if self.date:  # what "as of" means in every pane
            self.title += f" · {dates.display(self.date)}"
        self.sub_title = "finding entries…"
        if self.article.note:
            self.notify(one_line(self.article.note), title=one_line(self.article.title), severity="warning",
                        timeout=10, markup=False)
        for line in self.notes:
            self.notify(one_line(line), title="Note", severity="warning", timeout=10, markup=False)
        place = self.state.place(self.article.name) if self.resume else None
        if place:
            self.call_after_refresh(self.query_one(ArticleView).scroll_to_offset, place)
        self._highlight_screen(place or 0)
        # Draw the text first: annotating the rest of a book takes a moment.
        self.call_after_refresh(self.find_mentions)

    def _highlight_screen(self, top: int) -> None:
        """Highlight the screen the reader opens on before its first frame: a screenful of text is
        linked in a few milliseconds, and the whole text's mentions replace these when they come."""
        text = self.article.linkable
        lo = max(0, top - SCREENFUL // 4)
        try:
            found = [replace(m, start=m.start + lo, end=m.end + lo)
                     for m in annotate(text[lo:top + SCREENFUL], self.store, date=self.date)]
            types = {entry_id: ref.type for entry_id, ref in
                     self.store.refs({m.entry_id for m in found if m.kind == "entry"}).items()}
        except ReaderError:
            return  # the whole text's annotation reports it
        self.query_one(ArticleView).set_mentions(found, types)

    async def action_quit(self) -> None:
        """Remember the place in this file and the theme, then quit."""
        if self.article.name != STDIN:
            self.state.remember(self.article.name, self.query_one(ArticleView).top_offset)
        self.state.theme = self.theme
        self.state.save()
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """A bug: save its traceback and close with one line naming the log, not the traceback."""
        self.crash = crash(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    @work(thread=True, exclusive=True)
    def find_mentions(self) -> None:
        """Annotate the whole text off the interface (in a process of its own for a book, see
        `annotator`), so that keys are answered while it is read; then show it all at once."""
        worker = get_current_worker()
        done = annotate_text(self.article.linkable, self.store.path, self.date, lambda: worker.is_cancelled)
        if done is None:
            return
        if done.problem is not None:
            self.call_from_thread(self._report, done.problem)
            return
        self.call_from_thread(self._show_mentions, done.mentions, done.refs)

    def prewrap(self) -> None:
        """Wrap the article for the width it will have when the pane opens (or closes), ahead of need,
        so that on a book the pane opens at once; in a narrow terminal the pane covers the article."""
        if self.screen.has_class("-narrow"):
            return
        view = self.query_one(ArticleView)
        available = view.scrollable_content_region.width
        pane = self._pane_width()
        view.prewrap(available + pane if self.query_one(ContextPane).display else available - pane)

    def on_resize(self) -> None:
        # not while the reader opens (resized twice before the first frame): the other width is
        # wrapped once the text is annotated, when the view's own rows are drawn and nothing waits
        if self.settled:
            self.prewrap()

    def on_article_view_rewrapped(self) -> None:
        self.prewrap()

    def _report(self, line: str) -> None:
        self.settled = True
        self.prewrap()
        self.sub_title = "no highlights"
        self.notify(line, severity="error", timeout=15, markup=False)

    def _show_mentions(self, mentions: list[Mention], refs: dict[str, EntryRef]) -> None:
        self.settled = True
        self.all_mentions = mentions
        self.mention_counts = Counter(m.entry_id for m in mentions if m.kind == "entry")
        self.period_counts = Counter(m.entry_id for m in mentions if m.kind == "date")
        self.unknown_counts = Counter(m.entry_id for m in mentions if m.kind == "unknown")
        self.mentioned = refs
        self._show_in_view()
        view = self.query_one(ArticleView)
        self._show_place(view.percent, view.hits_line)
        self.prewrap()
        entries = len(self.mention_counts)
        if entries:
            self.sub_title = f"{entries} entr{'y' if entries == 1 else 'ies'} mentioned · tab to step through them"
        elif self.unknown_counts:
            self.sub_title = (f"no entry in the context is named here · {len(self.unknown_counts)} names "
                              "without one are marked faintly")
        else:
            self.sub_title = "no entry in the context is named here"

    def _show_in_view(self) -> None:
        shown = self.all_mentions if self.show_unknown else [m for m in self.all_mentions if m.kind != "unknown"]
        self.query_one(ArticleView).set_mentions(shown, {eid: ref.type for eid, ref in self.mentioned.items()})

    def action_toggle_unknown(self) -> None:
        """Show or hide the faint marks on names that no entry explains."""
        self.show_unknown = not self.show_unknown
        self._show_in_view()
        self.notify(f"Unknown names {'shown' if self.show_unknown else 'hidden'} (u)", timeout=3)

    # --- search and place ------------------------------------------------------------------

    def _uncover_article(self) -> None:
        """In a narrow terminal the open pane covers the article: close it before going to the text."""
        if self.screen.has_class("-narrow") and self.query_one(ContextPane).display:
            self.action_close_pane()

    def _pane_width(self) -> int:
        """The pane's width as the layout sizes it: the whole screen when narrow, else its 40%."""
        return self.size.width if self.screen.has_class("-narrow") else self.size.width * 2 // 5

    def action_search(self) -> None:
        self._uncover_article()
        self.query_one(SearchBar).open()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        event.stop()
        bar = self.query_one(SearchBar)
        bar.display = False
        view = self.query_one(ArticleView)
        view.focus()
        if not event.value.strip():
            view.action_clear_search()
        elif not view.search(event.value):
            self.notify(f"No match for {one_line(event.value)!r}", timeout=4, markup=False)

    def on_place_changed(self, message: PlaceChanged) -> None:
        self._show_place(message.percent, message.hits)

    def _show_place(self, percent: int, hits: str) -> None:
        """The footer's right end: the search hit the reader is on and how far through they are.

        Laid out again only when its length changes: every scroll moves the percentage, and a layout of
        the whole screen would make each key wait for it. So the percentage keeps its width (`  5%`,
        `100%`): `end` pressed as a book opens is not held up by the footer growing a digit."""
        status = self.query_one("#status", Static)
        shown = " · ".join(part for part in (hits, _place(percent)) if part)
        status.update(shown, layout=len(shown) != len(str(status.content)))

    # --- pane ----------------------------------------------------------------------------

    def show_entry(self, entry_id: str, *, remember: bool = True, alternative: str | None = None) -> None:
        """Show an entry's card (or a period's, or an unknown name's); `alternative` is a close call's runner-up."""
        if entry_id.startswith(UNKNOWN):
            name = entry_id.removeprefix(UNKNOWN)
            import shlex  # for this message alone, not at start-up

            command = f"reader context new {shlex.quote(name)} --type TYPE (one of {', '.join(TYPES)})"
            self._show_card(unknown_card(name, self.unknown_counts[name], command), remember)
            return
        if entry_id.startswith(PERIOD):
            self.show_period(entry_id.removeprefix(PERIOD), remember=remember)
            return
        try:
            entry = self.store.entry(entry_id)
            related = self.store.related(entry) if entry is not None else []
            holders = self.store.holders(entry_id) if entry is not None else []
        except ReaderError as error:
            self.notify(one_line(str(error)), severity="error", timeout=15, markup=False)
            return
        if entry is None:
            self.notify(one_line(f"{entry_id} is not in the context database"), severity="error", markup=False)
            return
        other = self.store.refs([alternative]).get(alternative) if alternative else None
        self._show_card(card(entry, related, self.mention_counts[entry_id], other, holders, self.date), remember)

    def show_period(self, period_id: str, *, remember: bool = True) -> None:
        """The pane for a year or period: what the context holds that is dated within it."""
        described = describe(period_id)
        if described is None:
            return
        label, first, last = described
        try:
            dated = self.store.dated_within(first, last)
        except ReaderError as error:
            self.notify(one_line(str(error)), severity="error", timeout=15, markup=False)
            return
        self._show_card(period_card(period_id, label, dated, set(self.mention_counts),
                                    self.period_counts[period_id]), remember)

    def _show_card(self, shown: Card, remember: bool) -> None:
        pane = self.query_one(ContextPane)
        pane.display = True
        self.screen.add_class("-pane-open")
        pane.show(shown, remember=remember, occurrences=self._occurrences(shown.id))
        self.query_one(ArticleView).mark(shown.id)

    def _occurrences(self, shown_id: str) -> Occurrences | None:
        """Every mention of the card's entry in the article, with a line of text around each."""
        view = self.query_one(ArticleView)
        # One line each: as wide as the pane's text, which the layout may not have sized yet.
        width = max(self._pane_width() - 8, 20)  # less the border, the padding and two scroll bars
        found = [(view.mentions[i].start, i, snippet(view.text, view.mentions[i].start, view.mentions[i].end, width))
                 for i in view.indices_of(shown_id)]
        return Occurrences(tuple(found), len(view.text)) if found else None

    def open_entry(self, entry_id: str, alternative: str | None = None) -> None:
        """Open the pane on an entry, a fresh history if it was closed, and give it the keys."""
        pane = self.query_one(ContextPane)
        if not pane.display:
            pane.reset()
        self.show_entry(entry_id, alternative=alternative)
        related = self.query_one("#pane-related")
        (related if related.display else pane).focus()

    def jump_to(self, shown_id: str) -> None:
        """Open a card (an entry's, a year's) and, if the article mentions it, put the cursor on the
        first mention."""
        view = self.query_one(ArticleView)
        same = view.indices_of(shown_id)
        if same:
            view.select(same[0])
        self.open_entry(shown_id)

    def on_mention_selected(self, message: MentionSelected) -> None:
        self.open_entry(card_id(message.mention), message.mention.alternative)

    def on_mention_chosen(self, message: MentionChosen) -> None:
        """A line in the pane's list of mentions: go there (in a narrow terminal, out of the pane)."""
        view = self.query_one(ArticleView)
        if 0 <= message.index < len(view.mentions):
            self._uncover_article()
            view.select(message.index)

    def action_next_mention(self, step: int) -> None:
        """`]` / `[`: the next or previous mention of the entry the pane shows, wrapping."""
        pane = self.query_one(ContextPane)
        view = self.query_one(ArticleView)
        if not pane.display or pane.card is None:
            return
        target = view.step_from_here(step, view.indices_of(pane.card.id))
        if target is not None:
            self._uncover_article()
            view.select(target)

    # --- index and timeline -------------------------------------------------------------

    def action_index(self) -> None:
        """Every entry the article mentions, by type, with its count and first sentence (Kindle's X-Ray)."""
        choices = index_choices(self.mention_counts, self.mentioned, self._first_seen(), self._summaries())
        self.push_screen(ChooserScreen(
            f"Index · {len(self.mention_counts)} entries mentioned", choices,
            ("count", "first appearance"), empty="The reader found no known names in this article."),
            self._chosen)

    def action_timeline(self) -> None:
        """Every dated entry the article mentions, and the years it names, oldest first."""
        choices = timeline_choices(self.mention_counts, self.mentioned, self.period_counts, self._first_seen(),
                                   self._summaries())
        self.push_screen(ChooserScreen(
            f"Timeline · {len(choices)} dated", choices, ("date",), grouped=False,
            empty="Nothing the article mentions is dated."), self._chosen)

    def action_contents(self) -> None:
        """The chapters of a book or the top headings of a page; choosing one goes there."""
        length = max(len(self.article.text), 1)
        choices = [Choice(id=str(i), group="", label=chapter.title, detail="",
                          lead=f"{100 * chapter.start // length}%", keys=(("position in the text", (i,)),))
                   for i, chapter in enumerate(self.article.chapters)]
        self.push_screen(ChooserScreen(f"Contents · {len(choices)}", choices, ("position in the text",),
                                       grouped=False),
                         self._chapter_chosen)

    def _chapter_chosen(self, chosen: str | None) -> None:
        if chosen is not None:
            self._uncover_article()
            view = self.query_one(ArticleView)
            view.scroll_to_offset(self.article.chapters[int(chosen)].start)
            view.focus()

    def _first_seen(self) -> dict[str, int]:
        """The index of each card's first mention, for ordering by first appearance."""
        first: dict[str, int] = {}
        for i, mention in enumerate(self.all_mentions):
            first.setdefault(card_id(mention), i)
        return first

    def _summaries(self) -> dict[str, str]:
        try:
            return self.store.summaries(self.mention_counts)
        except ReaderError as error:  # a damaged database: the lists still name every entry
            self.notify(one_line(str(error)), severity="error", timeout=15, markup=False)
            return {}

    def _chosen(self, shown_id: str | None) -> None:
        if shown_id is not None:
            self.jump_to(shown_id)

    def on_entry_requested(self, message: EntryRequested) -> None:
        self.show_entry(message.entry_id, remember=message.remember)

    def action_close_pane(self) -> None:
        pane = self.query_one(ContextPane)
        pane.display = False
        pane.reset()
        self.query_one(ArticleView).mark(None)
        self.screen.remove_class("-pane-open")
        self.query_one(ArticleView).focus()

    def action_move(self, step: int) -> None:
        view = self.query_one(ArticleView)
        self._uncover_article()
        view.focus()
        view.move_cursor(step)
        pane = self.query_one(ContextPane)
        if pane.display and view.current is not None:  # an open pane follows the cursor
            pane.reset()
            self.show_entry(card_id(view.current), alternative=view.current.alternative)

    def action_toggle_keys(self) -> None:
        # by its type's name: the panel's module (Markdown, pygments) is imported only when it is shown
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def _close_call(self) -> EntryRef | None:
        """The other reading of the close call the open pane shows, if it shows one."""
        pane = self.query_one(ContextPane)
        return pane.card.alternative if pane.display and pane.card is not None else None

    def action_alternative(self) -> None:
        """Open the other reading of a close call, keeping this one for `backspace`."""
        other = self._close_call()
        if other is not None:
            self.show_entry(other.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_pane":
            return self.screen.has_class("-pane-open")
        if action == "alternative":
            return self._close_call() is not None
        if action == "contents":
            return bool(self.article.chapters)
        if action == "next_mention":
            pane = self.query_one(ContextPane)
            return pane.display and pane.card is not None and bool(pane.card.mentions)
        return True

