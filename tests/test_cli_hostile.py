"""Hostile input through the command line: one sanitised line, the right exit status, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from reader.cli import cli
from reader.export.text import card_renderable
from reader.knowledge.build import write_database
from reader.knowledge.card import card
from reader.knowledge.model import Alias, Entry, Role, Source

EVIL = "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\u202e"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


@pytest.fixture
def run(db_path: Path, context_dir: Path, tmp_path: Path):
    def invoke(*args: str, env: dict[str, str] | None = None, input: bytes | str | None = None):
        base = {"READER_DB": str(db_path), "READER_CONTEXT": str(context_dir),
                "XDG_STATE_HOME": str(tmp_path / "state")}
        return CliRunner().invoke(cli, list(args), env={**base, **(env or {})}, input=input)

    return invoke


def clean(output: str) -> bool:
    return not any(ch in output for ch in RAW)


def test_standard_input_is_annotated_with_a_dash(run) -> None:
    result = run("annotate", "-", input="Lech Wałęsa led Solidarity in Poland.".encode("utf-16"))
    assert result.exit_code == 0, result.output
    assert [m["entry"]["id"] for m in json.loads(result.stdout)["mentions"]] == ["lech-walesa", "solidarity",
                                                                                 "poland"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_exits_2_at_once(run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("annotate", str(fifo))
    assert result.exit_code == 2 and "is a named pipe (FIFO), not a file" in result.stderr


def test_the_size_limit_is_named_and_can_be_raised(run, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Poland " * 400)
    result = run("annotate", str(path), "--max-size", "1K")
    assert result.exit_code == 2
    assert "over the 1024 bytes limit" in result.stderr and "--max-size" in result.stderr
    assert run("annotate", str(path), env={"READER_MAX_SIZE": "1K"}).exit_code == 2
    assert run("annotate", str(path), "--max-size", "1M").exit_code == 0
    assert run("annotate", str(path), "--max-size", "lots").stderr.startswith("Error: size 'lots' is not understood")


def test_controls_in_an_article_are_shown_not_obeyed(run, tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(f"Poland {EVIL} and NATO.\n", encoding="utf-8")
    text = run("annotate", str(path), "--format", "text")
    assert text.exit_code == 0 and clean(text.stdout) and "Poland" in text.stdout
    first = text.stdout.split("\n", 1)[0]
    assert len(first) == len(f"[Poland]¹ {EVIL} and [NATO]²."), "stand-ins keep the length"
    as_json = run("annotate", str(path))
    assert clean(as_json.stdout)
    data = json.loads(as_json.stdout)
    assert [m["text"] for m in data["mentions"]] == ["Poland", "NATO"]
    assert data["mentions"][1]["start"] == len(f"Poland {EVIL} and ")


def test_a_file_name_with_controls_is_shown_safely_in_errors(run, tmp_path: Path) -> None:
    result = run("annotate", str(tmp_path / f"no{EVIL}.txt"))
    assert result.exit_code == 2 and clean(result.stderr) and result.stderr.startswith("Error: no such file")


def _hostile_database(path: Path) -> None:
    """A database no check would pass, as a tampered or hand-made file could be."""
    evil = Entry(id="evil", name=f"Evil{EVIL}", type="person", summary=f"Summary {EVIL} here.",
                 aliases=(Alias(f"Also{EVIL}"), Alias("Evildoer")), roles=(Role(f"Title{EVIL}", "1990"),),
                 related=("good",),
                 sources=(Source(f"Source{EVIL}", "https://a.org/\x1b]8;;https://evil.example\x1b\\"),
                          Source("Fine", "https://en.wikipedia.org/wiki/Poland")))
    good = Entry(id="good", name=f"Good{EVIL}", type="place", summary="A place.",
                 sources=(Source("x", "https://a.org"),))
    write_database(path, [evil, good], "hand-made")


def test_strings_from_the_database_never_reach_the_terminal_raw(run, tmp_path: Path) -> None:
    db = tmp_path / "evil.db"
    _hostile_database(db)
    result = run("lookup", "Evildoer", env={"READER_DB": str(db), "READER_CONTEXT": ""})
    assert result.exit_code == 0, result.output
    assert clean(result.stdout) and "Evil" in result.stdout and "Title" in result.stdout
    also = run("lookup", "Good", env={"READER_DB": str(db), "READER_CONTEXT": ""})
    assert clean(also.stdout)


def test_only_a_valid_url_becomes_a_hyperlink(tmp_path: Path) -> None:
    db = tmp_path / "evil.db"
    _hostile_database(db)
    from reader.knowledge.store import Store

    store = Store(db)
    entry = store.entry("evil")
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="truecolor", width=100).print(
        card_renderable(card(entry, store.related(entry))))
    printed = out.getvalue()
    assert "\x1b]8;id=" in printed and "https://en.wikipedia.org/wiki/Poland" in printed
    assert "evil.example\x1b" not in printed and "\x07" not in printed and "\x1b]0;" not in printed
    assert "\x1b]52;" not in printed


def test_context_check_output_is_sanitised(run, context_dir: Path) -> None:
    bad = context_dir / "person" / f"x{EVIL}.yaml"
    bad.write_text(f"name: Evil{EVIL}\n", encoding="utf-8")
    result = run("context", "check")
    assert result.exit_code == 1 and clean(result.stderr) and "Traceback" not in result.stderr


def test_a_bug_is_one_line_naming_its_crash_log(run, tmp_path: Path, monkeypatch, article: Path) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr("reader.linking.mentions.annotate_blocks", broken)
    result = run("annotate", str(article))
    assert result.exit_code == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("Error: reader hit a bug (RuntimeError: something inside broke); the traceback is in ")
    log = Path(lines[0].split("the traceback is in ")[1].split("; please report it")[0])
    assert log.is_file() and log.is_relative_to(tmp_path / "state") and "Traceback" in log.read_text()


def test_lookup_caps_its_query(run) -> None:
    result = run("lookup", *(["Poland"] * 20_000))
    assert result.exit_code == 2 and "the query is 139999 characters long" in result.stderr


def test_a_closed_pipe_is_not_an_error(db_path: Path, context_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Poland and NATO. " * 20_000)
    env = {**os.environ, "READER_DB": str(db_path), "READER_CONTEXT": str(context_dir)}
    process = subprocess.Popen([sys.executable, "-m", "reader", "annotate", str(path)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    process.stdout.read(100)
    process.stdout.close()
    process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr and "Error" not in stderr
    assert process.returncode == 0


@pytest.mark.parametrize("args", [["context", "check", f"extra{EVIL}"], [f"--x{EVIL}"], [f"no-such{EVIL}"],
                                  ["annotate", "--format", EVIL, "x"], ["lookup"]])
def test_usage_errors_quote_what_was_typed_safely(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and clean(result.output) and "Error:" in result.output


@pytest.mark.parametrize("damage", [
    "update entries set name = NULL", "update entries set summary = NULL", "update entries set type = NULL",
    "update roles set title = NULL", "update sources set url = NULL", "update entries set start = 'garbage'",
    "update entries set start = '1878-13-45'", "update roles set start = 'soon'", "update entries set name = x'00ff'",
    "update aliases set cues = '{not json'", "update aliases set cues = '5'", "update written_aliases set cues = '[[['",
    "update aliases set key = NULL",
])
def test_values_damaged_in_the_database_are_one_error(run, db_path: Path, tmp_path: Path, article: Path,
                                                      damage: str) -> None:
    import sqlite3

    db = tmp_path / "damaged.db"
    db.write_bytes(db_path.read_bytes())
    conn = sqlite3.connect(db)
    conn.execute(damage)
    conn.commit()
    conn.close()
    env = {"READER_DB": str(db), "READER_CONTEXT": ""}
    for args in (["lookup", "Walesa"], ["annotate", str(article)], ["annotate", str(article), "--format", "text"]):
        result = run(*args, env=env)
        assert result.exit_code in (0, 2), (args, result.output)
        if result.exit_code == 2:
            assert result.stderr.startswith("Error: ") and "is damaged" in result.stderr and "reader context build" \
                in result.stderr, result.stderr


def test_a_type_the_reader_does_not_know_is_shown_not_fatal(run, db_path: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "alien.db"
    db.write_bytes(db_path.read_bytes())
    conn = sqlite3.connect(db)
    conn.execute(f"update entries set type = 'alien{EVIL}' where id = 'solidarity'")
    conn.commit()
    conn.close()
    result = run("lookup", "Walesa", env={"READER_DB": str(db), "READER_CONTEXT": ""})
    assert result.exit_code == 0 and clean(result.stdout) and "alien" in result.stdout


def test_a_decoded_source_url_stays_on_one_line(tmp_path: Path) -> None:
    entry = Entry(id="x", name="X Y", type="place", summary="A place.",
                  sources=(Source("Fake", "https://example.org/%0a%0aFAKE%20LINE"),))
    out = io.StringIO()
    Console(file=out, width=200).print(card_renderable(card(entry, [])))
    assert "\nFAKE LINE" not in out.getvalue()


def test_sizes_beyond_memory_and_empty_names_are_bad_input(run, article: Path) -> None:
    huge = run("annotate", str(article), "--max-size", "9999999999999999999999G")
    assert huge.exit_code == 2 and "more than reader can hold" in huge.stderr
    assert run("annotate", str(article), "--max-size", "9" * 400).exit_code == 2
    empty = run("annotate", "")
    assert empty.exit_code == 2 and empty.stderr.startswith("Error: the file name is empty")


def test_open_needs_a_terminal_and_says_so(run, article: Path) -> None:
    result = run("open", str(article))
    assert result.exit_code == 2 and "needs a terminal" in result.stderr and "annotate" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_output_device_is_one_error_line(db_path: Path, context_dir: Path, article: Path) -> None:
    env = {**os.environ, "READER_DB": str(db_path), "READER_CONTEXT": str(context_dir)}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "reader", "lookup", "Walesa"], stdout=full,
                                stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("Error: cannot write the output")


def test_text_without_whitespace_is_still_read_a_block_at_a_time() -> None:
    from reader.linking.aliases import MemoryAliases
    from reader.linking.mentions import annotate_blocks

    text = "NATO," * 100_000
    blocks = list(annotate_blocks(text, MemoryAliases.from_names({"NATO": "nato"})))
    assert len(blocks) > 5 and sum(len(b.mentions) for b in blocks) == 100_000


@pytest.mark.parametrize(("text", "expected"), [
    ("The " * 300_000, []),
    # spaces or line breaks, a long run of them, after a capital and before no name
    ("A" + " " * 200_000 + "b", []),
    ("Ann" + " \n" * 100_000 + "b", []),
    # abbreviations in brackets and reference-list authors, many of them
    ("Ann Bee (AB) spoke. " * 20_000, [("Ann Bee", 20_000)]),
], ids=["common words", "spaces", "line breaks", "abbreviations"])
def test_long_runs_of_common_words_and_spaces_are_read_in_linear_time(text: str, expected) -> None:
    import signal

    from reader.linking.missing import uncovered

    def expire(*_):
        raise AssertionError("quadratic")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    try:
        assert uncovered(text, []) == expected
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
