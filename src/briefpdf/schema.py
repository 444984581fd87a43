"""A small declarative schema: records are dataclasses, fields carry their rules.

`describe(cls)` turns a record's type annotations and `spec` metadata into one tree of typed
nodes (Record, ListOf, Nullable, Choice, Text, Number, Date, Flag). Everything that reads the
source types reads that tree, so a rule cannot live in one of them and drift from the others:
the validator below (every problem at once, each with its line and column), the JSON Schema
editors use (`jsonschema`) and the commented template `briefpdf new` writes (`new`).
Hand-written because the libraries that do this (pydantic, jsonschema) cost more import time
than a whole render and cannot point at lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from typing import Any, Literal

from .problems import Problem, did_you_mean
from .source import Document

MAX_TEXT = 20_000  # characters in one text field
MAX_WORD = 120  # characters in one word a reader sees; longer is a paste error, not prose
MAX_URL = 2_000  # characters in a link target
MAX_NUMBER = 1e12  # larger is a typing mistake, not an amount
# Character classes and prefixes written in the syntax Python's `re` and ECMA-262 (the regex
# dialect of JSON Schema) share, so the JSON Schema states the same rules with the same text.
CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
LINK_PREFIX = r"(?:https?://|mailto:)"
_LINK_TARGET = re.compile(r"\]\(" + LINK_PREFIX + r"[^\s()<>\"]+\)")  # markup.py's link syntax
_URL_WORD = re.compile(LINK_PREFIX + r"\S+")
_CONTROL = re.compile(f"[{CONTROL_CHARS}]")
_URL_PATTERN_START = "(https?://"  # a field whose pattern starts so holds one link: its word may be long


def spec(doc: str, *, default: Any = dataclasses.MISSING, pattern: str | None = None,
         example: Any = None, min_items: int = 0, minimum: float | None = None,
         enum: tuple | None = None, pattern_hint: str | None = None):
    """A dataclass field with the rules and documentation the schema needs."""
    meta = {"doc": doc, "pattern": pattern, "example": example, "min_items": min_items,
            "minimum": minimum, "enum": enum, "pattern_hint": pattern_hint}
    if isinstance(default, list):
        return dataclasses.field(default_factory=list, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


# ----------------------------------------------------------------------------- the description

@dataclasses.dataclass(frozen=True)
class Node:
    """A type of the source format; `example` is what editors are offered and `new` writes."""

    example: Any = None


@dataclasses.dataclass(frozen=True)
class Text(Node):
    """Text a reader sees: not blank, no control characters, no word too long to set on a line."""

    pattern: str | None = None  # the whole text must match it
    hint: str | None = None  # said when the pattern does not match
    enum: tuple[str, ...] | None = None
    max_length: int = MAX_TEXT
    max_word: int = MAX_WORD  # a word that is a link (https://…, mailto:…) may have MAX_URL


@dataclasses.dataclass(frozen=True)
class Number(Node):
    """A finite number (ints are read as floats)."""

    minimum: float | None = None
    maximum: float = MAX_NUMBER


@dataclasses.dataclass(frozen=True)
class Flag(Node):
    """true or false."""


@dataclasses.dataclass(frozen=True)
class Date(Node):
    """A calendar date written YYYY-MM-DD."""


@dataclasses.dataclass(frozen=True)
class Choice(Node):
    """One of a few words."""

    options: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class ListOf(Node):
    """A list whose items are all `item`."""

    item: Node = Node()
    min_items: int = 0


@dataclasses.dataclass(frozen=True)
class Nullable(Node):
    """`inner`, or null: the information is not provided."""

    inner: Node = Node()


@dataclasses.dataclass(frozen=True)
class Field:
    """One key of a record: its value's node and what `new` and editors say about it."""

    name: str
    node: Node
    doc: str
    required: bool
    default: Any = None
    default_factory: Any = None

    def default_value(self) -> Any:
        """The value a source that leaves the key out gets (a fresh list, not a shared one)."""
        return self.default_factory() if self.default_factory is not None else self.default


@dataclasses.dataclass(frozen=True, eq=False)
class Record(Node):
    """A mapping with fixed keys, read into the dataclass `cls`."""

    cls: type = object

    @property
    def name(self) -> str:
        return self.cls.__name__

    @property
    def doc(self) -> str:
        return (self.cls.__doc__ or "").strip()

    @property
    def fields(self) -> tuple[Field, ...]:
        """Built on first use, so records may refer to each other."""
        fields = _FIELDS.get(self.cls)
        if fields is None:
            fields = _FIELDS[self.cls] = _fields(self.cls)
        return fields


