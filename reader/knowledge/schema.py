"""Validate context YAML files into Entries, collecting every problem with its line.

A maintainer fixing a corpus wants the whole list at once, each problem as
`path:line: what is wrong; how to fix it`, not the first exception. The check
never raises: any YAML shape, any value in any field, becomes problem lines.
Lengths are checked before any scan of the text, and every scan is linear.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

from reader.characters import UNSAFE_IN_LINE
from reader.knowledge import dates
from reader.knowledge.model import TYPES, Alias, Entry, Role, Source
from reader.knowledge.problems import Problem
from reader.knowledge.urls import MAX_URL, web_url
from reader.knowledge.yaml_tree import Tree, Unquoted, read_tree
from reader.linking.index import alias_problem, cue_key

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
FIELDS = {
    "name", "type", "aliases", "summary", "wikipedia", "start", "end",
    "roles", "related", "sources", "exclude", "reviewed", "holders_since", "vacant",
}
#: `wikipedia` is not among them: a chargé d'affaires of 1809 or an advisory committee of the State
#: Department has no English article, and is explained from the reference sources cited instead.
REQUIRED = ("name", "type", "summary", "sources", "reviewed")
#: Types whose entries always have a first date: birth, the first day, publication.
DATED = {"person": "a birth date", "event": "its first day", "work": "its publication date", "period": "its start"}
SUMMARY_SENTENCES = (2, 5)
#: A card's summary: long enough to say what, when and why; short enough to read beside the text.
SUMMARY_CHARS = (150, 900)
#: Longest name, alias, title or other one-line text field.
MAX_LINE = 300
#: Most items in any list field: far more than any entry needs.
MAX_ITEMS = 200

# A full stop ends a sentence unless it closes an initial (`H.`) or a title (`Dr.`);
# after `U.S.` or `Jr.` it ends one only when a usual sentence opener follows.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?([A-Z0-9]\w*))")
_NEVER_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Adm|Sgt|Capt|Gov|Sen|Rep|Rev|Pres|No|Nos|Mt|Ft|vs|c|ca|approx))\.$")
_MAYBE_END = re.compile(r"(?:U\.S|U\.K|U\.N|D\.C|E\.U|Jr|Sr|Inc|Ltd|Co|etc)\.$")
#: How far back from a full stop the abbreviation rules look: longer than any abbreviation.
_LOOK_BACK = 16
#: `co- founded`: a folded line break after a hyphen (`pre- and post-war` is fine).
_BROKEN_WORD = re.compile(r"\b\w+- (?!and\b|or\b|to\b)\w+")
_OPENERS = frozenset(
    "A An As After At Before By During For From He Her His However In It Its On Since "
    "She The Their These They This Under When While With".split())


def count_sentences(text: str) -> int:
    """Count sentences without being fooled by `George H. W. Bush` or `U.S.`; linear in the text."""
    text = text.strip()
    count = 1
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - _LOOK_BACK): m.start()].rstrip("\"'”’)")
        if _MAYBE_END.search(before):
            count += m.group(1) in _OPENERS
        elif not _NEVER_END.search(before):
            count += 1
    return count


class _Collector:
    def __init__(self, path: str, tree: Tree) -> None:
        self.path = path
        self.tree = tree
        self.problems: list[Problem] = []

    def add(self, key: str, message: str, fix: str, index: int | None = None) -> None:
        line = self.tree.line(key, index) if key else 1
        self.problems.append(Problem(self.path, line, message, fix))


def _describe(value: Any) -> str:
    if isinstance(value, Unquoted):
        return {"int": "a number", "float": "a number", "bool": "a yes/no value",
                "timestamp": "a date"}.get(value.kind, f"a {value.kind}")
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "empty"


def _line_text(c: _Collector, key: str, value: Any, what: str, index: int | None = None,
               *, limit: int = MAX_LINE) -> str | None:
    """One line of text, or None with a problem: numbers, lists, controls and runaway lengths refused."""
    if isinstance(value, Unquoted):
        c.add(key, f"{what} is read by YAML as {_describe(value)} ({value})",
              f'quote it: "{value}"', index)
        return None
    if not isinstance(value, str):
        c.add(key, f"{what} must be text, not {_describe(value)}", "write it as one line of text", index)
        return None
    value = value.strip()
    if not value:
        c.add(key, f"{what} is empty", "fill it in, or remove it", index)
        return None
    if len(value) > limit:
        c.add(key, f"{what} is {len(value)} characters long", f"keep it under {limit}", index)
        return None
    if UNSAFE_IN_LINE.search(value):
        bad = UNSAFE_IN_LINE.search(value).group()  # type: ignore[union-attr]
        c.add(key, f"{what} contains an invisible or control character (U+{ord(bad):04X})",
              "remove it: names and titles are one line of visible text", index)
        return None
    return value


def _date(c: _Collector, key: str, value: Any, index: int | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        c.add(key, f"{key} must be a date, not {_describe(value)}", 'write it as "1945", "1945-02" or "1945-02-04"',
              index)
        return None
    try:
        return dates.normalise(value)
    except ValueError as exc:
        c.add(key, f"{key}: {exc}", 'write an ISO date in quotes: "1945", "1945-02" or "1945-02-04"', index)
        return None


def _reviewed(c: _Collector, value: Any, today: str | None) -> str | None:
    """The day the entry's facts were last checked: a whole date, and not one still to come."""
    if value is None or value == "":
        return None  # reported as missing with the other required fields
    reviewed = _date(c, "reviewed", value)
    if reviewed is None:
        return None
    if len(reviewed) != len("YYYY-MM-DD"):
        c.add("reviewed", f"reviewed is {reviewed!r}, not a day", 'write the day the facts were checked: "2026-12-02"')
        return None
    today = today or datetime.date.today().isoformat()
    if dates.before(today, reviewed):
        c.add("reviewed", f"reviewed ({reviewed}) is after today ({today})", "write the day the facts were checked")
        return None
    return reviewed


