"""Which files make up a context folder, and their digest.

Kept apart from the schema so that checking whether the database is up to date
costs a hash of the files, not a YAML parser import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_files(root: Path) -> list[Path]:
    """The entry files: `<type>/<id>.yaml` directly under the context folder."""
    return sorted(root.glob("*/*.yaml"))


def digest(root: Path) -> str:
    """A hash of every entry file's path and bytes: it changes when any entry does."""
    h = hashlib.sha256()
    for path in source_files(root):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()
