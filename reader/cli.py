"""The `reader` command. The one place where errors become exit codes.

`ReaderGroup.invoke` catches every `ReaderError` once, for every command:
bad input exits 2, failed validation 1, each with one sanitised `Error:`
line and no traceback. Anything else is a bug: its traceback goes to a crash
log and the user gets one line naming it (exit 70). Textual is imported
inside `open` only, so `annotate` and `lookup` start fast.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader import __version__
from reader.characters import UNSAFE_IN_LINE
from reader.errors import ArticleError, ContextError, DatabaseError, Interrupted, ReaderError
from reader.export.safe import one_line
from reader.formats.text import DEFAULT_MAX_BYTES, STDIN, Article, parse_size
from reader.knowledge import locations
from reader.knowledge.model import TYPES, EntryRef
from reader.knowledge.store import MAX_QUERY, Store

if TYPE_CHECKING:
    from collections.abc import Iterable

    from reader.knowledge.card import Card
    from reader.linking.mentions import Mention

SAMPLE = Path(__file__).parent / "sample" / "article.txt"


class CLIError(click.ClickException):
    """A ReaderError as click reports it: one sanitised `Error:` line and its own exit status."""

    def __init__(self, error: ReaderError) -> None:
        super().__init__(one_line(str(error)))
        self.exit_code = error.exit_code


class ReaderGroup(click.Group):
    """Turns every error of every subcommand into one line and an exit status."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None and args and _is_article(args[0], self.commands):
            args = ["open", *args]  # `reader FILE` is `reader open FILE`
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.ClickException as error:
            raise _sanitised(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReaderError as error:
            for line in error.details:
                click.echo(one_line(line), err=True)
            raise CLIError(error) from None
        except click.exceptions.ClickException as error:
            raise _sanitised(error) from None
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # `reader annotate x | head`: the reader stopped listening, which is not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except KeyboardInterrupt:
            raise CLIError(Interrupted("interrupted", "nothing was changed: a build is written whole or not at all")) \
                from None
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
                from reader.crash import crash

                raise CLIError(crash(error)) from None
            raise CLIError(ReaderError(f"cannot write the output: {error.strerror}",
                                       "check where the output goes (a full disk?)")) from None
        except Exception as error:
            from reader.crash import crash

            raise CLIError(crash(error)) from None


#: Options of the group itself; any other option first (`reader --no-resume FILE`) is `open`'s.
_GROUP_OPTIONS = {"--help", "-h", "--version"}


def _is_article(word: str, commands: dict[str, click.Command]) -> bool:
    """Whether the first word starts `reader open`'s arguments rather than a command: `-`, an option
    of `open`, an existing path, or a name with a directory or an extension. A mistyped command still
    gets click's "No such command"."""
    if word in commands or word in _GROUP_OPTIONS:
        return False
    return word.startswith("-") or os.path.lexists(word) or os.sep in word or Path(word).suffix != ""


def _sanitised(error: click.exceptions.ClickException) -> click.exceptions.ClickException:
    """Click's own usage errors quote what was typed: shown safely too."""
    error.message = one_line(error.message)
    return error


def note(message: str) -> None:
    click.echo(f"Note: {one_line(message)}", err=True)


def context_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                        help="Context database (default: ./context.db beside ./context/, "
                             "else the one shipped with reader). Env: READER_DB.")(func)
    return click.option("--context", "context", type=click.Path(file_okay=False), default=None,
                        help="Folder of context YAML, rebuilt into its context.db when it changes "
                             "(default: ./context where ./context.db sits beside it). Env: READER_CONTEXT.")(func)


def _source_format(*names: str) -> Callable[..., Any]:
    from reader.formats.reading import FORMATS

    return click.option(*names, "source_format", type=click.Choice(FORMATS), default=None,
                        help="Read FILE as this format (default: from a web server's answer, the file's "
                             "extension or its content).")


