"""Write the CLI reference into README.md from the commands' own --help.

Run `python docs/cli_reference.py` after changing a command; a test fails
while the README and the help text disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from reader.cli import cli

README = Path(__file__).parent.parent / "README.md"
START, END = "<!-- cli-reference -->", "<!-- /cli-reference -->"


def commands(group: click.Group, prefix: list[str]) -> list[list[str]]:
    found = [prefix]
    for name in sorted(group.commands):
        command = group.commands[name]
        if isinstance(command, click.Group):
            found += commands(command, [*prefix, name])
        else:
            found.append([*prefix, name])
    return found


def reference() -> str:
    runner = CliRunner()
    parts = []
    for path in commands(cli, []):
        output = runner.invoke(cli, [*path, "--help"], prog_name="reader", terminal_width=80).output
        parts.append(f"### `{' '.join(['reader', *path])}`\n\n```\n{output.rstrip()}\n```\n")
    return "\n".join(parts)


def updated(readme: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{reference()}{END}", readme)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(updated(text), encoding="utf-8")
