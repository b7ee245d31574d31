"""Messages the article view posts to the screen: they go up, attributes come down."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.linking.mentions import Mention


@dataclass
class MentionSelected(Message):
    """The reader asked to explain this mention (enter or a click)."""

    mention: Mention


@dataclass
class EntryRequested(Message):
    """The pane asked to show another entry: a related one, or the previous one."""

    entry_id: str
    #: False when going back, so the entry is not pushed onto the history again.
    remember: bool = True


@dataclass
class PlaceChanged(Message):
    """The article view moved: the reader's place, or the search hit it shows, changed."""

    #: How far through the text the bottom of the screen is, 0 to 100.
    percent: int
    #: `3/14` while a search is shown, else "".
    hits: str


@dataclass
class MentionChosen(Message):
    """The pane's list of mentions asked to jump to one: its index in the article view's mentions."""

    index: int
