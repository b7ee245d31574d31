"""First paint and key latency in a real terminal: `python -m bench.keys`.

The reader and an anchor (`bench.anchor_app`: a bare Line-API `ScrollView`
over the same text) each run under a pseudo-terminal of 120×40, as a person
would start them. Times are taken from the program's start to the first
frame that shows the book's opening words, and from a key to the first
frame that shows its effect: `end` (the book's last words on screen) pressed
at first paint, while the reader is still annotating, again the moment the
whole book's highlights come (the anchor, which has none, at once after
`home`), and again once it is idle, then `home`, and `q` to the program's
exit; its peak memory once the book is highlighted; the first frame of an
article, against a bare app showing it in a `Static`; and the first frame of
a log of a million lines, and `end` pressed at once. Medians of several
runs, with min and max, and the reader's ratio to the anchor's.

    python -m bench.keys [--book PATH] [--article PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from reader.formats.text import read_article

REPO = Path(__file__).parent.parent
BOOK = REPO.parent / "shared" / "bench" / "war-and-peace.txt"
ARTICLE = REPO / "reader" / "sample" / "article.txt"
END, HOME = b"\x1b[F", b"\x1b[H"
#: How long a step may take before the run is given up.
PATIENCE = 60.0


class Terminal:
    """A program on a pseudo-terminal, and everything it has written since the last mark."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: str, watch: bytes = b"\0") -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.output = b""
        #: Whether the program has ever written `watch` (the reader's header saying what the text mentions,
        #: once the whole text is annotated), and the end of the last chunk, where it may have begun.
        self.watch, self.said, self._before = watch, False, b""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # the program has closed the terminal
            return False
        self.output += chunk
        self.said = self.said or self.watch in self._before + chunk
        self._before = chunk[-len(self.watch):]
        return bool(chunk)

    def until(self, seen: Callable[[bytes], bool]) -> float:
        """Seconds until the output since the last mark satisfies `seen`."""
        start = time.perf_counter()
        while not seen(self.output):
            if time.perf_counter() - start > PATIENCE:
                raise TimeoutError("no such frame")
            self._read(0.05)
        return time.perf_counter() - start

    def press(self, key: bytes, shows: bytes) -> float:
        """Seconds from the key to the first output that shows `shows`."""
        self.output = b""
        started = time.perf_counter()
        os.write(self.master, key)
        self.until(lambda out: shows in out)
        return time.perf_counter() - started

    def settle(self, quiet: float = 1.0) -> None:
        """Wait until the program has written nothing for `quiet` seconds (the reader's highlights done)."""
        last = time.perf_counter()
        while time.perf_counter() - last < quiet:
            if self._read(0.05):
                last = time.perf_counter()

    def quit(self) -> float:
        started = time.perf_counter()
        os.write(self.master, b"q")
        while self.process.poll() is None:
            if time.perf_counter() - started > PATIENCE:
                self.process.kill()
                raise TimeoutError("did not quit")
            self._read(0.02)
        os.close(self.master)
        return time.perf_counter() - started


def one_run(argv: list[str], first: bytes, last: bytes, env: dict[str, str], cwd: str,
            annotated: bytes | None = None) -> dict[str, float]:
    """The book's figures; `annotated` is what the program writes once the whole book is highlighted."""
    term = Terminal(argv, env, cwd, annotated or b"\0")
    term.until(lambda out: first in out)
    figures = {"first paint": time.perf_counter() - term.started}
    figures["end at first paint"] = term.press(END, last)
    term.press(HOME, first)
    if annotated is not None:  # idle means highlighted: annotating the book can outlast a quiet second
        term.until(lambda _: term.said)
    # as the reader shows the whole book's highlights it starts wrapping it for the pane's width; the anchor,
    # which has none, is pressed at once
    figures["end as highlights come"] = term.press(END, last)
    term.press(HOME, first)
    term.settle()
    figures["end when idle"] = term.press(END, last)
    figures["home when idle"] = term.press(HOME, first)
    peak = peak_memory(term.process.pid)
    if peak is not None:
        figures["peak memory (MB)"] = peak
    figures["q to exit"] = term.quit()
    return figures


def peak_memory(pid: int) -> float | None:
    """The most memory the program has held (its resident high-water mark), in MB; None off Linux."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def first_paint(argv: list[str], first: bytes, env: dict[str, str], cwd: str) -> float:
    """Seconds from the program's start to its first frame showing `first`; then it is quit."""
    term = Terminal(argv, env, cwd)
    term.until(lambda out: first in out)
    figure = time.perf_counter() - term.started
    term.quit()
    return figure


