"""Where knowledge meets linking and the disk: versions, entries as written, damage, locks, no-op builds."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.errors import BuildError, DatabaseError
from reader.knowledge import build as build_mod
from reader.knowledge import corpus, locations
from reader.knowledge.build import build, build_lock
from reader.knowledge.card import card
from reader.knowledge.model import EntryRef
from reader.knowledge.store import StaleDatabase, Store
from reader.linking import index
from reader.linking.mentions import annotate


def test_the_store_gives_back_every_entry_exactly_as_written(context_dir: Path, db_path: Path) -> None:
    written = corpus.load(context_dir).entries
    store = Store(db_path)
    assert written and all(store.entry(e.id) == e for e in written)


def test_cue_words_and_spellings_come_back_as_the_maintainer_wrote_them(db_path: Path, write_entry,
                                                                         context_dir: Path) -> None:
    text = (context_dir / "place" / "munich.yaml").read_text()
    text = text.replace("wikipedia:", "aliases:\n  - J.D. Munich\n  - alias: München\n    when: [Bavaria, \"1972\"]"
                                      "\nwikipedia:", 1)
    write_entry("place", "munich", text)
    build(context_dir, db_path)
    entry = Store(db_path).entry("munich")
    assert [(a.text, a.when) for a in entry.aliases] == [("J.D. Munich", ()), ("München", ("Bavaria", "1972"))]


def test_related_entries_cross_as_entry_refs(store: Store) -> None:
    entry = store.entry("lech-walesa")
    assert store.related(entry) == [EntryRef("solidarity", "Solidarity", "organization", "1980-09-17", None),
                                    EntryRef("poland", "Poland", "place", None, None)]
    shown = card(entry, store.related(entry), mentions=2)
    assert shown.related[0].name == "Solidarity" and shown.mentions_line == "Mentioned 2 times in this article"


def _set_meta(db: Path, key: str, value: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("update meta set value = ? where key = ?", [value, key])
    conn.commit()
    conn.close()


def test_another_index_version_is_stale_and_rebuilt_where_the_yaml_is_at_hand(db_path: Path,
                                                                               context_dir: Path) -> None:
    _set_meta(db_path, "index_version", str(index.INDEX_VERSION - 1))
    with pytest.raises(StaleDatabase) as error:
        Store(db_path)
    assert "reader context build" in error.value.fix
    store, note = locations.open_store(locations.Locations(db=db_path, context=context_dir))
    assert note is None and store.meta["index_version"] == str(index.INDEX_VERSION)


def test_a_folding_change_without_a_version_bump_is_caught(db_path: Path, context_dir: Path, monkeypatch) -> None:
    """What the corpus test relies on: the index records the version the keys were made with."""
    monkeypatch.setattr(index, "INDEX_VERSION", index.INDEX_VERSION + 1)
    monkeypatch.setattr("reader.knowledge.store.INDEX_VERSION", index.INDEX_VERSION)
    with pytest.raises(StaleDatabase):
        Store(db_path)


@pytest.mark.parametrize("damage", [
    "drop table roles", "drop table aliases", "alter table sources rename column url to link",
    "delete from meta", "drop table meta",
])
def test_a_damaged_database_is_one_error_naming_the_fix(db_path: Path, damage: str) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(damage)
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError) as error:
        Store(db_path)
    assert "reader context build" in error.value.fix


def test_malformed_pages_are_one_error_not_a_sqlite_exception(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    page = 4096
    for start in range(page * 2, len(data) - page, page * 3):  # leave page 1 (the schema) alone
        data[start:start + 200] = b"\xff" * 200
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError):
        store = Store(db_path)
        for entry_id in store.all_ids():
            store.entry(entry_id)
        list(store.aliases_starting_with(["Poland", "NATO", "Lech"]))
        store.search("Poland")


def test_a_no_op_build_leaves_the_file_byte_for_byte(db_path: Path, context_dir: Path) -> None:
    before, stamp = db_path.read_bytes(), db_path.stat().st_mtime_ns
    result = build(context_dir, db_path)
    assert not result.changed and db_path.read_bytes() == before and db_path.stat().st_mtime_ns == stamp


def test_two_builds_of_the_same_yaml_are_identical(context_dir: Path, tmp_path: Path) -> None:
    build(context_dir, tmp_path / "a.db")
    build(context_dir, tmp_path / "b.db")
    assert (tmp_path / "a.db").read_bytes() == (tmp_path / "b.db").read_bytes()


def test_a_build_removes_what_a_killed_build_left(db_path: Path, context_dir: Path) -> None:
    leftover = db_path.parent / "context.db.tmpk1ll3d_x"
    leftover.write_bytes(b"half a database")
    others = [db_path.parent / name for name in ("context.db.tmp-backup", "report.tmp.txt", "context.db.tmpnotes.txt")]
    for other in others:
        other.write_text("a maintainer's own file")
    (db_path.parent / "context.db.tmpabcdefgh").mkdir()
    build(context_dir, db_path)
    assert not leftover.exists()
    assert all(other.exists() for other in others) and (db_path.parent / "context.db.tmpabcdefgh").is_dir()


def test_a_database_name_with_glob_characters_removes_nothing_else(context_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "report.tmp.txt").write_text("keep me")
    build(context_dir, folder / "*")
    assert (folder / "report.tmp.txt").read_text() == "keep me" and (folder / "*").is_file()


def test_reading_a_wal_database_writes_nothing(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("pragma journal_mode = wal")
    conn.close()
    before = sorted(p.name for p in db_path.parent.iterdir())
    store = Store(db_path)
    store.search("Poland")
    store.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


def test_a_second_build_waits_for_the_first_or_says_it_is_running(db_path: Path, context_dir: Path) -> None:
    (context_dir / "place" / "poland.yaml").write_text(
        (context_dir / "place" / "poland.yaml").read_text().replace("Country", "State"))
    with build_lock(db_path.parent), pytest.raises(BuildError, match="another build"):
        build(context_dir, db_path, patience=0.2)
    assert Store(db_path).entry("poland").summary.startswith("Country")
    released = threading.Event()

    def hold() -> None:
        with build_lock(db_path.parent):
            released.wait(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    result = build(context_dir, db_path, patience=10)
    released.set()
    holder.join()
    assert result.changed and Store(db_path).entry("poland").summary.startswith("State")


def test_a_disk_that_fills_during_the_build_keeps_the_old_database(db_path: Path, context_dir: Path) -> None:
    """A real full disk: the build runs under a file-size limit smaller than the database."""
    (context_dir / "place" / "poland.yaml").write_text(
        (context_dir / "place" / "poland.yaml").read_text().replace("Country", "State"))
    before = db_path.read_bytes()
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
        "from reader.cli import main\n"
        f"sys.argv = ['reader', 'context', 'build', '--context', {str(context_dir)!r}, '--db', {str(db_path)!r}]\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Error: could not write context.db") and "old database is unchanged" in \
        result.stderr and "Traceback" not in result.stderr
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if ".tmp" in p.name] == []


def test_yaml_with_errors_reads_the_last_good_build_and_says_why(db_path: Path, context_dir: Path,
                                                                 write_entry) -> None:
    before = db_path.read_bytes()
    write_entry("person", "half-written", "name: TODO\n")
    store, note = locations.open_store(locations.Locations(db=db_path, context=context_dir))
    assert store.entry("poland") is not None
    assert note and "error(s)" in note and "not rebuilt" in note and "reader context check" in note
    assert db_path.read_bytes() == before


def test_a_folder_that_cannot_be_written_reads_the_last_good_build(db_path: Path, context_dir: Path,
                                                                   write_entry, monkeypatch) -> None:
    write_entry("place", "poland", (context_dir / "place" / "poland.yaml").read_text().replace("Country", "State"))

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(build_mod.tempfile, "mkstemp", read_only)
    store, note = locations.open_store(locations.Locations(db=db_path, context=context_dir))
    assert store.entry("poland").summary.startswith("Country")
    assert note and "cannot write beside" in note and "not rebuilt" in note


def test_a_stray_context_folder_is_never_read_or_built(tmp_path: Path, context_dir: Path, monkeypatch) -> None:
    """A `context/` folder in the current directory with no `context.db` beside it is someone else's."""
    monkeypatch.delenv("READER_DB", raising=False)
    monkeypatch.delenv("READER_CONTEXT", raising=False)
    stray = tmp_path / "elsewhere"
    shutil.copytree(context_dir, stray / "context")
    (stray / "context" / "person" / "broken.yaml").write_text("name: [\n")
    monkeypatch.chdir(stray)
    found = locations.find()
    assert found.context is None and found.db == locations.shipped_database()
    store, note = locations.open_store(found)
    assert note is None and len(store) > 100
    assert sorted(os.listdir(stray)) == ["context"], "reading wrote a file"


