"""A book is annotated by a child process, with what a thread would have found, and never left without highlights."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.ui import annotator
from reader.ui.annotator import IN_A_PROCESS, annotate_text

SENTENCE = "Lech Wałęsa spoke for Solidarity in Poland in 1980, and Ivo Andric listened. "
BOOK = SENTENCE * (IN_A_PROCESS // len(SENTENCE) + 1)


def here(text: str, db: Path):
    return annotator._annotate(text, db, None, lambda: False)


def test_a_book_annotated_by_the_child_process_is_what_a_thread_finds(db_path: Path) -> None:
    done = annotate_text(BOOK, db_path, None, lambda: False)
    assert done is not None and done.problem is None
    assert done.mentions == here(BOOK, db_path).mentions
    assert {m.entry_id for m in done.mentions if m.kind == "entry"} >= {"lech-walesa", "solidarity", "poland"}
    assert any(m.kind == "unknown" and m.text == "Ivo Andric" for m in done.mentions)
    assert set(done.refs) == {m.entry_id for m in done.mentions if m.kind == "entry"}


def test_without_a_child_process_the_book_is_annotated_here(db_path: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))  # it cannot start
    done = annotate_text(BOOK, db_path, None, lambda: False)
    assert done is not None and done.problem is None and done.mentions == here(BOOK, db_path).mentions
    quitter = tmp_path / "quits"
    quitter.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    quitter.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(quitter))  # it starts, and dies without an answer
    done = annotate_text(BOOK, db_path, None, lambda: False)
    assert done is not None and done.problem is None and done.mentions == here(BOOK, db_path).mentions


def test_the_child_is_stopped_when_the_reader_quits(db_path: Path, monkeypatch) -> None:
    started = []
    real = annotator.subprocess.Popen

    def recorded(*args, **kwargs):
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(annotator.subprocess, "Popen", recorded)
    assert annotate_text(BOOK, db_path, None, lambda: True) is None
    assert len(started) == 1 and started[0].poll() is not None, "the child went on after the reader quit"


def test_handing_the_book_to_the_child_leaves_no_copy_of_it_behind(db_path: Path) -> None:
    # pickling a str caches its UTF-8 form inside it, for as long as the reader holds the text
    book = "".join([SENTENCE] * (IN_A_PROCESS // len(SENTENCE) + 1))  # a new str, never encoded before
    before = sys.getsizeof(book)
    done = annotate_text(book, db_path, None, lambda: False)
    assert done is not None and done.mentions
    assert sys.getsizeof(book) == before


def test_the_childs_answer_is_plain_values_and_anything_else_is_refused(db_path: Path) -> None:
    """The book's mentions cross the pipe as tuples, which pickle writes and reads in C; an answer of
    another shape is no answer, and the book is then annotated here."""
    import pytest

    done = here(SENTENCE * 3, db_path)
    rows, refs, problem = annotator._packed(done)
    assert all(type(row) is tuple for row in rows) and refs == done.refs and problem is None
    assert annotator._unpacked((rows, refs, problem)) == done
    for answer in ("nonsense", ([(1,)], {}, None), (rows, [], None), (rows, refs, 3), None):
        with pytest.raises(annotator._NoChild):
            annotator._unpacked(answer)