def article_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
                        help="The article's date (default: its front matter or dateline); nothing that began "
                             "after it is linked.")(func)
    return click.option("--max-size", "max_size", default=None, envvar="READER_MAX_SIZE", metavar="SIZE",
                        help=f"Refuse articles larger than this (default: {DEFAULT_MAX_BYTES // 1024**2}M). "
                             "Env: READER_MAX_SIZE.")(func)


def open_context(context: str | None, db: str | None) -> tuple[Store, str | None]:
    return locations.open_store(locations.find(context, db))


@dataclass(frozen=True)
class Loaded:
    """An article ready to read: its text, the store, the store's notes and the article's date."""

    article: Article
    store: Store
    notes: list[str]
    #: A partial ISO date, from --date or the article itself; None when neither gives one.
    date: str | None


def load(path: str | None, context: str | None, db: str | None, max_size: str | None,
         date: str | None = None, source_format: str | None = None) -> Loaded:
    """Read the article and open the database before anything is drawn."""
    from reader.formats.reading import open_document
    from reader.linking.dates import article_date, parse_date

    given = parse_date(date) if date else None
    if date and given is None:
        raise ReaderError(f"--date {date!r} is not a date", "write it as YYYY-MM-DD, YYYY-MM or YYYY")
    limit = parse_size(max_size) if max_size else DEFAULT_MAX_BYTES
    if path is not None and not path.strip():
        raise ArticleError("the file name is empty", "give the path of a text file")
    article = open_document(str(path if path is not None else SAMPLE), max_bytes=limit, fmt=source_format)
    if article.note:
        note(f"{article.name}: {article.note}")
    store, why = open_context(context, db)
    if why:
        note(why)
    own = parse_date(article.date) if article.date else None  # a web page's own date
    return Loaded(article, store, [why] if why else [], given or own or article_date(article.linkable))


