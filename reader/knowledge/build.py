"""Build `context.db` from `context/`, atomically, one build at a time.

The database is written to a temporary file beside the target and renamed
over it only when every step succeeded, so a failed build (bad YAML, a full
disk, Ctrl-C, a kill) leaves the previous database exactly as it was. A build
that would change nothing leaves the file untouched, byte for byte, so a
no-op build never churns a binary in git.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.errors import BuildError, ContextError, DatabaseError
from reader.knowledge import corpus as corpus_mod
from reader.knowledge import validated
from reader.knowledge.model import SCHEMA_VERSION, Entry
from reader.knowledge.store import Store
from reader.linking.index import INDEX_VERSION, alias_keys, cue_key, key_of

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; builds there are not locked
    fcntl = None  # type: ignore[assignment]

#: How long a build waits for another one to finish before giving up, in seconds.
LOCK_PATIENCE = 60.0


@dataclass(frozen=True)
class BuildResult:
    db_path: Path
    entries: int
    aliases: int
    seconds: float
    warnings: int
    #: False when the database already held exactly this build and was left alone.
    changed: bool = True


#: The columns of the match index, in the order `_alias_rows` gives them.
ALIAS_COLUMNS = ("entry_id", "key", "first", "second", "last", "cues", "blocks")


def _alias_rows(entry: Entry) -> list[tuple[str | int | None, ...]]:
    """The match index rows of one entry (`ALIAS_COLUMNS`): folded keys, made by linking's index."""
    rows = []
    names = [(entry.name, (), False, False)] + [(a.text, a.when, False, a.exact) for a in entry.aliases]
    names += [(phrase, (), True, True) for phrase in entry.exclude]
    seen = set()
    for text, when, blocking, exact in names:
        cues = tuple(sorted({cue_key(w) for w in when} - {""})) if when else ()
        stored_cues = json.dumps(cues) if cues else None
        for tokens in alias_keys(text, "" if exact else entry.type):
            key = key_of(tokens)
            if (key, cues, blocking) in seen:
                continue
            seen.add((key, cues, blocking))
            rows.append((entry.id, key, tokens[0], tokens[1] if len(tokens) > 1 else None,
                         tokens[-1] if len(tokens) > 2 else None, stored_cues, int(blocking)))
    return rows


def _insert(db: sqlite_utils.Database, table: str, columns: Sequence[str],
            rows: Iterable[Sequence[object]]) -> None:
    """Insert rows of values that are already text, numbers or None into a table made for them: one
    prepared statement for all, without sqlite-utils' per-value type checks (a third of the build)."""
    names = ", ".join(f"[{c}]" for c in columns)
    db.conn.executemany(f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))})", rows)


def write_database(path: Path, entries: list[Entry], source_digest: str) -> int:
    """Write every table into a new database at `path`; returns the alias row count.

    What the maintainer wrote (names, aliases with their cue words, excluded
    phrases) is stored as written, for display; the folded keys that matching
    looks up are stored apart, in `aliases`.
    """
    db = sqlite_utils.Database(path)
    # The file is private until it is renamed into place, so per-statement
    # durability buys nothing; it is flushed to disk once, before the rename.
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")
    db["entries"].create({"id": str, "name": str, "type": str, "summary": str, "wikipedia": str, "start": str,
                          "end": str, "reviewed": str, "path": str, "names": str}, pk="id")
    _insert(db, "entries", ("id", "name", "type", "summary", "wikipedia", "start", "end", "reviewed", "path", "names"),
            ((e.id, e.name, e.type, e.summary, e.wikipedia, e.start, e.end, e.reviewed, e.path,
              " ; ".join([e.name, *(a.text for a in e.aliases)])) for e in entries))
    alias_rows = [row for e in entries for row in _alias_rows(e)]
    db["aliases"].create({"entry_id": str, "key": str, "first": str, "second": str, "last": str, "cues": str,
                          "blocks": int}, foreign_keys=[("entry_id", "entries", "id")])
    _insert(db, "aliases", ALIAS_COLUMNS, alias_rows)
    # read by first token and, where the text is known, second and last: a name whose second or last word
    # the text lacks is never read, and the index alone says so
    db["aliases"].create_index(["first", "second", "last"])
    db["aliases"].create_index(["entry_id"])
    children = {
        "written_aliases": ((e.id, i, a.text, json.dumps(a.when, ensure_ascii=False) if a.when else None,
                             int(a.exact)) for e in entries for i, a in enumerate(e.aliases)),
        "excludes": ((e.id, i, phrase) for e in entries for i, phrase in enumerate(e.exclude)),
        "roles": ((e.id, i, r.title, r.start, r.end, r.office) for e in entries for i, r in enumerate(e.roles)),
        "related": ((e.id, i, rid) for e in entries for i, rid in enumerate(e.related)),
        "sources": ((e.id, i, s.title, s.url) for e in entries for i, s in enumerate(e.sources)),
    }
    columns = {"written_aliases": {"alias": str, "cues": str, "exact": int}, "excludes": {"phrase": str},
               "roles": {"title": str, "start": str, "end": str, "office": str}, "related": {"related_id": str},
               "sources": {"title": str, "url": str}}
    for table, rows in children.items():
        db[table].create({"entry_id": str, "position": int, **columns[table]})
        _insert(db, table, ("entry_id", "position", *columns[table]), rows)
        db[table].create_index(["entry_id"])
    db["roles"].create_index(["office"])
    db["entries"].enable_fts(["name", "names", "summary"], tokenize="unicode61 remove_diacritics 2")
    db["meta"].insert_all([
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "index_version", "value": str(INDEX_VERSION)},
        {"key": "digest", "value": source_digest},
        {"key": "entries", "value": str(len(entries))},
    ], pk="key")
    db.conn.commit()
    db.close()
    return len(alias_rows)


