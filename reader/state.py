"""What the reader remembers between sessions: the place in each file, the theme, and whether scrolling is smooth.

Kept in one small JSON file in the user's state folder (platformdirs; the
`READER_STATE_DIR` environment variable moves it). It is written whole,
through a temporary file and a rename, so a crash never leaves half of it;
if the folder cannot be written the reader works as before and forgets.
A damaged file is treated as empty, never as an error: it holds nothing a
user wrote.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: How many files' places are kept; the oldest is forgotten first.
MAX_PLACES = 500
VERSION = 1


def state_file() -> Path:
    folder = os.environ.get("READER_STATE_DIR")
    if not folder:
        import platformdirs

        folder = platformdirs.user_state_dir("reader", appauthor=False)
    return Path(folder) / "state.json"


@dataclass
class State:
    """Places by file (absolute path → text offset of the top line), the chosen theme, and whether the
    scrolling keys animate (off unless chosen: a page turns at once, as in a book)."""

    places: dict[str, int] = field(default_factory=dict)
    theme: str | None = None
    smooth_scrolling: bool = False

    @classmethod
    def load(cls) -> State:
        try:
            data = json.loads(state_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return cls()
        places = data.get("places")
        places = {k: v for k, v in places.items() if isinstance(k, str) and isinstance(v, int) and v >= 0} \
            if isinstance(places, dict) else {}
        theme = data.get("theme")
        return cls(places, theme if isinstance(theme, str) else None, data.get("smooth_scrolling") is True)

    def place(self, file: str) -> int | None:
        return self.places.get(_key(file))

    def remember(self, file: str, offset: int) -> None:
        key = _key(file)
        self.places.pop(key, None)
        self.places[key] = offset  # the most recent last, so the oldest is dropped first
        while len(self.places) > MAX_PLACES:
            del self.places[next(iter(self.places))]

    def save(self) -> bool:
        """Write the state whole; False (and nothing changed) when the folder will not take it."""
        path = state_file()
        data: dict[str, Any] = {"version": VERSION, "theme": self.theme, "smooth_scrolling": self.smooth_scrolling,
                                "places": self.places}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(data, out, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return False
        return True


def _key(file: str) -> str:
    """A file by its absolute path; a web address as it is."""
    if file.lower().startswith(("http://", "https://")):
        return file
    return str(Path(file).resolve())
