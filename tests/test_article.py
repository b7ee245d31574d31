"""Reading article files: decoding, newlines, and every kind of bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.article import displayable, read_article
from reader.errors import ArticleError


def test_utf8_with_bom_and_crlf_becomes_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLech Wałęsa\r\nand Gdańsk\rend".encode())
    article = read_article(path)
    assert article.text == "Lech Wałęsa\nand Gdańsk\nend"
    assert article.note is None


def test_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("“Quoted” café".encode("cp1252"))
    article = read_article(path)
    assert article.text == "“Quoted” café"
    assert article.encoding == "cp1252" and "read as Windows-1252" in article.note


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_bytes(b"  \n\n "), "is empty"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "looks like a binary file"),
])
def test_bad_input_is_one_clear_error(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "input.txt"
    make(path)
    with pytest.raises(ArticleError, match=message) as error:
        read_article(path)
    assert error.value.fix


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user

        def refuse(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ArticleError, match="permission denied"):
        read_article(path)


def test_escape_sequences_are_shown_not_obeyed() -> None:
    text = "red \x1b[31mtext\x07 and [bold]markup[/bold]"
    shown = displayable(text)
    assert "\x1b" not in shown and "\x07" not in shown
    assert len(shown) == len(text)
    assert "[bold]markup[/bold]" in shown
