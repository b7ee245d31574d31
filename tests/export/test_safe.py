"""What reaches a terminal: shown as stand-ins of the same length, never obeyed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.characters import UNSAFE
from reader.export.safe import displayable, link_target, one_line

KINDS = {
    "escape sequence (OSC 0, retitles the terminal)": "\x1b]0;owned\x07",
    "clipboard write (OSC 52)": "\x1b]52;c;ZXZpbA==\x07",
    "C1 control (CSI)": "\x9b31m",
    "bidirectional override": "\u202eevil\u202c",
    "bidirectional isolate": "\u2066a\u2067b\u2068c\u2069",
    "zero-width characters": "Pu\u200btin\u200d\u2060\ufeff",
    "line and paragraph separators": "a\u2028b\u2029c",
    "soft hyphen": "Wa\u00adlesa",
    "lone surrogate": "bad\ud800",
}


@pytest.mark.parametrize("text", KINDS.values(), ids=KINDS.keys())
def test_each_kind_of_invisible_or_control_character_gets_a_visible_stand_in(text: str) -> None:
    shown = displayable(f"Kyiv {text} Warsaw")
    assert len(shown) == len(f"Kyiv {text} Warsaw"), "offsets into the text must stay valid"
    assert not UNSAFE.search(shown)
    assert shown.startswith("Kyiv ") and shown.endswith(" Warsaw")


def test_ordinary_text_is_untouched() -> None:
    text = "Lech Wałęsa, Łódź, Москва, 北京, 🇺🇦 and [bold]markup[/bold]\n\tnext line"
    assert displayable(text) == text.replace("\t", " ")


def test_one_line_shows_newlines_too() -> None:
    assert one_line("a\nb\x1b") == "a\u2424b\u241b"


@given(st.text())
def test_any_text_keeps_its_length_and_loses_every_unsafe_character(text: str) -> None:
    shown = displayable(text)
    assert len(shown) == len(text) and not UNSAFE.search(shown)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_text_checked_as_bytes_is_shown_as_any_text_is(text: str) -> None:
    # ASCII takes a quicker path (bytes, in C): it must give exactly what the character-by-character rule gives
    assert displayable(text) == "".join(displayable(f"é{char}")[1:] for char in text)


@pytest.mark.parametrize("control", [chr(c) for c in (*range(32), 127) if c != 10], ids=repr)
def test_every_ascii_control_in_an_ascii_text_gets_its_stand_in(control: str) -> None:
    shown = displayable(f"log line {control} end")
    assert not UNSAFE.search(shown) and len(shown) == len(f"log line {control} end")


@pytest.mark.parametrize("url", [
    "https://en.wikipedia.org/wiki/Lech_Wałęsa", "http://government.ru/en/",
    "https://history.state.gov/milestones/1937-1945/yalta-conf",
])
def test_web_addresses_become_links(url: str) -> None:
    assert link_target(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "file:///etc/passwd", "https://", "http:///path", "https://a.org/x y",
    "https://a.org/\x1b]8;;https://evil\x1b\\", "https://a.org/\x07", "https://a.org/\u202e", "ftp://a.org/",
    "https://a.org/" + "x" * 3000, " https://a.org/", "https://[::1",
])
def test_anything_else_stays_text(url: str) -> None:
    assert link_target(url) is None
