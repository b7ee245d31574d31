"""Where the context YAML and the database are, for every command alike.

Order: explicit options, then READER_CONTEXT / READER_DB, then, for reading,
a `context/` folder in the current directory only where `context.db` sits
beside it (a maintainer's checkout), else the database shipped inside the
package. A stray `context/` folder elsewhere is never read or built from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reader.errors import BuildError, ContextError, DatabaseError, ReaderError
from reader.knowledge.sources import digest
from reader.knowledge.store import Store


@dataclass(frozen=True)
class Locations:
    db: Path
    #: The YAML the database is rebuilt from when it changes; None: read the database as it is.
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

    A maintainer's command (`maintaining`) works on ./context by default. A
    reader's command uses ./context only beside ./context.db, and a reader who
    names a database (`--db`) reads that file as it is.
    """
    context_path = _explicit(context, "READER_CONTEXT")
    db_path = _explicit(db, "READER_DB")
    here = Path("context")
    beside_its_database = db_path is None and Path("context.db").is_file()
    if context_path is None and here.is_dir() and (maintaining or beside_its_database):
        context_path = here
    if db_path is None:
        db_path = context_path.resolve().parent / "context.db" if context_path else shipped_database()
    return Locations(db=db_path, context=context_path)


def open_store(locations: Locations) -> tuple[Store, str | None]:
    """Open the database read-only, first rebuilding it if its YAML has changed.

    Returns the store and, when the YAML changed but could not be built (it
    has errors, or its folder cannot be written), one line saying why the
    last good database is read instead. A maintainer mid-edit can still read.
    """
    if locations.context is None:
        return Store(locations.db), None
    if not locations.context.is_dir():
        raise ReaderError(f"no context folder at {locations.context}",
                          "pass --context DIR, or unset READER_CONTEXT")
    try:
        store: Store | None = Store(locations.db)
    except DatabaseError:  # missing, damaged or from another version: the YAML is at hand, so rebuild
        store = None
    if store is not None and store.digest == digest(locations.context):
        return store, None
    from reader.knowledge.build import build  # sqlite-utils is needed only to write

    try:
        build(locations.context, locations.db)
    except (ContextError, BuildError) as exc:
        if store is None:
            raise
        why = f"{locations.context} has {len(exc.details)} error(s)" if exc.details else exc.message
        fix = "run 'reader context check'" if isinstance(exc, ContextError) else "see 'reader context build'"
        return store, f"{why}, so {locations.db.name} was not rebuilt; reading the last good build ({fix})"
    if store is not None:
        store.close()
    return Store(locations.db), None
