"""Where the context YAML and the database are, for every command alike.

Order: explicit options, then READER_CONTEXT / READER_DB, then a `context/`
folder in the current directory (a maintainer at the repository root) with
`context.db` beside it, else the database shipped inside the package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reader.errors import DatabaseError
from reader.knowledge.sources import digest
from reader.knowledge.store import Store


@dataclass(frozen=True)
class Locations:
    db: Path
    #: The YAML the database is built from; None when only a shipped database is at hand.
    context: Path | None


def shipped_database() -> Path:
    """The database inside the installed package, or the repository's in a source checkout."""
    packaged = Path(str(resources.files("reader") / "context.db"))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "context.db"


def _explicit(value: str | os.PathLike[str] | None, variable: str) -> Path | None:
    value = value or os.environ.get(variable)
    return Path(value) if value else None


def find(context: str | os.PathLike[str] | None = None,
         db: str | os.PathLike[str] | None = None, *, maintaining: bool = False) -> Locations:
    """Where the YAML and the database are for one command.

    A reader who names a database (`--db`) reads that file as it is; only a
    maintainer's command (`maintaining`) pairs it with ./context by default.
    """
    context_path = _explicit(context, "READER_CONTEXT")
    db_path = _explicit(db, "READER_DB")
    if context_path is None and Path("context").is_dir() and (db_path is None or maintaining):
        context_path = Path("context")
    if db_path is None:
        db_path = context_path.resolve().parent / "context.db" if context_path else shipped_database()
    return Locations(db=db_path, context=context_path)


def open_store(locations: Locations) -> Store:
    """Open the database read-only, first rebuilding it if its YAML has changed.

    A maintainer edits YAML and sees the change at the next `reader open`; the
    rebuild writes a new file and renames it, so the store only ever reads.
    """
    if locations.context is not None and locations.context.is_dir():
        try:
            store: Store | None = Store(locations.db)
        except DatabaseError:  # missing, corrupt or old: the YAML is at hand, so rebuild
            store = None
        if store is not None and store.digest == digest(locations.context):
            return store
        if store is not None:
            store.close()
        from reader.knowledge.build import build  # sqlite-utils is needed only to write

        build(locations.context, locations.db)
    return Store(locations.db)
