"""Validation: every problem reported with its file and line, and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.knowledge import corpus
from reader.knowledge.schema import count_sentences

GOOD = """\
name: Vít Rakušan
type: person
summary: >-
  Czech politician who leads the Mayors and Independents. He was Minister of
  the Interior from December 2021 to December 2025, in the government of
  Petr Fiala.
wikipedia: Vít Rakušan
start: "1978-06-16"
sources:
  - title: Vít Rakušan (Wikipedia)
    url: https://en.wikipedia.org/wiki/V%C3%ADt_Raku%C5%A1an
reviewed: "2026-11-25"
"""


def messages(context_dir: Path) -> list[str]:
    return [str(p) for p in corpus.load(context_dir).problems]


def test_the_fixture_corpus_is_clean(context_dir: Path) -> None:
    assert messages(context_dir) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("start: \"1978-06-16\"", "start: \"1978-13-16\""),
     "context/person/vit-rakusan.yaml:8: start: '1978-13-16' has no month 13"),
    (("wikipedia: Vít Rakušan\n", "wikipedia: Vít Rakušan\nbirthplace: Prague\n"),
     "context/person/vit-rakusan.yaml:8: unknown field 'birthplace'"),
    (("type: person", "type: politician"),
     "context/person/vit-rakusan.yaml:2: type 'politician' is not known"),
    (("start: \"1978-06-16\"", "start: \"1978-06-16\"\nend: \"1970\""),
     "context/person/vit-rakusan.yaml:9: end (1970) is before start (1978-06-16)"),
    (("sources:\n  - title: Vít Rakušan (Wikipedia)\n    url: https://en.wikipedia.org/wiki/V%C3%ADt_Raku%C5%A1an\n",
      "related: [nobody-here]\n"),
     "context/person/vit-rakusan.yaml:1: missing sources"),
    (("summary: >-\n  Czech politician who leads the Mayors and Independents. He was Minister of\n"
      "  the Interior from December 2021 to December 2025, in the government of\n  Petr Fiala.",
      "summary: Czech politician who has led the Mayors and Independents and was Minister of the Interior "
      "of the Czech Republic from December 2021 to December 2025 in the government of Petr Fiala"),
     "context/person/vit-rakusan.yaml:3: summary has 1 sentence(s)"),
    (("Mayors and Independents.", "Mayors and Independents, which he co-\n  founded."),
     "context/person/vit-rakusan.yaml:3: summary has a word broken after a hyphen ('co- founded')"),
])
def test_each_problem_names_file_and_line(write_entry, context_dir: Path, change, expected) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace(*change))
    found = messages(context_dir)
    assert found, "the broken entry passed the check"
    if expected:
        assert any(m.startswith(expected) and "; " in m for m in found), found


def test_an_entry_english_wikipedia_lacks_is_sourced_without_it(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace("wikipedia: Vít Rakušan\n", ""))
    assert messages(context_dir) == []


def test_related_ids_must_exist(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD + "related: [poland, nowhere]\n")
    assert "context/person/vit-rakusan.yaml:13: related id 'nowhere' does not exist" in messages(context_dir)[0]


def test_yaml_syntax_errors_report_the_line(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace("type: person", "type: [person"))
    assert messages(context_dir)[0].startswith("context/person/vit-rakusan.yaml:")
    assert "YAML syntax error" in messages(context_dir)[0]


def test_a_shared_alias_is_a_warning_unless_cue_words_tell_them_apart(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace("type: person", "type: person\naliases: [NATO]"))
    problems = corpus.load(context_dir).problems
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert "'NATO' is also a name of vit-rakusan" in str(problems[0])
    write_entry("person", "vit-rakusan", GOOD.replace(
        "type: person", "type: person\naliases:\n  - alias: NATO\n    when: [Kolín]"))
    assert messages(context_dir) == []


def test_overlapping_terms_of_one_office_are_an_error(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD + """roles:
  - {title: Minister of the Interior, start: "2021-12-17", end: "2025-12-15"}
  - {title: Minister of the Interior, start: "2023-01-01"}
