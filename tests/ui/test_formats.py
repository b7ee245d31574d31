"""Each format in the app: highlights, structure, contents, search and the saved place."""

from __future__ import annotations

from pathlib import Path

from reader.formats.reading import open_document
from reader.knowledge.store import Store
from reader.ui.app import ReaderApp
from reader.ui.article_view import ArticleView
from reader.ui.chooser import ChooserScreen

from ..formats.documents import CHAPTERS, ESSAY, PAGE, write_epub
from .conftest import ready


def app_for(path: Path, store: Store) -> ReaderApp:
    return ReaderApp(open_document(str(path)), store)


async def test_markdown_opens_styled_with_its_names_highlighted(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    app = app_for(path, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        view = app.query_one(ArticleView)
        assert "Lech Wałęsa" in [m.text for m in view.mentions]
        heading = view._structure.within(0, 5)
        assert heading and heading[0].kind == "heading"
        strip = view.render_line(0)
        assert any(segment.style and segment.style.bold for segment in strip), "the heading is drawn bold"


async def test_c_lists_the_chapters_of_a_book_and_goes_to_one(tmp_path: Path, store: Store) -> None:
    long = [(title, " ".join([body] * 40)) for title, body in CHAPTERS]  # more than a screen each
    app = app_for(write_epub(tmp_path / "book.epub", chapters=long), store)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.title == "A Book of Poland"
        await pilot.press("c")
        assert isinstance(app.screen, ChooserScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.top_offset == app.article.chapters[1].start
        await pilot.press("q")
    again = app_for(tmp_path / "book.epub", store)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(again, pilot)
        assert again.query_one(ArticleView).top_offset == again.article.chapters[1].start, "the place is kept"
        await pilot.press("slash", *CHAPTERS[1][1][:20], "enter")
        assert again.query_one(ArticleView).hits


async def test_a_web_page_shows_its_title_and_date(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    app = ReaderApp(open_document(str(path)), store, date="2025-02-19")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.title == "Europe Weighs Its Options · 19 February 2025"
        assert [c.title for c in app.article.chapters] == ["An older scene"]
        assert app.article.text.count("Europe Weighs Its Options") == 1
