"""An EPUB read as one text: its chapters in spine order, each titled, written as web pages are.

Read with the standard library's `zipfile` (no EPUB library: the common one
is AGPL). The package document names the chapters and their order; the
table of contents (EPUB 3 nav or EPUB 2 NCX) names them. Every member is read
under the same size limit as a plain file, counted decompressed, so a zip bomb
is refused like any oversized file.
"""

from __future__ import annotations

import io
import lzma
import posixpath
import zipfile
import zlib
from urllib.parse import unquote

from lxml import etree

from reader.errors import ArticleError
from reader.formats import html, xhtml
from reader.formats.structure import Builder, Chapter

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_EPUB = "{http://www.idpf.org/2007/ops}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=False)
#: The largest chapter read: a book's chapter is text, and no real one comes near this.
MAX_CHAPTER = 8 * 1024**2
#: The most chapters read: ten thousand tiny ones take about a second.
MAX_CHAPTERS = 20_000


class _Book:
    """The zip, with every read counted against the size limit."""

    def __init__(self, data: bytes, name: str, limit: int) -> None:
        self.name, self.limit, self.used = name, limit, 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError):
            raise self.broken("it is not a readable zip archive") from None

    def broken(self, why: str) -> ArticleError:
        return ArticleError(f"{self.name} is not a readable EPUB: {why}", "open another copy of the book")

    def read(self, path: str) -> bytes:
        try:
            info = self.zip.getinfo(path)
        except KeyError:
            raise self.broken(f"{path} is missing") from None
        if self.used + info.file_size > self.limit:
            raise ArticleError(f"{self.name} holds more than the {self.limit // 1024**2} MB limit of text",
                               "pass --max-size to read it anyway")
        try:
            with self.zip.open(info) as member:
                data = member.read(self.limit - self.used + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error,
                lzma.LZMAError, ValueError) as error:
            raise self.broken(f"{path} cannot be read ({error})") from None
        self.used += len(data)
        if self.used > self.limit:
            raise ArticleError(f"{self.name} holds more than the {self.limit // 1024**2} MB limit of text",
                               "pass --max-size to read it anyway")
        return data

    def xml(self, path: str) -> etree._Element:
        try:
            return etree.fromstring(self.read(path), _PARSER)
        except etree.XMLSyntaxError as error:
            raise self.broken(f"{path} is not well-formed XML ({error})") from None


def _toc(book: _Book, base: str, manifest: dict[str, tuple[str, str, str]], spine: etree._Element) -> dict[str, str]:
    """Chapter titles by the path of their file, from the EPUB 3 nav or the EPUB 2 NCX."""
    titles: dict[str, str] = {}
    nav = next((href for href, _, props in manifest.values() if "nav" in props.split()), None)
    if nav is not None:
        root = book.xml(nav)
        for toc in root.iter(f"{_XHTML}nav"):
            if toc.get(f"{_EPUB}type") in ("toc", None):
                for link in toc.iter(f"{_XHTML}a"):
                    target = _resolve(posixpath.dirname(nav), link.get("href", ""))
                    titles.setdefault(target, " ".join("".join(link.itertext()).split()))
                break
    ncx_id = spine.get("toc")
    if not titles and ncx_id in manifest:
        ncx = manifest[ncx_id][0]
        for point in book.xml(ncx).iter(f"{_NCX}navPoint"):
            label, content = point.find(f"{_NCX}navLabel/{_NCX}text"), point.find(f"{_NCX}content")
            if label is not None and content is not None:
                target = _resolve(posixpath.dirname(ncx), content.get("src", ""))
                titles.setdefault(target, " ".join((label.text or "").split()))
    return titles


def _resolve(folder: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(folder, unquote(href.split("#", 1)[0])))


def render(data: bytes, name: str, limit: int) -> tuple[Builder, str | None]:
    """The book's chapters as one text, with a chapter at the start of each; and its title."""
    book = _Book(data, name, limit)
    container = book.xml("META-INF/container.xml")
    rootfile = container.find(f"{_CONTAINER}rootfiles/{_CONTAINER}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise book.broken("its container names no package document")
    opf_path = rootfile.get("full-path")
    opf = book.xml(opf_path)
    base = posixpath.dirname(opf_path)
    manifest = {item.get("id"): (_resolve(base, item.get("href", "")), item.get("media-type", ""),
                                 item.get("properties", ""))
                for item in opf.iter(f"{_OPF}item")}
    spine = opf.find(f"{_OPF}spine")
    if spine is None:
        raise book.broken("its package document has no spine")
    title_element = opf.find(f"{_OPF}metadata/{_DC}title")
    title = " ".join((title_element.text or "").split()) if title_element is not None else None
    titles = _toc(book, base, manifest, spine)
    out = Builder()
    read: set[str] = set()
    for number, itemref in enumerate(spine.iter(f"{_OPF}itemref"), 1):
        item = manifest.get(itemref.get("idref"))
        if item is None or itemref.get("linear") == "no" or "html" not in item[1] or item[0] in read:
            continue  # a chapter the spine names twice is read once
        read.add(item[0])
        if len(read) > MAX_CHAPTERS:
            raise ArticleError(f"{name} has more than {MAX_CHAPTERS:,} chapters", "open another copy of the book")
        source = book.read(item[0])
        if len(source) > MAX_CHAPTER:
            raise ArticleError(f"{name} has a chapter of {len(source) // 1024**2} MB ({item[0]}); reader reads "
                               f"chapters of up to {MAX_CHAPTER // 1024**2} MB", "open another copy of the book")
        start = len(out.chapters)
        out.end_block()
        at = out.length
        html.render(xhtml.chapter(source), out, title=False)
        if out.length > at:
            heading = titles.get(item[0]) or next((c.title for c in out.chapters[start:]), None)
            del out.chapters[start:]
            out.chapters.append(Chapter(heading or f"Part {number}", at))
    if not out.length:
        raise book.broken("it holds no text")
    return out, title or None
