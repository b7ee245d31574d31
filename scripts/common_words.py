"""Write `reader/linking/common_words.txt`: the everyday English words, one per line.

The unknown-name detector asks it whether a lone capitalised word (`Office`,
`Affairs`, `Fear`) is an everyday word capitalised by house style or by a
heading, rather than a name. The list is every word written in lower case
at least twice in the public-domain English War and Peace (in
`../shared/bench/`) or at least once in the context's own summaries: two
sources that share nothing with the texts the detector is measured on.

    python scripts/common_words.py [--book PATH]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).parent.parent
#: A word in lower case, standing alone: not a part of `de Gaulle`'s hyphenated or apostrophised neighbours.
_LOWER = re.compile(r"(?<![\w’'-])[a-z]{2,}(?![\w’'-])")


def words(book: str, summaries: list[str]) -> list[str]:
    """The sorted everyday words of `book` (at least twice) and of `summaries` (at least once)."""
    in_book = Counter(_LOWER.findall(book))
    in_summaries = {w for summary in summaries for w in _LOWER.findall(summary)}
    return sorted({w for w, n in in_book.items() if n >= 2} | in_summaries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=REPO.parent / "shared" / "bench" / "war-and-peace.txt")
    args = parser.parse_args()
    summaries = [yaml.safe_load(p.read_text(encoding="utf-8")).get("summary", "")
                 for p in sorted((REPO / "context").rglob("*.yaml"))]
    out = REPO / "reader" / "linking" / "common_words.txt"
    out.write_text("\n".join(words(args.book.read_text(encoding="utf-8"), summaries)) + "\n", encoding="utf-8")
    print(f"{out.relative_to(REPO)}: {sum(1 for _ in out.open(encoding='utf-8'))} words")


if __name__ == "__main__":
    main()
