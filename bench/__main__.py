"""Measure the reader's speed and memory, each against a baseline from the same run.

Machines are shared and noisy, so every figure comes with a ratio to
something measured in the same process a moment before: the ratio is what
to compare between runs, not the seconds.

    python -m bench [--book PATH] [--quick]

`--quick` measures a slice of the book with smaller synthetic databases,
once each: the tests run it so that the benchmark keeps working, not for its
figures.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from reader.formats.text import read_article
from reader.knowledge import corpus
from reader.knowledge.build import build, write_database
from reader.knowledge.model import Alias, Entry, Source
from reader.knowledge.store import Store
from reader.linking.mentions import annotate
from reader.ui.wrap import wrap

REPO = Path(__file__).parent.parent
BOOK = REPO.parent / "shared" / "bench" / "war-and-peace.txt"
SEED = REPO.parent / "shared" / "seed" / "article.txt"


def best(func: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of a few runs: the least disturbed by other load."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return min(times)


def peak_memory(func: Callable[[], object]) -> int:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def synthetic_database(path: Path, real: list[Entry], entries: int, words: list[str]) -> None:
    """The real corpus plus `entries` made-up ones of three names each, whose first words are `words`
    of the text read (cycled): as a larger corpus would, they make every look-up by first word return
    more records, which the matcher must then tell apart."""
    fake = [Entry(id=f"e{i}", name=f"{words[i % len(words)]} Surname{i}", type="person",
                  summary="Synthetic entry. Used only by the benchmark.",
                  aliases=(Alias(f"Surname{i}"), Alias(f"{words[i % len(words)]} N. Surname{i}")),
                  sources=(Source("none", "https://example.org"),)) for i in range(entries)]
    write_database(path, real + fake, "synthetic")


def row(label: str, value: str, ratio: str = "") -> None:
    print(f"  {label:<48}{value:>14}  {ratio}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--quick", action="store_true", help="a short run that only shows the benchmark works")
    args = parser.parse_args(argv)
    book = read_article(args.book).text
    sizes, repeat, again = (10_000, 100_000), 15, 3
    if args.quick:
        book, sizes, repeat, again = book[:200_000], (1_000,), 1, 1
    store = Store(REPO / "context.db")
    print(f"Book: {args.book.name}, {len(book):,} characters; context: {len(store)} entries\n")

    print("Annotation (baseline: one pass of a word regex over the same text)")
    baseline = best(lambda: re.findall(r"\w+", book), repeat=again)
    seconds = best(lambda: annotate(book, store), repeat=min(again, 2))
    row("word regex over the book", f"{baseline:.3f} s")
    row("annotate the book", f"{seconds:.3f} s", f"{seconds / baseline:5.1f}× baseline, "
        f"{len(book) / seconds / 1e6:.1f} M chars/s")
    memory = peak_memory(lambda: annotate(book, store))
    row("peak memory while annotating the book", f"{memory / 1e6:.1f} MB",
        f"{memory / len(book.encode()):5.1f}× the book's size")

    print("\nStart-up against database size (baseline: the shipped database; the extra entries' names")
    print("begin with words of the article, so the look-ups return them)")
    article = read_article(SEED).text
    words = sorted(set(re.findall(r"\b[A-Z][a-z]+\b", article)))

    def open_and_annotate(path: Path) -> None:
        with_store = Store(path)
        annotate(article, with_store)
        with_store.close()

    shipped = best(lambda: open_and_annotate(REPO / "context.db"), repeat=repeat)
    row("open shipped database + annotate the seed article", f"{shipped * 1000:.1f} ms")
    real = corpus.load(REPO / "context").entries
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"synthetic-{size}.db"
            synthetic_database(path, real, size, words)
            seconds = best(lambda path=path: open_and_annotate(path), repeat=repeat)
            row(f"same with {size:,} extra entries", f"{seconds * 1000:.1f} ms", f"{seconds / shipped:5.2f}× shipped")

    print("\nBuilding the context database (baseline: PyYAML's safe_load of every file)")
    files = sorted((REPO / "context").glob("*/*.yaml"))
    baseline = best(lambda: [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files], repeat=again)
    with tempfile.TemporaryDirectory() as tmp:
        seconds = best(lambda: build(REPO / "context", Path(tmp) / "context.db"), repeat=again)
    row(f"safe_load {len(files)} files", f"{baseline:.3f} s")
    row("validate and build context.db", f"{seconds:.3f} s", f"{seconds / baseline:5.1f}× baseline")

    print("\nWrapping for the view (baseline: splitting the book into lines)")
    baseline = best(lambda: book.split("\n"), repeat=again)
    seconds = best(lambda: wrap(book, 100), repeat=again)
    row("split into lines", f"{baseline:.3f} s")
    row("wrap the book at 100 columns", f"{seconds:.3f} s", f"{seconds / baseline:5.1f}× baseline")


if __name__ == "__main__":
    main()
