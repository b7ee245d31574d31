"""The benchmark still runs: a short run over a slice of the book (its figures are not checked here)."""

from __future__ import annotations

import pytest

from bench.__main__ import BOOK, main


@pytest.mark.skipif(not BOOK.is_file(), reason="the book is in ../shared/bench/, beside the repository")
def test_a_quick_benchmark_run_prints_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--quick"])
    out = capsys.readouterr().out
    for section in ("Annotation", "A larger corpus", "Writing the database", "Building context.db", "Wrapping"):
        assert section in out
    assert "raw pyahocorasick" in out and "alias keys in all" in out and "plain sqlite3" in out
    assert " shipped" in out and " anchor" in out
