"""Regenerate `pocom.csv`: the Office of the Historian's record of the offices the corpus names.

The US State Department's Office of the Historian publishes its data on
principal officers and chiefs of mission (https://github.com/HistoryAtState/pocom,
a US government work in the public domain). This keeps the positions whose
titles the corpus uses, with each holder's name and dates, so that
`tests/test_pocom.py` can compare every matching role in the YAML with an
independent record. Not run by the tests; run it when the corpus names a new
position or pocom is updated:

    python tests/reference/pocom.py GIT_DIR_OF_A_POCOM_CLONE
"""

from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).parent
#: pocom file → the role title the corpus writes for it.
POSITIONS = {
    "positions-principals/secretary.xml": "Secretary of State of the United States",
    "positions-principals/deputy-secretary.xml": "Deputy Secretary of State of the United States",
    "missions-orgs/representative-to-un.xml": "United States Ambassador to the United Nations",
    "missions-orgs/representative-to-nato.xml": "United States Permanent Representative to NATO",
}
#: Countries whose missions the corpus names, by pocom file stem → the names its titles use.
COUNTRIES = {
    "russia": ["Russia", "the Soviet Union"], "poland": ["Poland"], "germany": ["Germany", "Prussia",
    "West Germany", "East Germany"], "latvia": ["Latvia"], "ukraine": ["Ukraine"], "united-kingdom":
    ["the United Kingdom", "Great Britain"], "france": ["France"], "netherlands": ["the Netherlands"],
    "yugoslavia": ["Yugoslavia"], "czechoslovakia": ["Czechoslovakia"], "japan": ["Japan"], "iran": ["Iran"],
    "iraq": ["Iraq"], "mexico": ["Mexico"], "philippines": ["the Philippines"], "portugal": ["Portugal"],
    "jordan": ["Jordan"], "honduras": ["Honduras"],
}


def show(git_dir: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True,
                          text=True, check=True).stdout


def person(git_dir: str, person_id: str) -> tuple[str, str]:
    root = ET.fromstring(show(git_dir, f"people/{person_id[0]}/{person_id}.xml"))
    return root.findtext("persName/forename") or "", root.findtext("persName/surname") or ""


def rows(git_dir: str):
    sources = [(path, [title]) for path, title in POSITIONS.items()]
    for stem, names in COUNTRIES.items():
        titles = [f"United States {kind} to {name}" for name in names for kind in ("Ambassador", "Minister")]
        sources.append((f"missions-countries/{stem}.xml", titles))
    for path, titles in sources:
        root = ET.fromstring(show(git_dir, path))
        for holder in root.iter():
            if holder.tag not in ("principal", "chief"):
                continue
            person_id = holder.findtext("person-id") or ""
            forename, surname = person(git_dir, person_id)
            for title in titles:
                yield {"title": title, "person_id": person_id, "forename": forename, "surname": surname,
                       "appointed": holder.findtext("appointed/date") or "",
                       "started": holder.findtext("started/date") or "",
                       "ended": holder.findtext("ended/date") or "", "pocom_id": holder.findtext("id") or ""}


def main(git_dir: str) -> None:
    commit = subprocess.run(["git", "--git-dir", git_dir, "log", "-1", "--format=%H %cs"], capture_output=True,
                            text=True, check=True).stdout.split()
    with open(HERE / "pocom.csv", "w", newline="", encoding="utf-8") as out:
        out.write(f"# HistoryAtState/pocom at {commit[0]} ({commit[1]}); public domain (US government work)\n")
        writer = csv.DictWriter(out, ["title", "forename", "surname", "appointed", "started", "ended",
                                      "person_id", "pocom_id"])
        writer.writeheader()
        writer.writerows(rows(git_dir))


if __name__ == "__main__":
    main(sys.argv[1])
