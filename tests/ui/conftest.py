"""The app factory every UI test builds its reader with (posting's `make_posting`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.text import read_article
from reader.knowledge.store import Store
from reader.ui.app import ReaderApp

TEXT = (
    "Lech Wałęsa led Solidarity in Poland.\n\n"
    "Later, Poland joined NATO. [bold]Not markup[/bold] \x1b[31m and Wałęsa again.\n"
)


@pytest.fixture
def make_app(tmp_path: Path, store: Store):
    """`make_app(text)`: a reader on `text`, saved as an article file, over the fixture corpus."""

    def make(text: str = TEXT) -> ReaderApp:
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        return ReaderApp(read_article(path), store)

    return make


async def ready(app: ReaderApp, pilot) -> None:
    """Wait until the article is annotated and drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()
