"""Markdown, HTML, EPUB and web addresses, each read into one plain text with its structure."""

from __future__ import annotations

import http.server
import threading
import zipfile
from pathlib import Path

import pytest

from reader.errors import ArticleError
from reader.formats.reading import open_document
from reader.knowledge.store import Store
from reader.linking.mentions import annotate

from .documents import CHAPTERS, ESSAY, PAGE, write_epub


def spans(article, kind: str) -> list[str]:
    return [article.text[s.start:s.end] for s in article.structure if s.kind == kind]


def linked(article, store: Store) -> list[str]:
    return [m.text for m in annotate(article.linkable, store) if m.kind == "entry"]


def test_markdown_is_read_as_rendered_text_with_its_structure(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    article = open_document(str(path))
    assert article.format == "markdown"
    assert "**" not in article.text and "#" not in article.text and "](" not in article.text
    assert article.text.startswith("Poland and Its Allies\n\nWhen Lech Wałęsa led Solidarity, Poland was not")
    assert spans(article, "heading") == ["Poland and Its Allies", "Later"]
    assert spans(article, "emphasis") == ["Lech Wałęsa"] and spans(article, "strong") == ["Solidarity"]
    assert spans(article, "quote") == ["Poland joined NATO in 1999."]
    assert [c.title for c in article.chapters] == ["Poland and Its Allies", "Later"]
    assert "• Munich\n• the United States" in article.text
    names = linked(article, store)
    assert names.count("Lech Wałęsa") == 1, "linked inside emphasis, not inside the code block"
    assert names.count("NATO") == 3, "not the inline code"


def test_a_web_page_is_its_article_without_the_page_around_it(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = open_document(str(path))
    assert article.format == "html" and article.heading == "Europe Weighs Its Options"
    assert article.date == "2025-02-19"
    for left_out in ("Home", "Subscribe", "Putin", "color: red", "United States", "More about"):
        assert left_out not in article.text, left_out
    assert "Munich & agreed" in article.text, "entities decoded"
    assert "Jane Writer" in article.text
    assert spans(article, "emphasis") == ["Lech Wałęsa"] and "NATO" in spans(article, "link")
    assert {"Lech Wałęsa", "Poland", "NATO", "Munich"} <= set(linked(article, store))


def test_a_page_without_article_text_and_a_binary_markdown_file_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>x()</script></head><body><nav>Home</nav></body></html>")
    with pytest.raises(ArticleError, match=r"has no (article )?text"):
        open_document(str(empty))
    binary = tmp_path / "notes.md"
    binary.write_bytes(b"\x00\x01\x02PNG" * 100)
    with pytest.raises(ArticleError, match="binary"):
        open_document(str(binary))


def test_an_epub_is_its_chapters_in_spine_order_with_their_titles(tmp_path: Path, store: Store) -> None:
    article = open_document(str(write_epub(tmp_path / "book.epub")))
    assert article.format == "epub" and article.heading == "A Book of Poland"
    assert [c.title for c in article.chapters] == ["The Strike", "The Alliance"]
    first, second = (article.text.index(body[:30]) for _, body in CHAPTERS)
    assert article.chapters[0].start <= first < article.chapters[1].start <= second
    assert {"Lech Wałęsa", "Solidarity", "Poland", "NATO"} <= set(linked(article, store))


@pytest.mark.parametrize(("damage", "message"), [
    (lambda p: p.write_bytes(p.read_bytes()[:200]), "not a readable zip"),
    (lambda p: _without(p, "META-INF/container.xml"), "container.xml is missing"),
    (lambda p: _replace(p, "OEBPS/content.opf", "<package"), "not well-formed"),
])
def test_a_broken_epub_is_one_line(tmp_path: Path, damage, message: str) -> None:
    path = write_epub(tmp_path / "book.epub")
    damage(path)
    with pytest.raises(ArticleError, match=message):
        open_document(str(path))


def test_an_epub_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "book.epub", chapters=[("One", "Poland " * 200_000), ("Two", "NATO")])
    assert path.stat().st_size < 100_000
    with pytest.raises(ArticleError, match="limit"):
        open_document(str(path), max_bytes=500_000)


def _rewrite(path: Path, keep) -> None:
    with zipfile.ZipFile(path) as book:
        members = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w") as book:
        for info, data in members:
            if (kept := keep(info.filename, data)) is not None:
                book.writestr(info, kept)


def _without(path: Path, name: str) -> None:
    _rewrite(path, lambda member, data: None if member == name else data)


def _replace(path: Path, name: str, text: str) -> None:
    _rewrite(path, lambda member, data: text.encode() if member == name else data)


@pytest.fixture
def server(tmp_path: Path):
    """A web server on the loopback address, serving the test's folder, with answers for the error paths."""
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_web_address_is_fetched_once_and_read_as_its_page(server: str) -> None:
    article = open_document(f"{server}/page.html")
    assert article.format == "html" and article.heading == "Europe Weighs Its Options"
    assert article.title == "Europe Weighs Its Options"


def test_every_way_a_fetch_fails_is_one_line(server: str) -> None:
    with pytest.raises(ArticleError, match="answered 404"):
        open_document(f"{server}/missing.html")
    with pytest.raises(ArticleError, match="is image/png, not a page"):
        open_document(f"{server}/picture.png")
    with pytest.raises(ArticleError, match=r"over the 0 MB limit|larger than"):
        open_document(f"{server}/page.html", max_bytes=100)
    closed = server.rsplit(":", 1)[0] + ":1"
    with pytest.raises(ArticleError, match=r"refused the connection|cannot fetch"):
        open_document(f"{closed}/page.html")


def test_a_corrupt_compressed_chapter_is_one_line(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "book.epub")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        info = book.getinfo("OEBPS/text/one.xhtml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 8] = b"\xff" * 8  # the deflate stream itself, not the zip's directory
    path.write_bytes(bytes(data))
    with pytest.raises(ArticleError, match="cannot be read"):
        open_document(str(path))


def test_a_chapter_the_spine_names_many_times_is_read_once(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "book.epub")
    _rewrite(path, lambda member, data: data.replace(b'<itemref idref="c1"/>', b'<itemref idref="c1"/>' * 5000)
             if member == "OEBPS/content.opf" else data)
    article = open_document(str(path))
    assert article.text.count(CHAPTERS[0][1][:40]) == 1 and len(article.chapters) == 2


def test_a_page_too_big_for_the_extractor_is_shown_whole_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    path.write_text("<html><head><title>Huge</title></head><body><nav>Home</nav>"
                    + "<div><span>Poland and NATO.</span></div>" * 20_000 + "</body></html>", encoding="utf-8")
    article = open_document(str(path))
    assert article.heading == "Huge" and "Home" not in article.text and article.text.count("Poland") == 20_000
    assert "shown whole" in article.note


@pytest.fixture
def raw_server():
    """`raw_server(answer, drip)`: a socket on the loopback address that sends `answer` to each
    connection, a byte every `drip` seconds if given; yields its address."""
    import socket
    import time

    servers = []

    def start(answer: bytes, drip: float = 0.0) -> str:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        servers.append(listener)

        def serve() -> None:
            while True:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    return
                connection.recv(65536)
                try:
                    for i in range(0, len(answer), 1 if drip else len(answer)):
                        connection.sendall(answer[i:i + (1 if drip else len(answer))])
                        time.sleep(drip)
                except OSError:
                    pass
                connection.close()

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/page.html"

    yield start
    for listener in servers:
        listener.close()


@pytest.mark.parametrize(("answer", "message"), [
    (b"hello, this is not HTTP\r\n\r\n", "not valid HTTP"),
    (b"HTTP/1.1 200 OK\r\n" + b"X-Long: " + b"a" * 70_000 + b"\r\n\r\n", "not valid HTTP"),
    (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\nzz\r\n", "not valid HTTP"),
])
def test_a_server_that_does_not_speak_http_is_one_line(raw_server, answer: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        open_document(raw_server(answer))


def test_a_server_that_sends_a_byte_at_a_time_is_given_up_on(raw_server) -> None:
    from reader.formats import url

    address = raw_server(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE.encode(), drip=0.2)
    with pytest.raises(ArticleError, match="did not finish sending within 1 seconds"):
        url.fetch(address, 1_000_000, timeout=5, deadline=1)


@pytest.mark.parametrize("address", ["http://127.0.0.1:abc/x", "http://[::1/x", "http://127.0.0.1/a\x1b]0;x\x07",
                                     "http://127.0.0.1/a b"])
def test_a_malformed_web_address_is_one_line(address: str) -> None:
    with pytest.raises(ArticleError):
        open_document(address)


def test_a_tag_with_thousands_of_attributes_loses_them_before_parsing(tmp_path: Path) -> None:
    """The parser's time grows with the square of one tag's attributes: they carry no text, so they go."""
    from reader.formats.xhtml import tame

    attributes = " ".join(f"a{i}=1" for i in range(60_000))
    page = (f"<html><head><title>A Page</title></head><body><article><h1>Europe</h1>"
            f"<p {attributes}>Lech Wałęsa spoke in Gdańsk about Poland and NATO at length.</p>"
            '<p class="x" id="y">Short tags keep theirs.</p></article></body></html>')
    assert '<p>Lech' in tame(page) and '<p class="x" id="y">' in tame(page) and len(tame(page)) < 400
    path = tmp_path / "attrs.html"
    path.write_text(page, encoding="utf-8")
    assert "Lech Wałęsa spoke" in open_document(str(path)).text


def test_a_control_character_reference_does_not_lose_the_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.replace("Europe Weighs Its Options</h1>", "Europe Weighs&#27;]0;owned&#7; Its Options</h1>"),
                    encoding="utf-8")
    article = open_document(str(path))
    assert "Lech Wałęsa" in article.text and "\x1b" not in article.text


def test_a_page_with_many_headings_lists_them_all(tmp_path: Path) -> None:
    path = tmp_path / "headed.html"
    path.write_text("<html><body><article>" + "".join(
        f"<h2>Part {i}</h2><p>Poland and NATO met again, and the delegates argued for a long time.</p>"
        for i in range(300)) + "</article></body></html>", encoding="utf-8")
    article = open_document(str(path))
    assert len(article.chapters) >= 290 and article.chapters[-1].title == "Part 299"
    assert all(article.text[c.start:].startswith(c.title) for c in article.chapters)


def test_a_chapter_keeps_every_word_of_text_mixed_with_blocks() -> None:
    from reader.formats.html import render
    from reader.formats.xhtml import chapter

    built = render(chapter(b"<html><body><div>Start <b>bold</b> middle <i>it</i> end.<p>Block.</p>after block"
                           b"</div></body></html>"), title=False)
    assert built.text() == "Start bold middle it end.\n\nBlock.\n\nafter block\n"
