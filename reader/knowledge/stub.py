"""A new entry's YAML, with every field in place and a note on what it needs.

The stub fails `reader context check` until it is filled in (its summary is
a placeholder and it has no source), so a half-written entry cannot slip into
a build.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reader.errors import ReaderError
from reader.knowledge.model import TYPES
from reader.linking.normalize import fold

#: The longest id: file names stay well under every file system's limit.
MAX_ID = 120


def slug(name: str) -> str:
    """`Lech Wałęsa` → `lech-walesa`: the id and file name for an entry."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def stub(name: str, kind: str) -> str:
    person = kind == "person"
    return f"""\
name: {_quote(name)}
type: {kind}
aliases: []  # other names writers use; see CONTRIBUTING.md on aliases
summary: >-
  TODO: 2 to 5 factual sentences in your own words: what it is, when, why it matters.
wikipedia: {_quote(name)}  # the English Wikipedia article title
start:  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"{"  (birth)" if person else ""}
end:  # leave empty while it goes on{" (death)" if person else ""}
{"roles:  # offices held" + chr(10) + "  - {title: TODO, start: , end: }" if person else "roles: []"}
related: []  # ids of other entries
sources: []  # at least one {{title: ..., url: https://...}}
reviewed:  # the day you checked these facts against the sources: "YYYY-MM-DD"
"""


def _quote(value: str) -> str:
    """`value` as one YAML scalar, by YAML's own emitter: quotes, colons and newlines survive."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=float("inf"))
    return dumped.removesuffix("\n").removesuffix("\n...")


def write_stub(context_dir: Path, name: str, kind: str) -> Path:
    """Write the stub for `name` to `context/<kind>/<slug>.yaml`; never overwrite."""
    if kind not in TYPES:
        raise ReaderError(f"unknown type {kind!r}", f"use one of: {', '.join(TYPES)}")
    entry_id = slug(name)
    if not entry_id:
        raise ReaderError(f"cannot make an id from {name!r}", "give a name with letters or digits")
    if len(entry_id) > MAX_ID:
        raise ReaderError(f"the name makes an id of {len(entry_id)} characters",
                          f"give the entry's usual name; ids are at most {MAX_ID} characters")
    folder = context_dir / kind
    if folder.exists() and (not folder.is_dir() or not folder.resolve().is_relative_to(context_dir.resolve())):
        raise ReaderError(f"{folder} is not a folder inside {context_dir}", "make it a plain folder of entries")
    existing = sorted(context_dir.glob(f"*/{entry_id}.yaml"))
    if existing:
        raise ReaderError(f"{existing[0]} already exists", "edit it, or choose another name")
    path = context_dir / kind / f"{entry_id}.yaml"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as out:  # never overwrite, even in a race
            out.write(stub(name, kind))
    except FileExistsError:
        raise ReaderError(f"{path} already exists", "edit it, or choose another name") from None
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc.strerror}", "check the folder's permissions") from None
    return path
