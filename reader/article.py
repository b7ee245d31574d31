"""Read an article file into text the rest of the reader can trust.

Offsets everywhere else (annotations, the view, `annotate --format json`) are
Python str offsets into the text returned here, so decoding and newline
normalisation happen in exactly one place.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ArticleError

#: Bytes of the file inspected to decide whether it is binary.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Article:
    """An article as decoded text, with a note when decoding needed a fallback."""

    path: Path
    text: str
    encoding: str
    note: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


def looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in text files; a few stray control bytes can."""
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(sample) and controls / len(sample) > 0.1


def decode(data: bytes) -> tuple[str, str, str | None]:
    """Decode as UTF-8 (with or without BOM), falling back to cp1252 with a note."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        note = (
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "read as Windows-1252"
        )
        return data.decode("cp1252", errors="replace"), "cp1252", note


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: str | os.PathLike[str]) -> Article:
    """Read `path`, raising ArticleError with a fix for anything that is not a text file."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"no such file: {path}", "check the path and try again")
    if path.is_dir():
        raise ArticleError(f"{path} is a directory", "give the path of a text file inside it")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise ArticleError(
            f"cannot read {path}: permission denied", "check the file's permissions"
        ) from None
    except OSError as exc:
        raise ArticleError(f"cannot read {path}: {exc.strerror}", "check the file") from None
    if looks_binary(data):
        raise ArticleError(
            f"{path} looks like a binary file, not text",
            "open a plain-text article (.txt, UTF-8)",
        )
    text, encoding, note = decode(data)
    text = normalise_newlines(text)
    if not text.strip():
        raise ArticleError(f"{path} is empty", "open a file that contains an article")
    return Article(path=path, text=text, encoding=encoding, note=note)


#: Every C0 control but newline and tab, DEL, and the C1 range, mapped to a
#: visible stand-in of the same length, so offsets into the text stay valid.
_CONTROLS = {i: 0x2400 + i for i in range(32) if i not in (9, 10)}
_CONTROLS[0x7F] = 0x2421
_CONTROLS.update({i: 0xFFFD for i in range(0x80, 0xA0)})
_CONTROLS[9] = 0x20


_HAS_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def displayable(text: str) -> str:
    """Text safe to put on a terminal: escape sequences shown, never obeyed."""
    return text.translate(_CONTROLS) if _HAS_CONTROLS.search(text) else text