_RECORDS: dict[type, Record] = {}
_FIELDS: dict[type, tuple[Field, ...]] = {}


def describe(cls: type) -> Record:
    """The node tree of a record type: what every reader of the source types walks."""
    record = _RECORDS.get(cls)
    if record is None:
        record = _RECORDS[cls] = Record(cls=cls)
    return record


def _fields(cls: type) -> tuple[Field, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        has_factory = f.default_factory is not dataclasses.MISSING
        required = f.default is dataclasses.MISSING and not has_factory
        out.append(Field(f.name, node_of(hints[f.name], f.metadata), f.metadata.get("doc", ""), required,
                         None if f.default is dataclasses.MISSING else f.default,
                         f.default_factory if has_factory else None))
    return tuple(out)


def node_of(tp: Any, meta: typing.Mapping[str, Any]) -> Node:
    """The node of one annotation with its field's `spec` metadata."""
    example = meta.get("example")
    inner = _optional_inner(tp)
    if inner is not None:
        return Nullable(inner=node_of(inner, meta))
    origin = typing.get_origin(tp)
    if origin is list:
        item_meta = {k: v for k, v in meta.items() if k != "min_items"}
        return ListOf(example, node_of(typing.get_args(tp)[0], item_meta), meta.get("min_items", 0))
    if origin is Literal:
        return Choice(example, typing.get_args(tp))
    if dataclasses.is_dataclass(tp):
        return describe(tp)
    if tp is str:
        pattern = meta.get("pattern")
        enum = meta.get("enum")
        return Text(example, pattern, meta.get("pattern_hint"), tuple(enum) if enum else None,
                    max_word=MAX_URL if (pattern or "").startswith(_URL_PATTERN_START) else MAX_WORD)
    if tp is float:
        return Number(example, meta.get("minimum"))
    if tp is bool:
        return Flag(example)
    if tp is dt.date:
        return Date(example)
    raise TypeError(f"schema type {tp!r} is not supported")  # a programming error


def _optional_inner(tp):
    """T for Optional[T], else None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return None


# ----------------------------------------------------------------------------- validation

class Validator:
    """Walks positioned data against a node tree, collecting Problems."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path, message, hint=None, at_key=False):
        self.problems.append(self.doc.problem(path, message, hint, at_key=at_key))

    def record(self, node: Record, data, path):
        if not isinstance(data, dict):
            self.fail(path, f"expected a mapping of {node.name} fields, found {_kind(data)}",
                      "write 'key: value' lines indented under this one")
            return None
        fields = {f.name: f for f in node.fields}
        missing = [f.name for f in node.fields if f.required and f.name not in data]
        misspelt = set()  # required keys an unknown key is a misspelling of: one message, not two
        for key in data:
            if key not in fields:
                suggestion = did_you_mean(str(key), fields)
                close = did_you_mean(str(key), missing)
                if close:
                    suggestion = close
                    misspelt.add(close[len("did you mean '"):-len("'?")])
                self.fail(path + (key,), f"unknown key '{key}' in {_label(path)}",
                          suggestion or f"allowed keys: {', '.join(fields)}", at_key=True)
        values = {}
        for name, f in fields.items():
            if name not in data:
                if name in missing and name not in misspelt:
                    self.fail(path, f"missing required key '{name}' in {_label(path)}",
                              f"add '{name}:' ({f.doc.rstrip('.')})")
                    values[name] = None
                continue
            values[name] = self.value(f.node, data[name], path + (name,))
        try:
            return node.cls(**values)
        except TypeError:  # only reachable when a required field failed; problems already say why
            return None

    def value(self, node: Node, data, path):
        if isinstance(node, Nullable):
            return None if data is None else self.value(node.inner, data, path)
        if data is None:
            self.fail(path, f"'{_label(path)}' needs a value",
                      "where the information is unavailable, leave the key out or use a field that may be null")
            return None
        return _READERS[type(node)](self, node, data, path)

    def list(self, node: ListOf, data, path):
        if not isinstance(data, list):
            if isinstance(data, (str, dict)) and not isinstance(node.item, Record) or isinstance(data, dict):
                hint = "write each item on its own line starting with '- '"
            else:
                hint = None
            self.fail(path, f"'{_label(path)}' must be a list, found {_kind(data)}", hint)
            return []
        if len(data) < node.min_items:
            self.fail(path, f"'{_label(path)}' needs at least {node.min_items} item(s)")
        out = [self.value(node.item, item, path + (i,)) for i, item in enumerate(data)]
        return [x for x in out if x is not None]

    def choice(self, node: Choice, data, path):
        options = node.options
        if not isinstance(data, str) or data not in options:
            self.fail(path, f"'{_label(path)}' must be one of: {', '.join(options)}; found {data!r}",
                      did_you_mean(str(data), options))
            return None
        return data

    def flag(self, node: Flag, data, path):
        if not isinstance(data, bool):
            self.fail(path, f"'{_label(path)}' must be true or false, found {_kind(data)}")
            return None
        return data

    def text(self, node: Text, data, path):
        if isinstance(data, bool) or not isinstance(data, (str, int, float, dt.date)):
            self.fail(path, f"'{_label(path)}' must be text, found {_kind(data)}")
            return None
        text = data.isoformat() if isinstance(data, dt.date) else str(data)
        if not text.strip():
            self.fail(path, f"'{_label(path)}' is empty", "leave the key out (or null) if the information is not provided")
            return None
        bad = _CONTROL.search(text)
        if bad:
            self.fail(path, f"'{_label(path)}' contains the control character U+{ord(bad.group()):04X}",
                      "remove it; only tabs and line breaks are allowed in text")
            return None
        if len(text) > node.max_length:
            self.fail(path, f"'{_label(path)}' is {len(text):,} characters; the limit is {node.max_length:,}",
                      "split it into several paragraphs")
            return None
        if not self.words(text, path, node.max_word):
            return None
        if node.pattern and not re.fullmatch(node.pattern, text):
            self.fail(path, f"'{_label(path)}' has an invalid value {text!r}", node.hint)
            return None
        if node.enum and text not in node.enum:
            self.fail(path, f"'{_label(path)}' has an unknown value {text!r}",
                      did_you_mean(text, node.enum) or f"use a code like {', '.join(node.enum[:6])}")
            return None
        return " ".join(text.split()) if "\n" not in text.strip() else text.strip()

    def words(self, text, path, limit: int) -> bool:
        """No word too long to set on a line: a 20,000-letter 'word' is a paste error, not prose."""
        visible = _LINK_TARGET.sub("]", text)  # a link's target is not printed, only its label
        for word in visible.split():
            word_limit = MAX_URL if _URL_WORD.match(word) else limit
            if len(word) > word_limit:
                shown = word[:30] + "…"
                self.fail(path, f"'{_label(path)}' has a word of {len(word):,} characters ({shown!r}); "
                                f"the limit is {word_limit:,}",
                          "a word that long is usually a paste error; add spaces or shorten it")
                return False
        return True

    def number(self, node: Number, data, path):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail(path, f"'{_label(path)}' must be a number, found {_kind(data)}",
                      "write digits only, e.g. 412.50 (no currency sign or thousands separator)")
            return None
        value = float(data)
        if value != value or value in (float("inf"), float("-inf")):
            self.fail(path, f"'{_label(path)}' must be a finite number")
            return None
        if node.minimum is not None and value < node.minimum:
            self.fail(path, f"'{_label(path)}' must be at least {node.minimum:g}, found {value:g}")
            return None
        if value > node.maximum:
            self.fail(path, f"'{_label(path)}' is implausibly large ({value:g})")
            return None
        return value

    def date(self, node: Date, data, path):
        if isinstance(data, dt.datetime):
            return data.date()
        if isinstance(data, dt.date):
            return data
        if isinstance(data, str):
            try:
                return dt.date.fromisoformat(data.strip())
            except ValueError:
                pass
        self.fail(path, f"'{_label(path)}' must be a date written YYYY-MM-DD, found {data!r}",
                  "for example 2026-11-28")
        return None


_READERS = {Record: Validator.record, ListOf: Validator.list, Choice: Validator.choice, Text: Validator.text,
            Number: Validator.number, Flag: Validator.flag, Date: Validator.date}


def validate(cls, doc: Document):
    """Typed record from a parsed document, plus the problems found (all of them)."""
    v = Validator(doc)
    result = v.record(describe(cls), doc.data, ())
    v.problems.sort(key=lambda p: (p.line, p.column))
    return result, v.problems


def _label(path) -> str:
    parts = []
    for p in path:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            parts.append(("." if parts else "") + p)
    return "".join(parts) or "the document"


def _kind(data) -> str:
    if data is None:
        return "nothing"
    if isinstance(data, bool):
        return f"true/false ({str(data).lower()})"
    if isinstance(data, dict):
        return "a mapping"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, (int, float)):
        return f"a number ({data})"
    if isinstance(data, dt.date):
        return f"a date ({data})"
    return f"text ({str(data)[:40]!r})"
