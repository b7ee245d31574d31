"""The index (i), the timeline (t), an entry's mentions in its pane, and the pane's history."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.chooser import ChooserScreen
from reader.ui.context_pane import ContextPane
from reader.ui.occurrences import MentionBar, bar, snippet

from .conftest import ready

ARTICLE = (
    "In 1938 the Munich Agreement was signed. Poland looked on.\n\n"
    "Lech Wałęsa led Solidarity. Poland changed.\n\n"
    "Later Poland joined NATO, and Wałęsa watched NATO grow.\n\n"
    "NATO met again. Poland too.\n"
)


def rows(screen: ChooserScreen) -> list[str]:
    return [str(o.prompt) for o in screen.query_one(OptionList).options]


async def test_the_index_lists_every_entry_by_type_with_counts_and_filters_as_you_type(make_app) -> None:
    app: ReaderApp = make_app(ARTICLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, ChooserScreen)
        listed = rows(screen)
        assert listed[0] == "People" and listed[1].startswith("Lech Wałęsa  2×  Polish electrician")
        organizations = listed.index("Organizations")
        assert listed[organizations + 1].startswith("NATO  3×")  # most mentioned first
        places = listed.index("Places")
        assert listed[places + 1].startswith("Poland  4×")
        await pilot.press("ctrl+o")  # by first appearance: Solidarity came before NATO
        listed = rows(screen)
        organizations = listed.index("Organizations")
        assert listed[organizations + 1].startswith("Solidarity")
        await pilot.press(*"wale")  # no diacritics needed
        assert [r for r in rows(screen) if "×" in r] == [rows(screen)[1]] and "Wałęsa" in rows(screen)[1]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChooserScreen)
        pane = app.query_one(ContextPane)
        assert pane.display and pane.card.id == "lech-walesa"
        assert app.query_one(ArticleView).current.text == "Lech Wałęsa", "the cursor is on its first mention"


async def test_the_timeline_puts_entries_and_years_in_order(make_app) -> None:
    app: ReaderApp = make_app(ARTICLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("t")
        listed = [r.strip() for r in rows(app.screen)]
        years = [r.split()[0] for r in listed]
        assert years == sorted(years), listed
        assert any(r.startswith("1943–") and "Lech Wałęsa" in r for r in listed)
        assert any(r.startswith("1938  The year 1938") for r in listed)
        assert any(r.startswith("1938  Munich Agreement") for r in listed)
        await pilot.press(*"1938", "enter")  # the year itself: its pane, and the cursor on it
        await pilot.pause()
        assert app.query_one(ContextPane).card.id == "date:1938"
        assert app.query_one(ArticleView).current.text == "1938"


async def test_an_empty_article_says_so_in_the_index(make_app) -> None:
    app: ReaderApp = make_app("Nothing here is known.\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i")
        assert rows(app.screen) == ["The reader found no known names in this article."]
        await pilot.press("escape")
        assert not isinstance(app.screen, ChooserScreen)


async def test_the_pane_lists_each_mention_and_enter_jumps_there(make_app) -> None:
    app: ReaderApp = make_app(ARTICLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"NATO", "enter", "escape")
        while view.current is None or view.current.text != "NATO":
            await pilot.press("tab")
        await pilot.press("enter")
        pane = app.query_one(ContextPane)
        mentions = pane.query_one("#pane-mentions", OptionList)
        lines = [str(o.prompt) for o in mentions.options]
        assert len(lines) == 3 and all("NATO" in line for line in lines)
        assert pane.query_one(MentionBar).offsets == [m.start for m in view.mentions if m.entry_id == "nato"]
        marked = [m for m in view.mentions if m.entry_id == "nato"]
        assert view.marked == "nato" and len(marked) == 3, "every mention is marked while the pane is open"
        mentions.focus()
        await pilot.press("down", "down", "enter")
        assert view.current is marked[2]
        await pilot.press("left_square_bracket")
        assert view.current is marked[1]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.current is marked[0], "] wraps from the last mention to the first"
        await pilot.press("escape")
        assert view.marked is None


async def test_backspace_and_shift_backspace_walk_the_history(make_app) -> None:
    app: ReaderApp = make_app(ARTICLE)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("i", *"Wałęsa", "enter")
        await pilot.pause()
        pane = app.query_one(ContextPane)
        assert pane.card.id == "lech-walesa"
        pane.query_one("#pane-related", OptionList).focus()
        await pilot.press("enter")  # Solidarity, his first related entry
        assert pane.card.id == "solidarity"
        await pilot.press("i")
        await pilot.press(*"Munich Agreement", "enter")
        await pilot.pause()
        assert pane.card.id == "munich-agreement"
        pane.focus()
        await pilot.press("backspace")
        assert pane.card.id == "solidarity"
        await pilot.press("backspace")
        assert pane.card.id == "lech-walesa"
        await pilot.press("shift+backspace")
        assert pane.card.id == "solidarity"
        await pilot.press("shift+backspace")
        assert pane.card.id == "munich-agreement"


async def test_page_keys_reach_the_sources_of_a_card_taller_than_the_screen(make_app) -> None:
    app: ReaderApp = make_app(ARTICLE)
    async with app.run_test(size=(80, 16)) as pilot:
        await ready(app, pilot)
        await pilot.press("i", *"Wałęsa", "enter")
        await pilot.pause()
        pane = app.query_one(ContextPane)
        assert pane.max_scroll_y > 0 and app.focused in pane.query(OptionList), "focus on a list in the pane"
        sources = pane.query_one("#pane-sources")
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_offset.y > 0 and pane.region.contains_region(sources.region)
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_offset.y == 0


def test_a_snippet_is_one_line_around_the_mention_within_its_paragraph() -> None:
    text = ("First paragraph ends.\n\nThe long and winding road led the delegates to Yalta in the winter, "
            "where they argued for a week.\n\nNext.")
    start = text.index("Yalta")
    line = snippet(text, start, start + 5, 40)
    assert "Yalta" in line.plain and "\n" not in line.plain and len(line.plain) <= 42
    assert "First" not in line.plain and "Next" not in line.plain
    assert line.plain.startswith("…") and line.plain.endswith("…")
    assert any(span.style == "bold" and line.plain[span.start:span.end] == "Yalta" for span in line.spans)


def test_the_bar_shows_where_mentions_fall() -> None:
    assert bar([0, 1, 2, 95], 100, 10) == "█        ▃"
    assert bar([], 100, 5) == "     "


async def test_a_dated_article_shows_its_date_and_what_was_true_then(tmp_path, store) -> None:
    from reader.formats.text import read_article

    path = tmp_path / "dated.txt"
    path.write_text("Lech Wałęsa spoke in Warsaw.\n", encoding="utf-8")
    app = ReaderApp(read_article(path), store, date="1993-05-01")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.title == "dated.txt · 1 May 1993"
        await pilot.press("tab", "enter")
        as_of = str(app.query_one("#pane-as-of").content)
        assert as_of == ("On 1 May 1993: President of Poland (since 22 December 1990)\n"
                         "Since then: left office as President of Poland 22 December 1995.")