@contextlib.contextmanager
def build_lock(folder: Path, patience: float = LOCK_PATIENCE) -> Iterator[None]:
    """Hold the folder's build lock: a second build waits for the first, then gives up.

    The lock is on the folder itself, so it leaves no file behind, and the
    kernel releases it when a build is killed.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise BuildError(f"cannot use the folder {folder}: {exc.strerror}",
                         "check its permissions, or pass --db PATH in a folder you can write to") from None
    try:
        deadline = time.monotonic() + patience
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildError(f"another build of the context database in {folder} is running",
                                     "wait for it to finish, then build again") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def is_current(db_path: Path, source_digest: str) -> bool:
    """True when `db_path` is an intact database of exactly these sources and this reader."""
    try:
        store = Store(db_path)
    except DatabaseError:
        return False
    try:
        if store.digest != source_digest or not store.intact():
            return False
        for entry_id in store.all_ids():  # damage a page check cannot see: values that do not read back
            store.entry(entry_id)
        return True
    except DatabaseError:
        return False
    finally:
        store.close()


#: What `tempfile.mkstemp` adds to a prefix: eight letters, digits or underscores.
_TEMP_SUFFIX = r"[a-z0-9_]{8}"


def _remove_leftovers(db_path: Path) -> None:
    """Temporary files of a build that was killed before it could clean up: exactly ours, never others'."""
    ours = re.compile(re.escape(f"{db_path.name}.tmp") + _TEMP_SUFFIX)
    with contextlib.suppress(OSError):
        for leftover in db_path.parent.iterdir():
            if ours.fullmatch(leftover.name) and leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)


def _write_failed(db_path: Path, exc: BaseException) -> BuildError:
    full = (isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)) \
        or "full" in str(exc) or "disk I/O" in str(exc)
    reason = "the disk is full" if full else (getattr(exc, "strerror", None) or str(exc))
    return BuildError(f"could not write {db_path.name}: {reason}; the old database is unchanged",
                      "free some space and build again" if full else "check the folder, then build again")


def build(context_dir: Path, db_path: Path, *, patience: float = LOCK_PATIENCE) -> BuildResult:
    """Validate `context_dir` and replace `db_path` with a fresh build, or raise ContextError."""
    started = time.perf_counter()
    if not context_dir.is_dir():
        raise ContextError(f"no context folder at {context_dir}",
                           "pass --context DIR or run from the folder that holds context/")
    made = validated.fingerprint()
    # what the last build validated, for the files that have not changed since; a cache, never required
    earlier = validated.read(db_path, made)
    corpus = corpus_mod.load(context_dir, earlier)
    if corpus.errors:
        raise ContextError(
            f"{len(corpus.errors)} error(s) in {context_dir}; {db_path.name} was not changed",
            "fix them and build again",
            details=tuple(str(p) for p in corpus.errors),
        )
    if not corpus.entries:
        raise ContextError(f"no entries under {context_dir}", "add context/<type>/<id>.yaml files")
    db_path = db_path.resolve()
    if not db_path.parent.is_dir():
        raise BuildError(f"no folder {db_path.parent} to build {db_path.name} in", "create it or pass --db PATH")
    with build_lock(db_path.parent, patience):
        _remove_leftovers(db_path)
        if is_current(db_path, corpus.digest):
            _keep_validated(db_path, corpus, earlier, made)
            return BuildResult(db_path, len(corpus.entries), 0, time.perf_counter() - started,
                               len(corpus.warnings), changed=False)
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f"{db_path.name}.tmp", dir=db_path.parent)
        except OSError as exc:
            raise BuildError(f"cannot write beside {db_path}: {exc.strerror}",
                             "pass --db PATH in a folder you can write to") from None
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            aliases = write_database(tmp, corpus.entries, corpus.digest)
            with open(tmp, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(tmp, db_path)
            _sync_folder(db_path.parent)
        except (OSError, sqlite3.Error) as exc:
            tmp.unlink(missing_ok=True)
            raise _write_failed(db_path, exc) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _keep_validated(db_path, corpus, earlier, made)
    return BuildResult(db_path, len(corpus.entries), aliases,
                       time.perf_counter() - started, len(corpus.warnings))


def _keep_validated(db_path: Path, corpus: corpus_mod.Corpus, earlier: dict[str, validated.Validated],
                    made: str) -> None:
    """Keep what this build validated for the next one, unless it is exactly what was kept already."""
    if len(earlier) != len(corpus.validated) or any(result.stored is None for _, result in corpus.validated):
        validated.save(db_path, corpus.validated, made)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: a crash after it cannot bring back the old file."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