def _items(c: _Collector, key: str, value: Any) -> list[tuple[int, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        c.add(key, f"{key} must be a list, not {_describe(value)}",
              f"write {key} as a YAML list, one item per line starting with '- '")
        return []
    if len(value) > MAX_ITEMS:
        c.add(key, f"{key} has {len(value)} items", f"keep it under {MAX_ITEMS}")
        return []
    return list(enumerate(value))


def _aliases(c: _Collector, value: Any, kind: str | None) -> tuple[Alias, ...]:
    """The aliases as written; only a work's title may be a bare number (`1984`)."""
    result = []
    for i, item in _items(c, "aliases", value):
        if isinstance(item, dict):
            if "alias" not in item or not set(item) <= {"alias", "when", "case"} or len(item) < 2:
                c.add("aliases", f"aliases item {i + 1} is not {{alias, when}} or {{alias, case}}",
                      "write a plain string, {alias: NAME, when: [WORDS]} or {alias: NAME, case: exact}", i)
                continue
            if "case" in item and item["case"] != "exact":
                c.add("aliases", f"aliases item {i + 1} has case {item['case']!r}",
                      "write 'case: exact' (matched only as written) or leave it out", i)
                continue
            text, when_value = item["alias"], item.get("when")
        else:
            text, when_value = item, None
        alias = _line_text(c, "aliases", text, f"alias {i + 1}", i)
        if alias is None:
            continue
        problem = alias_problem(alias, cued=isinstance(item, dict) and when_value is not None)
        if problem:
            c.add("aliases", f"alias {alias!r} {problem}", "or remove it", i)
            continue
        if alias.isdigit() and kind != "work":
            c.add("aliases", f"alias {alias!r} is a bare year or number",
                  "remove it: years are linked as dates, and the year's pane lists this entry", i)
            continue
        when: tuple[str, ...] = ()
        if isinstance(item, dict) and "when" in item:
            if not isinstance(when_value, list) or not when_value:
                c.add("aliases", f"alias {alias!r} has no usable 'when' list",
                      "give 'when' as a list of words that appear near this meaning", i)
                continue
            if len(when_value) > MAX_ITEMS:
                c.add("aliases", f"alias {alias!r} has {len(when_value)} cue words", f"keep it under {MAX_ITEMS}", i)
                continue
            words = [_line_text(c, "aliases", w, f"a 'when' word of {alias!r}", i) for w in when_value]
            if None in words:
                continue
            unmatchable = [w for w in words if w and not cue_key(w)]
            if unmatchable:
                c.add("aliases", f"cue word {unmatchable[0]!r} of {alias!r} has nothing to match",
                      "write words of letters or digits", i)
                continue
            when = tuple(w for w in words if w)
        result.append(Alias(alias, when, isinstance(item, dict) and item.get("case") == "exact"))
    return tuple(result)


def _check_summary(c: _Collector, summary: str) -> None:
    if not SUMMARY_CHARS[0] <= len(summary) <= SUMMARY_CHARS[1]:
        c.add("summary", f"summary is {len(summary)} characters long",
              f"keep it between {SUMMARY_CHARS[0]} and {SUMMARY_CHARS[1]} characters")
        return  # a runaway summary is not scanned further
    sentences = count_sentences(summary)
    low, high = SUMMARY_SENTENCES
    if not low <= sentences <= high:
        c.add("summary", f"summary has {sentences} sentence(s)", f"write {low} to {high} factual sentences")
    broken = _BROKEN_WORD.search(summary)
    if broken:
        c.add("summary", f"summary has a word broken after a hyphen ({broken.group()!r})",
              "YAML folds a line break into a space: keep hyphenated words on one line")
    if UNSAFE_IN_LINE.search(summary):
        c.add("summary", "summary contains an invisible or control character", "remove it")


def _summary(c: _Collector, value: Any) -> str:
    """The summary with its whitespace collapsed, as a card shows it; "" with a problem if unusable."""
    if value is None or value == "":
        return ""
    if isinstance(value, Unquoted) or not isinstance(value, str):
        c.add("summary", f"summary must be text, not {_describe(value)}", "write it as sentences under 'summary: >-'")
        return ""
    if len(value) > SUMMARY_CHARS[1] * 2:  # measured before any scan of it
        c.add("summary", f"summary is {len(value)} characters long",
              f"keep it between {SUMMARY_CHARS[0]} and {SUMMARY_CHARS[1]} characters")
        return ""
    summary = " ".join(value.split())
    _check_summary(c, summary)
    return summary


def _dated_roles(data: dict[str, Any]) -> bool:
    """Whether the raw entry lists a role with a start date (checked in full by `_roles`)."""
    roles = data.get("roles")
    return isinstance(roles, list) and any(isinstance(r, dict) and r.get("start") for r in roles)


def _roles(c: _Collector, value: Any) -> tuple[Role, ...]:
    result = []
    for i, item in _items(c, "roles", value):
        if not isinstance(item, dict) or "title" not in item or set(item) - {"title", "start", "end", "office"}:
            c.add("roles", f"roles item {i + 1} is not {{title, start, end, office}}",
                  "write each role as {title: ..., start: \"YYYY-MM-DD\", end: \"YYYY-MM-DD\"}, "
                  "and office: ID to name the office's entry", i)
            continue
        title = _line_text(c, "roles", item["title"], f"the title of role {i + 1}", i)
        start = _date(c, "roles", item.get("start"), i)
        end = _date(c, "roles", item.get("end"), i)
        office = _line_text(c, "roles", item["office"], f"the office of role {i + 1}", i) if "office" in item else None
        if office is not None and not ID_PATTERN.fullmatch(office):
            c.add("roles", f"the office of role {i + 1} ({office!r}) is not an id",
                  "write the file stem of the office's entry, e.g. us-secretary-of-state", i)
            office = None
        if title is None:
            continue
        if start and end and dates.before(end, start):
            c.add("roles", f"role {title!r} ends ({end}) before it starts ({start})", "swap or correct the dates", i)
        result.append(Role(title, start, end, office))
    return tuple(result)


def _vacancies(c: _Collector, value: Any) -> tuple[tuple[str, str], ...]:
    """When an office stood empty: each a {start, end} that a gap between holders may fall in."""
    result = []
    for i, item in _items(c, "vacant", value):
        if not isinstance(item, dict) or set(item) != {"start", "end"}:
            c.add("vacant", f"vacant item {i + 1} is not {{start, end}}",
                  'write each vacancy as {start: "YYYY-MM-DD", end: "YYYY-MM-DD"}', i)
            continue
        start, end = _date(c, "vacant", item["start"], i), _date(c, "vacant", item["end"], i)
        if start and end:
            if dates.before(end, start):
                c.add("vacant", f"vacancy {i + 1} ends ({end}) before it starts ({start})",
                      "swap or correct the dates", i)
                continue
            result.append((start, end))
    return tuple(result)


def _sources(c: _Collector, value: Any) -> tuple[Source, ...]:
    result = []
    for i, item in _items(c, "sources", value):
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            c.add("sources", f"sources item {i + 1} needs a title and an http(s) url",
                  "write {title: ..., url: https://...}", i)
            continue
        title = _line_text(c, "sources", item["title"], f"the title of source {i + 1}", i)
        url = item["url"]
        if not isinstance(url, str) or not web_url(url.strip()):
            c.add("sources", f"the url of source {i + 1} is not a plain http(s) address",
                  f"write https://host/path, with no spaces or control characters, under {MAX_URL} characters", i)
            continue
        if title is not None:
            result.append(Source(title, url.strip()))
    return tuple(result)


def _text_items(c: _Collector, key: str, value: Any, what: str) -> tuple[str, ...]:
    found = (_line_text(c, key, item, f"{what} {i + 1}", i) for i, item in _items(c, key, value))
    return tuple(text for text in found if text)


def validate_document(path: Path, text: str, root: Path | None = None, today: str | None = None
                      ) -> tuple[Entry | None, list[Problem], Tree]:
    """Validate one file's text: its Entry (None if not a mapping), every problem, its lines.

    `today` (ISO, default the system's date) is the latest a review can be dated.

    The entry comes back even when it has problems, so that checks across files
    (related ids, shared aliases) still see it and do not report it as missing.
    """
    shown = str(path.relative_to(root.parent)) if root else str(path)
    try:
        tree = read_tree(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or "invalid YAML"
        return None, [Problem(shown, line, f"YAML syntax error: {reason}",
                              "check indentation and quote values that contain ': '")], Tree()
    c = _Collector(shown, tree)
    c.problems.extend(Problem(shown, line, message, fix) for line, message, fix in tree.refused)
    data = tree.data
    if not isinstance(data, dict):
        c.add("", "the file is not a mapping of fields", "start with 'name: ...' on the first line")
        return None, c.problems, tree

    for number, line in enumerate(text.splitlines(), 1):
        if "TODO" in line:
            c.problems.append(Problem(shown, number, "the entry is unfinished (TODO)",
                                      "replace the TODO with the real value"))
    entry_id = path.stem
    if not ID_PATTERN.fullmatch(entry_id):
        c.add("", f"file name {path.name!r} is not a valid id",
              "rename it to a lowercase slug such as 'lech-walesa.yaml'")
    for key in sorted(set(data) - FIELDS):
        c.add(key, f"unknown field {key[:40]!r}", f"remove it or use one of: {', '.join(sorted(FIELDS))}")
    for key in REQUIRED:
        if key not in data:
            c.add("", f"missing {key}", f"add a '{key}:' field")
        elif data[key] in (None, "", []):
            c.add(key, f"{key} is empty", "sources need at least one {title: ..., url: https://...}"
                  if key == "sources" else f"fill in '{key}:'")

    name = _line_text(c, "name", data["name"], "name") if data.get("name") else None
    if name and alias_problem(name):
        c.add("name", f"name {name!r} {alias_problem(name)}", "give the entry's full name")
    kind = _line_text(c, "type", data["type"], "type") if data.get("type") else None
    if kind is not None and kind not in TYPES:
        c.add("type", f"type {kind!r} is not known", f"use one of: {', '.join(TYPES)}")
        kind = None
    elif kind and path.parent.name != kind:
        c.add("type", f"type is {kind!r} but the file is under {path.parent.name}/",
              f"move the file to context/{kind}/ or fix the type")

    summary = _summary(c, data.get("summary"))
    start = _date(c, "start", data.get("start"))
    # a person whose birth no source gives is dated by the offices held: linking still knows their years
    if start is None and "start" not in data and kind in DATED and not (kind == "person" and _dated_roles(data)):
        c.add("", f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} needs a start date: {DATED[kind]}",
              'add start: "YYYY-MM-DD" (or "YYYY-MM", "YYYY" when only that is certain), or for a person '
              "whose birth no source gives, roles with their dates")
    end = _date(c, "end", data.get("end"))
    reviewed = _reviewed(c, data.get("reviewed"), today)
    if start and end and dates.before(end, start):
        c.add("end", f"end ({end}) is before start ({start})", "swap or correct the dates")

    holders_since = _date(c, "holders_since", data.get("holders_since"))
    vacant = _vacancies(c, data.get("vacant"))
    if (holders_since or vacant) and kind != "organization":
        c.add("holders_since" if holders_since else "vacant", "only an office (an organization) has holders",
              "remove 'holders_since' and 'vacant', or change the type to organization")
    roles = _roles(c, data.get("roles"))
    if roles and kind != "person":
        c.add("roles", "only persons have roles", "remove 'roles' or change the type to person")
    related = _text_items(c, "related", data.get("related"), "related id")
    for i, rid in enumerate(related):
        if not ID_PATTERN.fullmatch(rid):
            c.add("related", f"related id {rid!r} is not an id",
                  "write the file stem of the entry, e.g. lech-walesa", i)
    exclude = _text_items(c, "exclude", data.get("exclude"), "excluded phrase")
    wikipedia = _line_text(c, "wikipedia", data["wikipedia"], "wikipedia") if data.get("wikipedia") else None
    entry = Entry(
        id=entry_id, name=name or "", type=kind or "", summary=summary, wikipedia=wikipedia,
        start=start, end=end, aliases=_aliases(c, data.get("aliases"), kind), roles=roles,
        related=tuple(r for r in related if ID_PATTERN.fullmatch(r)), sources=_sources(c, data.get("sources")),
        exclude=tuple(x for x in exclude if not alias_problem(x)), reviewed=reviewed,
        holders_since=holders_since, vacant=vacant, path=shown,
    )
    return entry, c.problems, tree
