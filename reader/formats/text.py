"""Read a plain-text article into text the rest of the reader can trust.

Offsets everywhere else (annotations, the view, `annotate --format json`) are
Python str offsets into the text returned here, so decoding and newline
normalisation happen in exactly one place. Only regular files are read, and
only up to a limit, so a FIFO, a device or a runaway file is refused at once.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO

from reader.errors import ArticleError
from reader.formats.structure import Chapter, Span, linkable

#: Bytes of the text inspected to decide whether it is binary.
SNIFF_BYTES = 8192
#: The largest article read unless the user raises it: several times War and Peace.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: The highest limit accepted: beyond it no article fits in memory anyway.
MAX_LIMIT = 64 * 1024**3
#: The name shown for standard input.
STDIN = "<stdin>"

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


@dataclass(frozen=True)
class Article:
    """An article as one plain text, with what its format says about it, and a note when
    decoding needed a fallback. Every offset in the reader is an offset into `text`."""

    #: The path or URL as the user gave it, or `<stdin>`.
    name: str
    text: str
    encoding: str
    note: str | None = None
    #: `text`, `markdown`, `html` or `epub`.
    format: str = "text"
    #: Headings, emphasis, quotations, links and code, as spans over `text`.
    structure: tuple[Span, ...] = ()
    #: Chapters or top-level headings, for the table of contents.
    chapters: tuple[Chapter, ...] = ()
    #: The document's own title (an HTML page's, an EPUB's), if it gives one.
    heading: str | None = None
    #: The date the document gives itself (an HTML page's), partial ISO.
    date: str | None = None

    @property
    def title(self) -> str:
        """What the app's header shows: the document's title, else the file's name without folders."""
        return self.heading or os.path.basename(self.name.rstrip("/")) or self.name

    @cached_property
    def linkable(self) -> str:
        """The text that linking reads: `text` with code blanked, offset for offset."""
        return linkable(self.text, self.structure)


def parse_size(value: str) -> int:
    """`64M`, `1.5G`, `500k` or a number of bytes; ArticleError if it is none of these."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", value, re.I)
    if not m:
        raise ArticleError(f"size {value!r} is not understood", "write a size such as 64M, 1G or 500K")
    factor = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()]
    size = float(m.group(1)) * factor
    if size > MAX_LIMIT:
        raise ArticleError(f"size {value!r} is more than reader can hold in memory",
                           f"give at most {MAX_LIMIT // 1024**3}G")
    return int(size)


def _megabytes(n: int) -> str:
    return f"{n / 1024**2:.1f} MB" if n >= 1024**2 else f"{n} bytes"


def _too_big(name: str, size: int | None, limit: int) -> ArticleError:
    how_big = f"is {_megabytes(size)}, over" if size is not None else "is larger than"
    bigger = max(size or 0, limit * 2)
    suggestion = f"{-(-bigger // 1024**2)}M" if bigger >= 1024**2 else f"{bigger}"
    return ArticleError(f"{name} {how_big} the {_megabytes(limit)} limit",
                        f"pass --max-size {suggestion} (or set READER_MAX_SIZE) to read it anyway")


def _read_limited(stream: BinaryIO, name: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, None, limit)
    return data


def read_article(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read `path` (`-` for standard input), raising ArticleError with a fix for anything but text."""
    name = os.fspath(path)
    if name == "-":
        return read_stdin(max_bytes=max_bytes)
    return from_bytes(read_bytes(name, max_bytes), name)


def read_bytes(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file `name`, up to the limit; ArticleError for anything else."""
    try:
        # Non-blocking, so that opening a FIFO with no writer returns at once to be refused.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ArticleError(f"no such file: {name}", "check the path and try again") from None
    except PermissionError:
        raise ArticleError(f"cannot read {name}: permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise ArticleError(f"cannot open {name}: {exc.strerror}", "check the path") from None
    info = os.fstat(fd)
    for test, kind in _KINDS:
        if test(info.st_mode):
            os.close(fd)
            fix = ("give the path of a text file inside it" if kind == "a directory"
                   else "open a regular text file, or pipe it in with '-'")
            raise ArticleError(f"{name} is {kind}, not a file", fix)
    if info.st_size > max_bytes:
        os.close(fd)
        raise _too_big(name, info.st_size, max_bytes)
    with os.fdopen(fd, "rb") as stream:
        try:
            data = _read_limited(stream, name, max_bytes)
        except OSError as exc:
            raise ArticleError(f"cannot read {name}: {exc.strerror}", "check the file") from None
    return data


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The article piped to standard input, as plain text."""
    return from_bytes(read_stdin_bytes(max_bytes=max_bytes), STDIN)


def read_stdin_bytes(*, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes piped to standard input; a terminal there is refused rather than waited on."""
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise ArticleError("standard input is closed", "pipe an article in: cat article.txt | reader annotate -")
    try:
        interactive = stdin.isatty()
    except (OSError, ValueError):
        raise ArticleError("standard input is closed", "pipe an article in: cat article.txt | reader annotate -") \
            from None
    if interactive:
        raise ArticleError("standard input is a terminal, not an article",
                           "pipe one in: cat article.txt | reader open -")
    return _read_limited(stdin.buffer, STDIN, max_bytes)


def looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in 8-bit text; a few stray control bytes can."""
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and controls / len(sample) > 0.1


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode by byte-order mark, else as UTF-8, falling back to Windows-1252 with a note."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            codec, body = encoding.removesuffix("-sig"), data[len(bom):]
            try:
                return body.decode(codec), encoding, None
            except UnicodeDecodeError as exc:
                note = (f"not valid {codec.upper()} at byte {exc.start + len(bom)}; "
                        "the bad bytes are shown as \ufffd")
                return body.decode(codec, errors="replace"), encoding, note
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        note = (f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "read as Windows-1252")
        return data.decode("cp1252", errors="replace"), "cp1252", note


def normalise_newlines(text: str) -> str:
    # one quick look for a carriage return first: most texts have none, and each replace reads the whole text
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _garbled(sample: str) -> bool:
    """Whether text decoded after a byte-order mark is random bytes, which decode to replacement, private-use
    and unassigned characters. Asked only after a mark: without one the bytes were looked at for binary
    already, and this reads the sample a character at a time."""
    odd = sum(1 for ch in sample if ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return odd > max(8, len(sample) / 20) or looks_binary(sample.encode("utf-8", "replace"))


def from_bytes(data: bytes, name: str) -> Article:
    """The article in `data`, or ArticleError if it is empty or not text."""
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and looks_binary(data):
        raise ArticleError(f"{name} looks like a binary file, not text", "open a plain-text article (.txt, UTF-8)")
    text, encoding, note = decode(data)
    if has_bom and _garbled(text[:SNIFF_BYTES]):
        raise ArticleError(f"{name} looks like a binary file, not text", "open a plain-text article (.txt, UTF-8)")
    text = normalise_newlines(text)
    if not text or text.isspace():  # no stripped copy of a book to find out
        raise ArticleError(f"{name} is empty", "open a file that contains an article")
    return Article(name=name, text=text, encoding=encoding, note=note)
