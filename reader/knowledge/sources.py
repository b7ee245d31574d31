"""Which files make up a context folder, and their digest.

Kept apart from the schema so that checking whether the database is up to date
costs a hash of the files, not a YAML parser import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def source_files(root: Path) -> list[Path]:
    """The entry files: `<type>/<id>.yaml` directly under the context folder."""
    return sorted(root.glob("*/*.yaml"))


def digest_of(files: Iterable[tuple[str, bytes]]) -> str:
    """A hash of (relative path, bytes) pairs, in `source_files` order."""
    h = hashlib.sha256()
    for relative, data in files:
        h.update(relative.encode())
        h.update(b"\0")
        h.update(data)
        h.update(b"\0")
    return h.hexdigest()


def digest(root: Path) -> str:
    """A hash of every entry file's path and bytes: it changes when any entry does."""
    return digest_of((path.relative_to(root).as_posix(), path.read_bytes()) for path in source_files(root))
