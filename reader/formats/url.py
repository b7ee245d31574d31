"""A page fetched once from an http(s) address, with one line for every way that can fail."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import urllib.error
import urllib.request

from reader import __version__
from reader.errors import ArticleError
from reader.formats.sniff import is_url

#: How long to wait for a server, in seconds.
TIMEOUT = 20
#: Content types by the format they are read as.
CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
                 "text/markdown": "markdown", "text/x-markdown": "markdown", "application/epub+zip": "epub"}


class _NoOtherSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to other http(s) addresses."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise ArticleError(f"{req.full_url} redirects to {newurl}, which is not a web address",
                               "open the page it should lead to")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


#: How long a whole fetch may take, however slowly a server sends: headers and body together.
DEADLINE = 45


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT, deadline: float = DEADLINE) -> tuple[bytes, str | None]:
    """The body of `url` (at most `max_bytes`) and the format its content type names, if any.

    Run in a thread the caller waits on for `deadline` seconds, so that a server that sends a byte at a
    time (each within the socket's timeout) cannot hold the reader for ever.
    """
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise ArticleError("the web address holds spaces or control characters", "check the address")
    outcome: list[tuple[bytes, str | None] | BaseException] = []
    thread = threading.Thread(target=lambda: outcome.append(_fetch_or_error(url, max_bytes, timeout)),
                              daemon=True)
    thread.start()
    thread.join(deadline)
    if not outcome:
        raise ArticleError(f"{url} did not finish sending within {deadline:g} seconds", "try again later")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _fetch_or_error(url: str, max_bytes: int, timeout: float) -> tuple[bytes, str | None] | BaseException:
    try:
        return _fetch(url, max_bytes, timeout)
    except Exception as error:  # an ArticleError, or a bug: raised again in the caller's thread
        return error


def _fetch(url: str, max_bytes: int, timeout: float) -> tuple[bytes, str | None]:
    try:
        opener = urllib.request.build_opener(_NoOtherSchemes())
        request = urllib.request.Request(url, headers={"User-Agent": f"reader/{__version__}",
                                                       "Accept": "text/html, text/plain, text/markdown, */*;q=0.5"})
        with opener.open(request, timeout=timeout) as response:
            kind = (response.headers.get_content_type() or "").lower()
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ArticleError(f"{url} is {int(length) // 1024**2} MB, over the {max_bytes // 1024**2} MB limit",
                                   "pass --max-size to read it anyway")
            data = response.read(max_bytes + 1)
    except ArticleError:
        raise
    except http.client.HTTPException as error:
        raise ArticleError(f"{url} sent an answer that is not valid HTTP ({type(error).__name__})",
                           "check the address, or save the page and open the file") from None
    except urllib.error.HTTPError as error:
        raise ArticleError(f"{url} answered {error.code} {error.reason}",
                           "check the address, or save the page and open the file") from None
    except urllib.error.URLError as error:
        raise _network_error(url, error.reason) from None
    except TimeoutError:
        raise ArticleError(f"{url} did not answer within {timeout:g} seconds", "try again later") from None
    except (ConnectionError, OSError, ValueError) as error:
        raise _network_error(url, error) from None
    if len(data) > max_bytes:
        raise ArticleError(f"{url} is larger than the {max_bytes // 1024**2} MB limit", "pass --max-size to read it")
    if kind and kind not in CONTENT_TYPES and not kind.startswith("text/"):
        raise ArticleError(f"{url} is {kind}, not a page reader can read",
                           "open an HTML page, a text or Markdown file, or an EPUB")
    return data, CONTENT_TYPES.get(kind)


def _network_error(url: str, reason: object) -> ArticleError:
    if isinstance(reason, socket.gaierror):
        return ArticleError(f"cannot find the server of {url}", "check the address and your connection")
    if isinstance(reason, ConnectionRefusedError):
        return ArticleError(f"{url} refused the connection", "check the address, or try again later")
    if isinstance(reason, TimeoutError):
        return ArticleError(f"{url} did not answer in time", "try again later")
    if isinstance(reason, ssl.SSLError):
        return ArticleError(f"{url} has no valid secure connection ({getattr(reason, 'reason', None) or reason})",
                            "check the address")
    return ArticleError(f"cannot fetch {url}: {reason}", "check the address and your connection")
