"""Validate context YAML files into Entries, collecting every problem with its line.

A maintainer fixing a corpus wants the whole list at once, each problem as
`path:line: what is wrong; how to fix it`, not the first exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reader.knowledge import dates
from reader.knowledge.model import TYPES, Alias, Entry, Role, Source

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = {
    "name", "type", "aliases", "summary", "wikipedia", "start", "end",
    "roles", "related", "sources", "exclude",
}
REQUIRED = ("name", "type", "summary", "wikipedia", "sources")
#: Types whose entries always have a first date: birth, the first day, publication.
DATED = {"person": "a birth date", "event": "its first day", "work": "its publication date", "period": "its start"}
SUMMARY_SENTENCES = (2, 5)
#: A card's summary: long enough to say what, when and why; short enough to read beside the text.
SUMMARY_CHARS = (150, 900)

# A full stop ends a sentence unless it closes an initial (`H.`) or a title (`Dr.`);
# after `U.S.` or `Jr.` it ends one only when a usual sentence opener follows.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?([A-Z0-9]\w*))")
_NEVER_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Adm|Sgt|Capt|Gov|Sen|Rep|Rev|Pres|No|Nos|Mt|Ft|vs|c|ca|approx))\.$")
_MAYBE_END = re.compile(r"(?:U\.S|U\.K|U\.N|D\.C|E\.U|Jr|Sr|Inc|Ltd|Co|etc)\.$")
#: `co- founded`: a folded line break after a hyphen (`pre- and post-war` is fine).
_BROKEN_WORD = re.compile(r"\b\w+- (?!and\b|or\b|to\b)\w+")
_OPENERS = frozenset(
    "A An As After At Before By During For From He Her His However In It Its On Since "
    "She The Their These They This Under When While With".split())


@dataclass(frozen=True)
class Problem:
    """One validation finding; warnings do not fail a check or a build."""

    path: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {label}{self.message}; {self.fix}"


def count_sentences(text: str) -> int:
    """Count sentences without being fooled by `George H. W. Bush` or `U.S.`."""
    text = text.strip()
    count = 1
    for m in _SENTENCE_END.finditer(text):
        before = text[: m.start()].rstrip("\"'”’)")
        if _MAYBE_END.search(before):
            count += m.group(1) in _OPENERS
        elif not _NEVER_END.search(before):
            count += 1
    return count


class Lines:
    """Line numbers of a YAML document's keys and list items, from its node tree."""

    def __init__(self, node: yaml.Node | None) -> None:
        self.top: dict[str, int] = {}
        self.items: dict[str, list[int]] = {}
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value)
                self.top[name] = key.start_mark.line + 1
                if isinstance(value, yaml.SequenceNode):
                    self.items[name] = [item.start_mark.line + 1 for item in value.value]

    def of(self, key: str, index: int | None = None) -> int:
        if index is not None and index < len(self.items.get(key, [])):
            return self.items[key][index]
        return self.top.get(key, 1)


class _Collector:
    def __init__(self, path: str, lines: Lines) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, key: str, message: str, fix: str, index: int | None = None) -> None:
        line = self.lines.of(key, index) if key else 1
        self.problems.append(Problem(self.path, line, message, fix))


def _date(c: _Collector, key: str, value: Any, index: int | None = None) -> str | None:
    if value is None:
        return None
    try:
        return dates.normalise(value)
    except ValueError as exc:
        c.add(key, f"{key}: {exc}", 'write an ISO date in quotes: "1945", "1945-02" or "1945-02-04"', index)
        return None


