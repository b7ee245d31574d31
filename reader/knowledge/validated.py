"""What validating each entry file gave, kept beside the database built from it, so that a rebuild reads only
what changed.

Parsing and checking the YAML is most of a build: a maintainer who edits one
file of two thousand should not wait while the other 1,999 are read again.
The build keeps, for each file, the digest of its bytes and what its
validation gave (the entry, its problems, the line of each field), under a
fingerprint of the code that validated it and of the day (a review may not be
dated after today, so tomorrow's check can differ), in `context.db.validated`
beside `context.db`. The next build reuses a file's result only when its
bytes, that code and the day are all the same.

That file is a cache and nothing more: it is not shipped or committed, and
whatever in it cannot be read, or reads back as something other than an
entry, counts as absent, so the file is validated as if it were new.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from reader import __version__
from reader.knowledge.model import Alias, Entry, Role, Source
from reader.knowledge.problems import Problem
from reader.knowledge.yaml_tree import Tree

#: The packages whose code decides what a file validates to: knowledge (the schema) and linking (alias keys).
_CODE = ("knowledge", "linking")


@dataclass(frozen=True)
class Validated:
    """One file's validation: the digest of the bytes it was given, and what came of them."""

    digest: str
    entry: Entry | None
    problems: tuple[Problem, ...]
    lines: Tree
    #: As stored, when it was read from a database: written again as it is.
    stored: bytes | None = field(default=None, compare=False, repr=False)


def file_digest(data: bytes) -> str:
    """What a file's earlier result is kept under: the digest of its bytes (the corpus's own is `sources.digest_of`)."""
    return hashlib.sha256(data).hexdigest()


@cache
def _code_digest() -> str:
    package = Path(__file__).parent.parent
    hashed = hashlib.sha256(__version__.encode())
    for folder in _CODE:
        for path in sorted((package / folder).glob("*")):
            if path.is_file():
                hashed.update(path.name.encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def fingerprint(today: str | None = None) -> str:
    """What must be the same for an earlier result to stand: the validating code and the day."""
    return f"{_code_digest()} {today or datetime.date.today().isoformat()}"


def _entry(data: Mapping[str, Any]) -> Entry:
    return Entry(**{
        **data,
        "aliases": tuple(Alias(a["text"], tuple(a["when"]), a["exact"]) for a in data["aliases"]),
        "roles": tuple(Role(**r) for r in data["roles"]),
        "related": tuple(data["related"]),
        "sources": tuple(Source(**s) for s in data["sources"]),
        "exclude": tuple(data["exclude"]),
        "vacant": tuple(tuple(v) for v in data["vacant"]),
    })


def _encode(result: Validated) -> bytes:
    if result.stored is not None:
        return result.stored
    data = {"entry": result.entry, "problems": result.problems, "top": result.lines.top, "items": result.lines.items}
    # a dataclass is written as its fields (`default`), a tuple as a list
    return zlib.compress(json.dumps(data, ensure_ascii=False, default=vars).encode())


def _decode(digest: str, blob: bytes) -> Validated:
    data = json.loads(zlib.decompress(blob))
    entry = _entry(data["entry"]) if data["entry"] is not None else None
    return Validated(digest, entry, tuple(Problem(**p) for p in data["problems"]),
                     Tree(top=data["top"], items=data["items"]), blob)


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.validated")


def read(db_path: Path, wanted: str) -> dict[str, Validated]:
    """The results kept beside `db_path`, by file, if they were made under fingerprint `wanted`."""
    found: dict[str, Validated] = {}
    path = cache_path(db_path)
    try:
        if not path.is_file():
            return found
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return found
    try:
        made = conn.execute("select value from meta where key = 'fingerprint'").fetchone()
        if made != (wanted,):
            return found
        for file, digest, blob in conn.execute("select path, digest, data from validated"):
            try:
                found[file] = _decode(digest, blob)
            except (ValueError, TypeError, KeyError, zlib.error, AttributeError):
                continue  # unreadable: that file is validated afresh
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
    return found


def save(db_path: Path, results: Iterable[tuple[str, Validated]], made: str) -> None:
    """Keep each file's result (by its path under the context folder) beside `db_path`, replacing what was
    kept before in one rename; a cache that cannot be written is simply not kept."""
    target = cache_path(db_path)
    tmp: Path | None = None
    try:
        # named as the build's own temporary files are, so that one left by a kill is cleaned up the same way
        fd, name = tempfile.mkstemp(prefix=f"{db_path.name}.tmp", dir=db_path.parent)
        os.close(fd)
        tmp = Path(name)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("create table meta (key text primary key, value text)")
            conn.execute("insert into meta values ('fingerprint', ?)", (made,))
            conn.execute("create table validated (path text primary key, digest text, data blob)")
            conn.executemany("insert into validated values (?, ?, ?)",
                             ((file, result.digest, _encode(result)) for file, result in results))
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        if tmp is not None:
            tmp.unlink(missing_ok=True)
