"""Gold annotations: what each development text names, and the Wikipedia titles a right link may give.

One YAML file per text in `tests/gold/annotations/`, named after it:

    text: tests/gold/texts/02-truman-1949-inaugural-address.txt
    date: "1949-01-20"              # the article's date, given to the reader as --date
    mentions:
      - {start: 1291, text: United States, titles: [United States]}
      - {start: 2822, text: communism, titles: [Communism], optional: true}
      - {start: 5120, text: "1945", date: "1945"}

`start` is a character offset into the text and `text` what stands there, so
an edit of the text that moves a span is caught. `titles` are the English
Wikipedia titles of what the span names (any one is right); a subject English
Wikipedia has no article on (a consul of 1803) is named by its entry's id,
`entry:levett-harris`; a year or period gives its normalised id as `date`
instead. `optional` marks what a reader
may do without: demonyms, broad regions, an office standing for its holder,
a common noun for an idea. Linking it is right; leaving it is not wrong.

    python -m bench.gold check [FILE...]     every file well formed, every span where it says
    python -m bench.gold draft TEXT         a first draft from the reader's own links, to correct by hand
    python -m bench.gold locate TEXT WORDS  the offsets of WORDS in TEXT, for adding a span
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.formats.text import read_article

REPO = Path(__file__).parent.parent
ANNOTATIONS = REPO / "tests" / "gold" / "annotations"


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    #: Acceptable Wikipedia titles, or the one period id (`date:1945`) for a date.
    titles: frozenset[str]
    optional: bool = False


@dataclass(frozen=True)
class GoldText:
    name: str
    path: Path
    text: str
    date: str | None
    mentions: tuple[GoldMention, ...]


class GoldError(ValueError):
    """A gold file that does not say what it should."""


def entry_key(entry_id: str) -> str:
    """How a subject English Wikipedia has no article on is named among titles: by its entry's id."""
    return f"entry:{entry_id}"


def date_key(period_id: str) -> str:
    """How a period is named among titles, apart from any Wikipedia title."""
    return f"date:{period_id}"


def load(path: Path) -> GoldText:
    """One gold file, checked: every span is where it says and none overlaps another."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "text" not in data or not isinstance(data.get("mentions"), list):
        raise GoldError(f"{path.name}: needs `text:` and a `mentions:` list")
    text_path = REPO / data["text"]
    text = read_article(text_path).text
    mentions = []
    for i, item in enumerate(data["mentions"]):
        where = f"{path.name}: mention {i + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("start"), int) or "text" not in item:
            raise GoldError(f"{where}: needs an integer `start` and a `text`")
        start, said = item["start"], str(item["text"])
        if text[start:start + len(said)] != said:
            found = text.find(said)
            raise GoldError(f"{where}: {said!r} is not at {start} (first seen at {found})")
        if "date" in item:
            titles = frozenset({date_key(str(item["date"]))})
        else:
            raw = item.get("titles")
            if not isinstance(raw, list) or not raw or not all(isinstance(t, str) and t for t in raw):
                raise GoldError(f"{where}: {said!r} needs `titles` (a list of Wikipedia titles) or `date`")
            titles = frozenset(raw)
        mentions.append(GoldMention(start, start + len(said), said, titles, bool(item.get("optional", False))))
    mentions.sort(key=lambda m: m.start)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if b.start < a.end:
            raise GoldError(f"{path.name}: {a.text!r} at {a.start} and {b.text!r} at {b.start} overlap")
    date = str(data["date"]) if data.get("date") else None
    return GoldText(path.stem, text_path, text, date, tuple(mentions))


def load_all(folder: Path = ANNOTATIONS) -> list[GoldText]:
    return [load(p) for p in sorted(folder.glob("*.yaml"))]


def _draft(text_path: Path, date: str | None) -> str:
    """Gold YAML of what the reader links today, each line marked for review."""
    from reader.knowledge.store import Store
    from reader.linking.mentions import annotate
    from reader.linking.missing import with_unknown_names

    store = Store(REPO / "context.db")
    text = read_article(text_path).text
    mentions = with_unknown_names(text, annotate(text, store, date=date))
    lines = [f"text: {text_path.resolve().relative_to(REPO)}", f"date: {date!r}" if date else "date: null",
             "mentions:"]
    for m in mentions:
        said = json.dumps(m.text, ensure_ascii=False)
        if m.kind == "date":
            lines.append(f"  - {{start: {m.start}, text: {said}, date: \"{m.entry_id}\"}}")
        elif m.kind == "unknown":
            lines.append(f"  - {{start: {m.start}, text: {said}, titles: [TODO]}}  # reader: no entry")
        else:
            entry = store.entry(m.entry_id)
            title = entry.wikipedia if entry and entry.wikipedia else entry_key(m.entry_id)
            lines.append(f"  - {{start: {m.start}, text: {said}, titles: [{json.dumps(title, ensure_ascii=False)}]}}"
                         f"  # reader: {m.entry_id}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check")
    check.add_argument("files", nargs="*", type=Path)
    draft = sub.add_parser("draft")
    draft.add_argument("text", type=Path)
    draft.add_argument("--date")
    locate = sub.add_parser("locate")
    locate.add_argument("text", type=Path)
    locate.add_argument("words")
    args = parser.parse_args(argv)
    if args.command == "check":
        try:
            golds = [load(p) for p in args.files] if args.files else load_all()
        except GoldError as error:
            print(error, file=sys.stderr)
            return 1
        for gold in golds:
            required = sum(not m.optional for m in gold.mentions)
            print(f"{gold.name}: {len(gold.mentions)} mentions, {required} required")
        return 0
    if args.command == "draft":
        sys.stdout.write(_draft(args.text, args.date))
        return 0
    text = read_article(args.text).text
    at = text.find(args.words)
    while at >= 0:
        line = text.count("\n", 0, at) + 1
        around = text[max(0, at - 30):at + len(args.words) + 30].replace("\n", " ")
        print(f"{at}\tline {line}\t…{around}…")
        at = text.find(args.words, at + 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
