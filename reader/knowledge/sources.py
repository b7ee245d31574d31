"""Which files make up a context folder, read safely, and their digest.

Kept apart from the schema so that checking whether the database is up to date
costs a hash of the files, not a YAML parser import. Every way a file can fail
to be an entry (a symlink loop, a symlink out of the folder, a directory named
`x.yaml`, a FIFO, an unreadable or oversized file) becomes a problem for that
file, never an exception and never a hang.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: No entry comes near this; a larger file is refused before it is parsed.
MAX_ENTRY_BYTES = 256 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One `<type>/<id>.yaml` under the context folder: its bytes, or why it has none."""

    path: Path
    #: The path relative to the context folder, with forward slashes.
    relative: str
    data: bytes | None
    #: (what is wrong, how to fix it) when the file could not be read as an entry.
    problem: tuple[str, str] | None = None


def _read(path: Path, root: Path) -> tuple[bytes | None, tuple[str, str] | None]:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None, ("is a symlink that loops or points nowhere", "remove the link or point it at a file")
    if not real.is_relative_to(root):
        return None, (f"is a symlink to {real}, outside the context folder",
                      "copy the file into context/ instead of linking to it")
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        return None, ("cannot be read: permission denied", "check the file's permissions")
    except OSError as exc:
        return None, (f"cannot be opened: {exc.strerror}", "check the file")
    info = os.fstat(fd)
    refused = None
    if stat.S_ISDIR(info.st_mode):
        refused = ("is a directory, not a file", "rename it: only entry files end in .yaml")
    elif not stat.S_ISREG(info.st_mode):
        refused = ("is not a regular file", "replace it with the entry's YAML file")
    elif info.st_size > MAX_ENTRY_BYTES:
        refused = (f"is {info.st_size // 1024} KB; an entry file is at most {MAX_ENTRY_BYTES // 1024} KB",
                   "an entry is a few hundred words: shorten it")
    if refused:
        os.close(fd)
        return None, refused
    with os.fdopen(fd, "rb") as stream:
        try:
            data = stream.read(MAX_ENTRY_BYTES + 1)
        except OSError as exc:
            return None, (f"cannot be read: {exc.strerror}", "check the file")
    if len(data) > MAX_ENTRY_BYTES:
        return None, (f"is over {MAX_ENTRY_BYTES // 1024} KB, the most an entry file may be",
                      "an entry is a few hundred words: shorten it")
    return data, None


def read_sources(root: Path) -> list[SourceFile]:
    """Every `<type>/<id>.yaml` directly under `root`, in a stable order, read or refused."""
    real_root = root.resolve()
    files = []
    for path in sorted(root.glob("*/*.yaml")):
        data, problem = _read(path, real_root)
        files.append(SourceFile(path, path.relative_to(root).as_posix(), data, problem))
    return files


def digest_of(files: Iterable[tuple[str, bytes]]) -> str:
    """A hash of (relative path, bytes) pairs, in `read_sources` order."""
    h = hashlib.sha256()
    for relative, data in files:
        h.update(relative.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        h.update(b"\0")
    return h.hexdigest()


def digest(root: Path) -> str:
    """A hash of every readable entry file's path and bytes: it changes when any entry does."""
    return digest_of((f.relative, f.data) for f in read_sources(root) if f.data is not None)
