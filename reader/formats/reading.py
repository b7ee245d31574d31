"""Open whatever the reader is given (a file, `-`, an http(s) address) as one Article.

The format is the one asked for (`--format`), else what a web server says,
else the file's extension, else what the bytes look like; each is read into
plain text and structure by its own module, and refused with one line when
it is not what it claims to be.
"""

from __future__ import annotations

import os
import re

from reader.errors import ArticleError
from reader.formats.sniff import is_url, looks_like_epub
from reader.formats.structure import Builder
from reader.formats.text import DEFAULT_MAX_BYTES, STDIN, Article, from_bytes, read_bytes, read_stdin_bytes

FORMATS = ("text", "markdown", "html", "epub")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".html": "html",
               ".htm": "html", ".xhtml": "html", ".epub": "epub", ".txt": "text"}


def format_of(name: str, data: bytes) -> str:
    """The format a file's extension names, else the one its first bytes show."""
    extension = os.path.splitext(name.split("?", 1)[0].rstrip("/"))[1].lower()
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    if looks_like_epub(data):
        return "epub"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]:
        return "html"
    return "text"


def open_document(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None) -> Article:
    """The article at `source`: a path, `-` for standard input, or an http(s) address."""
    served = None
    if is_url(source):
        from reader.formats import url

        data, served = url.fetch(source, max_bytes)
        name = source
    elif source == "-":
        data, name = read_stdin_bytes(max_bytes=max_bytes), STDIN
    else:
        data, name = read_bytes(source, max_bytes), source
    return parse(data, name, fmt or served or format_of(name, data), max_bytes)


def parse(data: bytes, name: str, fmt: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """`data` read as `fmt`; each format's module is imported only when a file of it is read."""
    if fmt == "epub":
        from reader.formats import epub

        if not looks_like_epub(data) and data[:4] != b"PK\x03\x04":
            raise ArticleError(f"{name} is not an EPUB (it is not a zip archive)", "open the book's .epub file")
        built, title = epub.render(data, name, max_bytes)
        return _article(name, built, "utf-8", "epub", heading=title)
    plain = from_bytes(data, name)  # decoding, and the refusal of binary files, as for text
    if fmt == "markdown":
        from reader.formats import markdown

        return _article(name, markdown.render(plain.text), plain.encoding, "markdown", note=plain.note)
    if fmt == "html":
        from reader.formats import html, xhtml

        if html.too_big_to_extract(plain.text):
            root = xhtml.chapter(plain.text.encode("utf-8"))
            note = "; ".join(n for n in (plain.note, html.WHOLE_PAGE) if n)
            return _article(name, html.render(root), plain.encoding, "html", note=note,
                            heading=root.get("title") or None)
        root = html.extract(plain.text, name)
        return _article(name, html.render(root), plain.encoding, "html", note=plain.note,
                        heading=root.get("title") or None, date=_date(root.get("date")))
    return plain


def _article(name: str, built: Builder, encoding: str, fmt: str, *, note: str | None = None,
             heading: str | None = None, date: str | None = None) -> Article:
    text = built.text()
    if not text or text.isspace():  # no stripped copy of a book to find out
        raise ArticleError(f"{name} has no text to read", "open a file that contains an article")
    return Article(name=name, text=text, encoding=encoding, note=note, format=fmt,
                   structure=tuple(sorted(built.spans, key=lambda s: (s.start, -s.end))),
                   chapters=tuple(built.chapters), heading=" ".join(heading.split()) if heading else None,
                   date=date)


def _date(value: str | None) -> str | None:
    """The page's date if it is an ISO date (the CLI checks it as it checks --date)."""
    return value if value and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) else None
