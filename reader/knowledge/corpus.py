"""Load every YAML file under `context/` and check the corpus as a whole.

Per-file rules live in `schema`; here are the rules that need all entries at
once: duplicate ids, related ids that do not exist, aliases two entries share,
and offices whose holders disagree (`offices`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.knowledge import dates, validated
from reader.knowledge.model import TYPES, Entry
from reader.knowledge.offices import holder_problems
from reader.knowledge.problems import Problem
from reader.knowledge.schema import validate_document
from reader.knowledge.sources import digest_of, read_sources
from reader.knowledge.validated import Validated
from reader.knowledge.yaml_tree import Tree
from reader.linking.normalize import fold_tokens


@dataclass
class Corpus:
    """The entries of a context folder and every problem found in it."""

    root: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: The line of every field of every entry, by entry id, for problems found across files.
    lines: dict[str, Tree] = field(default_factory=dict)
    #: The digest of the files as they were read, as `sources.digest` would compute it.
    digest: str = ""
    #: What each file's validation gave, by its path under the folder: for the next build to reuse.
    validated: list[tuple[str, Validated]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load(root: Path, reuse: Mapping[str, Validated] | None = None) -> Corpus:
    """Validate every file under `root`, then the corpus as a whole.

    `reuse` holds what an earlier validation gave for each file (see `validated`): a file whose bytes have
    the digest it was given for is not read again.
    """
    corpus = Corpus(root)
    corpus.problems.extend(_layout_problems(root))
    read: list[tuple[str, bytes]] = []
    for source in read_sources(root):
        shown = str(source.path.relative_to(root.parent))
        if source.data is None:
            message, fix = source.problem or ("cannot be read", "check the file")
            corpus.problems.append(Problem(shown, 1, f"{source.path.name} {message}", fix))
            continue
        read.append((source.relative, source.data))
        try:
            text = source.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = source.data.count(b"\n", 0, exc.start) + 1
            corpus.problems.append(Problem(shown, line, "file is not UTF-8", "save it as UTF-8"))
            continue
        digest = validated.file_digest(source.data)
        earlier = reuse.get(source.relative) if reuse else None
        if earlier is not None and earlier.digest == digest:
            # the folder may have been renamed since: where a file is shown comes from this reading
            problems = [replace(p, path=shown) for p in earlier.problems]
            entry = replace(earlier.entry, path=shown) if earlier.entry is not None else None
            lines = earlier.lines
        else:
            entry, problems, lines = validate_document(source.path, text, root)
        kept = earlier if earlier is not None and earlier.digest == digest else \
            Validated(digest, entry, tuple(problems), lines)
        corpus.validated.append((source.relative, kept))
        corpus.problems.extend(problems)
        if entry is not None:
            corpus.entries.append(entry)
            corpus.lines.setdefault(entry.id, lines)
    corpus.digest = digest_of(read)
    _check_ids(corpus)
    _check_related(corpus)
    _check_aliases(corpus)
    _check_roles(corpus)
    _check_excludes(corpus)
    corpus.problems.extend(holder_problems(corpus.entries, corpus.lines))
    corpus.problems.sort(key=lambda p: (p.path, p.line))
    return corpus


def _layout_problems(root: Path) -> list[Problem]:
    """Files the build would skip, said aloud: misnamed entries, entries outside a type folder, and type
    folders that cannot be read. Looks two levels down only, so no folder tree can make it recurse."""
    problems = []

    def shown(path: Path) -> str:
        return str(path.relative_to(root.parent))

    def listing(folder: Path) -> list[Path]:
        try:
            return sorted(folder.iterdir())
        except OSError as exc:
            problems.append(Problem(shown(folder), 1, f"{folder.name}/ cannot be read: {exc.strerror}",
                                    "check the folder's permissions"))
            return []

    for child in listing(root):
        try:
            is_folder = child.is_dir()
        except OSError:
            is_folder = False
        if child.suffix.lower() == ".yaml" and not is_folder:
            problems.append(Problem(shown(child), 1, f"{child.name} is ignored: it is not in a type folder",
                                    "move it to context/<type>/", "warning"))
            continue
        if not is_folder:
            if child.is_symlink() and child.name in TYPES:
                problems.append(Problem(shown(child), 1, f"{child.name} is a link that leads to no folder",
                                        "make it a folder of entries"))
            continue
        for path in listing(child):
            suffix = path.suffix
            if suffix in {".yml", ".json"} or (suffix.lower() in {".yaml", ".yml"} and suffix != ".yaml"):
                problems.append(Problem(shown(path), 1, f"{path.name} is ignored",
                                        "entries are .yaml files: rename it", "warning"))
    return problems


def _check_ids(corpus: Corpus) -> None:
    seen: dict[str, Entry] = {}
    for entry in corpus.entries:
        if entry.id in seen:
            corpus.problems.append(Problem(entry.path, 1, f"id {entry.id!r} is already used by {seen[entry.id].path}",
                                           "rename one of the files: ids must be unique across types"))
        else:
            seen[entry.id] = entry


def _check_related(corpus: Corpus) -> None:
    ids = {e.id for e in corpus.entries}
    for entry in corpus.entries:
        lines = corpus.lines[entry.id]
        for i, rid in enumerate(entry.related):
            if rid == entry.id:
                corpus.problems.append(Problem(entry.path, lines.line("related", i),
                                               "an entry is related to itself", f"remove {rid!r} from related"))
            elif rid not in ids:
                corpus.problems.append(Problem(entry.path, lines.line("related", i),
                                               f"related id {rid!r} does not exist",
                                               "fix the id or write that entry (reader context new)"))


def _check_aliases(corpus: Corpus) -> None:
    """Warn where two entries could claim the same words and neither says how to tell."""
    owners: dict[tuple[str, ...], list[tuple[Entry, str, bool, int | None]]] = defaultdict(list)
    for entry in corpus.entries:
        names = [(entry.name, False, None)] + [(a.text, bool(a.when), i) for i, a in enumerate(entry.aliases)]
        seen_keys: set[tuple[str, ...]] = set()
        for text, cued, index in names:
            key = fold_tokens(text)  # the name as written, the first of its keys
            if key and key not in seen_keys:
                seen_keys.add(key)
                owners[key].append((entry, text, cued, index))
    for claims in owners.values():
        if len(claims) < 2 or any(cued for _, _, cued, _ in claims):
            continue
        for entry, text, _, index in claims:
            others = ", ".join(f"{e.id} ({e.path})" for e, _, _, _ in claims if e is not entry)
            line = corpus.lines[entry.id].line("aliases" if index is not None else "name", index)
            corpus.problems.append(Problem(
                entry.path, line, f"{text!r} is also a name of {others}",
                "give the alias a 'when' list of words that tell the entries apart, or remove it",
                "warning"))


def _check_roles(corpus: Corpus) -> None:
    """The same office cannot be held twice at once by one person."""
    for entry in corpus.entries:
        lines = corpus.lines[entry.id]
        for i, a in enumerate(entry.roles):
            for b in entry.roles[i + 1:]:
                if a.title == b.title and a.start and b.start and dates.overlaps((a.start, a.end), (b.start, b.end)):
                    corpus.problems.append(Problem(
                        entry.path, lines.line("roles", i),
                        f"role {a.title!r} is listed twice with overlapping dates",
                        "merge the two terms or correct their dates"))


def _check_excludes(corpus: Corpus) -> None:
    """An excluded phrase only does something if one of the entry's names is inside it."""
    for entry in corpus.entries:
        names = [fold_tokens(entry.name)] + [fold_tokens(a.text) for a in entry.aliases]
        for i, phrase in enumerate(entry.exclude):
            tokens = fold_tokens(phrase)
            if not any(_contains(tokens, name) for name in names if name):
                corpus.problems.append(Problem(
                    entry.path, corpus.lines[entry.id].line("exclude", i),
                    f"excluded phrase {phrase!r} contains none of this entry's names", "remove it", "warning"))


def _contains(tokens: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(tokens[i:i + len(part)] == part for i in range(len(tokens) - len(part) + 1))
