"""A web page read as its article: main text, title, author and date, without the page around it.

The main text is found by trafilatura, an extractor made for news pages
(navigation, scripts, styles, comments and footers dropped), which hands back
its own small XML of paragraphs, headings, lists, quotations and emphasis;
that is written out here as plain text and structure spans, like Markdown.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from reader.errors import ArticleError
from reader.formats import xhtml
from reader.formats.structure import Builder, Chapter

_EMPHASIS = {"#i": "emphasis", "#b": "strong", "#u": "emphasis", "#t": "code", "#sub": "", "#sup": ""}


#: The largest page the extractor is given, by size and by elements: a news page is well under both, and
#: the extractor's time grows faster than the page (5,000 elements take a second; 100,000, minutes).
MAX_EXTRACTED_BYTES = 2 * 1024**2
MAX_EXTRACTED_ELEMENTS = 15_000
MAX_EXTRACTED_ATTRIBUTES = 60_000
#: What the note says when a page is too big for the extractor and is shown whole.
WHOLE_PAGE = "a page this large is shown whole (less its menus and scripts), without looking for its main text"


def too_big_to_extract(source: str) -> bool:
    source = xhtml.tame(source)
    """Whether the page is past what the extractor reads in a few seconds."""
    if len(source) > MAX_EXTRACTED_BYTES or source.count("<") > 4 * MAX_EXTRACTED_ELEMENTS:
        return True
    elements, attributes = _weight(source)
    return elements > MAX_EXTRACTED_ELEMENTS or attributes > MAX_EXTRACTED_ATTRIBUTES


def _weight(source: str) -> tuple[int, int]:
    """The page's elements and attributes, as a parser counts them."""
    try:
        root = lxml_html.document_fromstring(source.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return 0, 0
    elements = attributes = 0
    for element in root.iter():
        elements += 1
        attributes += len(element.attrib)
    return elements, attributes


#: A character reference to a control character (`&#27;`), which makes the extractor drop the whole page.
_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])"
                                r"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|127));")


def extract(source: str, name: str) -> etree._Element:
    """The page's main text as trafilatura's XML."""
    import trafilatura

    source = _CONTROL_REFERENCE.sub("", source)
    xml = trafilatura.extract(xhtml.tame(source), output_format="xml", include_formatting=True, include_links=True,
                              include_comments=False, include_tables=True, with_metadata=True,
                              deduplicate=False)
    if not xml:
        raise ArticleError(f"{name} has no article text that reader can find",
                           "open the page's article itself, or save its text as a .txt file")
    return etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))


def _inline(out: Builder, element: etree._Element) -> None:
    """An element's text and its children's, in order, with emphasis and links as spans."""
    out.write(_flat(element.text))
    for child in element:
        tag = child.tag
        if tag == "lb":
            out.write("\n")
        elif tag == "hi" and _EMPHASIS.get(child.get("rend", ""), "emphasis"):
            kind = _EMPHASIS.get(child.get("rend", ""), "emphasis")
            out.begin(kind)
            _inline(out, child)
            out.finish(kind)
        elif tag == "ref":
            out.begin("link", child.get("target") or "")
            _inline(out, child)
            out.finish("link")
        elif tag != "graphic":
            _inline(out, child)
        out.write(_flat(child.tail))


def _flat(text: str | None) -> str:
    """Text as a browser shows it: runs of white space are one space."""
    if not text:
        return ""
    words = " ".join(text.split())
    if not words:
        return " "
    return (" " if text[:1].isspace() else "") + words + (" " if text[-1:].isspace() else "")


def _block(out: Builder, element: etree._Element, depth: int = 0) -> None:
    tag = element.tag
    if tag == "head":
        out.end_block()
        out.begin("heading")
        start = out.length
        _inline(out, element)
        out.finish("heading")
        if element.get("rend", "h2") in ("h1", "h2"):  # its own text, not the whole text so far
            title = " ".join("".join(element.itertext()).split()) or "Untitled"
            out.chapters.append(Chapter(title, start))
        out.end_block()
    elif tag == "list":
        out.end_block()
        for item in element.iterchildren("item"):
            out.write("  " * depth + "• ")
            _inline_or_blocks(out, item, depth + 1)
            out.write("\n")
        out.end_block()
    elif tag == "quote":
        out.end_block()
        out.begin("quote")
        _inline_or_blocks(out, element, depth)
        out.finish("quote")
        out.end_block()
    elif tag == "code":
        out.end_block()
        out.begin("code")
        out.write((element.text or "").rstrip("\n") + "".join(etree.tostring(c, method="text", encoding="unicode")
                                                              for c in element))
        out.finish("code")
        out.end_block()
    elif tag == "table":
        out.end_block()
        for row in element.iterchildren("row"):
            out.write(" | ".join(" ".join(etree.tostring(cell, method="text", encoding="unicode").split())
                                 for cell in row.iterchildren("cell")) + "\n")
        out.end_block()
    elif tag in ("graphic", "comments"):
        return
    else:  # p, and anything else that holds text
        out.end_block()
        _inline_or_blocks(out, element, depth)
        out.end_block()


def _inline_or_blocks(out: Builder, element: etree._Element, depth: int) -> None:
    """A container of paragraphs (a quotation, a list item with paragraphs) or of inline text."""
    if any(child.tag in ("p", "list", "quote", "head", "table", "code") for child in element):
        for child in element:
            _block(out, child, depth)
    else:
        _inline(out, element)


def render(root: etree._Element, out: Builder | None = None, *, title: bool = True) -> Builder:
    """trafilatura's XML written as plain text and spans: the title and byline first, then the text."""
    out = out or Builder()
    heading, author, date = root.get("title"), root.get("author"), root.get("date")
    if title and heading:
        out.begin("heading")
        out.write(" ".join(heading.split()))
        out.finish("heading")
        out.end_block()
        byline = " · ".join(part for part in (author, date) if part)
        if byline:
            out.write(byline)
            out.end_block()
    main = root.find("main")
    for i, element in enumerate(main if main is not None else root):
        if i == 0 and title and heading and element.tag == "head" and \
                " ".join("".join(element.itertext()).split()).casefold() == " ".join(heading.split()).casefold():
            continue  # the page's own title, already written above
        _block(out, element)
    return out