def test_a_period_lists_what_is_dated_within_it_events_first(store: Store) -> None:
    found = [ref.id for ref in store.dated_within("1938", "1938")]
    assert found[0] == "munich-agreement"
    assert "lech-walesa" not in found, "a person counts at birth and death, not for being alive"
    assert [ref.id for ref in store.dated_within("1943", "1943")] == ["world-war-ii", "lech-walesa"]
    assert store.dated_within("1800", "1899") == []


def test_the_store_reads_only_the_aliases_a_text_can_match(db_path: Path) -> None:
    store = Store(db_path)
    every = list(store.aliases_starting_with(["Lech"]))
    assert any(len(r.tokens) > 1 for r in every)
    held = {"Lech", "Walesa"}
    kept = list(store.aliases_starting_with(["Lech"], held))
    assert kept and all(set(r.tokens) <= held for r in kept)
    assert [r for r in every if set(r.tokens) <= held] == kept
    # with the pairs of tokens the text holds side by side, a longer alias must start with one of them
    assert list(store.aliases_starting_with(["Lech"], held, {("Lech", "Walesa")})) == kept
    apart = list(store.aliases_starting_with(["Lech"], held, {("Walesa", "Lech")}))
    assert apart == [r for r in kept if len(r.tokens) == 1]
    # the text's tokens go to a temporary table in memory: the database file is left alone
    before = db_path.read_bytes()
    list(store.aliases_starting_with(["Lech", "Poland"], {"Lech", "Poland", "Walesa"}))
    list(store.aliases_starting_with(["Lech", "Poland"], {"Lech", "Poland", "Walesa"}, {("Lech", "Walesa")}))
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("text", ["Lech Wałęsa \ud800 of Poland", "Lech\udfff Wałęsa, Poland’s \"Lech\" \\ Walesa"])
def test_any_string_is_annotated_against_the_database(store: Store, text: str) -> None:
    # the text's words and pairs reach SQLite as one JSON array: a lone surrogate (which UTF-8 cannot
    # carry), a quote or a backslash in a word is a word like another, not an error
    assert [m.entry_id for m in annotate(text, store)][:2] == ["lech-walesa", "poland"]
