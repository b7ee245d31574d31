"""Every command, as a user or a script calls it, and every error it can end with."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader import __version__
from reader.cli import cli

from .conftest import SEED_ARTICLE


@pytest.fixture
def run(db_path: Path, context_dir: Path):
    """Run `reader ...` against the fixture corpus."""

    def invoke(*args: str, env: dict[str, str] | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), env={"READER_DB": str(db_path),
                                                   "READER_CONTEXT": str(context_dir), **(env or {})})

    return invoke


def test_version_and_help(run) -> None:
    assert run("--version").output.strip() == f"reader, version {__version__}"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("open", "annotate", "lookup", "context"):
        assert re.search(rf"^\s+{command}\s+\S", result.output, re.M), command
    for group in (["context", "--help"], ["context", "build", "--help"], ["context", "check", "--help"],
                  ["open", "--help"], ["annotate", "--help"], ["lookup", "--help"]):
        assert run(*group).exit_code == 0


def test_annotate_json_has_the_exact_shape(run, article: Path) -> None:
    result = run("annotate", str(article), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    text = "Lech Wałęsa led Solidarity.\nPoland’s NATO allies met in Munich.\n"
    assert data == {"mentions": [
        {"start": 0, "end": 11, "text": "Lech Wałęsa",
         "entry": {"id": "lech-walesa", "title": "Lech Wałęsa", "type": "person", "wikipedia": "Lech Wałęsa"}},
        {"start": 16, "end": 26, "text": "Solidarity",
         "entry": {"id": "solidarity", "title": "Solidarity", "type": "organization",
                   "wikipedia": "Solidarity (Polish trade union)"}},
        {"start": 28, "end": 34, "text": "Poland",
         "entry": {"id": "poland", "title": "Poland", "type": "place", "wikipedia": "Poland"}},
        {"start": 37, "end": 41, "text": "NATO",
         "entry": {"id": "nato", "title": "NATO", "type": "organization", "wikipedia": "NATO"}},
        {"start": 56, "end": 62, "text": "Munich",
         "entry": {"id": "munich", "title": "Munich", "type": "place", "wikipedia": "Munich"}},
    ]}
    for m in data["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]


def test_annotate_text_prints_the_article_literally(run, tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("[bold]NATO[/bold] \x1b[31m red", encoding="utf-8")
    result = run("annotate", str(path), "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.startswith("[bold][NATO]¹[/bold] ␛[31m red\n"), "markup and escapes shown, not obeyed"


def test_lookup_prints_the_card(run) -> None:
    result = run("lookup", "walesa")
    assert result.exit_code == 0
    for expected in ("Lech Wałęsa", "born 29 September 1943", "President of Poland",
                     "22 December 1990 – 22 December 1995", "Solidarity", "https://en.wikipedia.org/"):
        assert expected in result.stdout, expected
    assert result.stdout.index("• Solidarity (organization)") < result.stdout.index("• Poland (place)")


@pytest.mark.parametrize(("args", "message"), [
    (["annotate", "/no/such/file.txt"], "Error: no such file: /no/such/file.txt; check the path and try again"),
    (["annotate", "/tmp"], "Error: /tmp is a directory, not a file; give the path of a text file inside it"),
    (["lookup", "zzyzx"], "Error: nothing in the context matches 'zzyzx'"),
])
def test_errors_are_one_line_with_status_2(run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith(message)
    assert "Traceback" not in result.output


def test_empty_and_binary_files_are_refused(run, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    assert "is empty" in run("annotate", str(tmp_path / "empty.txt")).stderr
    result = run("annotate", str(tmp_path / "image.png"))
    assert result.exit_code == 2 and "looks like a binary file" in result.stderr


def test_a_cp1252_article_is_read_with_a_note(run, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("“Poland” and NATO".encode("cp1252"))
    result = run("annotate", str(path))
    assert result.exit_code == 0
    assert "read as Windows-1252" in result.stderr
    assert [m["text"] for m in json.loads(result.stdout)["mentions"]] == ["Poland", "NATO"]


def test_a_missing_or_corrupt_database_is_an_error(run, tmp_path: Path, article: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("garbage" * 100)
    for db in (str(bad), str(tmp_path / "missing.db")):
        result = run("annotate", str(article), env={"READER_DB": db, "READER_CONTEXT": ""})
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("Error: ") and "context database" in result.stderr


def test_context_check_reports_errors_with_status_1(run, write_entry) -> None:
    assert run("context", "check").exit_code == 0
    write_entry("place", "atlantis", "name: Atlantis\ntype: place\nsummary: " + "Sunk " * 40 + "\n")
    result = run("context", "check")
    assert result.exit_code == 1
    assert "context/place/atlantis.yaml:3: summary has 1 sentence(s); write 2 to 5 factual sentences" in result.stderr
    assert "context/place/atlantis.yaml:1: missing sources; add a 'sources:' field" in result.stderr


def test_context_build_refuses_bad_yaml_and_keeps_the_database(run, write_entry, db_path: Path) -> None:
    before = db_path.read_bytes()
    write_entry("place", "atlantis", "name: Atlantis\ntype: place\n")
    result = run("context", "build")
    assert result.exit_code == 1
    assert "context/place/atlantis.yaml:1: missing summary" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: 3 error(s)")
    assert db_path.read_bytes() == before


def test_context_build_reports_what_it_built(run, db_path: Path, context_dir: Path) -> None:
    before = db_path.read_bytes()
    result = run("context", "build")
    assert result.exit_code == 0
    assert re.match(r".*context\.db is up to date \(9 entries\); nothing to build\.$", result.stdout)
    assert db_path.read_bytes() == before, "a build that changes nothing must leave the file as it was"
    poland = context_dir / "place" / "poland.yaml"
    poland.write_text(poland.read_text().replace("Country", "State"))
    result = run("context", "build")
    assert result.exit_code == 0
    assert re.match(r"Built .*context\.db from 9 entries", result.stdout)


def test_open_refuses_bad_input_before_the_app_starts(run) -> None:
    result = run("open", "/no/such/file.txt")
    assert result.exit_code == 2 and result.stderr.startswith("Error: no such file")


def test_a_file_alone_is_opened(run, tmp_path: Path) -> None:
    """`reader FILE` is `reader open FILE`; a mistyped command is still a mistyped command."""
    article = tmp_path / "article.txt"
    article.write_text("Poland joined NATO.", encoding="utf-8")
    result = run(str(article))
    assert result.exit_code == 2 and "needs a terminal" in result.stderr  # it went to `open`
    result = run("--no-resume", str(article))
    assert result.exit_code == 2 and "needs a terminal" in result.stderr, "open's options work too"
    result = run("/no/such/file.txt")
    assert result.exit_code == 2 and result.stderr.startswith("Error: no such file")
    result = run("anotate")
    assert result.exit_code == 2 and "No such command 'anotate'" in result.stderr
    assert "reader FILE" in run("--help").output


def test_annotate_reads_each_format_and_standard_input_as_it_is_told(run, tmp_path: Path, db_path: Path,
                                                                     context_dir: Path) -> None:
    from .formats.documents import ESSAY, write_epub

    essay = tmp_path / "essay.md"
    essay.write_text(ESSAY, encoding="utf-8")
    for path in (essay, write_epub(tmp_path / "book.epub")):
        result = run("annotate", str(path))
        assert result.exit_code == 0, result.output
        assert "lech-walesa" in {m["entry"]["id"] for m in json.loads(result.stdout)["mentions"]}
    piped = CliRunner().invoke(cli, ["annotate", "-", "--from", "markdown", "--format", "text"], input=ESSAY,
                               env={"READER_DB": str(db_path), "READER_CONTEXT": str(context_dir)})
    assert piped.exit_code == 0, piped.output
    assert piped.stdout.startswith("[Poland]¹ and Its Allies\n\nWhen [Lech Wałęsa]² led [Solidarity]³")
    result = run("annotate", str(essay), "--from", "pdf")
    assert result.exit_code == 2 and "'pdf' is not one of" in result.stderr


def test_python_dash_m_works_like_the_script() -> None:
    result = subprocess.run([sys.executable, "-m", "reader", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"reader, version {__version__}"


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="shared seed article not beside the checkout")
def test_the_installed_reader_finds_its_database_from_any_folder(tmp_path: Path) -> None:
    """Run as a user would, away from the repository: the package's own database is used."""
    env = {k: v for k, v in os.environ.items() if k not in ("READER_DB", "READER_CONTEXT", "PYTHONPATH")}
    result = subprocess.run([sys.executable, "-m", "reader", "annotate", str(SEED_ARTICLE)],
                            capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    ids = {m["entry"]["id"] for m in json.loads(result.stdout)["mentions"]}
    assert {"nato", "yalta-conference", "munich-agreement", "solidarity", "lech-walesa"} <= ids


def test_the_readme_documents_every_command() -> None:
    from docs.cli_reference import README, updated

    text = README.read_text(encoding="utf-8")
    assert updated(text) == text, "run 'python docs/cli_reference.py' to refresh the README"


def test_ci_runs_the_readmes_test_command() -> None:
    from docs.cli_reference import README

    readme = README.read_text(encoding="utf-8")
    command = re.search(r"```sh\n(.*pytest)\n```", readme).group(1)
    assert command in (README.parent / ".ci" / "run").read_text()


def test_context_new_writes_a_stub_that_check_refuses_until_filled(run, context_dir: Path) -> None:
    result = run("context", "new", "Vít Rakušan", "--type", "person")
    assert result.exit_code == 0, result.output
    path = context_dir / "person" / "vit-rakusan.yaml"
    assert path.exists() and f"Wrote {path}" in result.stdout
    text = path.read_text()
    for field in ("name:", "type: person", "aliases:", "summary:", "wikipedia:", "start:", "end:",
                  "roles:", "related:", "sources:"):
        assert field in text, field
    check = run("context", "check")
    assert check.exit_code == 1
    assert "context/person/vit-rakusan.yaml:5: the entry is unfinished (TODO)" in check.stderr
    assert "context/person/vit-rakusan.yaml:12: sources is empty; sources need at least one" in check.stderr
    again = run("context", "new", "Vit Rakusan", "--type", "person")
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_context_missing_lists_uncovered_names_most_frequent_first(run, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Lech Wałęsa met Václav Havel in Prague. Havel spoke first.\n"
                    "Later Václav Havel and Poland's leaders went to Prague. The end.\n", encoding="utf-8")
    result = run("context", "missing", str(path))
    assert result.exit_code == 0
    # the surname alone is the same person: one name to write an entry for
    assert result.stdout.splitlines() == ["    3  Václav Havel", "    2  Prague"]


def test_context_stats_counts_types_and_thin_entries(run) -> None:
    result = run("context", "stats")
    assert result.exit_code == 0
    assert result.stdout.startswith("9 entries\n")
    assert "  event            3" in result.stdout and "Fewest sources:" in result.stdout


def test_a_maintainer_can_build_into_another_database(context_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(context_dir.parent)
    other = tmp_path / "elsewhere.db"
    result = CliRunner().invoke(cli, ["context", "build", "--db", str(other)],
                                env={"READER_DB": "", "READER_CONTEXT": ""})
    assert result.exit_code == 0, result.output
    assert other.is_file()
    # ...while a reader who names a database reads it as it is, without rebuilding it from ./context.
    before = other.read_bytes()
    (context_dir / "place" / "poland.yaml").write_text(
        (context_dir / "place" / "poland.yaml").read_text().replace("Country", "State"))
    assert CliRunner().invoke(cli, ["lookup", "Poland", "--db", str(other)],
                              env={"READER_DB": "", "READER_CONTEXT": ""}).exit_code == 0
    assert other.read_bytes() == before


def test_the_card_lists_other_names_but_not_cue_words(run, write_entry) -> None:
    write_entry("event", "munich-agreement", (Path(__file__).parent / "fixtures/context/event/munich-agreement.yaml")
                .read_text().replace("  - Munich Pact\n", "  - Munich Pact\n  - munich pact\n  - alias: appease\n"
                                     "    when: [Hitler]\n  - alias: \"1938\"\n    when: [Munich]\n"))
    result = run("lookup", "Munich", "Agreement")
    assert "Also: Munich Pact, Munich\n" in result.stdout


def test_the_articles_date_rules_out_what_began_after_it(run, tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text("Lech Wałęsa spoke of Solidarity in Poland.\n", encoding="utf-8")
    def ids(result) -> list[str]:
        return [m["entry"]["id"] for m in json.loads(result.stdout)["mentions"] if m["entry"]["type"] != "date"]

    assert ids(run("annotate", str(path))) == ["lech-walesa", "solidarity", "poland"]
    assert ids(run("annotate", str(path), "--date", "1975-01-01")) == ["lech-walesa", "poland"]
    path.write_text("June 4, 1975\n\nLech Wałęsa spoke of Solidarity in Poland.\n", encoding="utf-8")
    assert ids(run("annotate", str(path))) == ["lech-walesa", "poland"], "the dateline gives the date"
    assert ids(run("annotate", str(path), "--date", "1990")) == ["lech-walesa", "solidarity", "poland"]
    bad = run("annotate", str(path), "--date", "someday")
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: --date 'someday' is not a date; write it as")


def test_years_and_periods_are_mentions_of_type_date(run, tmp_path: Path) -> None:
    path = tmp_path / "dates.txt"
    path.write_text("Poland since 1945, in the 1930s and in the 19th century.\n", encoding="utf-8")
    mentions = json.loads(run("annotate", str(path)).stdout)["mentions"]
    assert [(m["text"], m["entry"]) for m in mentions[1:]] == [
        ("1945", {"id": "1945", "title": "1945", "type": "date", "wikipedia": None}),
        ("1930s", {"id": "1930s", "title": "the 1930s", "type": "date", "wikipedia": None}),
        ("19th century", {"id": "19th-century", "title": "the 19th century", "type": "date", "wikipedia": None}),
    ]


def test_unknown_names_are_listed_only_when_asked(run, tmp_path: Path) -> None:
    path = tmp_path / "unknown.txt"
    path.write_text("Poland met Ivo Andric.\n", encoding="utf-8")
    plain = json.loads(run("annotate", str(path)).stdout)["mentions"]
    assert [m["text"] for m in plain] == ["Poland"]
    listed = json.loads(run("annotate", str(path), "--unknown").stdout)["mentions"]
    assert listed[1] == {"start": 11, "end": 21, "text": "Ivo Andric", "entry": None}


def test_annotate_json_gives_a_score_and_the_runner_up_only_where_another_entry_fits(run, tmp_path: Path) -> None:
    path = tmp_path / "close.txt"
    path.write_text("They went to Munich and Poland, and nobody would appease anyone.\n\n"
                    "In 1938 Chamberlain flew to Munich to appease Hitler.\n", encoding="utf-8")
    mentions = json.loads(run("annotate", str(path)).stdout)["mentions"]
    by_text = [(m["text"], m["entry"]["id"], m.get("score"), (m.get("alternative") or {}).get("id"))
               for m in mentions if m["entry"]["type"] != "date"]
    (close, poland, sure) = by_text
    assert close[:2] == ("Munich", "munich") and close[2] < 0.6 and close[3] == "munich-agreement"
    assert poland == ("Poland", "poland", None, None)  # nothing else fits: no score at all
    assert sure[:2] == ("Munich", "munich-agreement") and sure[2] > 0.6 and sure[3] is None
