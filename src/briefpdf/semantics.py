"""What each flowable *is*: the one contract between the layout and the PDF engine's tagger.

Layout declares a flowable's meaning with `declare(flowable, role=..., ...)` (or a class
attribute `semantics = Semantics(...)`); the tagger (pdf/tags) and the outline (the document
template's bookmarks) read it with `of(flowable)`. Nothing else is probed: a field that is not
declared here is not part of the contract. Imports no ReportLab, so the contract can be read
without the engine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Literal, NamedTuple, TypeVar

ATTRIBUTE = "semantics"  # where a flowable keeps its record (its own __dict__, or its class)
F = TypeVar("F")


@dataclass(frozen=True)
class Semantics:
    """One flowable's meaning. Every field is optional: an unset role is inferred from the type."""

    # structure type: H1..H6, P, LBody, Note, Reference, L, Table, Figure, Artifact (decoration),
    # Group (content kept together, no element of its own), TOC, Part (a packet's briefing starts)
    role: str | None = None
    alt: str | None = None  # Figure: the alternative text a screen reader speaks
    outline_level: int | None = None  # heading: bookmark level (0 = top); None = not bookmarked
    outline_title: str | None = None  # heading: the bookmark's plain text (default: the text drawn)
    listed: bool = True  # heading: an entry of the contents (the contents' own heading is not)
    header_rows: int | None = None  # Table: leading rows that head columns (None: the repeated rows)
    header_cols: int = 0  # Table: leading columns that head rows
    summary: str = ""  # Table: what the table lists, for /Summary
    numbered: bool | None = None  # L: numbers (True) or bullets (False); None: from the bullet type
    lang: str | None = None  # the element's language (BCP 47): a Part of a packet, text in another language
    # Table part: True after a page break (its repeated header row is pagination, not a header),
    # False for the first part; None: not known by the layout (the tagger works it out)
    continued: bool | None = None


class Furniture(NamedTuple):
    """One part of a page's furniture, which the writer marks as that kind of artifact: the running
    `header`, the `footer` (with "Page N of M"), the `watermark` across a draft. `draw()` draws it."""

    kind: Literal["header", "footer", "watermark"]
    draw: Callable[[], None]


def declare(flowable: F, base: Semantics | None = None, /, **fields) -> F:
    """Set (or amend) `flowable`'s record; returns the flowable, so a builder can return it directly.

    Amends `base` if given (a split part inherits its whole's record), else what `flowable`
    already declares. Written to the instance's own __dict__: list indenters forward attribute
    writes to the flowable they wrap, and the record belongs to the object it is declared on.
    """
    current = base if base is not None else of(flowable)
    flowable.__dict__[ATTRIBUTE] = dataclasses.replace(current, **fields) if current else Semantics(**fields)
    return flowable


def of(flowable) -> Semantics | None:
    """The record declared for `flowable` (on the instance, else on its class), or None."""
    d = getattr(flowable, "__dict__", None)
    found = d.get(ATTRIBUTE) if d is not None else None
    if found is None:
        found = getattr(type(flowable), ATTRIBUTE, None)
    return found