def _text_list(c: _Collector, key: str, value: Any) -> list[tuple[int, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        c.add(key, f"{key} must be a list", f"write {key} as a YAML list, one item per line starting with '- '")
        return []
    return list(enumerate(value))


def _aliases(c: _Collector, value: Any) -> tuple[Alias, ...]:
    result = []
    for i, item in _text_list(c, "aliases", value):
        if isinstance(item, (str, int)) and str(item).strip():
            result.append(Alias(str(item).strip()))
        elif isinstance(item, dict) and set(item) <= {"alias", "when"} and item.get("alias"):
            when = item.get("when")
            if not isinstance(when, list) or not when or not all(isinstance(w, (str, int)) for w in when):
                c.add("aliases", f"alias {item['alias']!r} has no usable 'when' list",
                      "give 'when' as a list of words that appear near this meaning", i)
                continue
            result.append(Alias(str(item["alias"]).strip(), tuple(str(w) for w in when)))
        else:
            c.add("aliases", f"aliases item {i + 1} is not a name",
                  "write a plain string, or {alias: NAME, when: [WORDS]}", i)
    return tuple(result)


def _check_summary(c: _Collector, summary: str) -> None:
    sentences = count_sentences(summary)
    low, high = SUMMARY_SENTENCES
    if not low <= sentences <= high:
        c.add("summary", f"summary has {sentences} sentence(s)", f"write {low} to {high} factual sentences")
    broken = _BROKEN_WORD.search(summary)
    if broken:
        c.add("summary", f"summary has a word broken after a hyphen ({broken.group()!r})",
              "YAML folds a line break into a space: keep hyphenated words on one line")
    if not SUMMARY_CHARS[0] <= len(summary) <= SUMMARY_CHARS[1]:
        c.add("summary", f"summary is {len(summary)} characters long",
              f"keep it between {SUMMARY_CHARS[0]} and {SUMMARY_CHARS[1]} characters")


def _roles(c: _Collector, value: Any) -> tuple[Role, ...]:
    result = []
    for i, item in _text_list(c, "roles", value):
        if not isinstance(item, dict) or not item.get("title") or set(item) - {"title", "start", "end"}:
            c.add("roles", f"roles item {i + 1} is not {{title, start, end}}",
                  "write each role as {title: ..., start: \"YYYY-MM-DD\", end: \"YYYY-MM-DD\"}", i)
            continue
        start = _date(c, "roles", item.get("start"), i)
        end = _date(c, "roles", item.get("end"), i)
        if start and end and dates.before(end, start):
            c.add("roles", f"role {item['title']!r} ends ({end}) before it starts ({start})",
                  "swap or correct the dates", i)
        result.append(Role(str(item["title"]).strip(), start, end))
    return tuple(result)


def _sources(c: _Collector, value: Any) -> tuple[Source, ...]:
    result = []
    for i, item in _text_list(c, "sources", value):
        if (not isinstance(item, dict) or set(item) != {"title", "url"}
                or not str(item["url"]).startswith(("http://", "https://"))):
            c.add("sources", f"sources item {i + 1} needs a title and an http(s) url",
                  "write {title: ..., url: https://...}", i)
            continue
        result.append(Source(str(item["title"]).strip(), str(item["url"]).strip()))
    return tuple(result)


#: libyaml's parser when PyYAML was built with it: the corpus parses many times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> tuple[Any, Lines]:
    """Parse once, keeping both the data and the line of every field."""
    node = yaml.compose(text, Loader=_Loader)
    return _plain(node), Lines(node)


def _plain(node: yaml.Node | None) -> Any:
    """Data from YAML's node tree, keeping dates as the text that was written.

    PyYAML would turn `1945-02-04` into a date and lose nothing, but
    `1945-02` stays a string and `1945` an int; taking the written text keeps
    every form alike, and skipping the Python constructor makes a corpus
    check several times faster.
    """
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {_plain(key): _plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    kind = node.tag.rsplit(":", 1)[-1]
    if kind == "null":
        return None
    if kind == "bool":
        return node.value.lower() in ("true", "yes", "on")
    if kind == "int" and node.value.isdigit():
        return int(node.value)
    # Any other scalar (`0x1F`, `1_000`, `1945.5`) stays text: the field's own check explains it.
    return node.value


def validate_document(path: Path, text: str, root: Path | None = None
                      ) -> tuple[Entry | None, list[Problem], Lines]:
    """Validate one file's text: its Entry (None if not a mapping), every problem, its lines.

    The entry comes back even when it has problems, so that checks across files
    (related ids, shared aliases) still see it and do not report it as missing.
    """
    shown = str(path.relative_to(root.parent)) if root else str(path)
    try:
        data, lines = parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or "invalid YAML"
        return None, [Problem(shown, line, f"YAML syntax error: {reason}",
                              "check indentation and quote values that contain ': '")], Lines(None)
    c = _Collector(shown, lines)
    if not isinstance(data, dict):
        c.add("", "the file is not a mapping of fields", "start with 'name: ...' on the first line")
        return None, c.problems, lines

    for number, line in enumerate(text.splitlines(), 1):
        if "TODO" in line:
            c.problems.append(Problem(shown, number, "the entry is unfinished (TODO)",
                                      "replace the TODO with the real value"))
    entry_id = path.stem
    if not ID_PATTERN.match(entry_id):
        c.add("", f"file name {path.name!r} is not a valid id",
              "rename it to a lowercase slug such as 'lech-walesa.yaml'")
    for key in sorted(set(data) - FIELDS):
        c.add(key, f"unknown field {key!r}", f"remove it or use one of: {', '.join(sorted(FIELDS))}")
    for key in REQUIRED:
        if key not in data:
            c.add("", f"missing {key}", f"add a '{key}:' field")
        elif data[key] in (None, "", []):
            c.add(key, f"{key} is empty", "sources need at least one {title: ..., url: https://...}"
                  if key == "sources" else f"fill in '{key}:'")

    name = str(data.get("name") or "").strip()
    kind = data.get("type")
    if kind is not None and kind not in TYPES:
        c.add("type", f"type {kind!r} is not known", f"use one of: {', '.join(TYPES)}")
    elif kind and path.parent.name != kind:
        c.add("type", f"type is {kind!r} but the file is under {path.parent.name}/",
              f"move the file to context/{kind}/ or fix the type")

    summary = " ".join(str(data.get("summary") or "").split())
    if summary:
        _check_summary(c, summary)

    start = _date(c, "start", data.get("start"))
    if start is None and "start" not in data and kind in DATED:
        c.add("", f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} needs a start date: {DATED[kind]}",
              'add start: "YYYY-MM-DD" (or "YYYY-MM", "YYYY" when only that is certain)')
    end = _date(c, "end", data.get("end"))
    if start and end and dates.before(end, start):
        c.add("end", f"end ({end}) is before start ({start})", "swap or correct the dates")

    roles = _roles(c, data.get("roles"))
    if roles and kind != "person":
        c.add("roles", "only persons have roles", "remove 'roles' or change the type to person")
    related = tuple(str(r) for _, r in _text_list(c, "related", data.get("related")))
    exclude = tuple(str(x).strip() for _, x in _text_list(c, "exclude", data.get("exclude")))
    wikipedia = data.get("wikipedia")
    entry = Entry(
        id=entry_id, name=name, type=str(kind or ""), summary=summary,
        wikipedia=str(wikipedia).strip() if wikipedia else None,
        start=start, end=end, aliases=_aliases(c, data.get("aliases")), roles=roles,
        related=related, sources=_sources(c, data.get("sources")), exclude=exclude, path=shown,
    )
    return entry, c.problems, lines
