"""How right the reader's links are, against the gold annotations: `python -m bench.linking`.

For each gold text (`tests/gold/annotations/`, see `bench/gold.py`) the
reader annotates the text with its date, and each link is compared with the
gold mention it overlaps:

- a link is **right** when it overlaps a gold mention and names one of its
  titles (a date names its period id); it is **wrong** when it names another,
  or lies where the gold has no mention at all;
- a required gold mention is **found** when a right link overlaps it; an
  optional one counts for neither recall nor against precision when missed.

Precision = right / links, recall = found / required, by mention and by
entity (distinct titles per text). The lists after the table say what was
missed and what was wrong, most frequent first: what to fix or write next.

    python -m bench.linking [--db PATH] [--list N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.gold import GoldText, date_key, entry_key, load_all
from reader.knowledge.store import Store
from reader.linking.mentions import Mention, annotate

REPO = Path(__file__).parent.parent


@dataclass
class Score:
    name: str
    links: int = 0
    right: int = 0
    required: int = 0
    found: int = 0
    #: Distinct titles: linked, linked rightly, required, found.
    entities_linked: set[str] = field(default_factory=set)
    entities_right: set[str] = field(default_factory=set)
    entities_required: set[str] = field(default_factory=set)
    entities_found: set[str] = field(default_factory=set)
    missed: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.right / self.links if self.links else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def entity_precision(self) -> float:
        return len(self.entities_right) / len(self.entities_linked) if self.entities_linked else 1.0

    @property
    def entity_recall(self) -> float:
        return len(self.entities_found) / len(self.entities_required) if self.entities_required else 1.0

    def add(self, other: Score) -> None:
        self.links += other.links
        self.right += other.right
        self.required += other.required
        self.found += other.found
        prefix = other.name + "\x00"
        self.entities_linked |= {prefix + t for t in other.entities_linked}
        self.entities_right |= {prefix + t for t in other.entities_right}
        self.entities_required |= {prefix + t for t in other.entities_required}
        self.entities_found |= {prefix + t for t in other.entities_found}
        self.missed.update(other.missed)
        self.wrong.update(other.wrong)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _title(store: Store, mention: Mention, cache: dict[str, str]) -> str:
    if mention.kind == "date":
        return date_key(mention.entry_id)
    if mention.entry_id not in cache:
        entry = store.entry(mention.entry_id)
        cache[mention.entry_id] = entry.wikipedia if entry and entry.wikipedia else entry_key(mention.entry_id)
    return cache[mention.entry_id]


def score_text(gold: GoldText, store: Store, cache: dict[str, str] | None = None) -> Score:
    """The reader's links in one gold text, each judged against the gold mention it overlaps."""
    cache = {} if cache is None else cache
    result = Score(gold.name)
    links = [m for m in annotate(gold.text, store, date=gold.date) if m.kind in ("entry", "date")]
    found = [False] * len(gold.mentions)
    j = 0
    for link in links:
        title = _title(store, link, cache)
        while j < len(gold.mentions) and gold.mentions[j].end <= link.start:
            j += 1
        overlapping = []
        k = j
        while k < len(gold.mentions) and gold.mentions[k].start < link.end:
            overlapping.append(k)
            k += 1
        right = [k for k in overlapping if title in gold.mentions[k].titles]
        result.links += 1
        result.entities_linked.add(title)
        if right:
            result.right += 1
            result.entities_right.add(title)
            for k in right:
                found[k] = True
        else:
            said = " / ".join(sorted(gold.mentions[overlapping[0]].titles)) if overlapping else "no mention"
            result.wrong[f"{link.text!r} → {title} (gold: {said})"] += 1
    for mention, was_found in zip(gold.mentions, found, strict=True):
        key = min(mention.titles)
        if mention.optional:
            continue
        result.required += 1
        result.entities_required.add(key)
        if was_found:
            result.found += 1
            result.entities_found.add(key)
        else:
            result.missed[f"{mention.text!r} ({key})"] += 1
    return result


def score_all(store: Store) -> tuple[list[Score], Score]:
    """Each gold text's score and their total."""
    cache: dict[str, str] = {}
    scores = [score_text(gold, store, cache) for gold in load_all()]
    total = Score("all texts")
    for s in scores:
        total.add(s)
    return scores, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=REPO / "context.db")
    parser.add_argument("--list", type=int, default=40, help="how many misses and wrong links to list")
    args = parser.parse_args()
    scores, total = score_all(Store(args.db))
    head = f"{'text':<56}{'links':>6}{'P':>7}{'R':>7}{'F1':>7}  {'entity P':>8}{'R':>7}{'F1':>7}"
    print(head)
    for s in [*scores, total]:
        if s is total:
            print("-" * len(head))
        print(f"{s.name[:55]:<56}{s.links:>6}{s.precision:>7.3f}{s.recall:>7.3f}{f1(s.precision, s.recall):>7.3f}"
              f"  {s.entity_precision:>8.3f}{s.entity_recall:>7.3f}"
              f"{f1(s.entity_precision, s.entity_recall):>7.3f}")
    print(f"\nMissed ({total.required - total.found} of {total.required} required mentions), most frequent first:")
    for what, n in total.missed.most_common(args.list):
        print(f"  {n:3}  {what}")
    print(f"\nWrong ({total.links - total.right} of {total.links} links):")
    for what, n in total.wrong.most_common(args.list):
        print(f"  {n:3}  {what}")


if __name__ == "__main__":
    main()
