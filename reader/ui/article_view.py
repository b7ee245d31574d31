"""The article, drawn one screen row at a time with Textual's Line API.

Only the rows on screen are rendered, from offsets computed by `wrap`, so a
book-length text costs no more to draw than a short article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import partial
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.export.palette import TYPE_COLOURS, known, type_css
from reader.formats.structure import KINDS as STRUCTURE
from reader.formats.structure import Span, SpanIndex
from reader.knowledge.card import PERIOD, UNKNOWN
from reader.linking.mentions import Mention
from reader.linking.search import Hit, Searchable, first_from
from reader.ui.messages import MentionSelected, PlaceChanged
from reader.ui.wrap import Row, Rows, first_part, reflow_length, row_of, wrap

#: The longest line, in columns, while lines are kept to a comfortable length (`w`).
MEASURE = 88
#: How many widths' rows are kept: the pane open, the pane closed, and one more.
KEPT_WRAPS = 3
#: From this many characters, the first frame wraps only the text's opening and its end (`FIRST_PART`
#: characters each, to a paragraph's end) and the rest is wrapped a stretch at a time between frames;
#: a book's first screen then waits on a few hundred rows, not on all of them.
LAZY_WRAP = 200_000
FIRST_PART = 20_000
#: Characters wrapped at each step of the rest (about five milliseconds' work), and the pause between steps.
REST_STEP = 60_000
REST_PAUSE = 0.004
#: How long a smooth scroll takes, in seconds, however far it goes.
SMOOTH_SCROLL = 0.25


def card_id(mention: Mention) -> str:
    """The id of the card a mention opens: an entry's id, or a year's or an unknown name's."""
    return {"date": PERIOD, "unknown": UNKNOWN}.get(mention.kind, "") + mention.entry_id


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article text with its mentions highlighted and a cursor to step through them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--{kind}" for kind in TYPE_COLOURS), "article-view--cursor",
        "article-view--hit", "article-view--hit-current", "article-view--marked",
        *(f"article-view--{kind}" for kind in STRUCTURE),
    }
    # Not inherited: the article never scrolls sideways, so the help lists only what works.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "explain", "Explain", tooltip="Open the highlight under the cursor (or click one)",
                id="article.explain"),
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="article.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="article.up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("end", "scroll_end", "End", show=False, id="article.end"),
        Binding("w", "toggle_measure", "Line width", show=False, tooltip="Comfortable line length, or full width",
                id="article.measure"),
        Binding("n", "next_hit(1)", "Next hit", id="article.next_hit"),
        Binding("N", "next_hit(-1)", "Previous hit", key_display="N", show=False, id="article.previous_hit"),
        Binding("escape", "clear_search", "Clear search", id="article.clear_search"),
    ]
    DEFAULT_CSS = type_css("ArticleView > .article-view") + """
    ArticleView {
        padding: 0 2;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    ArticleView > .article-view--cursor { background: $accent 40%; text-style: bold reverse; }
    ArticleView > .article-view--marked { text-style: bold underline; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--emphasis { text-style: italic; }
    ArticleView > .article-view--strong { text-style: bold; }
    ArticleView > .article-view--quote { text-style: italic; color: $text-muted; }
    ArticleView > .article-view--link { text-style: underline; }
    ArticleView > .article-view--code { color: $text-muted; background: $boost; }
    ArticleView > .article-view--hit { background: $warning 35%; }
    ArticleView > .article-view--hit-current { background: $warning; color: $background; text-style: bold; }
    """

    class Rewrapped(Message):
        """The way the text wraps changed (`w`): the app wraps the pane's other width ahead again."""

    def __init__(self, text: str, *, structure: tuple[Span, ...] = (), id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        #: Scrolling keys animate (the reader's smooth-scrolling setting); off, a page turns at once.
        self.smooth = False
        #: The format's headings, emphasis, quotations, links and code, by the text they cover.
        self._structure = SpanIndex(structure)
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._types: dict[str, str] = {}
        self.cursor: int | None = None
        self._rows = Rows()
        #: While the text is wrapped in parts: the last part's rows, where they start, and the row count
        #: estimated for the whole (see `_rewrap`).
        self._tail = Rows()
        self._tail_from = len(text)
        self._estimate = 0
        #: The rest being wrapped: its width, where the rows so far end, and the rows.
        self._rest: tuple[int, int, Rows] = (0, 0, Rows())
        self._wrap_width = 0
        #: Rows by wrap width, for the widths the reader moves between (pane open, pane closed), some
        #: wrapped ahead of need (`prewrap`).
        self._wraps: dict[int, Rows] = {}
        #: The wrap ahead under way (`prewrap`): what names it, its width, where its rows so far end, and the rows.
        self._ahead: tuple[object, int, int, Rows] = (None, 0, 0, Rows())
        #: Hard-wrapped text (Project Gutenberg, email) is shown as paragraphs, joined on lines this long.
        self._typical = reflow_length(text)
        self.reflow = self._typical > 0
        #: While only the text's opening is wrapped: where that part ends (None once every row is there).
        self._partial: int | None = None
        #: Lines no wider than MEASURE columns, centred (`w` toggles).
        self.measure = True
        #: The height of the screen last drawn: what the reader saw before a resize.
        self._drawn_height = 0
        #: Finished rows, keyed by row, width and the cursor's mention when it is on the row.
        self._cache: LRUCache[tuple[int, int, int | None], Strip] = LRUCache(1024)
        self._searchable: Searchable | None = None
        #: The hits of the last search, in order, and the one the reader is on.
        self.hits: list[Hit] = []
        self._hit_ends: list[int] = []
        self.hit: int | None = None
        #: The card the pane shows: its mentions are marked while it is open.
        self.marked: str | None = None
        self._base: Style | None = None

    # --- data coming down from the app -------------------------------------------------

    def set_mentions(self, mentions: list[Mention], types: dict[str, str]) -> None:
        """Show these mentions; `types` maps entry ids to their type, for colour. A cursor on a
        mention that is still there stays on it (the first highlights come before the rest)."""
        old = self.current
        self.mentions = mentions
        self._starts = [m.start for m in mentions]
        self._ends = [m.end for m in mentions]
        self._types = types
        self.cursor = None
        if old is not None:
            at = bisect_left(self._starts, old.start)
            if at < len(mentions) and mentions[at].start == old.start:
                self.cursor = at
        self._cache.clear()
        self.refresh()

    def mark(self, shown_id: str | None) -> None:
        """Mark every mention of the card the pane shows (None: the pane closed)."""
        if shown_id != self.marked:
            self.marked = shown_id
            self._cache.clear()
            self.refresh()

    @property
    def current(self) -> Mention | None:
        return None if self.cursor is None else self.mentions[self.cursor]

    # --- layout ------------------------------------------------------------------------

    def _rewrap(self, available: int | None = None) -> None:
        """Wrap again when the width changed (`available`, the view's content width, when the caller has
        it); not before the view has a size.

        The rows move when the text re-wraps (the pane opens, the terminal is
        resized), so the view is anchored on text, not on a row number: the
        line that was at the top stays at the top, and a cursor that was on
        screen stays on it. A book opened at its start shows its first rows
        while the rest are wrapped between frames (`LAZY_WRAP`).
        """
        width = self.wrap_width(self.scrollable_content_region.width if available is None else available)
        if width > 0 and width != self._wrap_width:
            anchor = self.top_offset if self._rows else None
            keep = next((offset for offset in self._focus_points()
                         if self._on_screen_offset(offset, self._drawn_height)), None)
            self._wrap_width = width
            rows = self._kept(width)
            cut = first_part(self.text, self.reflow, FIRST_PART) if rows is None and not anchor else 0
            if rows is None and len(self.text) >= LAZY_WRAP and cut:
                self._show_rows(self._wrap_part(0, cut, width), partial=cut)
                self._wrap_tail()
                self._wrap_rest(width)
            else:
                self._show_rows(rows if rows is not None else self._wrapped(width))
            if anchor is not None:
                self.scroll_to_offset(anchor)
            if keep is not None:
                self._scroll_to_row(self._row_of(keep))
            self.call_after_refresh(self._report_place)  # not from inside a render

    def _show_rows(self, rows: Rows, partial: int | None = None) -> None:
        """Draw from these rows; with `partial`, they cover the text up to there, and the scroll bar is
        sized for the whole text from how many rows that part took."""
        self._rows, self._partial, self._tail, self._tail_from = rows, partial, Rows(), len(self.text)
        self._cache.clear()
        self._estimate = len(rows) if partial is None else max(len(rows), round(len(rows) * len(self.text) / partial))
        self.virtual_size = Size(self._wrap_width, self._estimate)

    def _wrap_tail(self) -> None:
        """While only the opening is wrapped, wrap the text's last part too, for `end`: its rows are the
        last of the estimated count, as the opening's are the first."""
        if self._partial is None or self._tail:
            return
        start = len(self.text) - FIRST_PART
        cut = first_part(self.text, self.reflow, start) if start > self._partial else 0
        if not cut:
            self._complete()
            return
        self._tail_from = cut + 1  # the line after the break
        self._tail = self._wrap_part(self._tail_from, len(self.text), self._wrap_width)
        # a book's opening and end (title page, contents, licence) wrap into more rows a character than
        # its body: the rows between them are estimated from a stretch of its middle
        lo = first_part(self.text, self.reflow, len(self.text) // 2)
        hi = first_part(self.text, self.reflow, lo + FIRST_PART) if lo else 0
        middle = len(self._wrap_part(lo + 1, hi, self._wrap_width)) if hi else 0
        between = self._tail_from - self._partial
        per_char = middle / (hi - lo) if hi else len(self._rows) / self._partial
        self._estimate = len(self._rows) + len(self._tail) + max(round(per_char * between), 1)
        self.virtual_size = Size(self._wrap_width, self._estimate)
        self._cache.clear()

    def _wrap_rest(self, width: int) -> None:
        """Wrap the rest of the text a stretch at a time between the interface's own work, each taking
        a few milliseconds, so that a key pressed meanwhile waits for one stretch at most (a worker
        thread would share the interpreter lock with every frame for the whole book)."""
        self._rest = (width, self._partial, self._rows.copy())
        self.set_timer(REST_PAUSE, self._wrap_step)

    def _wrap_step(self) -> None:
        width, done, rows = self._rest
        if self._partial is None or width != self._wrap_width:
            return  # finished another way, or the width changed and a new wrap began
        stop = self._wrap_stretch(width, done, rows)
        if stop < len(self.text):
            self._rest = (width, stop, rows)
            self.set_timer(REST_PAUSE, self._wrap_step)  # a pause, in which the interface goes idle and paints
            return
        self._keep(width, rows)
        self._whole(width, rows)

    def _wrap_stretch(self, width: int, done: int, rows: Rows) -> int:
        """Add to `rows` the next stretch of the text, from the line after the break the stretch before
        ended on (`done`; 0 for the text's start), about REST_STEP characters to a break; where it ends."""
        start = done + 1 if done else 0
        stop = first_part(self.text, self.reflow, start + REST_STEP) or len(self.text)
        rows.extend(self._wrap_part(start, stop, width))
        return stop

    def _whole(self, width: int, rows: Rows) -> None:
        """Every row has come: draw from them, the line at the top and the cursor staying where they are."""
        if self._partial is None or width != self._wrap_width:
            return
        y = min(round(self.scroll_offset.y), self._count - 1)
        row = self._row(y, complete=False)
        # where no row was yet (the scroll bar dragged into the middle), the same share of the text
        top = row.start if row is not None else len(self.text) * y // max(self._count, 1)
        self._show_rows(rows)
        self.scroll_to(y=row_of(rows, top), animate=False)
        self.refresh()

    def _complete(self) -> None:
        """Wrap the rest now: the reader went where no row is yet (a search hit, a mention, a scroll)."""
        if self._partial is not None:
            self._whole(self._wrap_width, self._wrapped(self._wrap_width))

    @property
    def _count(self) -> int:
        """How many rows the text has: exactly, or while it is wrapped in parts, as estimated."""
        return len(self._rows) if self._partial is None else self._estimate

    def _row(self, index: int, *, complete: bool = True) -> Row | None:
        """Row `index`, wrapping the rest first (unless not to `complete`) when it lies where no row is
        yet; None past the end."""
        if self._partial is not None and index >= len(self._rows):
            first_tail = self._estimate - len(self._tail)
            if self._tail and first_tail <= index < self._estimate:
                return self._tail[index - first_tail]
            if not complete:
                return None
            self._complete()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def _row_of(self, offset: int) -> int:
        """The row holding text offset `offset`, wrapping the rest first when it lies where no row is yet."""
        if self._partial is not None and offset >= self._partial:
            if self._tail and offset >= self._tail_from:
                return self._estimate - len(self._tail) + row_of(self._tail, offset)
            self._complete()
        return row_of(self._rows, offset)

    def _focus_points(self) -> list[int]:
        """What the reader is looking at, first first: the search hit, then the cursor's mention."""
        points = []
        if self.hit is not None:
            points.append(self.hits[self.hit].start)
        if self.current is not None:
            points.append(self.current.start)
        return points

    def wrap_width(self, available: int) -> int:
        """The width the text is wrapped to in `available` columns: at most `MEASURE` while `w` keeps
        lines to a comfortable length."""
        return min(available, MEASURE) if self.measure else available

    def _wrap_part(self, start: int, stop: int, width: int) -> Rows:
        """The rows of text[start:stop] at `width`, at their offsets in the whole text. Cut at a break
        `first_part` chose, they are the whole text's rows there: its line length is the whole's."""
        part = wrap(self.text[start:stop], width, reflow=self.reflow, typical=self._typical)  # whole: no copy
        if not start:
            return part
        rows = Rows()
        rows.extend(part, start)
        return rows

    def _kept(self, width: int) -> Rows | None:
        """The rows at `width` if they were wrapped already (for the pane open or closed)."""
        return self._wraps.get(width)

    def _keep(self, width: int, rows: Rows) -> None:
        """Keep the rows at `width`, and those of the few widths used last."""
        self._wraps[width] = rows
        while len(self._wraps) > KEPT_WRAPS:
            del self._wraps[next(iter(self._wraps))]

    def _wrapped(self, width: int) -> Rows:
        """The rows at `width`, from the few widths kept (the pane open and closed), else wrapped now."""
        rows = self._kept(width)
        if rows is None:
            rows = self._wrap_part(0, len(self.text), width)
            self._keep(width, rows)
        return rows

    def prewrap(self, available: int) -> None:
        """Wrap for `available` columns ahead of need, so that opening the pane on a book takes a look-up,
        not a wrap of the whole book: a stretch at a time between frames, as the rest of a book is wrapped
        as it opens. (In a worker thread, the interface shared the interpreter lock with that wrap, and a
        key pressed as the book's highlights came waited twice as long.)"""
        width = self.wrap_width(available)
        if width > 0 and self._kept(width) is None and self._ahead[1] != width:
            self._ahead = (object(), width, 0, Rows())
            self._prewrap_step(self._ahead[0])

    def _prewrap_step(self, run: object) -> None:
        """One stretch of the wrap ahead that `run` names; none when another has begun since."""
        current, width, done, rows = self._ahead
        if run is not current:
            return
        if self._kept(width) is None:  # not wrapped meanwhile, the pane having opened first
            stop = self._wrap_stretch(width, done, rows)
            if stop < len(self.text):
                self._ahead = (run, width, stop, rows)
                self.set_timer(REST_PAUSE, partial(self._prewrap_step, run))
                return
            self._keep(width, rows)
        self._ahead = (None, 0, 0, Rows())

    def action_toggle_measure(self) -> None:
        """`w`: lines at most MEASURE columns, centred, or as wide as the view."""
        self.measure = not self.measure
        self.post_message(self.Rewrapped())
        self._rewrap()
        self._cache.clear()
        self.refresh()
        self.notify(f"Line width {'limited to ' + str(MEASURE) + ' columns' if self.measure else 'full'} (w)",
                    timeout=3)

    @property
    def _margin(self) -> int:
        """Columns left of the text, which centre it when it is narrower than the view."""
        return self._margin_in(self.scrollable_content_region.width)

    def _margin_in(self, available: int) -> int:
        """`_margin` for a view `available` columns wide: a row drawn knows the width already."""
        return max((available - self._wrap_width) // 2, 0)

    @property
    def top_offset(self) -> int:
        """The text offset of the line at the top of the screen: where the reader is."""
        if not self._rows:
            return 0
        row = self._row(min(round(self.scroll_offset.y), self._count - 1))
        return row.start if row is not None else 0

    def scroll_to_offset(self, offset: int) -> None:
        """Put the row holding text offset `offset` at the top of the screen."""
        self._rewrap()
        self.scroll_to(y=self._row_of(offset), animate=False)

    def on_mount(self) -> None:
        # A text with more characters than the screen has cells cannot fit on it: its scroll bar is there
        # from the first layout, rather than added by two more just after the first frame, which a key
        # pressed then would wait for.
        if len(self.text) > self.app.size.area:
            self.styles.overflow_y = "scroll"

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._base = None

    @property
    def _base_style(self) -> Style:
        """The view's own style, under every row: kept, as the rows drawn with it are, until the styles
        change. Textual works it out afresh from the widget's ancestors at each asking, which was a third
        of the time a row took to draw."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    # --- search ------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Mark every hit of `query` and go to the first from the top of the screen; the count."""
        if self._searchable is None:
            self._searchable = Searchable(self.text)
        self.hits = self._searchable.find(query)
        self._hit_ends = [h.end for h in self.hits]
        self.hit = None
        self._cache.clear()
        self.refresh()
        if self.hits:
            self._go_to_hit(first_from(self.hits, self.top_offset))
        self._report_place()
        return len(self.hits)

    def action_next_hit(self, step: int) -> None:
        if self.hits:
            start = self.hit if self.hit is not None else first_from(self.hits, self.top_offset) - step
            self._go_to_hit((start + step) % len(self.hits))

    def action_clear_search(self) -> None:
        self.hits, self._hit_ends, self.hit = [], [], None
        self._cache.clear()
        self.refresh()
        self._report_place()

    def _go_to_hit(self, index: int) -> None:
        self.hit = index
        self._cache.clear()
        self.refresh()
        self._scroll_to_row(self._row_of(self.hits[index].start))
        self._report_place()

    @property
    def hits_line(self) -> str:
        """`3/14` while a search's hits are shown, else ""."""
        if not self.hits:
            return ""
        return f"{(self.hit or 0) + 1}/{len(self.hits)}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "clear_search"):
            return bool(self.hits)
        return True

    # --- place -------------------------------------------------------------------------

    @property
    def percent(self) -> int:
        """How far through the text the bottom of the screen is."""
        if not self._rows:
            return 0
        total = self._count
        bottom = min(round(self.scroll_offset.y) + self.scrollable_content_region.height, total)
        return round(100 * bottom / total)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._report_place()

    def _report_place(self) -> None:
        self.post_message(PlaceChanged(self.percent, self.hits_line))

    # --- drawing -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        region = self.scrollable_content_region
        width = region.width
        self._rewrap(width)
        index = y + self.scroll_offset.y
        self._drawn_height = region.height
        row = self._row(index)
        if row is None:
            return Strip.blank(width, self._base_style)
        cursor = self.current
        on_row = cursor is not None and cursor.start < row.end and cursor.end > row.start
        key = (index, width, self.cursor if on_row else None)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, width)
            self._cache[key] = strip
        return strip

    def _render_row(self, row: Row, width: int) -> Strip:
        base = self._base_style
        # A reflowed row may hold the text's own line breaks: drawn as the spaces they stand for.
        text = Text(self.text[row.start:row.end].replace("\n", " "), base, no_wrap=True, end="")
        for span in self._structure.within(row.start, row.end):  # under the highlights
            text.stylize(self.get_component_rich_style(f"article-view--{span.kind}"),
                         max(span.start, row.start) - row.start, min(span.end, row.end) - row.start)
        # Mentions never overlap, so their ends are sorted like their starts.
        for i in range(bisect_right(self._ends, row.start), bisect_left(self._starts, row.end)):
            mention = self.mentions[i]
            kind = known(mention.kind if mention.kind != "entry" else self._types.get(mention.entry_id, "concept"))
            style = self.get_component_rich_style(f"article-view--{kind}")
            if self.marked is not None and card_id(mention) == self.marked:
                style += self.get_component_rich_style("article-view--marked")
            if i == self.cursor:
                style += self.get_component_rich_style("article-view--cursor")
            text.stylize(style, max(mention.start, row.start) - row.start, mention.end - row.start)
        for i in range(bisect_right(self._hit_ends, row.start), len(self.hits)):
            hit = self.hits[i]
            if hit.start >= row.end:
                break
            style = self.get_component_rich_style(
                "article-view--hit-current" if i == self.hit else "article-view--hit")
            text.stylize(style, max(hit.start, row.start) - row.start, min(hit.end, row.end) - row.start)
        margin = self._margin_in(width)
        segments = [Segment(" " * margin, base)] if margin else []
        # with spans, rich renders each under the text's own style; without, it leaves that style out
        segments += text.render(self.app.console) if text.spans else [Segment(text.plain, base)]
        used = margin + text.cell_len
        if used > width:  # not from the wrapping, which keeps every row within the view
            return Strip(segments).crop_extend(0, width, base)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        return Strip(segments, width)

    # --- cursor ------------------------------------------------------------------------

    def move_cursor(self, step: int) -> None:
        """Step to the next (1) or previous (-1) mention, wrapping, and scroll it into view.

        When the cursor is off the screen (the reader scrolled away), the step
        starts from the screen: the first mention on it, or the last before it.
        """
        new = self.step_from_here(step, range(len(self.mentions)))
        if new is not None:
            self.select(new)

    def step_from_here(self, step: int, among: Sequence[int]) -> int | None:
        """The next (1) or previous (-1) of the mention indices `among` (in order), wrapping, from the
        cursor if it is on screen, else from the top of the screen; None when there are none."""
        if not among:
            return None
        if self.cursor is not None and self._on_screen(self.mentions[self.cursor]):
            here = self.cursor + step / 2  # past the cursor's own mention
        else:
            here = bisect_left(self._starts, self.top_offset) - 0.5  # between the screen and what is above it
        at = bisect_left(among, here)
        return among[at % len(among)] if step > 0 else among[at - 1]

    def indices_of(self, shown_id: str) -> list[int]:
        """The indices of the mentions that open the card `shown_id`, in text order."""
        return [i for i, m in enumerate(self.mentions) if card_id(m) == shown_id]

    def _on_screen(self, mention: Mention) -> bool:
        return self._on_screen_offset(mention.start)

    def _on_screen_offset(self, offset: int, height: int | None = None) -> bool:
        """Whether the row holding text offset `offset` is on a screen of `height` rows (this one's)."""
        if not self._rows:
            return True
        row = self._row_of(offset)
        top = self.scroll_offset.y
        return top <= row < top + (self.scrollable_content_region.height if height is None else height)

    def select(self, index: int) -> None:
        old = self.cursor
        self.cursor = index
        for i in {old, index} - {None}:
            self._refresh_mention(i)
        self._scroll_to_row(self._row_of(self.mentions[index].start))

    def _refresh_mention(self, i: int) -> None:
        mention = self.mentions[i]
        first, last = self._row_of(mention.start), self._row_of(max(mention.end - 1, mention.start))
        self.refresh_lines(first - self.scroll_offset.y, last - first + 1)

    def _scroll_to_row(self, row: int) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if row < top or row >= top + height:
            self.scroll_to(y=max(row - height // 3, 0), animate=False)

    # A key moves the text at once, as a page turns in a book: without an animation (unless `smooth` was
    # chosen), which would pass every row between and costs more than the repaint, and through `scroll_to`,
    # which a ScrollView does there and then. Textual's `scroll_end` waits for the next screen refresh, and a
    # key pressed as a book opened waited behind the frames that follow the first.
    def _scroll_key(self, row: float) -> None:
        # smooth, over a fixed quarter of a second: Textual's default speed would take half a minute to a book's end
        self.scroll_to(y=row, animate=self.smooth, duration=SMOOTH_SCROLL)

    def _scroll_by(self, rows: int) -> None:
        self._scroll_key(self.scroll_offset.y + rows)

    def action_scroll_down(self) -> None:
        self._scroll_by(1)

    def action_scroll_up(self) -> None:
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        self._scroll_by(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._scroll_by(-self.scrollable_content_region.height)

    def action_scroll_end(self) -> None:
        self._wrap_tail()  # the last rows, if the rest of a book is still being wrapped
        self._scroll_key(self.max_scroll_y)

    def action_scroll_home(self) -> None:
        self._scroll_key(0)

    def action_explain(self) -> None:
        if self.current is not None:
            self.post_message(MentionSelected(self.current))

    # --- mouse -------------------------------------------------------------------------

    def mention_at(self, x: int, y: int) -> int | None:
        """The index of the mention drawn at widget cell (x, y), if any."""
        index = y + self.scroll_offset.y
        row = self._row(index) if self.mentions else None
        if row is None:
            return None
        column = x - self.styles.padding.left - self._margin
        line = self.text[row.start:row.end].replace("\n", " ")
        cells = 0
        for offset, ch in enumerate(line):  # noqa: B007 - the offset is read after the loop
            cells += cell_len(ch)
            if cells > column:
                break
        else:
            return None
        position = row.start + offset
        i = bisect_right(self._starts, position) - 1
        if i >= 0 and self.mentions[i].start <= position < self.mentions[i].end:
            return i
        return None

    def on_click(self, event: events.Click) -> None:
        hit = self.mention_at(event.x, event.y)
        if hit is not None:
            self.select(hit)
            self.post_message(MentionSelected(self.mentions[hit]))
