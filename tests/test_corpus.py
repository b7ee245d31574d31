"""The shipped context: valid, and the committed database built from exactly it."""

from __future__ import annotations

from pathlib import Path

from reader.knowledge import corpus
from reader.knowledge.sources import digest
from reader.knowledge.store import Store

REPO = Path(__file__).parent.parent


def test_the_context_has_no_errors() -> None:
    result = corpus.load(REPO / "context")
    assert [str(p) for p in result.errors] == []


def test_the_committed_database_matches_the_context() -> None:
    store = Store(REPO / "context.db")
    assert store.digest == digest(REPO / "context"), "run 'reader context build' and commit context.db"
    assert len(store) == len(list((REPO / "context").glob("*/*.yaml")))
