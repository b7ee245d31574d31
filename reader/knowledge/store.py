"""Read-only access to `context.db`. All SQL lives here.

The database is opened through a `mode=ro` URI: the reader can never write to
the file it reads, whatever a bug elsewhere does. Reading needs only the
standard library's sqlite3; sqlite-utils, which writes the file, is loaded by
the build alone, so `annotate` and `lookup` start without it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from reader.errors import DatabaseError
from reader.knowledge.model import SCHEMA_VERSION, Alias, Entry, Role, Source
from reader.linking.aliases import AliasRecord
from reader.linking.normalize import KEY_SEPARATOR, fold_tokens

#: SQLite's default limit on bound parameters is 999 on old builds.
_BATCH = 900


class Store:
    """The context database, opened read-only; also the linker's AliasLookup."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        fix = "run 'reader context build' or pass --db PATH"
        if not self.path.is_file():
            raise DatabaseError(f"no context database at {self.path}", fix)
        try:
            self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            self.conn.row_factory = sqlite3.Row
            self.meta = {row["key"]: row["value"] for row in self._query("select key, value from meta")}
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{self.path} is not a usable context database ({exc})", fix) from None
        if self.meta.get("schema_version") != str(SCHEMA_VERSION):
            raise DatabaseError(
                f"{self.path} has schema version {self.meta.get('schema_version')}, "
                f"this reader needs {SCHEMA_VERSION}", fix)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()

    @property
    def digest(self) -> str | None:
        return self.meta.get("digest")

    def __len__(self) -> int:
        return int(self.meta.get("entries", 0))

    def aliases_starting_with(self, first_tokens: Collection[str]) -> Iterator[AliasRecord]:
        firsts = list(first_tokens)
        for i in range(0, len(firsts), _BATCH):
            batch = firsts[i:i + _BATCH]
            marks = ",".join("?" * len(batch))
            for key, entry_id, cues, blocks in self.conn.execute(
                    f"select key, entry_id, cues, blocks from aliases where first in ({marks})", batch):
                yield AliasRecord(tuple(key.split(KEY_SEPARATOR)), entry_id,
                                  tuple(json.loads(cues)) if cues else (), bool(blocks))

    def entry(self, entry_id: str) -> Entry | None:
        rows = list(self._query("select * from entries where id = ?", [entry_id]))
        if not rows:
            return None
        row = rows[0]
        q = self._query
        aliases = tuple(
            Alias(r["alias"], tuple(json.loads(r["cues"])) if r["cues"] else ())
            for r in q("select alias, min(cues) as cues from aliases where entry_id = ? and alias != ? "
                       "and not blocks group by alias order by min(rowid)", [entry_id, row["name"]]))
        roles = tuple(Role(r["title"], r["start"], r["end"]) for r in
                      q("select * from roles where entry_id = ? order by position", [entry_id]))
        related = tuple(r["related_id"] for r in
                        q("select related_id from related where entry_id = ? order by position", [entry_id]))
        sources = tuple(Source(r["title"], r["url"]) for r in
                        q("select * from sources where entry_id = ? order by position", [entry_id]))
        exclude = tuple(r["alias"] for r in q("select distinct alias from aliases where entry_id = ? and blocks "
                                               "order by rowid", [entry_id]))
        return Entry(id=row["id"], name=row["name"], type=row["type"], summary=row["summary"],
                     wikipedia=row["wikipedia"], start=row["start"], end=row["end"],
                     aliases=aliases, roles=roles, related=related, sources=sources, exclude=exclude,
                     path=row["path"])

    def names(self, entry_ids: Collection[str]) -> dict[str, tuple[str, str]]:
        """{id: (name, type)} for many entries at once, for lists and highlights."""
        ids = list(entry_ids)
        result = {}
        for i in range(0, len(ids), _BATCH):
            batch = ids[i:i + _BATCH]
            marks = ",".join("?" * len(batch))
            for r in self._query(f"select id, name, type from entries where id in ({marks})", batch):
                result[r["id"]] = (r["name"], r["type"])
        return result

    def related(self, entry: Entry) -> list[tuple[str, str, str]]:
        """(id, name, type) of each related entry that exists, in the order the entry gives them."""
        names = self.names(entry.related)
        return [(rid, *names[rid]) for rid in entry.related if rid in names]

    def search(self, query: str, limit: int = 10) -> list[str]:
        """Entry ids best matching `query`: exact names and aliases first, then full text."""
        tokens = fold_tokens(query)
        found: list[str] = []
        if tokens:
            key = KEY_SEPARATOR.join(tokens)
            for r in self._query("select distinct entry_id from aliases where key = ? collate nocase "
                                   "and not blocks order by cues is not null", [key]):
                found.append(r["entry_id"])
        words = re.findall(r"\w+", query)
        if words:
            fts = " ".join(f'"{w}"*' for w in words)
            for r in self._query(
                    "select entries.id from entries_fts join entries on entries.rowid = entries_fts.rowid "
                    "where entries_fts match ? order by bm25(entries_fts, 10.0, 5.0, 1.0) limit ?",
                    [fts, limit]):
                if r["id"] not in found:
                    found.append(r["id"])
        return found[:limit]

    def all_ids(self) -> list[str]:
        return [r["id"] for r in self._query("select id from entries order by id")]
