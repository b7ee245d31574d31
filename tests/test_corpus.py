"""The shipped context: valid, and the committed database built from exactly it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.formats.text import read_article
from reader.knowledge import corpus
from reader.knowledge.build import build
from reader.knowledge.sources import digest
from reader.knowledge.store import Store
from reader.linking.mentions import annotate
from reader.linking.missing import uncovered

from .conftest import SEED_ARTICLE

REPO = Path(__file__).parent.parent


def test_the_context_has_no_errors() -> None:
    result = corpus.load(REPO / "context")
    assert [str(p) for p in result.errors] == []


def test_the_committed_database_matches_the_context() -> None:
    store = Store(REPO / "context.db")
    assert store.digest == digest(REPO / "context"), "run 'reader context build' and commit context.db"
    assert len(store) == len(list((REPO / "context").glob("*/*.yaml")))


def _contents(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [name for (name,) in conn.execute(
        "select name from sqlite_master where type = 'table' and name not like 'entries_fts%'")]
    return {table: conn.execute(f"select * from [{table}] order by rowid").fetchall() for table in sorted(tables)}


def test_a_fresh_build_matches_the_committed_database(tmp_path: Path) -> None:
    """The alias keys come from linking's folding: if folding changes, the shipped index must too."""
    build(REPO / "context", tmp_path / "context.db")
    assert _contents(tmp_path / "context.db") == _contents(REPO / "context.db"), \
        "linking's keys changed: bump INDEX_VERSION in reader/linking/index.py, run 'reader context build', commit"


def test_the_corpus_covers_the_world_it_is_made_for() -> None:
    result = corpus.load(REPO / "context")
    assert len(result.entries) >= 400
    assert not result.warnings, [str(w) for w in result.warnings]


SEED_REFERENCES = {
    "donald-trump", "vladimir-putin", "united-states", "nato", "europe", "end-of-world-war-ii-in-europe",
    "tulsi-gabbard", "kash-patel", "fbi", "pete-hegseth", "us-department-of-defense", "pam-bondi",
    "us-department-of-justice", "john-ratcliffe", "cia", "russia", "the-new-york-times", "emmanuel-macron",
    "france", "paris", "ukraine", "jean-yves-le-drian", "central-and-eastern-europe", "western-world",
    "adolf-hitler", "munich-agreement", "joseph-stalin", "yalta-conference", "poland",
    "2025-us-russia-talks-in-riyadh", "jaroslaw-walesa", "solidarity", "lech-walesa", "saudi-arabia",
    "rasa-jukneviciene", "lithuania", "european-parliament", "world-war-ii", "us-secretary-of-state",
    "marco-rubio", "washington-dc", "moscow", "mar-a-lago", "florida", "volodymyr-zelenskyy", "czech-republic",
    "george-orwell", "nineteen-eighty-four", "vit-rakusan", "moldova", "estonia", "russian-invasion-of-ukraine",
}


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="shared seed article not beside the checkout")
def test_every_reference_in_the_seed_article_is_highlighted() -> None:
    text = read_article(SEED_ARTICLE).text
    found = {m.entry_id for m in annotate(text, Store(REPO / "context.db"))}
    assert SEED_REFERENCES - found == set()
    assert uncovered(text, annotate(text, Store(REPO / "context.db"))) == []
