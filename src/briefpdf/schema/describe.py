"""The one description of the source types: `spec` on dataclass fields, `describe` into nodes.

`describe(cls)` turns a record's type annotations and `spec` metadata into a tree of typed nodes
(Record, ListOf, Nullable, Choice, Text, Prose, Number, Date, Flag). The validator, the JSON
Schema and the `new` skeleton all walk that tree, so a rule is stated here once and read by all
three; none of them looks at annotations or metadata itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, Literal

MAX_TEXT = 20_000  # characters in one text field
MAX_WORD = 120  # characters in one word a reader sees; longer is a paste error, not prose
MAX_URL = 2_000  # characters in a link target
MAX_NUMBER = 1e12  # larger is a typing mistake, not an amount
# Character classes and prefixes written in the syntax Python's `re` and ECMA-262 (the regex
# dialect of JSON Schema) share, so the JSON Schema states the same rules with the same text.
CONTROL_CHARS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
LINK_PREFIX = r"(?:https?://|mailto:)"
_URL_PATTERN_START = "(https?://"  # a field whose pattern starts so holds one link: its word may be long


def spec(doc: str, *, default: Any = dataclasses.MISSING, pattern: str | None = None,
         example: Any = None, min_items: int = 0, minimum: float | None = None,
         enum: tuple | None = None, pattern_hint: str | None = None, block: bool = False,
         max_length: int | None = None):
    """A dataclass field with the rules and documentation the schema needs.

    `block`: prose (paragraphs and lists, see blocktext.py) that may be written either as one
    text or as a list of texts; a text field joins a list into paragraphs, a list field takes
    one text as a list of one. `max_length`: fewer characters than any text may have (a title).
    """
    meta = {"doc": doc, "pattern": pattern, "example": example, "min_items": min_items,
            "minimum": minimum, "enum": enum, "pattern_hint": pattern_hint, "block": block,
            "max_length": max_length}
    if isinstance(default, list):
        return dataclasses.field(default_factory=list, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclasses.dataclass(frozen=True)
class Node:
    """A type of the source format; `example` is what editors are offered and `new` writes."""

    example: Any = None


@dataclasses.dataclass(frozen=True)
class Text(Node):
    """Text a reader sees: not blank, no control characters, no word too long to set on a line.

    A number is read as text (YAML reads `1` or `77301` as numbers), so a choice of digits such
    as an NCCI modifier indicator may be written bare: `modifier_indicator: 1`.
    """

    pattern: str | None = None  # the whole text must match it
    hint: str | None = None  # said when the pattern does not match
    enum: tuple[str, ...] | None = None
    max_length: int = MAX_TEXT
    max_word: int = MAX_WORD  # a word that is a link (https://…, mailto:…) may have MAX_URL

    @property
    def numbers(self) -> tuple[int, ...]:
        """The allowed values a source may write as a bare number (the enum's all-digit words)."""
        return tuple(int(v) for v in self.enum or () if v.isdigit())


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
class Prose(Node):
    """Paragraphs and lists (blocktext.py), written as one text or as a list of texts.

    `many`: the field holds a list of texts (paragraphs), and one text is read as a list of one.
    Otherwise it holds one text, and a list's texts are joined as paragraphs, so the list needs
    at least one.
    """

    text: Text = Text()
    many: bool = False
    min_items: int = 0

    @property
    def texts(self) -> ListOf:
        """The list-of-texts way of writing it."""
        return ListOf(item=self.text, min_items=self.min_items if self.many else 1)


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
    if meta.get("block"):
        many = origin is list and typing.get_args(tp)[0] is str
        if tp is not str and not many:
            raise TypeError(f"block= is for text or a list of texts, not {tp!r}")  # a programming error
        text = node_of(str, {k: v for k, v in meta.items() if k not in ("block", "min_items")})
        return Prose(example, text, many, meta.get("min_items", 0) if many else 0)
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
                    max_length=meta.get("max_length") or MAX_TEXT,
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
