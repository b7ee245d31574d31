"""Reading articles: every encoding people save text in, and every kind of file that is not text."""

from __future__ import annotations

import io
import os
import socket
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ArticleError
from reader.formats.text import DEFAULT_MAX_BYTES, from_bytes, parse_size, read_article

TEXT = "Lech Wałęsa led Solidarity.\nŁódź, “Kyiv” and 1945."


@pytest.mark.parametrize(("encoding", "bom"), [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
])
def test_unicode_files_with_and_without_a_byte_order_mark_open(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.replace("\n", "\r\n").encode(encoding))
    article = read_article(path)
    assert article.text == TEXT and article.note is None


def test_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("“Quoted” café".encode("cp1252"))
    article = read_article(path)
    assert article.text == "“Quoted” café"
    assert article.encoding == "cp1252" and "read as Windows-1252" in article.note


def test_broken_utf16_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + "Kyiv".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    article = read_article(path)
    assert article.text.startswith("Kyiv") and "\ufffd" in article.text and "UTF-16" in article.note


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_bytes(b"  \n\n "), "is empty"),
    (lambda p: p.write_bytes(b"\xff\xfe" + " \n".encode("utf-16-le")), "is empty"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "looks like a binary file"),
    (lambda p: p.write_bytes(b"\xff\xfe" + b"\x00\x00\x01\x00" * 100), "looks like a binary file"),
    (lambda p: p.write_bytes(b"\xef\xbb\xbf" + __import__("random").Random(1).randbytes(20_000)),
     "looks like a binary file"),
    (lambda p: p.write_bytes(b"\xff\xfe" + __import__("random").Random(2).randbytes(20_000)),
     "looks like a binary file"),
])
def test_bad_input_is_one_clear_error(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "input.txt"
    make(path)
    with pytest.raises(ArticleError, match=message) as error:
        read_article(path)
    assert error.value.fix


def _attempt(path: str) -> object:
    try:
        return read_article(path)
    except BaseException as exc:
        return exc


def _refused_at_once(path: str) -> ArticleError:
    """Read `path` in a thread; a FIFO or device must be refused, not waited on or read forever."""
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(_attempt(path)), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"reading {path} hung"
    assert isinstance(outcome[0], ArticleError), outcome
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    error = _refused_at_once(str(fifo))
    assert "named pipe" in error.message and "'-'" in error.fix


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_at_once(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    assert "character device" in _refused_at_once(device).message


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert "socket" in _refused_at_once(str(path)).message


def test_a_file_over_the_size_limit_names_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    with pytest.raises(ArticleError) as error:
        read_article(path, max_bytes=1000)
    assert "over the 1000 bytes limit" in error.value.message
    assert "--max-size" in error.value.fix and "READER_MAX_SIZE" in error.value.fix
    assert read_article(path, max_bytes=5000).text.startswith("word")


@pytest.mark.parametrize(("text", "size"), [
    ("64M", 64 * 1024**2), ("1g", 1024**3), ("500K", 500 * 1024), ("1.5MB", int(1.5 * 1024**2)), ("123", 123),
])
def test_sizes_are_read_as_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_a_size_that_is_not_one_is_an_error() -> None:
    with pytest.raises(ArticleError, match="not understood"):
        parse_size("big")


def test_standard_input_is_read_with_a_dash(monkeypatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-16")))
    monkeypatch.setattr(sys, "stdin", stdin)
    article = read_article("-")
    assert article.text == TEXT and article.name == "<stdin>" and article.title == "<stdin>"


def test_a_terminal_on_standard_input_is_refused(monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    with pytest.raises(ArticleError, match="standard input is a terminal"):
        read_article("-")


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = os.open

        def refuse(name, *args, **kwargs):
            if str(name) == str(path):
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ArticleError, match="permission denied"):
        read_article(path)


def test_the_default_limit_holds_a_book() -> None:
    assert DEFAULT_MAX_BYTES > 20 * 3 * 1024**2  # War and Peace is about 3 MB


@given(st.binary(max_size=600))
def test_any_bytes_are_an_article_or_the_projects_own_error(data: bytes) -> None:
    try:
        article = from_bytes(data, "x.txt")
    except ArticleError as error:
        assert error.message and error.fix
        return
    assert article.text.strip() and "\r" not in article.text
