"""Two pictures of the app, wide and narrow, with the pane open.

Behaviour is asserted with Pilot in test_app.py; these catch layout and
styling regressions. Review the report before `--snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.text import read_article
from reader.knowledge.store import Store
from reader.ui.app import ReaderApp

ARTICLE = (
    "Lech Wałęsa led Solidarity in Poland. In 1990 he became president, the first elected by "
    "popular vote.\n\nLater Poland joined NATO, alongside the United States and other allies, "
    "and Munich remained a city in Bavaria.\n"
)


@pytest.fixture
def app(tmp_path: Path, store: Store) -> ReaderApp:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return ReaderApp(read_article(path), store)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 30), (80, 24)], ids=["wide", "narrow"])
def test_pane_open(snap_compare, app: ReaderApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["tab", "enter"], terminal_size=size, run_before=settle)
