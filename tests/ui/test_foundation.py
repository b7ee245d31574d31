"""The app's side of the foundation: one colour per type from the theme, safe text, bugs and damage reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.widgets import Label

from reader.errors import DatabaseError
from reader.export.palette import TYPE_COLOURS
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.context_pane import ContextPane

from .conftest import ready


def luminance(color: RichColor) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: RichColor, b: RichColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture
def app(make_app) -> ReaderApp:
    return make_app()


async def test_each_type_has_one_colour_from_the_theme_readable_in_every_theme(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        view, pane = app.query_one(ArticleView), app.query_one(ContextPane)
        checked = 0
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            page = view.rich_style.bgcolor
            panel = pane.rich_style.bgcolor
            if page is None or page.triplet is None:  # an ANSI theme: the terminal picks the colours
                continue
            *_, filler = view.render_line(0)  # the row's blank end, in the view's own style
            assert filler.style.bgcolor == page, f"the article's rows are drawn on the old page in {theme}"
            for kind in TYPE_COLOURS:
                in_text = view.get_component_rich_style(f"article-view--{kind}").color
                in_pane = pane.get_component_rich_style(f"context-pane--{kind}").color
                assert in_text == in_pane, f"{kind} is two colours in {theme}"
                assert contrast(in_text, page) >= 4.5, f"{kind} on the page in {theme}"
                assert contrast(in_pane, panel) >= 4.5, f"{kind} in the pane in {theme}"
            for title in pane.query(Label):  # bold and underlined, so large-text contrast applies
                assert contrast(title.rich_style.color, title.rich_style.bgcolor) >= 4.0, f"pane titles in {theme}"
            checked += 1
        assert checked >= 10


async def test_invisible_and_control_characters_show_as_stand_ins(make_app) -> None:
    app = make_app("Poland \u202eevil\u2066 \x1b]0;owned\x07 NATO\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        row = "".join(segment.text for segment in view.render_line(0))
        assert "Poland" in row and "NATO" in row
        assert not any(ch in row for ch in "\u202e\u2066\x1b\x07")


async def test_a_bug_closes_the_app_with_one_line_naming_the_crash_log(app: ReaderApp, monkeypatch,
                                                                       tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*args, **kwargs):
        raise RuntimeError("pane exploded")

    monkeypatch.setattr(ReaderApp, "show_entry", broken)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(app, pilot)
            await pilot.press("tab", "enter")
            await pilot.pause()
    assert app.crash is not None and app._exit_renderables == []
    assert str(app.crash).startswith("reader hit a bug (RuntimeError: pane exploded); the traceback is in ")
    log = Path(app.crash.fix.split("the traceback is in ")[1].split(";")[0])
    assert log.is_file() and "pane exploded" in log.read_text()


async def test_a_bug_while_annotating_leaves_the_article_readable(app: ReaderApp, monkeypatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*args, **kwargs):
        raise ValueError("linking exploded")

    monkeypatch.setattr("reader.ui.annotator.annotate_blocks", broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.sub_title == "no highlights"
        assert any("reader hit a bug (ValueError: linking exploded)" in n.message for n in app._notifications)
        assert app.is_running and app.crash is None
        await pilot.press("pagedown")


async def test_a_database_damaged_mid_session_is_reported_in_the_app(app: ReaderApp, monkeypatch) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)

        def damaged(entry_id: str):
            raise DatabaseError("context.db is not a usable context database (malformed)", "run 'reader context build'")

        monkeypatch.setattr(app.store, "entry", damaged)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert any("malformed" in n.message and "reader context build" in n.message for n in app._notifications)
        assert app.is_running and not app.query_one(ContextPane).display


async def test_quitting_stops_an_annotation_that_would_never_end(app: ReaderApp, monkeypatch) -> None:
    """A book is annotated in a worker that checks between blocks whether the reader has left;
    otherwise `q` would wait for the whole book (the process joins the worker's thread on exit)."""
    import threading

    from reader.linking.mentions import Block

    steps = []
    stopped = threading.Event()

    def endless(*args, **kwargs):
        try:
            while len(steps) < 4000:  # 20 s at most, should the worker never stop
                steps.append(1)
                stopped.wait(0.005)
                yield Block(0, 0, [])
        finally:
            stopped.set()

    monkeypatch.setattr("reader.ui.annotator.annotate_blocks", endless)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("q")
    assert stopped.wait(10), "the annotation went on after the reader quit"
    assert len(steps) < 4000 and app.sub_title == "finding entries…"


async def test_a_year_opens_the_history_dated_within_it(make_app) -> None:
    app = make_app("Poland and the Munich Agreement of 1938 still weigh on Europe.\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        year = next(i for i, m in enumerate(view.mentions) if m.kind == "date")
        assert view.mentions[year].text == "1938"
        view.select(year)
        await pilot.press("enter")
        pane = app.query_one(ContextPane)
        assert pane.display and pane.card.id == "date:1938" and pane.card.type == "date"
        assert [ref.id for ref in pane.card.related][:1] == ["munich-agreement"]
        await pilot.press("enter")
        assert pane.card.id == "munich-agreement"
        await pilot.press("backspace")
        await pilot.pause()
        assert pane.card.id == "date:1938"


async def test_unknown_names_are_marked_faintly_and_say_there_is_no_entry(make_app) -> None:
    app = make_app("Poland met Ivo Andric in Munich.\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        assert [(m.text, m.kind) for m in view.mentions] == [("Poland", "entry"), ("Ivo Andric", "unknown"),
                                                              ("Munich", "entry")]
        await pilot.press("tab", "tab", "enter")
        pane = app.query_one(ContextPane)
        assert pane.card.id == "unknown:Ivo Andric"
        assert "no entry for Ivo Andric" in pane.card.summary and "reader context new 'Ivo Andric'" in \
            pane.card.summary
        await pilot.press("escape", "u")
        await pilot.pause()
        assert [m.kind for m in view.mentions] == ["entry", "entry"]
        await pilot.press("u")
        assert len(view.mentions) == 3


async def test_tab_starts_from_the_screen_when_the_cursor_is_off_it(make_app) -> None:
    app = make_app("".join(f"Paragraph {i} about Poland and NATO.\n\n" for i in range(300)))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("tab")
        assert view.cursor == 0
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("tab")
        assert view.cursor > len(view.mentions) - 40, "tab after end stays near the end"


async def test_an_open_pane_follows_the_cursor(app: ReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("tab", "enter")
        pane = app.query_one(ContextPane)
        first = pane.card.id
        await pilot.press("tab")
        view = app.query_one(ArticleView)
        assert pane.display and pane.card.id != first and pane.card.id.endswith(view.current.entry_id)
