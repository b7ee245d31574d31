"""A book's XHTML chapter as the same small XML that web pages become, without an extractor.

An EPUB chapter holds only its text (no navigation, adverts or comments to
strip), so it is walked directly, which is fast enough for a book of ten
thousand chapters, into trafilatura's vocabulary (`p`, `head`, `list`/`item`,
`quote`, `code`, `hi`, `ref`, `lb`, `table`/`row`/`cell`), and written out by
`html.render` like any page.
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from lxml import html as lxml_html

_BLOCKS = {"p", "div", "section", "article", "main", "body", "header", "footer", "aside", "figure",
           "figcaption", "dd", "dt", "dl", "address", "center"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}
_SKIP = {"script", "style", "head", "title", "nav", "svg", "math", "template", "noscript", "object", "iframe"}
_INLINE = {"em": "#i", "i": "#i", "cite": "#i", "dfn": "#i", "strong": "#b", "b": "#b", "u": "#u", "code": "#t",
           "tt": "#t", "kbd": "#t", "samp": "#t"}
_BLOCK_LEVEL = _BLOCKS | _HEADINGS | _LISTS | {"blockquote", "pre", "table", "li", "hr"}
#: Nesting deeper than this is flattened: no book needs it, and recursion must stay bounded.
MAX_DEPTH = 60


#: A tag with thousands of characters of attributes: no text is lost by dropping them, and the parser's
#: time grows with the square of their number.
_HUGE_TAG = re.compile(r"<([A-Za-z][\w:-]*)\b[^<>]{4096,}>")


def tame(source: str) -> str:
    """The markup with the attributes of any tag that carries thousands of characters of them dropped."""
    return _HUGE_TAG.sub(r"<\1>", source)


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _append(target: etree._Element, text: str | None) -> None:
    """Add text at the end of `target`: after its last child, or as its text when it has none."""
    if not text:
        return
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text


def _inline(source: etree._Element, target: etree._Element, depth: int) -> None:
    """Copy `source`'s text and inline children into `target`, as hi/ref/lb."""
    _append(target, source.text)
    for child in source:
        tag = _tag(child)
        if tag in _SKIP or not tag:
            pass
        elif tag == "br":
            etree.SubElement(target, "lb")
        elif depth < MAX_DEPTH and (tag in _INLINE or (tag == "a" and child.get("href"))):
            element = etree.SubElement(target, "hi" if tag in _INLINE else "ref")
            element.set("rend" if tag in _INLINE else "target", _INLINE.get(tag) or child.get("href", ""))
            _inline(child, element, depth + 1)
        else:  # any other inline element, or one nested too deep: its text only
            _append(target, " " + " ".join("".join(child.itertext()).split()))
        _append(target, child.tail)


def _has_blocks(element: etree._Element) -> bool:
    return any(_tag(child) in _BLOCK_LEVEL for child in element)


def _blocks(source: etree._Element, target: etree._Element, depth: int) -> None:
    """Append the blocks of `source` to `target`."""
    pending = None  # inline content between blocks becomes a paragraph of its own
    if (source.text or "").strip():
        pending = etree.SubElement(target, "p")
        pending.text = source.text
    for child in source:
        tag = _tag(child)
        if tag in _SKIP or not tag:
            block = None
        elif tag in _HEADINGS:
            block = etree.SubElement(target, "head", rend=tag)
            _inline(child, block, depth + 1)
        elif tag in _LISTS and depth < MAX_DEPTH:
            block = etree.SubElement(target, "list")
            for item in child:
                if _tag(item) == "li":
                    entry = etree.SubElement(block, "item")
                    _inline(item, entry, depth + 1)
        elif tag == "blockquote" and depth < MAX_DEPTH:
            block = etree.SubElement(target, "quote")
            _blocks(child, block, depth + 1)
        elif tag == "pre":
            block = etree.SubElement(target, "code")
            block.text = "".join(child.itertext())
        elif tag == "table":
            block = etree.SubElement(target, "table")
            for tr in child.iter("{*}tr", "tr"):
                row = etree.SubElement(block, "row")
                for td in tr:
                    if _tag(td) in ("td", "th"):
                        etree.SubElement(row, "cell").text = " ".join("".join(td.itertext()).split())
        elif tag in _BLOCK_LEVEL and depth < MAX_DEPTH and _has_blocks(child):
            _blocks(child, target, depth + 1)
            block = None
        elif tag in _BLOCK_LEVEL:
            block = etree.SubElement(target, "p")
            _inline(child, block, depth + 1)
        else:  # inline content directly in a block container: it and the text after it join the paragraph
            if pending is None:
                pending = etree.SubElement(target, "p")
            holder = etree.Element("x")
            holder.append(copy.deepcopy(child))  # with its tail
            _inline(holder, pending, depth + 1)
            continue
        if block is not None and block is not pending:
            pending = None
        if child.tail and child.tail.strip():
            pending = etree.SubElement(target, "p")
            pending.text = child.tail


def chapter(source: bytes) -> etree._Element:
    """A chapter's XHTML as `<doc><main>…</main></doc>`; a chapter that will not parse is empty."""
    doc = etree.Element("doc")
    main = etree.SubElement(doc, "main")
    try:
        text = tame(source.decode("utf-8", errors="replace"))
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(
            recover=True, no_network=True, huge_tree=False))
    except (etree.ParserError, ValueError):
        return doc
    body = root.find("body")
    title = root.findtext(".//title")
    if title:
        doc.set("title", " ".join(title.split()))
    _blocks(body if body is not None else root, main, 0)
    return doc
