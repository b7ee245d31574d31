"""The app as a user drives it: keys, clicks and what the pane then shows."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import OptionList, Static

from reader.formats.text import read_article
from reader.knowledge.store import Store
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.context_pane import ContextPane

from .conftest import ready


def pane_text(app: ReaderApp) -> str:
    """What the pane says, as plain text: every block and every line of its lists."""
    pane = app.query_one(ContextPane)
    console = Console(width=200, record=True, file=io.StringIO())
    for widget in pane.query(Static):
        console.print(widget.content)
    parts = [console.export_text()]
    parts += [str(o.prompt) for lst in pane.query(OptionList) for o in lst.options]
    return "\n".join(parts)


async def test_header_names_the_file_and_counts_entries(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.title == "article.txt"
        assert app.sub_title.startswith("4 entries mentioned")


async def test_tab_then_enter_explains_the_highlight(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert not app.query_one(ContextPane).display
        await pilot.press("tab", "enter")
        pane = app.query_one(ContextPane)
        assert pane.display
        text = pane_text(app)
        assert "Lech Wałęsa" in text and "born 29 September 1943" in text
        assert "President of Poland" in text and "22 December 1990 – 22 December 1995" in text
        assert "https://en.wikipedia.org/wiki/Lech_Wałęsa" in text  # shown decoded
        assert "Mentioned 2 times in this article" in text
        assert pane.region.width == 48  # 40% of 120 columns


async def test_tab_and_shift_tab_step_through_highlights(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("tab", "tab", "tab")
        assert view.current.text == "Poland"
        await pilot.press("shift+tab")
        assert view.current.text == "Solidarity"
        await pilot.press("shift+tab", "shift+tab")
        assert view.current.text == "Wałęsa"  # wraps to the last highlight


async def test_escape_closes_the_pane(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        assert app.query_one(ContextPane).display
        await pilot.press("escape")
        assert not app.query_one(ContextPane).display
        assert app.focused is app.query_one(ArticleView)


async def test_a_click_on_a_highlight_opens_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        # "Solidarity" starts at column 16 of the first row; the view has 2 columns of padding, and
        # the text is centred when the view is wider than a comfortable line.
        assert view._margin > 0
        assert await pilot.click(ArticleView, offset=(2 + view._margin + 18, 0))
        await pilot.pause()
        assert app.query_one(ContextPane).display
        assert "Solidarity" in pane_text(app) and view.current.text == "Solidarity"
        assert await pilot.click(ArticleView, offset=(2 + view._margin + 13, 0))  # the word "led": nothing
        assert view.current.text == "Solidarity"


async def test_related_entries_open_with_enter_and_backspace_goes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        pane = app.query_one(ContextPane)
        assert pane.card.id == "lech-walesa"
        await pilot.press("down", "enter")  # related: solidarity, poland
        assert pane.card.id == "poland"
        await pilot.press("backspace")
        await pilot.pause()
        assert pane.card.id == "lech-walesa"


async def test_narrow_terminal_gives_the_pane_the_full_width(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        assert app.query_one(ContextPane).region.width == 80
        assert not app.query_one(ArticleView).display or app.query_one(ArticleView).region.width == 0
        await pilot.press("escape")
        assert app.query_one(ArticleView).region.width == 80


async def test_article_markup_and_escapes_are_shown_literally(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        lines = "\n".join(view.render_line(y).text for y in range(4))
        assert "[bold]Not markup[/bold]" in lines
        assert "\x1b" not in lines and "␛[31m" in lines


async def test_scrolling_keys_move_a_long_article(make_app) -> None:
    app = make_app("\n".join(f"Line {i} about Poland." for i in range(300)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("space")  # a page turns at once, with no animation to wait for
        assert view.scroll_offset.y == 2 + view.scrollable_content_region.height
        await pilot.press("b")
        assert view.scroll_offset.y == 2
        await pilot.press("end")
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_offset.y == 0
        await pilot.press("shift+tab")  # the last highlight is scrolled into view
        assert view.current.start > len(app.article.text) - 30
        assert view.scroll_offset.y > 200


async def test_question_mark_shows_the_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert app.screen.query("HelpPanel")
        await pilot.press("question_mark")
        assert not app.screen.query("HelpPanel")


async def test_q_quits(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_command_palette_finds_entries_in_and_beyond_the_article(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"solid")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        pane = app.query_one(ContextPane)
        assert pane.display and pane.card.id == "solidarity"
        assert app.query_one(ArticleView).current.text == "Solidarity"
        await pilot.press("escape", "ctrl+p", *"munich agreement")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert pane.card.id == "munich-agreement"
        assert "Not mentioned in this article" in pane_text(app)


async def test_the_cursor_moves_between_highlights_on_one_row(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("tab")
        first_row = view.render_line(0)
        await pilot.press("tab")  # "Solidarity", on the same row as "Lech Wałęsa"
        await pilot.pause()
        assert view.current.text == "Solidarity"
        assert view.render_line(0) is not first_row
        styled = {seg.text: seg.style for seg in view.render_line(0) if seg.style}
        assert styled["Solidarity"].reverse  # the cursor's style
        assert not styled["Lech Wałęsa"].reverse


async def test_a_decoding_note_is_shown_in_the_app(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("“Poland” and NATO".encode("cp1252"))
    app = ReaderApp(read_article(path), store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(app, pilot)
        assert any("read as Windows-1252" in n.message for n in app._notifications)
        assert app.screen.query_one("ToastRack").display, "and on the screen"
        assert app.sub_title.startswith("2 entries mentioned")


async def test_a_close_call_shows_the_other_reading_and_a_opens_it(make_app) -> None:
    # `appease` makes Munich the agreement, but in a list of plain places it stays the city: a close call
    app = make_app("The envoys went to Munich and Poland, and nobody would appease anyone.\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        pane = app.query_one(ContextPane)
        assert pane.card is not None and pane.card.id == "munich"
        line = str(pane.query_one("#pane-alternative").render())
        assert "Close call" in line and "Munich Agreement" in line
        await pilot.press("a")
        await pilot.pause()
        assert pane.card.id == "munich-agreement"
        await pilot.press("backspace")
        await pilot.pause()
        assert pane.card.id == "munich"


async def test_a_sure_link_has_no_close_call_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        assert not app.query_one(ContextPane).query_one("#pane-alternative").display
        assert not app.check_action("alternative", ())
