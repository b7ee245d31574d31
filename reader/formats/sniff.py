"""What a source is, told from its name or first bytes before any format's module is loaded.

Opening a plain text file then imports neither lxml (EPUB, HTML), markdown-it
nor urllib, which together cost the first frame about a tenth of a second.
"""

from __future__ import annotations


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def looks_like_epub(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and b"application/epub+zip" in data[:100]
