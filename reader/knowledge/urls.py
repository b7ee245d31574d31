"""Which source URLs are accepted: http(s), a host, nothing a terminal would act on.

The check runs when YAML is validated and again before a URL becomes a
terminal hyperlink, so a hand-made database cannot smuggle one through either.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reader.characters import UNSAFE_IN_LINE

#: Longest URL accepted: links in the wild are far shorter.
MAX_URL = 2048


def web_url(url: str) -> bool:
    """True for an http(s) URL with a host and no spaces, controls or invisible characters."""
    if not url or len(url) > MAX_URL or any(ch.isspace() for ch in url) or UNSAFE_IN_LINE.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host)
