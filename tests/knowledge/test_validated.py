"""A rebuild reads again only the files that changed, and gives exactly what a build from nothing gives."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.errors import ContextError
from reader.knowledge import corpus, schema, validated
from reader.knowledge.build import build

TABLES = ("entries", "aliases", "written_aliases", "excludes", "roles", "related", "sources", "meta")


def rows(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"select * from {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        conn.close()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files validated from their YAML, as the build reads them."""
    names: list[str] = []
    real = schema.validate_document

    def counting(path, *args, **kwargs):
        names.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(corpus, "validate_document", counting)
    return names


def test_a_rebuild_after_one_edit_reads_that_file_alone_and_builds_the_same(
        db_path: Path, context_dir: Path, write_entry, parsed: list[str], tmp_path: Path) -> None:
    assert validated.cache_path(db_path).is_file()
    text = (context_dir / "place" / "munich.yaml").read_text(encoding="utf-8")
    write_entry("place", "munich", text.replace("summary: ", "summary: Bavarian capital. ", 1))
    build(context_dir, db_path)
    assert parsed == ["munich.yaml"]
    # a build from nothing, elsewhere, of the same files
    fresh = tmp_path / "fresh" / "context.db"
    fresh.parent.mkdir()
    build(context_dir, fresh)
    assert rows(db_path) == rows(fresh)


def test_what_is_reused_is_what_validating_gives(context_dir: Path, db_path: Path, write_entry) -> None:
    # a file with a warning, an added file and a removed one
    write_entry("person", "no-sources-yet", "name: Someone Unsourced\ntype: person\nsummary: x\n")
    (context_dir / "event" / "world-war.yaml").unlink()
    with pytest.raises(ContextError):
        build(context_dir, db_path)
    (context_dir / "person" / "no-sources-yet.yaml").unlink()
    build(context_dir, db_path)
    again = corpus.load(context_dir, validated.read(db_path, validated.fingerprint()))
    fresh = corpus.load(context_dir)
    assert again.entries == fresh.entries and again.problems == fresh.problems
    assert [e.path for e in again.entries] == [e.path for e in fresh.entries]
    assert "event/world-war.yaml" not in {path for path, _ in again.validated}


def test_a_renamed_folder_shows_its_new_name(db_path: Path, context_dir: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "entries"
    shutil.copytree(context_dir, moved)
    reused = corpus.load(moved, validated.read(db_path, validated.fingerprint()))
    assert reused.entries and all(e.path.startswith("entries/") for e in reused.entries)


def test_results_made_by_other_code_or_on_another_day_are_not_used(db_path: Path) -> None:
    assert validated.read(db_path, validated.fingerprint()) != {}
    assert validated.read(db_path, validated.fingerprint("2001-01-01")) == {}


@pytest.mark.parametrize("damage", ["garbage", "folder", "bad rows", "missing"])
def test_a_damaged_cache_only_means_reading_every_file(
        db_path: Path, context_dir: Path, write_entry, parsed: list[str], damage: str) -> None:
    kept = validated.cache_path(db_path)
    if damage == "garbage":
        kept.write_bytes(b"not a database\0" * 100)
    elif damage == "folder":
        kept.unlink()
        kept.mkdir()
    elif damage == "bad rows":
        conn = sqlite3.connect(kept)
        conn.execute("update validated set data = x'00ff', digest = digest")
        conn.execute("update validated set data = 'x' where path like 'place/%'")
        conn.commit()
        conn.close()
    else:
        kept.unlink()
    write_entry("place", "munich", (context_dir / "place" / "munich.yaml").read_text(encoding="utf-8") + "\n")
    result = build(context_dir, db_path)
    assert result.changed and sorted(parsed) == sorted(p.name for p in context_dir.glob("*/*.yaml"))
    if damage != "folder":
        assert validated.read(db_path, validated.fingerprint()), "the next build has them again"
