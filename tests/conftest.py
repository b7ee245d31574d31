"""Shared fixtures: a small context corpus, its database, and an app factory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.knowledge.build import build
from reader.knowledge.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
SEED_ARTICLE = REPO.parent / "shared" / "seed" / "article.txt"


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test remembers places and themes in its own folder, never in the user's."""
    folder = tmp_path / "state"
    monkeypatch.setenv("READER_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def context_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture corpus, laid out as a maintainer's repository."""
    target = tmp_path / "repo" / "context"
    shutil.copytree(FIXTURES / "context", target)
    return target


@pytest.fixture
def db_path(context_dir: Path) -> Path:
    path = context_dir.parent / "context.db"
    build(context_dir, path)
    return path


@pytest.fixture
def store(db_path: Path) -> Store:
    store = Store(db_path)
    yield store
    store.close()


@pytest.fixture
def write_entry(context_dir: Path):
    """Write (or overwrite) one YAML entry in the fixture corpus."""

    def write(kind: str, entry_id: str, text: str) -> Path:
        path = context_dir / kind / f"{entry_id}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A short article with Windows line ends and curly quotes."""
    path = tmp_path / "article.txt"
    path.write_text("Lech Wałęsa led Solidarity.\r\nPoland’s NATO allies met in Munich.\n", encoding="utf-8")
    return path