@click.group(cls=ReaderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reader")
def cli() -> None:
    """Read articles in the terminal with inline historical context.

    People, institutions, places and historical references are highlighted;
    select one to see who or what it is, with dates and sources.

    `reader FILE` is short for `reader open FILE`.
    """


@cli.command("open")
@click.argument("file", required=False)
@click.option("--no-resume", "no_resume", is_flag=True,
              help="Start at the top, not where you left the file last time.")
@_source_format("--format", "--from")
@article_options
@context_options
def open_command(file: str | None, no_resume: bool, source_format: str | None, date: str | None,
                 max_size: str | None, context: str | None, db: str | None) -> None:
    """Open FILE in the reader: a text, Markdown, HTML or EPUB file, an http(s) address, or - for
    standard input; without FILE, the bundled sample article."""
    loaded = load(file, context, db, max_size, date, source_format)
    if not sys.stdout.isatty():
        raise ReaderError("reader open needs a terminal to draw on",
                          "run it in a terminal, or print the article with 'reader annotate FILE --format text'")
    if file == "-" or not sys.stdin.isatty():
        _keys_from_terminal()
    import asyncio

    from reader.ui.app import ReaderApp

    app = ReaderApp(loaded.article, loaded.store, notes=loaded.notes, date=loaded.date,
                    resume=file is not None and not no_resume)
    # What is made so far (every module, the article, the app) lasts as long as the reader does: kept out
    # of the cycle collector's full passes, each of which had read it all in a pause of 30-50 ms, one just
    # before the first frame and one as a book's highlights came, while a key waited.
    gc.freeze()
    # A loop of our own: `asyncio.run` would wait at the end for a worker still annotating a book.
    app.run(loop=asyncio.new_event_loop())
    if app.crash is not None:
        raise app.crash
    _leave(app.return_code or 0)


def _leave(code: int) -> None:
    """Exit as soon as the reader has closed the screen. The place and theme were saved when `q`
    was pressed, and nothing else is left to keep: a worker still annotating a book only reads, and
    freeing the book's hundreds of thousands of rows and mentions one by one took seconds more."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _keys_from_terminal() -> None:
    """After reading the article from a pipe, take the keys from the terminal instead."""
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ArticleError("no terminal to read keys from",
                           "run 'reader open' in a terminal, or use 'reader annotate -' in a pipe") from None
    os.dup2(fd, 0)
    os.close(fd)


def _json(data: object) -> str:
    """JSON on one line, with every control or invisible character escaped (`\\u202e`), safe on a terminal."""
    return UNSAFE_IN_LINE.sub(lambda m: json.dumps(m.group())[1:-1], json.dumps(data, ensure_ascii=False))


@cli.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["json", "text", "markdown", "html"]), default="json",
              show_default=True,
              help="json: the mentions with offsets, for scripts; text: the article with highlights on a "
                   "terminal, or marked [like this]¹ with notes in a pipe; markdown: the article with each "
                   "entry footnoted; html: one standalone page whose highlights show their cards.")
@click.option("--unknown", is_flag=True,
              help='Also list the capitalised names no entry covers, as mentions with "entry": null (json).')
@_source_format("--from")
@article_options
@context_options
def annotate(file: str, fmt: str, unknown: bool, source_format: str | None, date: str | None,
             max_size: str | None, context: str | None, db: str | None) -> None:
    """Print the mentions of known entries in FILE (- for standard input).

    Offsets are Python str offsets into the file's text as decoded, with
    newlines normalised to \\n (for Markdown, HTML and EPUB, into the text as
    the reader shows it: markup removed, a blank line between blocks). A mention another entry could also name has a
    `score` (the chosen entry's share of the evidence, 0.5 to 1), and where
    the choice was a close call, the runner-up as `alternative`.
    """
    from reader.linking.mentions import Block, annotate_blocks
    from reader.linking.missing import with_unknown_names

    loaded = load(file, context, db, max_size, date, source_format)
    article, store = loaded.article, loaded.store
    blocks = annotate_blocks(article.linkable, store, date=loaded.date)
    entries = EntryCache(store)
    if fmt == "json":
        # Streamed a block at a time: a book's mentions are never all held, as objects or as text.
        click.echo('{"mentions": [', nl=False)
        first = True
        if unknown:  # judged against the whole text, so gathered first
            blocks = iter([Block(0, len(article.text),
                                 with_unknown_names(article.linkable, [m for b in blocks for m in b.mentions]))])
        for block in blocks:
            for m in block.mentions:
                ref, wikipedia = entries.of(m) if m.kind != "unknown" else (None, None)
                item: dict[str, object] = {
                    "start": m.start, "end": m.end, "text": m.text, "entry": None if ref is None else
                    {"id": m.entry_id, "title": ref.name, "type": ref.type, "wikipedia": wikipedia}}
                if m.score < 1.0:
                    item["score"] = m.score
                if m.alternative:
                    other, other_wikipedia = entries.get(m.alternative)
                    item["alternative"] = {"id": m.alternative, "title": other.name, "type": other.type,
                                           "wikipedia": other_wikipedia}
                click.echo(("\n  " if first else ",\n  ") + _json(item), nl=False)
                first = False
        click.echo("\n]}" if not first else "]}")
        return
    if fmt in ("markdown", "html"):
        _export_document(fmt, article, [m for b in blocks for m in b.mentions], store)
        return
    from reader.export.text import PipeConsole, article_text

    console = PipeConsole(highlight=False, soft_wrap=True)
    if not console.is_terminal:  # a pipe or a file: marks and notes instead of colours
        from reader.export.notes import Numbering, marked_text, notes_text

        numbering, mentions = Numbering(), [m for b in blocks for m in b.mentions]
        click.echo(marked_text(article.text, mentions, numbering), nl=False)
        click.echo(notes_text(_cards(store, numbering.numbers), numbering, _provenance(store)), nl=False)
        return
    done = 0
    for block in blocks:
        end = max([block.end, *(m.end for m in block.mentions)])
        if end <= done:
            continue
        types = {m.entry_id: entries.of(m)[0].type for m in block.mentions}
        shifted = [replace(m, start=m.start - done, end=m.end - done) for m in block.mentions]
        console.print(article_text(article.text[done:end], shifted, types), end="")
        done = end


def _cards(store: Store, entry_ids: Iterable[str]) -> dict[str, Card]:
    """The card of each entry, as the pane shows it, for the notes of an export."""
    from reader.knowledge.card import card

    cards = {}
    for entry_id in entry_ids:
        entry = store.entry(entry_id)
        if entry is not None:
            cards[entry_id] = card(entry, store.related(entry))
    return cards


def _provenance(store: Store) -> str:
    return (f"Context: {len(store.all_ids())} entries from {store.path}, read by reader {__version__}; "
            "each note gives its sources and the day its facts were checked.")


def _export_document(fmt: str, article: Article, mentions: list[Mention], store: Store) -> None:
    """The article as Markdown with footnotes, or as one HTML page with its cards."""
    cards = _cards(store, dict.fromkeys(m.entry_id for m in mentions if m.kind == "entry"))
    if fmt == "markdown":
        from reader.export.notes import markdown

        click.echo(markdown(article.text, mentions, cards, _provenance(store), article.heading), nl=False)
        return
    from reader.export.page import page

    title = article.title if article.name != STDIN else (article.heading or "Article")
    click.echo(page(title, article.text, mentions, cards, _provenance(store)), nl=False)


class EntryCache:
    """Each entry's reference and Wikipedia title, asked of the store once per entry."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._seen: dict[str, tuple[EntryRef, str | None]] = {}

    def of(self, mention: Mention) -> tuple[EntryRef, str | None]:
        """A date is its own reference: its id is the period (`1945`, `1930s`), its type `date`."""
        if mention.kind == "date":
            from reader.linking.periods import describe

            label = describe(mention.entry_id)
            return EntryRef(mention.entry_id, label[0] if label else mention.entry_id, "date"), None
        return self.get(mention.entry_id)

    def get(self, entry_id: str) -> tuple[EntryRef, str | None]:
        if entry_id not in self._seen:
            entry = self.store.entry(entry_id)
            if entry is None:
                raise DatabaseError(f"entry {entry_id} is missing from {self.store.path}",
                                    "run 'reader context build' to rebuild it")
            self._seen[entry_id] = (EntryRef(entry.id, entry.name, entry.type, entry.start, entry.end),
                                    entry.wikipedia)
        return self._seen[entry_id]


@cli.command()
@click.argument("query", nargs=-1, required=True)
@context_options
def lookup(query: tuple[str, ...], context: str | None, db: str | None) -> None:
    """Print the context card of the entry that best matches QUERY."""
    from reader.export.text import PipeConsole, card_renderable
    from reader.knowledge.card import card

    text = " ".join(query)
    if len(text) > MAX_QUERY:
        raise ReaderError(f"the query is {len(text)} characters long",
                          f"look up a name or phrase of at most {MAX_QUERY} characters")
    store, why = open_context(context, db)
    if why:
        note(why)
    found = store.search(text)
    entry = store.entry(found[0]) if found else None
    if entry is None:
        raise ReaderError(f"nothing in the context matches {text!r}",
                          "try another spelling, or list names with 'reader context stats'")
    shown = card(entry, store.related(entry), holders=store.holders(entry.id))
    PipeConsole(highlight=False).print(card_renderable(shown))
    others = store.refs(found[1:6])
    if others:
        click.echo("\nAlso matching: " + one_line(", ".join(others[i].name for i in found[1:6] if i in others)))


@cli.group(cls=ReaderGroup)
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
def check(context_dir: str | None) -> None:
    """Validate every entry without building.

    Prints each problem as FILE:LINE: what is wrong; how to fix it. Exit
    status 1 when there are errors (warnings alone pass).
    """
    from reader.knowledge import corpus

    result = corpus.load(context_folder(context_dir))
    for problem in result.problems:
        click.echo(one_line(str(problem)), err=True)
    summary = (f"{len(result.entries)} entries, {len(result.errors)} error(s), "
               f"{len(result.warnings)} warning(s)")
    if result.errors:
        raise ContextError(summary, "fix the errors above, then check again")
    click.echo(summary, err=True)


@context.command("build")
@context_options
def build_command(context: str | None, db: str | None) -> None:
    """Validate the YAML and build context.db.

    The new database replaces the old one only if the whole build succeeds;
    a build that would change nothing leaves the file as it was.
    """
    from reader.knowledge.build import build

    result = build(context_folder(context), locations.find(context, db, maintaining=True).db)
    if not result.changed:
        click.echo(one_line(f"{result.db_path} is up to date ({result.entries} entries); nothing to build."))
        return
    click.echo(one_line(f"Built {result.db_path} from {result.entries} entries and {result.aliases} alias forms "
                        f"in {result.seconds:.2f} s ({result.warnings} warning(s); see 'reader context check')."))


@context.command("new")
@click.argument("name")
@click.option("--type", "kind", type=click.Choice(list(TYPES)), required=True, help="The entry's type.")
@context_dir_option
def new(name: str, kind: str, context_dir: str | None) -> None:
    """Write a stub entry for NAME at context/<type>/<id>.yaml, every field ready to fill in."""
    from reader.knowledge.stub import write_stub

    path = write_stub(context_folder(context_dir), name, kind)
    click.echo(one_line(f"Wrote {path}: fill in every field, then run 'reader context check'."))


@context.command()
@click.argument("file")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many names.")
@article_options
@context_options
def missing(file: str, limit: int | None, date: str | None, max_size: str | None, context: str | None,
            db: str | None) -> None:
    """List the capitalised names in FILE that no entry covers, most frequent first."""
    from reader.linking.mentions import annotate as find_mentions
    from reader.linking.missing import uncovered

    loaded = load(file, context, db, max_size, date)
    text = loaded.article.text
    names = uncovered(text, find_mentions(text, loaded.store, date=loaded.date), limit=limit)
    for name, count in names:
        click.echo(f"{count:5}  {one_line(name)}")
    if not names:
        click.echo("Every capitalised name in the article is covered.", err=True)


#: How old a review may be before `context stale` lists the entry, by default.
STALE_DAYS = 180


@context.command()
@click.option("--before", "before", metavar="DATE", default=None,
              help=f"List entries reviewed before DATE (YYYY-MM-DD; default: {STALE_DAYS} days ago).")
@context_dir_option
def stale(before: str | None, context_dir: str | None) -> None:
    """List entries that describe the present (open roles, present-tense claims) and were reviewed
    before a date, oldest first: what to re-check against sources, then mark with today's 'reviewed'."""
    import datetime

    from reader.knowledge import corpus, dates
    from reader.knowledge.stale import stale as find_stale

    if before is None:
        before = (datetime.date.today() - datetime.timedelta(days=STALE_DAYS)).isoformat()
    else:
        try:
            before = dates.normalise(before)
        except ValueError:
            raise ReaderError(f"--before {one_line(before)!r} is not a date", "write it as YYYY-MM-DD") from None
    result = corpus.load(context_folder(context_dir))
    found = find_stale(result.entries, before)
    for item in found:
        click.echo(one_line(f"{item.entry.reviewed or 'never':<10}  {item.entry.path}  {'; '.join(item.reasons)}"))
    click.echo(f"{len(found)} of {len(result.entries)} entries describe the present and were reviewed "
               f"before {before}.", err=True)


@context.command()
@context_dir_option
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
            click.echo(f"  {count:3}  {one_line(entry_id)}")


def main() -> None:
    cli(prog_name="reader")
