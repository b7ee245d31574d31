"""The benchmark still runs: a short run over a slice of the book (its figures are not checked here)."""

from __future__ import annotations

import pytest

from bench.__main__ import BOOK, main


@pytest.mark.skipif(not BOOK.is_file(), reason="the book is in ../shared/bench/, beside the repository")
def test_a_quick_benchmark_run_prints_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--quick"])
    out = capsys.readouterr().out
    for section in ("Annotation", "Start-up against database size", "Building the context database", "Wrapping"):
        assert section in out
    assert "same with 1,000 extra entries" in out and "× shipped" in out
