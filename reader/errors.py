"""Errors the user can fix, each carrying what went wrong and how to fix it.

The knowledge, linking and article modules raise these and never print; the
CLI turns them into one `Error:` line and an exit status, so bad input never
shows a traceback.
"""

from __future__ import annotations


class ReaderError(Exception):
    """A problem with the user's input or setup, not a bug in the reader."""

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
    """The article file cannot be read as text."""


class DatabaseError(ReaderError):
    """The context database is missing, unreadable or from another schema."""


class ContextError(ReaderError):
    """The context YAML has problems; the build refused to replace the database."""

    exit_code = 1
