"""Build `context.db` from `context/`, atomically.

The database is written to a temporary file beside the target and renamed
over it only when every step succeeded, so a failed build (bad YAML, a full
disk, Ctrl-C) leaves the previous database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.errors import ContextError
from reader.knowledge import corpus as corpus_mod
from reader.knowledge.model import SCHEMA_VERSION, Entry
from reader.linking.aliases import records_for
from reader.linking.normalize import KEY_SEPARATOR

@dataclass(frozen=True)
class BuildResult:
    db_path: Path
    entries: int
    aliases: int
    seconds: float
    warnings: int


def _alias_rows(entry: Entry) -> list[dict]:
    rows = []
    names = [(entry.name, (), False)] + [(a.text, a.when, False) for a in entry.aliases]
    names += [(phrase, (), True) for phrase in entry.exclude]
    seen = set()
    for text, when, blocking in names:
        for record in records_for(text, entry.id, when, blocks=blocking):
            key = KEY_SEPARATOR.join(record.tokens)
            if (key, record.when, blocking) in seen:
                continue
            seen.add((key, record.when, blocking))
            rows.append({
                "entry_id": entry.id, "alias": text, "key": key, "first": record.tokens[0],
                "cues": json.dumps(record.when) if record.when else None, "blocks": int(blocking),
            })
    return rows


def write_database(path: Path, entries: list[Entry], source_digest: str) -> int:
    """Write every table into a new database at `path`; returns the alias row count."""
    db = sqlite_utils.Database(path)
    # The file is private until it is renamed into place, so per-statement
    # durability buys nothing; it is flushed to disk once, before the rename.
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")
    db["entries"].insert_all(
        ({
            "id": e.id, "name": e.name, "type": e.type, "summary": e.summary,
            "wikipedia": e.wikipedia, "start": e.start, "end": e.end, "path": e.path,
            "names": " ; ".join([e.name, *(a.text for a in e.aliases)]),
        } for e in entries),
        pk="id",
    )
    alias_rows = [row for e in entries for row in _alias_rows(e)]
    db["aliases"].insert_all(alias_rows, foreign_keys=[("entry_id", "entries", "id")])
    db["aliases"].create_index(["first"])
    children = {
        "roles": ({"entry_id": e.id, "position": i, "title": r.title, "start": r.start, "end": r.end}
                  for e in entries for i, r in enumerate(e.roles)),
        "related": ({"entry_id": e.id, "position": i, "related_id": rid}
                    for e in entries for i, rid in enumerate(e.related)),
        "sources": ({"entry_id": e.id, "position": i, "title": s.title, "url": s.url}
                    for e in entries for i, s in enumerate(e.sources)),
    }
    columns = {"roles": {"title": str, "start": str, "end": str}, "related": {"related_id": str},
               "sources": {"title": str, "url": str}}
    for table, rows in children.items():
        db[table].create({"entry_id": str, "position": int, **columns[table]})
        db[table].insert_all(rows)
        db[table].create_index(["entry_id"])
    db["entries"].enable_fts(["name", "names", "summary"], tokenize="unicode61 remove_diacritics 2")
    db["meta"].insert_all([
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "digest", "value": source_digest},
        {"key": "built_at", "value": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
        {"key": "entries", "value": str(len(entries))},
    ], pk="key")
    db.conn.commit()
    db.close()
    return len(alias_rows)


def build(context_dir: Path, db_path: Path) -> BuildResult:
    """Validate `context_dir` and replace `db_path` with a fresh build, or raise ContextError."""
    started = time.perf_counter()
    if not context_dir.is_dir():
        raise ContextError(f"no context folder at {context_dir}",
                           "pass --context DIR or run from the folder that holds context/")
    corpus = corpus_mod.load(context_dir)
    if corpus.errors:
        raise ContextError(
            f"{len(corpus.errors)} error(s) in {context_dir}; {db_path.name} was not changed",
            "fix them and build again",
            details=tuple(str(p) for p in corpus.errors),
        )
    if not corpus.entries:
        raise ContextError(f"no entries under {context_dir}", "add context/<type>/<id>.yaml files")
    db_path = db_path.resolve()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{db_path.name}.tmp", dir=db_path.parent)
    except OSError as exc:
        raise ContextError(f"cannot write beside {db_path}: {exc.strerror}",
                           "pass --db PATH in a folder you can write to") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        aliases = write_database(tmp, corpus.entries, corpus.digest)
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(tmp, db_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildResult(db_path, len(corpus.entries), aliases,
                       time.perf_counter() - started, len(corpus.warnings))
