"""The build: atomic, read-only to the reader, rebuilt when the YAML changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.errors import ContextError, DatabaseError
from reader.knowledge import locations
from reader.knowledge.build import build
from reader.knowledge.model import SCHEMA_VERSION
from reader.knowledge.sources import digest
from reader.knowledge.store import Store
from reader.linking.index import INDEX_VERSION


def test_build_writes_every_table(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    assert {"entries", "aliases", "roles", "related", "sources", "meta", "entries_fts"} <= tables
    meta = dict(conn.execute("select key, value from meta"))
    assert meta["schema_version"] == str(SCHEMA_VERSION) and len(meta["digest"]) == 64
    assert meta["index_version"] == str(INDEX_VERSION)


def test_a_failed_build_leaves_the_old_database(db_path: Path, context_dir: Path, write_entry) -> None:
    before = db_path.read_bytes()
    write_entry("person", "broken", "name: [unclosed\n")
    with pytest.raises(ContextError) as error:
        build(context_dir, db_path)
    assert "context.db was not changed" in str(error.value)
    assert any(line.startswith("context/person/broken.yaml:2: YAML syntax error") for line in error.value.details)
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if "tmp" in p.name] == []


def test_the_store_cannot_write(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("delete from entries")


def test_store_reads_an_entry_with_everything(store: Store) -> None:
    entry = store.entry("lech-walesa")
    assert entry.name == "Lech Wałęsa" and entry.start == "1943-09-29"
    assert [(r.title, r.start, r.end) for r in entry.roles] == [("President of Poland", "1990-12-22", "1995-12-22")]
    assert entry.related == ("solidarity", "poland")
    assert entry.sources[0].url.startswith("https://en.wikipedia.org/")
    assert [a.text for a in entry.aliases] == ["Walesa"]


@pytest.mark.parametrize(("query", "expected"), [
    ("walesa", "lech-walesa"), ("North Atlantic", "nato"), ("Sudetenland", "munich-agreement"),
])
def test_search_finds_names_aliases_and_summaries(store: Store, query: str, expected: str) -> None:
    assert store.search(query)[0] == expected


def test_a_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "context.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not a usable context database"):
        Store(bad)
    with pytest.raises(DatabaseError, match="no context database"):
        Store(tmp_path / "missing.db")


def test_editing_yaml_rebuilds_at_the_next_open(db_path: Path, context_dir: Path, write_entry) -> None:
    where = locations.Locations(db=db_path, context=context_dir)
    assert locations.open_store(where)[0].entry("vit-rakusan") is None
    text = (context_dir / "place" / "poland.yaml").read_text().replace("Country", "State")
    write_entry("place", "poland", text)
    store, note = locations.open_store(where)
    assert store.entry("poland").summary.startswith("State in Central Europe") and note is None


def test_defaults_follow_the_current_folder(tmp_path: Path, context_dir: Path, db_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("READER_DB", raising=False)
    monkeypatch.delenv("READER_CONTEXT", raising=False)
    monkeypatch.chdir(context_dir.parent)
    found = locations.find()
    assert found.context == Path("context") and found.db == context_dir.parent / "context.db"
    (context_dir.parent / "context.db").unlink()
    assert locations.find().context is None, "a context/ folder without context.db beside it is not read"
    assert locations.find(maintaining=True).context == Path("context")
    monkeypatch.chdir(tmp_path)
    assert locations.find() == locations.Locations(db=locations.shipped_database(), context=None)
    monkeypatch.setenv("READER_DB", "/elsewhere/x.db")
    assert locations.find().db == Path("/elsewhere/x.db")


def test_the_build_records_the_digest_the_reader_checks(db_path: Path, context_dir: Path) -> None:
    assert Store(db_path).digest == digest(context_dir)
