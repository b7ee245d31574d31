"""Save the README's pictures: the sample article with a pane open, the index and the timeline.

The app draws them itself (`App.save_screenshot`), so the README shows exactly
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


async def picture(name: str, keys: list[str], *, to: str | None = None) -> None:
    """Open the sample, move the cursor to the highlight `to` (if given), press `keys`, save `name`."""
    app = ReaderApp(read_article(SAMPLE), Store(DOCS.parent / "context.db"), resume=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if to is not None:
            view = app.query_one("#article")
            target = next(i for i, m in enumerate(view.mentions) if m.text == to)
            for _ in range(target + 1):
                await pilot.press("tab")
        await pilot.press(*keys)
        await pilot.pause(0.5)
        app.save_screenshot(filename=name, path=str(DOCS))


async def main() -> None:
    await picture("screenshot.svg", ["enter"], to="Yalta Conference")
    await picture("index.svg", ["i"])
    await picture("timeline.svg", ["t", "down", "down"])


if __name__ == "__main__":
    asyncio.run(main())
