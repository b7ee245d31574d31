"""Annotate the whole article away from the keys: in a thread for an article, in a process for a book.

Linking is pure Python and holds the interpreter lock while it works, so a
book annotated in a thread of the reader's own process makes every key wait
for it (`end` pressed at first paint took half a second). A text longer than
`IN_A_PROCESS` is annotated by a child process instead, which has a lock and
a core of its own; the reader only receives the result. The child imports no
Textual, so it starts in a fraction of the time the book takes.

Either way the caller gets one `Annotated`: every mention with the unknown
names merged in, and the entries they name; or the one line that says why
there are none.
"""

from __future__ import annotations

import pickle
import select
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path

from reader.crash import crash
from reader.errors import ReaderError
from reader.export.safe import one_line
from reader.knowledge.model import EntryRef
from reader.knowledge.store import Store
from reader.linking.mentions import Mention, annotate_blocks

#: Characters from which a text is annotated in a process of its own: a long article stays in a thread,
#: where it is done before a child process would have started.
IN_A_PROCESS = 300_000
#: How often, in seconds, a waiting worker looks whether the reader has quit.
POLL = 0.05


@dataclass(frozen=True)
class Annotated:
    """The whole text's mentions (unknown names among them) and refs of the entries named, or a problem."""

    mentions: list[Mention] = field(default_factory=list)
    refs: dict[str, EntryRef] = field(default_factory=dict)
    #: One line for the user when annotation failed: the article stays readable without highlights.
    problem: str | None = None


class _NoChild(Exception):
    """The child process could not start or stopped without an answer: annotate here instead."""


def annotate_text(text: str, db: Path, date: str | None, cancelled: Callable[[], bool]) -> Annotated | None:
    """Annotate `text` against the database at `db`; None when `cancelled()` turned true first.

    Where no child process can be had (no interpreter to start, no `select` on pipes, the child
    dying before it answers), a book is annotated in this thread after all: slower keys, but
    highlights."""
    if len(text) >= IN_A_PROCESS:
        try:
            return _in_a_process(text, db, date, cancelled)
        except (_NoChild, OSError, ValueError):
            pass
    return _annotate(text, db, date, cancelled)


def _annotate(text: str, db: Path, date: str | None, cancelled: Callable[[], bool]) -> Annotated | None:
    """The annotation itself, in whichever thread or process calls it."""
    # imported here, off the first frame: the screen it opens on is highlighted without unknown names
    from reader.linking.missing import with_unknown_names

    try:
        store = Store(db)  # sqlite connections stay in the thread that opened them
        try:
            mentions: list[Mention] = []
            for block in annotate_blocks(text, store, date=date):
                if cancelled():  # the reader quit: stop now rather than finish the book
                    return None
                mentions += block.mentions
            refs = store.refs({m.entry_id for m in mentions if m.kind == "entry"})
            return Annotated(with_unknown_names(text, mentions), refs)
        finally:
            store.close()
    except ReaderError as error:
        return Annotated(problem=one_line(str(error)))
    except Exception as error:  # a bug: the article stays readable without highlights
        return Annotated(problem=one_line(str(crash(error))))


def _in_a_process(text: str, db: Path, date: str | None, cancelled: Callable[[], bool]) -> Annotated | None:
    """Run `_annotate` in a child interpreter (this module run as a program), speaking pickle over its
    standard input and output. A plain subprocess rather than `multiprocessing`, which passes the
    reader's standard error to its helper, and Textual has replaced that stream."""
    child = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    assert child.stdin is not None and child.stdout is not None
    try:
        try:
            with child.stdin:
                # the text as bytes made for the purpose: pickling the str itself would leave a UTF-8 copy
                # cached inside it for as long as the reader runs (megabytes for a book)
                pickle.dump((text.encode("utf-8", "surrogatepass"), str(db), date), child.stdin,
                            protocol=pickle.HIGHEST_PROTOCOL)
        except BrokenPipeError:
            pass  # it died at once: the missing answer below says so
        while not select.select([child.stdout], [], [], POLL)[0]:  # nothing yet: the child is annotating
            if cancelled():
                return None
        try:  # read as it is unpickled, not gathered whole first: a book's answer is megabytes
            return _unpacked(pickle.load(child.stdout))
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
            raise _NoChild(f"exit code {child.wait()}") from error
    finally:
        child.stdout.close()
        if child.poll() is None:
            child.kill()
        child.wait()


#: A mention's fields in order, as the child hands them over: read from the dataclass, so that none is left out.
_FIELDS = attrgetter(*(each.name for each in fields(Mention)))


def _packed(done: Annotated) -> tuple[list[tuple[object, ...]], dict[str, EntryRef], str | None]:
    """The answer as plain values: a book's twenty thousand mentions pickled as dataclasses took 0.1 s to
    write and as long to read, a Python call each way for every one; as tuples, pickle does it in C."""
    return list(map(_FIELDS, done.mentions)), done.refs, done.problem


def _unpacked(answer: object) -> Annotated:
    """The child's answer (`_packed`) as an `Annotated`, or _NoChild when it is something else."""
    try:
        rows, refs, problem = answer  # type: ignore[misc]
        mentions = [Mention(*row) for row in rows]
    except (TypeError, ValueError) as error:
        raise _NoChild("the child answered something else") from error
    if not isinstance(refs, dict) or not (problem is None or isinstance(problem, str)):
        raise _NoChild("the child answered something else")
    return Annotated(mentions, refs, problem)


def _child() -> None:
    """The child process: read the text, annotate it, write the result, exit."""
    data, db, date = pickle.load(sys.stdin.buffer)
    text = data.decode("utf-8", "surrogatepass")
    try:
        pickle.dump(_packed(_annotate(text, Path(db), date, lambda: False)), sys.stdout.buffer,
                    protocol=pickle.HIGHEST_PROTOCOL)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader quit while the book was being annotated
        pass


if __name__ == "__main__":
    _child()
