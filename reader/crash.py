"""A bug becomes one line naming a crash log, never a traceback on the user's screen.

The log holds the traceback and enough about the machine to report it; it is
one of two files the reader writes on its own (the other is `state`: its place in each
file), and it is written only when the reader has failed.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from reader import __version__
from reader.errors import Crash


def log_folders() -> list[Path]:
    """Where crash logs go: the user's log folder (XDG on Linux), else the temporary folder."""
    import platformdirs

    return [Path(platformdirs.user_log_dir("reader", appauthor=False)), Path(tempfile.gettempdir())]


def write_crash_log(error: BaseException) -> Path | None:
    """Save the traceback of `error`; None if no folder would take it."""
    report = "".join([
        f"reader {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
        f"command: {' '.join(sys.argv)}\n",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n",
        *traceback.format_exception(error),
    ])
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for folder in log_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(report, encoding="utf-8", errors="replace")
            return path
        except OSError:
            continue
    return None


def crash(error: BaseException) -> Crash:
    """The one-line error for a bug, after saving its traceback."""
    path = write_crash_log(error)
    summary = str(error).splitlines()[0][:160] if str(error) else ""
    what = f"{type(error).__name__}: {summary}" if summary else type(error).__name__
    where = f"the traceback is in {path}" if path else "its traceback could not be saved"
    return Crash(f"reader hit a bug ({what})", f"{where}; please report it")