def log_run(argv: list[str], first: bytes, last: bytes, env: dict[str, str], cwd: str) -> dict[str, float]:
    """First paint of a log of a million lines, and `end` pressed at once."""
    term = Terminal(argv, env, cwd)
    term.until(lambda out: first in out)
    figures = {"first paint, 1M-line log": time.perf_counter() - term.started}
    figures["end at first paint, log"] = term.press(END, last)
    term.quit()
    return figures


def write_log(path: Path, lines: int = 1_000_000) -> tuple[bytes, bytes]:
    """A log of `lines` short lines of the same shape (about 45 MB), and the words its first and last show."""
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()
    with path.open("w", encoding="utf-8") as out:
        out.write("Logfile opening\n")
        for i in range(lines):
            out.write(f"12:{i // 60 % 60:02d}:{i % 60:02d} INFO worker{i % 7} {words[i % 10]} {words[i * 7 % 10]}\n")
        out.write("Logfile finished\n")
    return b"opening", b"finished"


def marker(text: str, *, last: bool) -> bytes:
    """A long word from the first or last lines of the text, as the screen will show it."""
    lines = [line for line in text.strip().split("\n") if line.strip()]
    for line in (reversed(lines) if last else lines):
        words = sorted(line.split(), key=len, reverse=True)
        if words and len(words[0]) >= 6 and words[0].isalpha():
            return words[0].encode()
    raise ValueError("no word to look for")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--article", type=Path, default=ARTICLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    text = read_article(args.book).text
    first, last = marker(text, last=False), marker(text, last=True)
    with tempfile.TemporaryDirectory() as state:
        plain = Path(state) / "book.txt"
        plain.write_text(text, encoding="utf-8")  # the anchor shows what the reader shows
        # with a bytecode cache of their own, as an installed program has one: without it (this machine sets
        # PYTHONDONTWRITEBYTECODE) each start compiled the reader's modules afresh, 0.2 s the anchor never paid
        env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color", "COLORTERM": "truecolor",
               "XDG_STATE_HOME": state, "XDG_CONFIG_HOME": state, "TEXTUAL_ANIMATIONS": "none",
               "PYTHONPYCACHEPREFIX": str(Path(state) / "bytecode")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        programs = {
            "anchor": [sys.executable, "-m", "bench.anchor_app", str(plain)],
            "reader": [sys.executable, "-m", "reader", "open", "--no-resume", str(args.book)],
        }
        article = read_article(args.article).text
        short = Path(state) / "article.txt"
        short.write_text(article, encoding="utf-8")
        opening = marker(article, last=False)
        articles = {
            "anchor": [sys.executable, "-m", "bench.anchor_app", "--static", str(short)],
            "reader": [sys.executable, "-m", "reader", "open", "--no-resume", str(args.article)],
        }
        log = Path(state) / "million.log"
        log_first, log_last = write_log(log)
        logs = {
            "anchor": [sys.executable, "-m", "bench.anchor_app", str(log)],
            "reader": [sys.executable, "-m", "reader", "open", "--no-resume", str(log)],
        }
        for program in (*programs.values(), *articles.values()):  # a first start writes the bytecode cache
            first_paint(program, opening if program in articles.values() else first, env, state)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, program in programs.items():  # pair by pair, so both see the same load
                # from a folder of their own, as a user would: in the repository the reader would also
                # check the context YAML against its database before opening the book
                results[name].append(one_run(program, first, last, env, state,
                                             b"entries mentioned" if name == "reader" else None))
                results[name][-1]["first paint, article"] = first_paint(articles[name], opening, env, state)
                results[name][-1].update(log_run(logs[name], log_first, log_last, env, state))
    print(f"Book: {args.book.name}, article: {args.article.name}; {args.runs} runs each, 120×40 "
          "(the article's anchor is a bare app showing it in a Static); medians (min–max)\n")
    print(f"  {'':<22}{'anchor':>24}{'reader':>24}   ratio")
    for figure in results["reader"][0]:
        scale, unit = (1, "MB") if figure.endswith("(MB)") else (1000, "ms")
        cells = []
        for name in programs:
            values = [run[figure] * scale for run in results[name]]
            cells.append((statistics.median(values), min(values), max(values)))
        (a, *_), (r, *_) = cells
        shown = [f"{m:7.0f} {unit} ({lo:.0f}–{hi:.0f})" for m, lo, hi in cells]
        print(f"  {figure:<22}{shown[0]:>24}{shown[1]:>24}   ×{r / a:.2f}")


if __name__ == "__main__":
    main()
