"""Read-only access to `context.db`. All SQL lives here.

The database is opened through a `mode=ro` URI: the reader can never write to
the file it reads, whatever a bug elsewhere does. Reading needs only the
standard library's sqlite3; sqlite-utils, which writes the file, is loaded by
the build alone, so `annotate` and `lookup` start without it.

Every way the file can be unusable (missing, not SQLite, tables missing behind
a valid meta row, malformed pages met halfway through a query, built by
another version) ends in one `DatabaseError` naming the command that fixes it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path

from reader.errors import DatabaseError
from reader.knowledge import dates
from reader.knowledge.model import SCHEMA_VERSION, Alias, Entry, EntryRef, Holder, Role, Source
from reader.linking.index import INDEX_VERSION, AliasRecord, Office, key_of, tokens_of
from reader.linking.normalize import fold_tokens

#: SQLite's default limit on bound parameters is 999 on old builds.
_BATCH = 900
#: An entry's years in public life, related entries, given-name initials and offices, as `AliasRecord` carries them.
_Facts = tuple[tuple[str, str | None] | None, frozenset[str], frozenset[str], tuple[Office, ...]]
_NO_FACTS: _Facts = (None, frozenset(), frozenset(), ())
#: The tables and columns this reader reads; a database without them is not one it can use.
TABLES = {
    "entries": {"id", "name", "type", "summary", "wikipedia", "start", "end", "reviewed", "path"},
    "aliases": {"entry_id", "key", "first", "second", "last", "cues", "blocks"},
    "written_aliases": {"entry_id", "position", "alias", "cues", "exact"},
    "excludes": {"entry_id", "position", "phrase"},
    "roles": {"entry_id", "position", "title", "start", "end", "office"},
    "related": {"entry_id", "position", "related_id"},
    "sources": {"entry_id", "position", "title", "url"},
    "meta": {"key", "value"},
    "entries_fts": set(),
}
#: The text's tokens, held for a query (see `Store._hold_present`).
_PRESENT = "(select token from temp.present)"
#: The longest query `search` answers: a name or a phrase, not a document.
MAX_QUERY = 200
FIX = "run 'reader context build' to rebuild it, or pass --db PATH"


#: The longest summary a card will show from the database; the schema allows far less.
_MAX_TEXT = 20_000


def _damaged(path: Path, what: str) -> DatabaseError:
    return DatabaseError(f"{path} is damaged: {what}", FIX)


class StaleDatabase(DatabaseError):
    """The database was built by another version of the reader: rebuilding it fixes that."""


class Store:
    """The context database, opened read-only; also the linker's AliasLookup."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._facts: dict[str, _Facts] = {}
        #: The tokens of the text whose aliases were last asked for (see `_hold_present`).
        self._present: Collection[str] | None = None
        if not self.path.is_file():
            raise DatabaseError(f"no context database at {self.path}", FIX)
        try:
            # immutable: SQLite takes no locks and makes no -wal or -shm files, so reading writes nothing.
            self.conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path} cannot be opened ({exc})", FIX) from None
        try:
            self.meta = dict(self._query("select key, value from meta"))
            self._check_tables()
        except DatabaseError:
            self.conn.close()
            raise
        versions = (self.meta.get("schema_version"), self.meta.get("index_version"))
        if versions != (str(SCHEMA_VERSION), str(INDEX_VERSION)):
            self.conn.close()
            raise StaleDatabase(
                f"{self.path} was built by another version of reader (schema {versions[0]}, index "
                f"{versions[1]}; this reader reads schema {SCHEMA_VERSION}, index {INDEX_VERSION})", FIX)

    def _check_tables(self) -> None:
        found: dict[str, set[str]] = {}
        for table, column in self._query(
                "select m.name, p.name from sqlite_master m left join pragma_table_info(m.name) p "
                "where m.type = 'table'"):
            found.setdefault(table, set()).add(column)
        for table, columns in TABLES.items():
            if table not in found or not columns <= found[table]:
                raise DatabaseError(f"{self.path} is damaged: table {table} is missing or incomplete", FIX)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path} is not a usable context database ({exc})", FIX) from None

    def close(self) -> None:
        self.conn.close()

    def intact(self) -> bool:
        """True when SQLite finds no damage in the file: what a no-op build relies on."""
        try:
            return self.conn.execute("pragma quick_check").fetchone() == ("ok",)
        except sqlite3.Error:
            return False

    @property
    def digest(self) -> str | None:
        return self.meta.get("digest")

    def __len__(self) -> int:
        return int(self.meta.get("entries", 0) or 0)

    def aliases_starting_with(self, first_tokens: Collection[str], present: Collection[str] | None = None,
                              pairs: Collection[tuple[str, str]] | None = None) -> Iterator[AliasRecord]:
        """See `AliasLookup`: the aliases are read by their first token, and with `pairs` by their first two,
        through an index, and those that cannot match the text are dropped before anything else about their
        entries is read."""
        columns = "select a.key, a.entry_id, a.cues, a.blocks, e.start, e.end, e.type"
        joined = "left join entries e on e.id = a.entry_id"
        last_held = ""
        if present is not None:
            self._hold_present(present)
            last_held = f" and (a.last is null or a.last in {_PRESENT})"
        # the first tokens go to a table of their own, read in one query (a book asks about 19,000 of them)
        self._temporary("firsts", "token text primary key", "value", sorted(first_tokens))
        query = f"{columns} from temp.firsts f cross join aliases a on a.first = f.token {joined}"
        if pairs is not None:
            query += " where a.second is null"
        elif present is not None:
            query += f" where (a.second is null or a.second in {_PRESENT}){last_held}"
        yield from self._records(self._query(query), present)
        if pairs is not None:
            wanted = set(first_tokens)
            self._hold_pairs([pair for pair in pairs if pair[0] in wanted])
            # `cross join` keeps the pairs as the outer loop: each is one look-up in the index of first and second
            yield from self._records(self._query(
                f"{columns} from temp.pairs p cross join aliases a on a.first = p.first and a.second = p.second "
                f"{joined} where 1{last_held}"), present)

    def _records(self, found: list[tuple], present: Collection[str] | None) -> Iterator[AliasRecord]:
        """The alias rows that can match the text, as records with their entries' linking facts."""
        rows = []
        for key, entry_id, cues, blocks, start, end, kind in found:
            if not isinstance(key, str) or not key or not isinstance(entry_id, str):
                raise _damaged(self.path, "an alias has no key or entry")
            tokens = tokens_of(key)
            if present is None or all(t in present for t in tokens):
                rows.append((tokens, entry_id, cues, blocks, start, end, kind))
        facts = self._linking_facts({row[1] for row in rows})
        for tokens, entry_id, cues, blocks, start, end, kind in rows:
            active, related, initials, offices = facts.get(entry_id, _NO_FACTS)
            yield AliasRecord(tokens, entry_id, self._cues(cues), bool(blocks), self._date(start),
                              self._date(end), active, related, kind if isinstance(kind, str) else "",
                              initials, offices)

    def _hold_present(self, present: Collection[str]) -> None:
        """Put the text's tokens in a temporary table (in memory, never the database) for the query to
        join, once per text: the matcher hands over the same collection for each of its blocks."""
        if present is self._present:
            return
        self._temporary("present", "token text primary key", "value", sorted(present))
        self._present = present

    def _hold_pairs(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Put the token pairs the text holds side by side in a temporary table, for the query to join."""
        self._temporary("pairs", "first text, second text, primary key (first, second)",
                        "json_extract(value, '$[0]'), json_extract(value, '$[1]')", sorted(pairs))

    def _temporary(self, name: str, columns: str, values: str, rows: Sequence[object]) -> None:
        """Fill a temporary table (in memory, never the database) with `rows` (sorted, which SQLite inserts
        quickest), handed over as one JSON array that `json_each` reads and `values` takes apart: a third of
        the time of binding a book's 20,000 words row by row."""
        try:
            self.conn.execute("pragma temp_store = memory")
            self.conn.execute(f"create temp table if not exists {name} ({columns}) without rowid")
            self.conn.execute(f"delete from temp.{name}")
            self.conn.execute(f"insert or ignore into temp.{name} select {values} from json_each(?)",
                              (json.dumps(rows),))
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path} is not a usable context database ({exc})", FIX) from None

    def _linking_facts(self, entry_ids: set[str]) -> dict[str, _Facts]:
        """What resolution weighs beyond the alias, for the entries a text's aliases name: years in
        public life, related entries, the initials of given names and offices (see `AliasRecord`).

        Read for those entries only, and once each, so start-up stays flat as the corpus grows.
        """
        wanted = sorted(entry_ids - self._facts.keys())
        for i in range(0, len(wanted), _BATCH):
            batch = wanted[i:i + _BATCH]
            marks = ",".join("?" * len(batch))
            active: dict[str, tuple[str, str | None]] = {}
            offices: dict[str, list[Office]] = {}
            for entry_id, title, start, end in self._query(
                    f"select entry_id, title, start, end from roles where entry_id in ({marks}) "
                    "order by entry_id, position", batch):
                if not isinstance(entry_id, str) or not isinstance(title, str):
                    continue
                start, end = self._date(start), self._date(end)
                words = tuple(w.casefold() for w in fold_tokens(title) if w[0].isalnum())
                offices.setdefault(entry_id, []).append(Office(words, start, end))
            for entry_id, held in offices.items():
                starts = [o.start for o in held if o.start]
                if starts:
                    ends = [o.end for o in held if o.start]
                    last = None if None in ends else max(e for e in ends if e)
                    active[entry_id] = (min(starts), last)
            related: dict[str, set[str]] = {}
            for entry_id, related_id in self._query(
                    f"select entry_id, related_id from related where entry_id in ({marks})", batch):
                if isinstance(related_id, str):
                    related.setdefault(entry_id, set()).add(related_id)
            initials: dict[str, set[str]] = {}
            for entry_id, name in self._query(
                    f"select id, name from entries where type = 'person' and id in ({marks}) union all "
                    "select w.entry_id, w.alias from written_aliases w join entries e on e.id = w.entry_id "
                    f"where e.type = 'person' and w.entry_id in ({marks})", batch + batch):
                words = fold_tokens(name) if isinstance(name, str) else ()
                if len(words) > 1 and words[0][:1].isalpha():
                    initials.setdefault(entry_id, set()).add(words[0][0].casefold())
            for entry_id in batch:
                self._facts[entry_id] = (active.get(entry_id), frozenset(related.get(entry_id, ())),
                                         frozenset(initials.get(entry_id, ())), tuple(offices.get(entry_id, ())))
        return {entry_id: self._facts[entry_id] for entry_id in entry_ids}

    def _cues(self, cues: object) -> tuple[str, ...]:
        if cues is None:
            return ()
        try:
            words = json.loads(cues) if isinstance(cues, str) else None
        except ValueError:
            words = None
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _damaged(self.path, "an alias's cue words are not a list of words")
        return tuple(words)

    def _text(self, value: object, what: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or len(value) > _MAX_TEXT:
            raise _damaged(self.path, f"{what} is not text")
        return value

    def _date(self, value: object) -> str | None:
        if value is None:
            return None
        try:
            dates.parse(value if isinstance(value, str) else "")
        except ValueError:
            raise _damaged(self.path, f"{value!r} is not a date") from None
        return value

    def entry(self, entry_id: str) -> Entry | None:
        """The entry exactly as its YAML gave it, or None."""
        rows = self._query("select id, name, type, summary, wikipedia, start, end, reviewed, path from entries "
                           "where id = ?", [entry_id])
        if not rows:
            return None
        id_, name, kind, summary, wikipedia, start, end, reviewed, path = rows[0]
        q, t, d = self._query, self._text, self._date
        aliases = tuple(Alias(t(text, "an alias"), self._cues(cues), exact == 1) for text, cues, exact in
                        q("select alias, cues, exact from written_aliases where entry_id = ? order by position",
                          [id_]))
        roles = tuple(Role(t(title, "a role"), d(a), d(b), t(office, "an office", optional=True))
                      for title, a, b, office in
                      q("select title, start, end, office from roles where entry_id = ? order by position", [id_]))
        related = tuple(t(r, "a related id") for (r,) in
                        q("select related_id from related where entry_id = ? order by position", [id_]))
        sources = tuple(Source(t(title, "a source title"), t(url, "a source url")) for title, url in
                        q("select title, url from sources where entry_id = ? order by position", [id_]))
        exclude = tuple(t(r, "an excluded phrase") for (r,) in
                        q("select phrase from excludes where entry_id = ? order by position", [id_]))
        return Entry(id=t(id_, "an id"), name=t(name, "a name"), type=t(kind, "a type"),
                     summary=t(summary, "a summary"), wikipedia=t(wikipedia, "a title", optional=True),
                     start=d(start), end=d(end), aliases=aliases, roles=roles, related=related, sources=sources,
                     exclude=exclude, reviewed=d(reviewed), path=t(path, "a path", optional=True) or "")

    def holders(self, office_id: str) -> list[Holder]:
        """Every term of the office whose entry is `office_id`, from its holders' roles, in order of start."""
        rows = self._query(
            "select e.id, e.name, e.type, e.start, e.end, r.start, r.end from roles r join entries e "
            "on e.id = r.entry_id where r.office = ? order by r.start is null, r.start, e.name", [office_id])
        return [Holder(self._ref(row[:5]), self._date(row[5]), self._date(row[6])) for row in rows]

    def _rows_for(self, columns: str, entry_ids: Collection[str]) -> Iterator[tuple]:
        """`columns` of the entries with these ids, in batches that stay under SQLite's limit."""
        ids = list(entry_ids)
        for i in range(0, len(ids), _BATCH):
            batch = ids[i:i + _BATCH]
            yield from self._query(f"select {columns} from entries where id in ({','.join('?' * len(batch))})",
                                   batch)

    def refs(self, entry_ids: Collection[str]) -> dict[str, EntryRef]:
        """An `EntryRef` for each of many entries at once, for lists and highlights."""
        return {row[0]: self._ref(row) for row in self._rows_for("id, name, type, start, end", entry_ids)}

    def summaries(self, entry_ids: Collection[str]) -> dict[str, str]:
        """The summary of each of many entries at once, for the index and the timeline."""
        return {self._text(entry_id, "an id"): self._text(summary, "a summary")
                for entry_id, summary in self._rows_for("id, summary", entry_ids)}

    def related(self, entry: Entry) -> list[EntryRef]:
        """Each related entry that exists, in the order the entry gives them."""
        refs = self.refs(entry.related)
        return [refs[rid] for rid in entry.related if rid in refs]

    def dated_within(self, first: str, last: str, limit: int = 60) -> list[EntryRef]:
        """Entries whose dates meet the period from `first` to `last` (partial ISO dates), events first.

        An entry without an end counts at its start only, and a person at
        their birth and death only: a year lists what began, ended or happened
        in it, not everyone alive or everything still going on.
        """
        until = last + "\uffff"  # `1945-08-02` sorts before `1945\uffff`: within 1945
        rows = self._query(
            "select id, name, type, start, end from entries where start is not null and ("
            "(type = 'person' and (start between ?1 and ?2 or end between ?1 and ?2)) or "
            "(type != 'person' and start <= ?2 and coalesce(end, start) >= ?1)) "
            "order by type != 'event', start, name limit ?3", [first, until, limit])
        return [self._ref(row) for row in rows]

    def _ref(self, row: tuple) -> EntryRef:
        entry_id, name, kind, start, end = row
        return EntryRef(self._text(entry_id, "an id"), self._text(name, "a name"), self._text(kind, "a type"),
                        self._date(start), self._date(end))

    def search(self, query: str, limit: int = 10) -> list[str]:
        """Entry ids best matching `query`: exact names and aliases first, then full text.

        Queries are cut to `MAX_QUERY` characters by the caller's rules; here
        the words are capped too, so no query can cost more than a name does.
        """
        query = query[:MAX_QUERY]
        tokens = fold_tokens(query)
        found: list[str] = []
        if tokens:
            for (entry_id,) in self._query(
                    "select distinct entry_id from aliases where key = ? collate nocase "
                    "and not blocks order by cues is not null", [key_of(tokens)]):
                found.append(entry_id)
        words = re.findall(r"\w+", query)[:12]
        if words:
            fts = " ".join(f'"{w}"*' for w in words)
            for (entry_id,) in self._query(
                    "select entries.id from entries_fts join entries on entries.rowid = entries_fts.rowid "
                    "where entries_fts match ? order by bm25(entries_fts, 10.0, 5.0, 1.0) limit ?",
                    [fts, limit]):
                if entry_id not in found:
                    found.append(entry_id)
        return found[:limit]

    def all_ids(self) -> list[str]:
        return [r for (r,) in self._query("select id from entries order by id")]
