"""Small documents of each format, made by the tests themselves: a page, an essay, a book."""

from __future__ import annotations

import zipfile
from pathlib import Path

PAGE = """<!doctype html><html><head><title>Europe Weighs Its Options | The Daily Example</title>
<meta name="author" content="Jane Writer"><meta property="article:published_time" content="2025-02-19T08:00:00Z">
<script>var note = "Vladimir Putin in a script";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/nato">More about Solidarity</a></nav>
<article><h1>Europe Weighs Its Options</h1>
<p>When <em>Lech Wałęsa</em> spoke in Gdańsk, the delegates from Poland listened. The
<a href="https://example.org/nato">NATO</a> allies met in Munich &amp; agreed on very little.</p>
<h2>An older scene</h2>
<p>Poland had seen this before, in 1938, and the delegates said so at length in the hall.</p>
<blockquote><p>“We have seen this before,” one of them said to the others in Munich.</p></blockquote>
<!-- a comment about the United States --></article>
<footer>Copyright 2025 The Daily Example. Subscribe now.</footer></body></html>
"""

ESSAY = """# Poland and Its Allies

When _Lech Wałęsa_ led **Solidarity**, [Poland](https://example.org/poland) was not in NATO.

## Later

> Poland joined NATO in 1999.

- Munich
- the United States

```
Lech Wałęsa in a code block is not linked
```

Inline `NATO` code is not linked, but NATO is.
"""

_CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

_OPF = """<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Book of Poland</dc:title>
<dc:identifier id="id">x</dc:identifier></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
<item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"""

_NAV = """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<body><nav epub:type="toc"><ol><li><a href="text/one.xhtml">The Strike</a></li>
<li><a href="text/two.xhtml#start">The Alliance</a></li></ol></nav></body></html>"""

_CHAPTER = """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>
<body><h1>{title}</h1><p>{body}</p></body></html>"""

CHAPTERS = [("The Strike", "In August 1980 Lech Wałęsa led the strike at the shipyard, and Solidarity was born "
             "out of it within weeks, a union that soon counted millions of members across Poland."),
            ("The Alliance", "Two decades later Poland joined NATO, alongside the United States and the other "
             "allies, and the delegates in Munich spoke of it as the end of an era.")]


def write_epub(path: Path, *, chapters: list[tuple[str, str]] = CHAPTERS) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # first and stored, as EPUB asks
        book.writestr("META-INF/container.xml", _CONTAINER)
        book.writestr("OEBPS/content.opf", _OPF)
        book.writestr("OEBPS/nav.xhtml", _NAV)
        for name, (title, body) in zip(("one", "two"), chapters, strict=True):
            book.writestr(f"OEBPS/text/{name}.xhtml", _CHAPTER.format(title=title, body=body))
    return path
