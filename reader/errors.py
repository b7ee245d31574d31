"""Errors the user can fix, each carrying what went wrong and how to fix it.

The knowledge, linking and formats modules raise these and never print; the
click group in `cli.py` turns them into one `Error:` line and an exit status,
so bad input never shows a traceback.
"""

from __future__ import annotations


class ReaderError(Exception):
    """A problem with the user's input or setup, not a bug in the reader."""

    #: Bad input (a file, an option, a database) exits 2, as click's usage errors do.
    exit_code = 2

    def __init__(self, message: str, fix: str = "", details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        #: Lines printed before the error, such as every validation problem of a build.
        self.details = details

    def __str__(self) -> str:
        return f"{self.message}; {self.fix}" if self.fix else self.message


class ArticleError(ReaderError):
    """The article cannot be read as text."""


class DatabaseError(ReaderError):
    """The context database is missing, damaged or from another version of the reader."""


class ContextError(ReaderError):
    """The context YAML has problems, so it was not built; validation failures exit 1."""

    exit_code = 1


class BuildError(ReaderError):
    """The build could not write the database (a full disk, another build); the old one is intact."""


class Interrupted(ReaderError):
    """The user pressed Ctrl-C: 130, as shells report a command ended by SIGINT."""

    exit_code = 130


class Crash(ReaderError):
    """A bug in the reader: one line naming the crash log that holds the traceback."""

    #: EX_SOFTWARE from sysexits.h: an internal error, not the user's input.
    exit_code = 70
