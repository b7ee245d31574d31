"""Reading a long text: the place is kept through every re-wrap."""

from __future__ import annotations

import json
import os

import pytest
from textual.app import App
from textual.widgets import Input, Static

from reader.formats.text import read_article
from reader.state import State
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.context_pane import ContextPane

from .conftest import TEXT, ready

#: Paragraphs long enough that each re-wraps to a different number of rows at each width.
LONG = "".join(
    f"Paragraph {i}. " + "The delegates from Poland argued about the treaty and its terms. " * (1 + i % 5)
    + ("Lech Wałęsa spoke for Solidarity. " if i % 7 == 0 else "") + "\n\n"
    for i in range(400))


def top_paragraph(view: ArticleView) -> str:
    """The paragraph number of the line at the top of the screen."""
    start = view.text.rfind("Paragraph ", 0, view.top_offset + len("Paragraph 399"))
    return view.text[start:view.text.index(".", start)]


async def scrolled(app: ReaderApp, pilot, row: int) -> tuple[ArticleView, str]:
    """The view scrolled to `row`, and the paragraph then at the top."""
    await ready(app, pilot)
    view = app.query_one(ArticleView)
    view.scroll_to(y=row, animate=False)
    await pilot.pause()
    return view, top_paragraph(view)


async def test_opening_and_closing_the_pane_keeps_the_top_line(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        view, before = await scrolled(app, pilot, 600)
        await pilot.press("tab", "enter")  # the first mention on this screen, then its pane
        await pilot.pause()
        assert app.query_one(ContextPane).display
        assert top_paragraph(view) == before
        assert view._on_screen(view.current), "the selected mention stays on screen"
        await pilot.press("escape")
        await pilot.pause()
        assert top_paragraph(view) == before


async def test_the_selected_mention_stays_on_screen_when_the_pane_opens(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # the last mention, at the bottom of the screen
        await pilot.pause()
        assert view._on_screen(view.current)


async def test_resizing_keeps_the_top_line(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        view, before = await scrolled(app, pilot, 900)
        for size in [(80, 24), (200, 50), (120, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert top_paragraph(view) == before, size


def status(app: ReaderApp) -> str:
    return str(app.query_one("#status", Static).render())


async def test_search_marks_every_hit_and_n_steps_through_them(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"lech walesa", "enter")  # no capitals, no diacritics
        await pilot.pause()
        total = LONG.count("Lech Wałęsa")
        assert status(app).startswith(f"1/{total} ·")
        first = view.hits[view.hit]
        assert view.text[first.start:first.end] == "Lech Wałęsa"
        assert view._on_screen_offset(first.start)
        await pilot.press("n", "n")
        assert status(app).startswith(f"3/{total}")
        await pilot.press("N", "N", "N")
        assert status(app).startswith(f"{total}/{total}"), "N wraps from the first hit to the last"
        assert view._on_screen_offset(view.hits[view.hit].start)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert status(app).startswith(f"{total}/{total}"), "hits survive a resize"
        assert view._on_screen_offset(view.hits[view.hit].start)
        await pilot.press("escape")
        await pilot.pause()
        assert not view.hits and "/" not in status(app)


async def test_search_starts_from_the_screen_and_says_when_nothing_matches(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("slash", *"Paragraph 3", "enter")
        await pilot.pause()
        assert view.hit > 0, "the first hit from the screen, not from the top of the text"
        await pilot.press("slash", *"Gorbachev", "enter")
        await pilot.pause()
        assert not view.hits
        assert any("No match for 'Gorbachev'" in str(n.message) for n in app._notifications)
        await pilot.press("slash", *"treaty", "escape")
        assert app.focused is view and not view.hits, "escape in the search line cancels it"


async def test_the_footer_shows_how_far_through_the_reader_is(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        assert status(app).endswith("%") and int(status(app)[:-1]) < 10
        # the place keeps its width, so that scrolling never lays the whole screen out again for it
        assert len(status(app)) == len("100%")
        await pilot.press("end")
        await pilot.pause()
        assert status(app) == "100%"


async def test_reopening_a_file_returns_to_the_place_and_the_theme(make_app, monkeypatch) -> None:
    """The saved theme is the app's before it starts: set once it has, Textual would make the whole
    stylesheet again (a tenth of a second of every start)."""
    from textual.css.stylesheet import Stylesheet

    parsed: list[str] = []  # which stylesheets Textual parses, and how often
    parse = Stylesheet._parse_rules

    def counted(sheet: Stylesheet, css: str, read_from, *args, **kwargs):
        parsed.append(read_from[1])
        return parse(sheet, css, read_from, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        in_the_default_theme = parsed.count("ArticleView.DEFAULT_CSS")
        app.theme = "textual-light"
        _, left_at = await scrolled(app, pilot, 700)
        await pilot.press("q")
    parsed.clear()
    again: ReaderApp = make_app(LONG)
    async with again.run_test(size=(100, 40)) as pilot:  # another size: the place is text, not a row
        await ready(again, pilot)
        assert top_paragraph(again.query_one(ArticleView)) == left_at
        assert again.theme == "textual-light"
        assert parsed.count("ArticleView.DEFAULT_CSS") == in_the_default_theme, "styled once, for its theme"
        await pilot.press("q")


def palette_options(app: ReaderApp) -> list[str]:
    """What the command palette offers now, as text."""
    lists = app.screen.query("OptionList")
    if not lists:
        return []
    options = lists.first()
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def until(pilot, condition, steps: int = 200) -> bool:
    """Let the app run until `condition()` holds (a few seconds at most); whether it came to hold."""
    for _ in range(steps):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


async def test_scrolling_keys_move_the_text_at_once_unless_smooth_scrolling_is_chosen(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        page = view.scrollable_content_region.height
        steps = (("scroll_end", view.max_scroll_y), ("scroll_home", 0), ("page_down", page), ("scroll_down", page + 1),
                 ("page_up", 1))
        for action, row in steps:  # the keys' actions, called as a key calls them, with no frame in between
            getattr(view, f"action_{action}")()
            assert view.scroll_offset.y == row, f"{action} moves the text at once, not after the next frame"
        await pilot.press("end", "home")  # and by key, as a person presses them
        assert view.scroll_offset.y == 0
        await pilot.press("ctrl+p", *"smooth scrolling")
        assert await until(pilot, lambda: any("Smooth scrolling" in option for option in palette_options(app)))
        await pilot.press("enter")
        assert await until(pilot, lambda: app.state.smooth_scrolling)
        view.action_scroll_end()  # as the key does, without waiting for the animation as a pilot's key press would
        assert view.scroll_offset.y < view.max_scroll_y, "an animation, not a jump"
        assert await until(pilot, lambda: view.scroll_offset.y == view.max_scroll_y), "a short one, to the end"
        await pilot.press("q")
    again: ReaderApp = make_app(LONG)
    async with again.run_test(size=(120, 30)) as pilot:  # the setting is remembered
        await ready(again, pilot)
        assert again.state.smooth_scrolling and again.query_one(ArticleView).smooth
        await pilot.press("q")


async def test_no_resume_starts_at_the_top(make_app, tmp_path) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 30)) as pilot:
        await scrolled(app, pilot, 700)
        await pilot.press("q")
    fresh = ReaderApp(read_article(tmp_path / "article.txt"), app.store, resume=False)
    async with fresh.run_test(size=(120, 30)) as pilot:
        await ready(fresh, pilot)
        assert fresh.query_one(ArticleView).top_offset == 0


def test_a_damaged_or_unwritable_state_is_forgotten_not_an_error(state_dir) -> None:
    state_dir.mkdir()
    (state_dir / "state.json").write_text("{not json", encoding="utf-8")
    assert State.load().places == {}
    (state_dir / "state.json").write_text('{"version": 1, "places": {"/a": -3, "/b": "x", "/c": 5}}')
    assert State.load().places == {"/c": 5}
    if os.geteuid() == 0:
        return  # root writes anywhere
    state_dir.chmod(0o500)
    try:
        state = State()
        state.remember("/tmp/a.txt", 10)
        assert state.save() is False
    finally:
        state_dir.chmod(0o700)
    assert json.loads((state_dir / "state.json").read_text(encoding="utf-8"))["places"] == {"/c": 5}


async def test_the_keys_panel_offers_only_what_works_here(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        keys = {b.description for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert "Copy selected text" not in keys and "Scroll left" not in keys
        assert {"Explain", "Next", "Search", "Index", "Timeline", "Keys"} <= keys
        assert "Clear search" not in keys and "Close" not in keys, "nothing to clear or close yet"
        await pilot.press("tab", "enter")
        keys = {b.description for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}
        assert {"Close", "Open in browser"} <= keys and "Back" not in keys


async def test_the_palette_says_what_it_finds(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder.startswith("Find an entry")


async def test_a_text_with_no_known_names_says_so(make_app) -> None:
    app: ReaderApp = make_app("The weather was mild and nothing happened.\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.sub_title == "no entry in the context is named here"


async def test_o_opens_the_entry_in_the_browser(make_app, monkeypatch) -> None:
    app: ReaderApp = make_app(LONG)
    opened = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter", "o")
        assert opened and opened[0].startswith("https://en.wikipedia.org/wiki/")


async def test_opening_the_pane_uses_rows_wrapped_ahead(make_app, monkeypatch) -> None:
    """The pane's width is wrapped for before it opens, at any terminal width, so a book's pane
    opens without wrapping the whole book first."""
    import reader.ui.article_view as article_view

    calls: list[tuple] = []

    def counted(*args, **_) -> list:
        calls.append(args)
        return []

    for width in (100, 117, 120, 151):
        app: ReaderApp = make_app(LONG)
        async with app.run_test(size=(width, 30)) as pilot:
            await ready(app, pilot)
            monkeypatch.setattr(article_view, "wrap", counted)
            await pilot.press("tab", "enter")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert calls == [], width
            monkeypatch.undo()


def test_hard_wrapped_text_reflows_into_paragraphs() -> None:
    from reader.ui.wrap import reflow_length, wrap

    line = "The delegates argued about the treaty and its terms late into the night"
    book = "".join(f"CHAPTER {i}\n\n" + "\n".join([line] * 4) + "\nand slept.\n\n" for i in range(10))
    assert reflow_length(book) and not reflow_length(LONG)
    rows = wrap(book, 200, reflow=True)
    shown = [book[r.start:r.end].replace("\n", " ") for r in rows]
    assert shown[0] == "CHAPTER 0" and shown[1] == ""
    assert len(shown[2]) <= 201 and shown[2].startswith(f"{line} {line} ")
    assert "".join(shown[2:4]) == " ".join([line] * 4 + ["and slept."]), "one paragraph, short last line too"
    assert shown[4] == "" and shown[5] == "CHAPTER 1"
    listed = "Intro line that is long enough to count as a full line of this text\n- first item\n- second"
    assert [listed[r.start:r.end] for r in wrap(listed, 200, reflow=True)][1:] == ["- first item", "- second"]


async def test_w_toggles_a_comfortable_line_width(make_app) -> None:
    app: ReaderApp = make_app(LONG)
    async with app.run_test(size=(200, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        assert view._wrap_width == 88 and view._margin > 0, "centred at a comfortable width"
        await pilot.press("w")
        await pilot.pause()
        assert view._wrap_width == view.scrollable_content_region.width and view._margin == 0


async def test_what_is_on_screen_is_highlighted_before_the_rest(make_app, monkeypatch) -> None:
    """Resumed deep in a long text, the screen's mentions are there from its first frame, from a pass
    over the screen alone; a cursor put on one then is kept when the whole text's mentions replace them."""
    import threading

    from reader.ui import annotator

    book = LONG * 6
    app: ReaderApp = make_app(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await scrolled(app, pilot, 5000)
        await pilot.press("q")
    release = threading.Event()

    def held(*args):  # the whole text's annotation, made to wait until the test has looked
        release.wait(10)
        return annotator.annotate_text(*args)

    monkeypatch.setattr("reader.ui.app.annotate_text", held)
    again: ReaderApp = make_app(book)
    async with again.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = again.query_one(ArticleView)
        top = view.top_offset
        assert top > 10_000 and again.sub_title == "finding entries…"
        assert any(top <= m.start < top + 3000 for m in view.mentions)
        assert all(m.start >= top - 3000 for m in view.mentions), "only the screen, not the text before it"
        await pilot.press("tab")
        kept = view.current
        release.set()
        await ready(again, pilot)
        assert any(m.start < top - 3000 for m in view.mentions), "the whole text's mentions came"
        assert view.current == kept


def at_first_frame(monkeypatch, look):
    """What `look(app)` says when Textual writes the app's first frame to the terminal."""
    seen: list[object] = []
    display = App._display

    def drawn(app: App, screen, update) -> None:
        if not seen:
            seen.append(look(app))
        display(app, screen, update)

    monkeypatch.setattr(App, "_display", drawn)
    return seen


@pytest.mark.parametrize(("text", "bar"), [(LONG, True), (TEXT, False)], ids=["long", "short"])
async def test_the_first_frame_has_the_scroll_bar_the_text_needs(make_app, monkeypatch, text, bar) -> None:
    """A text too long for the screen has its scroll bar in its first frame, not added by layouts just after
    it, which a key pressed as the reader opens would wait for; a short one has none."""
    first = at_first_frame(monkeypatch, lambda app: app.query_one(ArticleView).show_vertical_scrollbar)
    app: ReaderApp = make_app(text)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        assert app.query_one(ArticleView).show_vertical_scrollbar is bar
    assert first == [bar]


@pytest.mark.parametrize(("width", "kind"), [(120, "-wide"), (80, "-narrow")])
async def test_the_first_frame_is_styled_for_the_terminals_width(make_app, monkeypatch, width, kind) -> None:
    """The screen's width class is there from the first frame: given just after it, as Textual gives it, it
    would restyle every widget while a key pressed then waits."""
    first = at_first_frame(monkeypatch, lambda app: set(app.screen.classes))
    app: ReaderApp = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await ready(app, pilot)
        assert set(app.screen.classes) == {kind}
    assert first == [{kind}]


async def test_a_book_is_wrapped_ahead_for_the_pane_a_stretch_at_a_time(make_app) -> None:
    """Once a book's highlights have come, its rows for the width the pane leaves are made between frames,
    a stretch at a time (no worker thread to share the interpreter with the keys), and they are the rows
    one wrap of the whole book gives."""
    from reader.ui.article_view import REST_STEP

    book = LONG * 6
    assert len(book) > 3 * REST_STEP
    app: ReaderApp = make_app(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        narrower = view.wrap_width(view.scrollable_content_region.width - app._pane_width())
        assert await until(pilot, lambda: view._kept(narrower) is not None)
        ahead, whole = view._kept(narrower), view._wrap_part(0, len(book), narrower)
        assert (list(ahead.starts), list(ahead.ends)) == (list(whole.starts), list(whole.ends))


async def test_a_book_opened_at_its_start_is_drawn_before_the_rest_is_wrapped(make_app, monkeypatch) -> None:
    """The first frame of a long text waits on its opening's rows only; `end` still goes to the real end."""
    from reader.ui.wrap import wrap

    book = LONG * 6
    monkeypatch.setattr(ArticleView, "_wrap_rest", lambda self, width: None)  # the worker never comes
    app: ReaderApp = make_app(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        whole = wrap(book, view._wrap_width)
        assert view._partial is not None and len(view._rows) < len(whole) // 10
        assert abs(view.virtual_size.height - len(whole)) < len(whole) // 10, "the scroll bar is sized for it all"
        assert top_paragraph(view) == "Paragraph 0"
        await pilot.press("end")
        await pilot.pause()
        height = view.scrollable_content_region.height
        assert view._partial is not None, "the end's rows were wrapped, not the whole book's"
        assert view.scroll_offset.y == view._count - height
        assert [view._row(view.scroll_offset.y + i) for i in range(height)] == whole[-height:]
        await pilot.press("home")
        await pilot.pause()
        assert top_paragraph(view) == "Paragraph 0"
        view.scroll_to_offset(len(book) // 2)  # the middle, where no row is yet: now it is all wrapped
        await pilot.pause()
        assert view._rows == whole and view._partial is None and view.top_offset <= len(book) // 2


async def test_the_rest_of_a_book_is_wrapped_between_frames_without_moving_the_page(make_app) -> None:
    from reader.ui.wrap import wrap

    book = LONG * 6
    app: ReaderApp = make_app(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        for _ in range(200):  # a stretch at a time, between the interface's own work
            if view._partial is None:
                break
            await pilot.pause(0.01)
        assert view._partial is None and view._rows == wrap(book, view._wrap_width)
        assert top_paragraph(view) == "Paragraph 0"
