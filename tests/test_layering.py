"""Knowledge and linking never reach for the interface; linking never opens the store."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "reader"
INTERFACE = ("textual", "rich", "click", "reader.ui", "reader.cli", "reader.card")


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_knowledge_and_linking_import_nothing_of_the_interface() -> None:
    for side in ("knowledge", "linking"):
        for path in (PACKAGE / side).glob("*.py"):
            bad = {n for n in imports(path) if n.startswith(INTERFACE)}
            assert not bad, f"{path.name} imports {bad}"


def test_linking_does_not_know_the_store() -> None:
    for path in (PACKAGE / "linking").glob("*.py"):
        assert not {n for n in imports(path) if n.startswith(("reader.knowledge", "sqlite"))}, path.name


def test_reading_and_annotating_load_no_ui_at_run_time() -> None:
    code = ("import sys, reader.linking.mentions, reader.knowledge.locations, reader.formats.text, reader.export.safe;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'click', 'sqlite_utils')"
            " or m.startswith('reader.ui')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