""")
    assert any("listed twice with overlapping dates" in m for m in messages(context_dir))


def test_a_file_in_the_wrong_type_folder_is_an_error(write_entry, context_dir: Path) -> None:
    write_entry("place", "vit-rakusan", GOOD)
    found = messages(context_dir)
    assert any("type is 'person' but the file is under place/" in m for m in found)


@pytest.mark.parametrize(("text", "count"), [
    ("George H. W. Bush was president. He served one term.", 2),
    ("He lived in Washington, D.C. It was his capital.", 2),
    ("The U.S. Senate met in 1949. It voted.", 2),
    ("Dr. Zhivago is a novel by Boris Pasternak.", 1),
])
def test_sentences_are_counted_past_initials_and_abbreviations(text: str, count: int) -> None:
    assert count_sentences(text) == count


def test_excluded_phrases_must_contain_a_name(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD + "aliases: [Rakušan]\nexclude: [Rakušan Street, Kolín]\n")
    found = messages(context_dir)
    assert found == ["context/person/vit-rakusan.yaml:14: warning: excluded phrase 'Kolín' contains none "
                     "of this entry's names; remove it"]


def test_people_and_events_need_a_first_date(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace('start: "1978-06-16"\n', ""))
    assert messages(context_dir) == [
        'context/person/vit-rakusan.yaml:1: a person needs a start date: a birth date; '
        'add start: "YYYY-MM-DD" (or "YYYY-MM", "YYYY" when only that is certain), or for a person '
        "whose birth no source gives, roles with their dates"]
    # a birth no source gives: the offices held date the person instead
    write_entry("person", "vit-rakusan", GOOD.replace('start: "1978-06-16"\n', 'roles:\n  - title: Minister of the '
                                                      'Interior of the Czech Republic\n    start: "2021-12-17"\n'))
    assert messages(context_dir) == []


def test_unquoted_dates_are_read_as_written(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace('start: "1978-06-16"', "start: 1978-06-16\nend: 2090"))
    result = corpus.load(context_dir)
    assert [str(p) for p in result.problems] == []
    entry = next(e for e in result.entries if e.id == "vit-rakusan")
    assert (entry.start, entry.end) == ("1978-06-16", "2090")


def test_files_the_build_would_ignore_are_reported(context_dir: Path) -> None:
    (context_dir / "stray.yaml").write_text("name: Stray\n")
    (context_dir / "place" / "old.yml").write_text("name: Old\n")
    assert messages(context_dir) == [
        "context/place/old.yml:1: warning: old.yml is ignored; entries are .yaml files: rename it",
        "context/stray.yaml:1: warning: stray.yaml is ignored: it is not in a type folder; "
        "move it to context/<type>/",
    ]


def test_numbers_yaml_reads_in_other_bases_are_reported_not_crashed_on(write_entry, context_dir: Path) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace('start: "1978-06-16"', "start: 0x1F"))
    assert messages(context_dir)[0].startswith("context/person/vit-rakusan.yaml:8: start: '0x1F' is not a date")


@pytest.mark.parametrize(("alias", "expected"), [
    ("{alias: Rakušan, case: exact}", None),
    ("{alias: Rakušan, case: loose}", "has case 'loose'"),
    ("{alias: Rakušan, spelling: exact}", "is not {alias, when} or {alias, case}"),
    ("{alias: Rakušan}", "is not {alias, when} or {alias, case}"),
])
def test_an_alias_may_be_marked_to_match_only_as_written(write_entry, context_dir: Path, alias: str,
                                                          expected: str | None) -> None:
    write_entry("person", "vit-rakusan", GOOD.replace("wikipedia:", f"aliases:\n  - {alias}\nwikipedia:"))
    found = messages(context_dir)
    if expected is None:
        assert found == []
        (entry,) = [e for e in corpus.load(context_dir).entries if e.id == "vit-rakusan"]
        assert [(a.text, a.exact) for a in entry.aliases] == [("Rakušan", True)]
    else:
        assert any(expected in m for m in found), found
