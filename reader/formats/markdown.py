"""Markdown read as a reader sees it rendered: text with headings, emphasis, lists, quotes and links.

Parsed with markdown-it-py (CommonMark, the parser Textual itself uses), so
`_Winston Churchill_` is the plain name `Winston Churchill`, which links,
inside an emphasis span. Code blocks and inline code are shown as written
and never linked; raw HTML in the file is dropped.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.formats.structure import Builder

_INLINE_SPANS = {"em": "emphasis", "strong": "strong", "a": "link", "s": "emphasis"}


def _inline(out: Builder, children: list[Token]) -> None:
    for token in children:
        kind = token.type
        if kind == "text":
            out.write(token.content)
        elif kind == "softbreak":
            out.write(" ")
        elif kind == "hardbreak":
            out.write("\n")
        elif kind == "code_inline":
            out.begin("code")
            out.write(token.content)
            out.finish("code")
        elif kind == "image":
            out.write(token.content)  # its alt text
        elif kind.endswith("_open") and token.tag in _INLINE_SPANS:
            href = token.attrGet("href") if token.tag == "a" else ""
            out.begin(_INLINE_SPANS[token.tag], str(href or ""))
        elif kind.endswith("_close") and token.tag in _INLINE_SPANS:
            out.finish(_INLINE_SPANS[token.tag])


def render(source: str, out: Builder | None = None) -> Builder:
    """Markdown `source` written into `out` (a new Builder by default) as plain text and spans."""
    out = out or Builder()
    tokens = MarkdownIt("commonmark", {"html": True}).enable("strikethrough").parse(source)
    lists: list[list[int]] = []  # the next number of each open ordered list, or [0] for bullets
    heading = ""
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            out.end_block()
            out.begin("heading")
            heading = token.tag
        elif kind == "heading_close":
            out.finish("heading")
            heading = ""
            out.end_block()
        elif kind == "inline":
            if heading in ("h1", "h2"):  # what the table of contents lists
                out.chapter(token.content)
            _inline(out, token.children or [])
        elif kind == "paragraph_close":
            if token.hidden:  # an item of a tight list: one line each
                out.write("\n")
            else:
                out.end_block()
        elif kind == "hr":
            out.end_block()
            out.write("* * *")
            out.end_block()
        elif kind == "blockquote_open":
            out.end_block()
            out.begin("quote")
        elif kind == "blockquote_close":
            out.finish("quote")
            out.end_block()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            out.end_block()
            lists.append([int(token.attrGet("start") or 1)] if kind == "ordered_list_open" else [0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            out.end_block()
        elif kind == "list_item_open":
            number = lists[-1] if lists else [0]
            out.write("  " * (len(lists) - 1) + (f"{number[0]}. " if number[0] else "• "))
            if number[0]:
                number[0] += 1
        elif kind in ("fence", "code_block"):
            out.end_block()
            out.begin("code")
            out.write(token.content.rstrip("\n"))
            out.finish("code")
            out.end_block()
    return out
