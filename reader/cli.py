"""The `reader` command. The one place where errors become exit codes.

Textual is imported inside `open` only, so `annotate` and `lookup` start fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from reader import __version__
from reader.article import Article, displayable, read_article
from reader.errors import ReaderError
from reader.knowledge import locations
from reader.knowledge.model import TYPES
from reader.knowledge.store import Store

SAMPLE = Path(__file__).parent / "sample" / "article.txt"


class CLIError(click.ClickException):
    """A ReaderError as click reports it: one `Error:` line and its own exit status."""

    def __init__(self, error: ReaderError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ReaderError as error:
            for line in error.details:
                click.echo(line, err=True)
            raise CLIError(error) from None
    return wrapper


def context_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                        help="Context database (default: ./context.db beside ./context/, "
                             "else the one shipped with reader). Env: READER_DB.")(func)
    return click.option("--context", "context", type=click.Path(file_okay=False), default=None,
                        help="Folder of context YAML (default: ./context if present). "
                             "Env: READER_CONTEXT.")(func)


def load(path: str | None, context: str | None, db: str | None) -> tuple[Article, Store]:
    """Read the article and open the database before anything is drawn."""
    article = read_article(path if path else SAMPLE)
    if article.note:
        click.echo(f"Note: {article.path}: {article.note}", err=True)
    store = locations.open_store(locations.find(context, db))
    return article, store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reader")
def cli() -> None:
    """Read articles in the terminal with inline historical context.

    People, institutions, places and historical references are highlighted;
    select one to see who or what it is, with dates and sources.
    """


@cli.command("open")
@click.argument("file", required=False, type=click.Path(dir_okay=True))
@context_options
@reports_errors
def open_command(file: str | None, context: str | None, db: str | None) -> None:
    """Open FILE in the reader; without FILE, the bundled sample article."""
    article, store = load(file, context, db)
    from reader.ui.app import ReaderApp

    ReaderApp(article, store).run()


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: the mentions with offsets, for scripts; text: the article with highlights.")
@context_options
@reports_errors
def annotate(file: str, fmt: str, context: str | None, db: str | None) -> None:
    """Print the mentions of known entries in FILE.

    Offsets are Python str offsets into the file's text as decoded, with
    newlines normalised to \\n.
    """
    from reader.linking.mentions import annotate as find_mentions

    article, store = load(file, context, db)
    mentions = find_mentions(article.text, store)
    names = store.names({m.entry_id for m in mentions})
    if fmt == "json":
        wiki = {eid: store.entry(eid).wikipedia for eid in names}
        out = {"mentions": [{
            "start": m.start, "end": m.end, "text": m.text,
            "entry": {"id": m.entry_id, "title": names[m.entry_id][0],
                      "type": names[m.entry_id][1], "wikipedia": wiki[m.entry_id]},
        } for m in mentions]}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.text import Text

    from reader.card import TYPE_STYLES

    text = Text(displayable(article.text))
    for m in mentions:
        text.stylize(TYPE_STYLES.get(names[m.entry_id][1], "bold"), m.start, m.end)
    Console(highlight=False).print(text)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@context_options
@reports_errors
def lookup(query: tuple[str, ...], context: str | None, db: str | None) -> None:
    """Print the context card of the entry that best matches QUERY."""
    from rich.console import Console

    from reader.card import card

    store = locations.open_store(locations.find(context, db))
    text = " ".join(query)
    found = store.search(text)
    if not found:
        raise ReaderError(f"nothing in the context matches {text!r}",
                          "try another spelling, or list names with 'reader context stats'")
    entry = store.entry(found[0])
    assert entry is not None
    related = [(name, kind) for _, name, kind in store.related(entry)]
    Console(highlight=False).print(card(entry, related))
    if len(found) > 1:
        others = store.names(found[1:6])
        click.echo("\nAlso matching: " + ", ".join(others[i][0] for i in found[1:6] if i in others))


@cli.group()
def context() -> None:
    """Maintain the context: validate the YAML and build context.db."""


def context_folder(context_dir: str | None) -> Path:
    """The YAML folder a maintainer's command works on; it must exist."""
    found = locations.find(context_dir, None, maintaining=True).context
    if found is None or not found.is_dir():
        raise ReaderError(f"no context folder {'at ' + str(found) if found else 'here'}",
                          "run from the folder that holds context/, or pass --context DIR")
    return found


def context_dir_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--context", "context_dir", type=click.Path(file_okay=False), default=None,
                        help="Folder of context YAML (default: ./context). Env: READER_CONTEXT.")(func)


@context.command()
@context_dir_option
@reports_errors
def check(context_dir: str | None) -> None:
    """Validate every entry without building.

    Prints each problem as FILE:LINE: what is wrong; how to fix it. Exit
    status 1 when there are errors (warnings alone pass).
    """
    from reader.knowledge import corpus

    result = corpus.load(context_folder(context_dir))
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(result.entries)} entries, {len(result.errors)} error(s), "
               f"{len(result.warnings)} warning(s)", err=True)
    if result.errors:
        sys.exit(1)


@context.command("build")
@context_options
@reports_errors
def build_command(context: str | None, db: str | None) -> None:
    """Validate the YAML and build context.db.

    The new database replaces the old one only if the whole build succeeds.
    """
    from reader.knowledge.build import build

    result = build(context_folder(context), locations.find(context, db, maintaining=True).db)
    click.echo(f"Built {result.db_path} from {result.entries} entries and {result.aliases} alias forms "
               f"in {result.seconds:.2f} s ({result.warnings} warning(s); see 'reader context check').")


@context.command("new")
@click.argument("name")
@click.option("--type", "kind", type=click.Choice(list(TYPES)), required=True, help="The entry's type.")
@context_dir_option
@reports_errors
def new(name: str, kind: str, context_dir: str | None) -> None:
    """Write a stub entry for NAME at context/<type>/<id>.yaml, every field ready to fill in."""
    from reader.knowledge.stub import write_stub

    path = write_stub(context_folder(context_dir), name, kind)
    click.echo(f"Wrote {path}: fill in every field, then run 'reader context check'.")


@context.command()
@click.argument("file", type=click.Path(dir_okay=True))
@click.option("--limit", type=int, default=None, help="Show at most this many names.")
@context_options
@reports_errors
def missing(file: str, limit: int | None, context: str | None, db: str | None) -> None:
    """List the capitalised names in FILE that no entry covers, most frequent first."""
    from reader.linking.mentions import annotate as find_mentions
    from reader.linking.missing import uncovered

    article, store = load(file, context, db)
    names = uncovered(article.text, find_mentions(article.text, store), limit=limit)
    for name, count in names:
        click.echo(f"{count:5}  {displayable(name)}")
    if not names:
        click.echo("Every capitalised name in the article is covered.", err=True)


@context.command()
@context_dir_option
@reports_errors
def stats(context_dir: str | None) -> None:
    """Count entries by type, and list the entries with the fewest aliases, sources or related links."""
    from reader.knowledge import corpus
    from reader.knowledge.stats import stats as corpus_stats

    result = corpus_stats(corpus.load(context_folder(context_dir)).entries)
    total = sum(result.by_type.values())
    click.echo(f"{total} entries")
    for kind, count in result.by_type.items():
        click.echo(f"  {kind:<13}{count:5}")
    click.echo(f"{result.aliases} aliases, {result.sources} sources, {result.roles} roles, "
               f"{result.related} related links")
    for measure, rows in result.thinnest.items():
        click.echo(f"\nFewest {measure}:")
        for entry_id, count in rows:
            click.echo(f"  {count:3}  {entry_id}")


def main() -> None:
    cli(prog_name="reader")
