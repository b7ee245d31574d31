"""The data that crosses from knowledge to the interface: small frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The shape of context.db's tables; bumped when they change, and the store refuses others.
SCHEMA_VERSION = 6

TYPES = ("person", "organization", "place", "event", "work", "concept", "period")


@dataclass(frozen=True)
class Alias:
    """A name for an entry; with `when`, it only counts near one of those words."""

    text: str
    when: tuple[str, ...] = ()
    #: `case: exact`: matched only as written, never in a house style's lower case or as a plural.
    exact: bool = False


@dataclass(frozen=True)
class Role:
    """An office held, with its dates as written (partial ISO dates)."""

    title: str
    start: str | None = None
    end: str | None = None
    #: The id of the office's own entry (`us-secretary-of-state`): its card lists its holders from these roles.
    office: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the facts come from; the URL has passed `urls.web_url`."""

    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One context entry, as a maintainer wrote it in `context/<type>/<id>.yaml`."""

    id: str
    name: str
    type: str
    summary: str
    wikipedia: str | None = None
    start: str | None = None
    end: str | None = None
    aliases: tuple[Alias, ...] = ()
    roles: tuple[Role, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    #: Longer phrases that contain one of its names but mean something else
    #: (`South America` for the United States): never highlighted as this entry.
    exclude: tuple[str, ...] = ()
    #: When its facts were last checked against sources (YYYY-MM-DD): what `context stale` sorts by.
    reviewed: str | None = None
    #: For an office: the context names every holder since this date, so a gap after it is a hole to fill.
    holders_since: str | None = None
    #: For an office: when it stood empty (start, end), which is not a gap in its series.
    vacant: tuple[tuple[str, str], ...] = ()
    path: str = field(default="", compare=False)


@dataclass(frozen=True)
class EntryRef:
    """Another entry named from this one (a related entry, a highlight): enough to list it."""

    id: str
    name: str
    type: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Holder:
    """One term of an office, as the holder's own entry gives it: what an office's card lists."""

    holder: EntryRef
    start: str | None = None
    end: str | None = None
