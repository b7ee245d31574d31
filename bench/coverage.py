"""How much of what real texts of the genre name the context explains: `python -m bench.coverage`.

For each public-domain text in `tests/gold/texts/` (sources in
`tests/gold/sources.yaml`), the distinct entries the reader links, and the
distinct capitalised names it finds no entry for (the detector behind
`reader context missing`). Coverage is linked / (linked + unexplained), per
text and over the set, with the unexplained names listed most frequent first:
what to write next. It measures what is explained, not whether each link is
right; that is the gold annotations' job.

    python -m bench.coverage [--missing N] [--db PATH]
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from reader.formats.text import read_article
from reader.knowledge.store import Store
from reader.linking.dates import parse_date
from reader.linking.mentions import annotate
from reader.linking.missing import uncovered

REPO = Path(__file__).parent.parent
GOLD = REPO / "tests" / "gold"


@dataclass(frozen=True)
class Coverage:
    name: str
    linked: frozenset[str]
    #: Unexplained names and how often the text uses each.
    missing: Counter[str]

    @property
    def share(self) -> float:
        total = len(self.linked) + len(self.missing)
        return len(self.linked) / total if total else 1.0


def measure(store: Store, folder: Path = GOLD) -> list[Coverage]:
    """Coverage of every text listed in the folder's sources.yaml, in its order."""
    results = []
    for source in yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8")):
        text = read_article(folder / "texts" / source["file"]).text
        date = parse_date(str(source["date"])) if source.get("date") else None
        mentions = annotate(text, store, date=date)
        linked = frozenset(m.entry_id for m in mentions if m.kind == "entry")
        results.append(Coverage(source["file"], linked, Counter(dict(uncovered(text, mentions)))))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", type=int, default=40, help="how many unexplained names to list")
    parser.add_argument("--db", type=Path, default=REPO / "context.db")
    args = parser.parse_args()
    results = measure(Store(args.db))
    print(f"{'text':<58}{'linked':>7}{'missing':>8}{'coverage':>10}")
    for r in results:
        print(f"{r.name:<58}{len(r.linked):>7}{len(r.missing):>8}{r.share:>10.1%}")
    linked = sum(len(r.linked) for r in results)
    missing = sum(len(r.missing) for r in results)
    print(f"{'all texts (distinct per text)':<58}{linked:>7}{missing:>8}{linked / (linked + missing):>10.1%}")
    overall: Counter[str] = Counter()
    for r in results:
        overall.update({name: 1 for name in r.missing})
    print(f"\nUnexplained names, by the number of texts that use them (top {args.missing}):")
    for name, texts in overall.most_common(args.missing):
        print(f"  {texts:3}  {name}")


if __name__ == "__main__":
    main()
