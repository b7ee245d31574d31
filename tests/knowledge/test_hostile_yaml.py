"""Hostile and broken YAML: each kind answered with problem lines at the right line, never a crash.

Written for kinds of input, not for one file: every case below stands for a
class (a duplicate key at any depth, any tag, any number where text belongs).
"""

from __future__ import annotations

import os
import signal
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.knowledge import corpus, dates
from reader.knowledge.build import build
from reader.knowledge.schema import count_sentences, validate_document
from reader.knowledge.stub import stub

from .test_check import GOOD

PATH = "context/person/vit-rakusan.yaml"


def problems(context_dir: Path, write_entry, text: str) -> list[str]:
    write_entry("person", "vit-rakusan", text)
    return [str(p) for p in corpus.load(context_dir).problems]


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: a guard many times what the work needs, not a speed target."""
    def expire(*_):
        raise AssertionError(f"not answered within {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(("text", "expected"), [
    (GOOD + "name: Other\n", f"{PATH}:13: key 'name' appears twice (first on line 1)"),
    (GOOD + "roles:\n  - title: Minister\n    start: \"2021\"\n    title: Mayor\n",
     f"{PATH}:16: key 'title' appears twice (first on line 14)"),
    (GOOD.replace("sources:\n", "sources:\n  - {title: a, url: https://a.org, url: https://b.org}\n"),
     f"{PATH}:10: key 'url' appears twice (first on line 10)"),
])
def test_a_duplicate_key_at_any_depth_is_an_error_at_the_repeated_key(context_dir, write_entry, text, expected):
    assert any(p.startswith(expected) for p in problems(context_dir, write_entry, text)), expected


@pytest.mark.parametrize("tag", ["!!python/object/new:os.system [ls]", "!include other.yaml", "!custom x",
                                 "!!str Vít", "!!binary aGVsbG8=", "! Vít"])
def test_any_tag_is_an_error_at_its_line(context_dir, write_entry, tag: str) -> None:
    text = GOOD.replace("wikipedia: Vít Rakušan", f"wikipedia: {tag}")
    found = problems(context_dir, write_entry, text)
    assert any(p.startswith(f"{PATH}:7: YAML tag ") and "is not allowed" in p for p in found), found


def test_anchors_and_aliases_are_refused(context_dir, write_entry) -> None:
    text = GOOD.replace("wikipedia: Vít Rakušan", "wikipedia: &w Vít Rakušan\nname2: *w")
    assert any("YAML anchor &w is not allowed" in p for p in problems(context_dir, write_entry, text))


def test_a_billion_laughs_is_answered_at_once_in_little_memory(context_dir, write_entry) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(9)]
    write_entry("person", "laughs", "\n".join(lines) + "\n")
    tracemalloc.start()
    with deadline(5):
        result = corpus.load(context_dir)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert any("YAML anchor &a is not allowed" in str(p) for p in result.errors)
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.0f} MB to refuse it"


@pytest.mark.parametrize(("field", "value", "line"), [
    ("name", "1984", 1), ("name", "2024-01-01", 1), ("name", "yes", 1), ("name", "3.14", 1),
    ("wikipedia", "1984", 7),
])
def test_a_number_or_date_where_text_belongs_says_to_quote_it(context_dir, write_entry, field, value, line):
    text = GOOD.replace({"name": "name: Vít Rakušan", "wikipedia": "wikipedia: Vít Rakušan"}[field],
                        f"{field}: {value}")
    found = problems(context_dir, write_entry, text)
    assert any(p.startswith(f"{PATH}:{line}: {field} is read by YAML as") and f'quote it: "{value}"' in p
               for p in found), found


@pytest.mark.parametrize(("alias", "message"), [
    ("X", "is a single character"), ('"1984"', "is only digits"), ("1984", "is read by YAML as a number"),
    ('"\\u0301R"', "starts with a combining mark"), ('"--"', "has no letters"), ('"\\u0301"', "single character"),
    ('"Pu\\u202etin"', "invisible or control character"),
])
def test_an_unusable_alias_is_an_error_and_never_a_crash(context_dir, write_entry, db_path, alias, message):
    text = GOOD.replace("type: person\n", f"type: person\naliases:\n  - {alias}\n")
    found = problems(context_dir, write_entry, text)
    assert any(p.startswith(f"{PATH}:4: ") and message in p for p in found), found


@pytest.mark.parametrize("value", ["19490404", "1949-4-4", "1949-02-30", "0", "1949-00", "April 1949", "[1949]",
                                   "{y: 1949}", "2025-02-29"])
def test_every_date_goes_through_one_parser_at_check_time(context_dir, write_entry, value: str) -> None:
    text = GOOD.replace('start: "1978-06-16"', f"start: {value}")
    found = problems(context_dir, write_entry, text)
    assert any(p.startswith(f"{PATH}:8: start") for p in found), found


@given(st.text(max_size=12))
def test_a_date_the_check_accepts_can_always_be_shown(value: str) -> None:
    try:
        canonical = dates.normalise(value)
    except ValueError:
        return
    dates.display(canonical)
    dates.span(canonical, canonical, "person")


@pytest.mark.parametrize("text", [
    "1: x\n", "[a, b]: c\n", "? [a, b]\n: c\n", "- a\n- b\n", "just text\n", "", "# only a comment\n", "~\n",
    "name: [a, b]\ntype: {x: y}\nsummary: [1]\nsources: oops\n", "aliases: {a: b}\nroles: [[1]]\nrelated: [{}]\n",
    "sources: [x, 1, [], {title: [a], url: {b: c}}]\n", "exclude: [[x]]\nstart: [1]\nend: {a: 1}\n",
    "name: a\n---\nname: b\n", "a: " + "[" * 50 + "]" * 50 + "\n", "name: 'unclosed\n", "\tname: tab\n",
    "null: x\n~: y\n", "name: a\nname: b\nname: c\n", "roles: [{title: [x], start: [1]}]\n", "\x00\n",
])
def test_any_yaml_shape_becomes_problem_lines(tmp_path: Path, text: str) -> None:
    path = tmp_path / "context" / "person" / "x.yaml"
    path.parent.mkdir(parents=True)
    _, found, _ = validate_document(path, text, path.parent.parent)
    assert found, "every one of these is wrong somehow"
    assert all(str(p).startswith("context/person/x.yaml:") for p in found)


def _entry_yaml() -> st.SearchStrategy[object]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                        st.dates())
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                        max_leaves=12)


FIELD_NAMES = st.sampled_from(["name", "type", "aliases", "summary", "wikipedia", "start", "end", "roles",
                               "related", "sources", "exclude", "when", "alias", "title", "url"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(FIELD_NAMES, _entry_yaml(), max_size=8))
def test_random_documents_get_problem_lines_and_nothing_else(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    path = Path("/ctx/context/person/x.yaml")
    _, found, _ = validate_document(path, text, path.parent.parent)
    for problem in found:
        assert problem.line >= 1 and problem.message and problem.fix


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_mutated_real_entries_get_problem_lines_and_nothing_else(data) -> None:
    """Edits of real entries: characters deleted, duplicated or replaced anywhere in the file."""
    files = sorted((Path(__file__).parents[2] / "context").glob("*/*.yaml"))
    source = data.draw(st.sampled_from(files))
    text = source.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if edit == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 30)):]
        elif edit == "insert":
            text = text[:at] + data.draw(st.sampled_from([":", "- ", "\n", "&a ", "*a", "!!str ", "'", '"', "[",
                                                          "{", "  ", "\t", "19", "#", "\x1b", "\u202e"])) + text[at:]
        else:
            text = text[:at] + text[max(0, at - 40):at] + text[at:]
    validate_document(source, text, source.parents[1])


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_a_problem_line(context_dir, write_entry) -> None:
    path = write_entry("person", "secret", GOOD)
    path.chmod(0)
    assert "context/person/secret.yaml:1: secret.yaml cannot be read: permission denied; check the file's " \
           "permissions" in [str(p) for p in corpus.load(context_dir).problems]


def test_files_that_are_not_entries_are_problem_lines(context_dir, tmp_path) -> None:
    person = context_dir / "person"
    person.mkdir(exist_ok=True)
    (person / "loop.yaml").symlink_to(person / "loop.yaml")
    (person / "folder.yaml").mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD)
    (person / "escape.yaml").symlink_to(outside)
    os.mkfifo(person / "pipe.yaml")
    (person / "huge.yaml").write_text("name: x\n" + "#" * (20 * 1024 * 1024))
    with deadline(10):
        found = [str(p) for p in corpus.load(context_dir).problems]
    for name, what in [("loop", "symlink that loops"), ("folder", "is a directory"),
                       ("escape", "outside the context folder"), ("pipe", "not a regular file"),
                       ("huge", "an entry file is at most")]:
        assert any(p.startswith(f"context/person/{name}.yaml:1: ") and what in p for p in found), (name, found)


def test_a_long_summary_is_measured_before_it_is_scanned(context_dir, write_entry) -> None:
    text = GOOD.replace("  Petr Fiala.", "  Petr Fiala. " + "Dr. A. B. U.S. sentence. " * 8000)
    with deadline(5):
        found = problems(context_dir, write_entry, text)
    assert any("summary is" in p and "characters long" in p for p in found)


def test_sentences_are_counted_in_linear_time() -> None:
    with deadline(5):
        assert count_sentences("It began. " * 40_000) == 40_000


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_context_new_writes_valid_yaml_for_any_name(name: str) -> None:
    data = yaml.safe_load(stub(name, "person"))
    assert data["name"] == name and data["wikipedia"] == name


def test_a_stub_fails_the_check_until_it_is_filled_in(context_dir, write_entry) -> None:
    write_entry("person", "new-person", stub('He said: "Yes" # really', "person"))
    found = [str(p) for p in corpus.load(context_dir).errors]
    assert any("unfinished (TODO)" in p for p in found)
    assert not any("YAML syntax error" in p for p in found)


def test_nothing_the_check_passes_can_break_the_build(context_dir, tmp_path) -> None:
    """Whatever passes the check builds: the two share one validator."""
    assert not corpus.load(context_dir).errors
    build(context_dir, tmp_path / "x.db")


def test_a_bare_year_is_an_alias_of_nothing_but_a_works_title(context_dir, write_entry) -> None:
    text = GOOD.replace("type: person\n", 'type: person\naliases:\n  - alias: "1978"\n    when: [Czech]\n')
    found = problems(context_dir, write_entry, text)
    assert any(p.startswith(f"{PATH}:4: alias '1978' is a bare year or number") for p in found), found
    work = GOOD.replace("type: person\n", 'type: work\naliases:\n  - alias: "1984"\n    when: [Orwell]\n')
    write_entry("work", "vit-rakusan", work)
    (context_dir / "person" / "vit-rakusan.yaml").unlink()
    assert not any("bare year" in str(p) for p in corpus.load(context_dir).problems)


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("name: Vít Rakušan", 'name: "X"'), "name 'X' is a single character"),
    (GOOD.replace("name: Vít Rakušan", 'name: "   "'), "name is empty"),
    (GOOD.replace("name: Vít Rakušan", 'name: "..."'), "name '...' has no letters"),
    (GOOD.replace("wikipedia: Vít Rakušan", 'wikipedia: " "'), "wikipedia is empty"),
    (GOOD.replace("type: person\n", 'type: person\naliases:\n  - {alias: "V. R.", when: [""]}\n'),
     "a 'when' word of 'V. R.' is empty"),
    (GOOD.replace("type: person\n", 'type: person\naliases:\n  - {alias: Rakusan, when: ["\\u0301"]}\n'),
     "has nothing to match"),
    (GOOD.replace('start: "1978-06-16"', 'start: "١٩٧٨"'), "is not a date"),
])
def test_empty_and_unmatchable_text_is_refused(context_dir, write_entry, text: str, message: str) -> None:
    found = problems(context_dir, write_entry, text)
    assert any(message in p for p in found), found


def test_an_id_with_a_trailing_newline_is_not_an_id(context_dir) -> None:
    (context_dir / "person" / "hostile\n.yaml").write_text(GOOD)
    assert any("is not a valid id" in str(p) for p in corpus.load(context_dir).problems)


def test_folders_that_cannot_be_read_are_reported(context_dir, tmp_path, monkeypatch) -> None:
    (context_dir / "place" / "NOTE.YAML").write_text(GOOD)
    real_iterdir = Path.iterdir

    def refuse(self: Path):
        if self.name == "event":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    found = [str(p) for p in corpus.load(context_dir).problems]
    assert "context/event:1: event/ cannot be read: Permission denied; check the folder's permissions" in found
    assert any(p.startswith("context/place/NOTE.YAML:1: warning: NOTE.YAML is ignored") for p in found)
