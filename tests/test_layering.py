"""The sides stay apart: knowledge, linking, formats and export never reach for the interface.

Each side is imported in a subprocess of its own, so that one side's import
cannot hide another's (`from reader import ui` is caught as well).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "reader"
INTERFACE = ("textual", "click", "reader.ui", "reader.cli")
#: What each side may not load, beyond the interface.
FORBIDDEN = {
    "linking": (*INTERFACE, "rich", "sqlite3", "sqlite_utils", "reader.knowledge", "reader.formats", "reader.export"),
    # sqlite-utils, which only the build loads, brings click with it; knowledge itself never imports it.
    "knowledge": ("textual", "reader.ui", "reader.cli", "rich", "reader.formats", "reader.export"),
    "formats": (*INTERFACE, "rich", "reader.knowledge", "reader.linking", "reader.export"),
    "export": INTERFACE,
}


def loaded_by(modules: list[str]) -> list[str]:
    code = (f"import sys, importlib\nfor m in {modules!r}: importlib.import_module(m)\n"
            "print('\\n'.join(sorted(sys.modules)))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


@pytest.mark.parametrize("side", sorted(FORBIDDEN))
def test_each_side_loads_nothing_it_must_not(side: str) -> None:
    modules = [f"reader.{side}.{p.stem}" for p in sorted((PACKAGE / side).glob("*.py")) if p.stem != "__init__"]
    assert modules
    loaded = loaded_by(modules)
    bad = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN[side])]
    assert not bad, f"reader.{side} loads {bad}"


def test_reading_and_annotating_load_no_ui_at_run_time() -> None:
    loaded = loaded_by(["reader.linking.mentions", "reader.knowledge.locations", "reader.formats.text",
                        "reader.export.safe"])
    assert [m for m in loaded if m.split(".")[0] in ("textual", "rich", "click", "sqlite_utils")
            or m.startswith("reader.ui")] == []


@pytest.mark.parametrize("side", sorted(FORBIDDEN))
def test_no_side_imports_the_interface_itself(side: str) -> None:
    for path in (PACKAGE / side).glob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
        bad = {n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN[side] + INTERFACE)}
        if side == "knowledge":
            bad -= {"sqlite3"}
        assert not bad, f"{path.name} imports {bad}"
