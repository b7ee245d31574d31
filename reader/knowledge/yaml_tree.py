"""Read one entry file's YAML into plain data, refusing what an entry never needs.

PyYAML's loaders would accept anchors and aliases (a few lines that expand
to gigabytes), tags (`!!python/object/new`), duplicate keys (the last one
silently wins) and turn `1945` into an int. Entries need none of that, so
this builds the data from the parser's events itself: one pass, no
recursion, every refusal a problem at its line, and each scalar kept as the
text that was written, with a note of what YAML would have read it as.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver

#: libyaml's parser when PyYAML was built with it: many times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Entries are at most a mapping of lists of mappings of lists; anything deeper is not an entry.
MAX_DEPTH = 8
_RESOLVER = Resolver()


class Unquoted(str):
    """A plain scalar that YAML reads as something other than text: `1984`, `2024-01-01`, `yes`.

    It is still the text that was written; `kind` says what YAML made of it,
    so a field that wants text can say "quote it".
    """

    kind: str

    def __new__(cls, value: str, kind: str) -> Unquoted:
        obj = super().__new__(cls, value)
        obj.kind = kind
        return obj


@dataclass
class Tree:
    """The data of one document, the line of each top-level key and list item, and what was refused."""

    data: Any = None
    #: Line (1-based) of each top-level key.
    top: dict[str, int] = field(default_factory=dict)
    #: Lines of the items of each top-level list.
    items: dict[str, list[int]] = field(default_factory=dict)
    #: (line, message, fix) for each refused construct.
    refused: list[tuple[int, str, str]] = field(default_factory=list)

    def line(self, key: str, index: int | None = None) -> int:
        if index is not None and index < len(self.items.get(key, [])):
            return self.items[key][index]
        return self.top.get(key, 1)


def _scalar(event: yaml.ScalarEvent) -> Any:
    if not event.implicit[0]:  # quoted, or a block scalar: always text
        return event.value
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    kind = tag.rsplit(":", 1)[-1]
    if kind == "null":
        return None
    if kind == "str":
        return event.value
    return Unquoted(event.value, kind)


class _Frame:
    """A mapping or list being built, and where its next value goes."""

    def __init__(self, container: dict | list, line: int) -> None:
        self.container = container
        self.line = line
        self.key: Any = None
        self.awaiting_key = isinstance(container, dict)
        self.key_lines: dict[str, int] = {}
        #: The pair being read has a key that cannot be used; its value is dropped.
        self.skip = False
        #: The key being read is itself a list or mapping (refused); its value comes after it.
        self.in_key = False


def read_tree(text: str) -> Tree:
    """Parse `text`; YAML syntax errors raise `yaml.YAMLError`, everything else lands in `refused`."""
    tree = Tree()
    loader = _Loader(text)
    stack: list[_Frame] = []
    documents = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    tree.refused.append((line, "the file holds more than one YAML document",
                                         "keep one entry per file and remove the '---' line"))
                    break
                continue
            if isinstance(event, yaml.AliasEvent):
                tree.refused.append((line, f"YAML alias *{event.anchor} is not allowed",
                                     "write the value out in full: entries use no anchors or aliases"))
                break
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if event.anchor is not None:
                    tree.refused.append((line, f"YAML anchor &{event.anchor} is not allowed",
                                         "remove it: entries use no anchors or aliases"))
                    break
                if event.tag is not None:
                    tree.refused.append((line, f"YAML tag {event.tag} is not allowed",
                                         "remove the tag; quote the value if it must stay text"))
                    event.tag = None
            if isinstance(event, yaml.ScalarEvent):
                _place(tree, stack, _scalar(event), line, is_scalar=True)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    tree.refused.append((line, "the YAML is nested too deeply for an entry",
                                         "see CONTRIBUTING.md for the shape of an entry"))
                    break
                container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
                _place(tree, stack, container, line, is_scalar=False)
                stack.append(_Frame(container, line))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
                if stack and stack[-1].in_key:
                    stack[-1].in_key = False
                elif stack:
                    _after_value(stack[-1])
    finally:
        loader.dispose()
    return tree


def _after_value(frame: _Frame) -> None:
    if isinstance(frame.container, dict):
        frame.awaiting_key, frame.key, frame.skip = True, None, False


def _place(tree: Tree, stack: list[_Frame], value: Any, line: int, *, is_scalar: bool) -> None:
    """Put a value where it belongs: the document, a list, a key of a mapping or its value."""
    if not stack:
        tree.data = value
        return
    frame = stack[-1]
    top_level = len(stack) == 1
    if isinstance(frame.container, list):
        frame.container.append(value)
        if len(stack) == 2 and isinstance(stack[0].container, dict) and stack[0].key is not None:
            tree.items.setdefault(str(stack[0].key), []).append(line)
        return
    if frame.awaiting_key:
        frame.awaiting_key = False
        if not is_scalar or value is None:
            what = "empty" if value is None else ("a list" if isinstance(value, list) else "a mapping")
            tree.refused.append((line, f"a key is {what}", "every key is a field name such as 'name:'"))
            frame.skip = True
            frame.in_key = not is_scalar
            return
        key = str(value)
        if key in frame.key_lines:
            tree.refused.append((line, f"key {key!r} appears twice (first on line {frame.key_lines[key]})",
                                 "keep one of them"))
            frame.skip = True
            return
        frame.key_lines[key] = line
        frame.key = key
        if top_level:
            tree.top[key] = line
        return
    if not frame.skip:  # a value under an unusable key is read, then dropped
        frame.container[frame.key] = value
    if is_scalar:
        _after_value(frame)
