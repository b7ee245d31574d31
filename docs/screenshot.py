"""Save docs/screenshot.svg: the sample article with a context pane open.

The app draws it itself (`App.save_screenshot`), so the README shows exactly
what a user sees. Run from the repository root: `python docs/screenshot.py`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.cli import SAMPLE
from reader.formats.text import read_article
from reader.knowledge.store import Store
from reader.ui.app import ReaderApp

DOCS = Path(__file__).parent


async def main() -> None:
    app = ReaderApp(read_article(SAMPLE), Store(DOCS.parent / "context.db"))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one("#article")
        target = next(i for i, m in enumerate(view.mentions) if m.text == "Yalta Conference")
        for _ in range(target + 1):
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause(0.5)
        app.save_screenshot(filename="screenshot.svg", path=str(DOCS))


if __name__ == "__main__":
    asyncio.run(main())
