"""The PDF engine behind one small interface: a briefing and a style in, bytes and a page count out.

The pipeline, batch and bundle call only this module. Behind it, the layout (layout/) turns a
briefing into a story of flowables and the writer (pdf/) runs that story onto a tagged,
deterministic canvas; this module is the one place the two meet.

The style's Theme (fonts registered, paragraph styles built) is cached per process, keyed on
the style's full value -- never on its name, which would hand an edited style's old page to
the next render in the same process.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .problems import BriefError, Problem

if TYPE_CHECKING:
    from .diff import Comparison
    from .layout.typography import Theme
    from .model import Briefing
    from .style import Style

THEMES_KEPT = 8  # distinct styles whose Theme a process keeps (a batch uses one)
_themes: list[tuple["Style", "Theme"]] = []  # most recently used first


@dataclass(frozen=True)
class Built:
    """One rendered PDF: its bytes and its number of pages."""

    data: bytes
    pages: int


@dataclass(frozen=True)
class PacketBuilt:
    """A rendered packet; first_pages[i] is the page where briefing i begins (1-based)."""

    data: bytes
    pages: int
    first_pages: list[int]


class FieldTooLarge(BriefError):
    """A field of the source no page of the style can hold; `path` says which, so a caller with
    the source's positions can point at it (and `part`, in a packet, whose source it is)."""

    def __init__(self, path: tuple, message: str, hint: str, source: str, part: int | None = None):
        super().__init__([Problem(source, 1, 1, message, hint)])
        self.path, self.message, self.hint, self.part = path, message, hint, part


class PacketLayoutError(BriefError):
    """A packet's layout failed; `part` is the index of the briefing being laid out (None: the
    cover or contents), so the caller can name that briefing's source."""

    def __init__(self, problems, part: int | None):
        super().__init__(problems)
        self.part = part


def build(briefing: "Briefing", style: "Style", *, source: str = "<briefing>", tagged: bool = True,
          changes: "Comparison | None" = None, pdfa: bool = True) -> Built:
    """Lay out and write one briefing. `source` names the file in a layout problem; `tagged=False`
    and `pdfa=False` exist only to measure what tagging and PDF/A cost; `changes`: what changed
    since a previous version."""
    from .layout.furniture import decorator
    from .layout.pages import BriefingDoc
    from .layout.watchdog import OverBudget
    from .pdf.build import build_document

    theme = _theme(style)
    built = None
    for compact in (False, True):  # a last page of a few lines: once more, tighter (layout decides)
        doc = BriefingDoc(io.BytesIO(), theme, briefing)
        if built is None:
            _refuse_oversize([briefing], theme, doc, source)
        story = _story(briefing, theme, doc.width, changes, compact=compact)
        try:
            data, pages = build_document(doc, story, decorator(theme, briefing, doc), briefing.document.date,
                                         multi=style.options.toc, tagged=tagged, pdfa=pdfa, source=source)
        except OverBudget as exc:
            raise BriefError([Problem(source, 1, 1, str(exc), exc.hint)]) from None
        if built is None or pages < built.pages:
            built = Built(data, pages)
        if not doc.sparse_end():
            break
    return built


def build_packet(briefings: list, style: "Style", *, title: str, date: dt.date, source: str,
                 changes: "list[Comparison | None] | None" = None) -> PacketBuilt:
    """Lay out several briefings as ONE document: cover, contents, then each briefing's own story.

    The packet has one contents page of its own, so the style's per-briefing contents (which
    would list the whole packet) is switched off. A layout failure raises PacketLayoutError.
    """
    from .layout.packet import PacketDoc, packet_decorator, packet_story
    from .layout.watchdog import OverBudget
    from .pdf.build import build_document

    theme = _theme(dataclasses.replace(style, options=dataclasses.replace(style.options, toc=False)))
    doc = PacketDoc(io.BytesIO(), theme, briefings, title, date)
    _refuse_oversize(briefings, theme, doc, source)
    changes = changes or [None] * len(briefings)
    stories = [_story(b, theme, doc.width, c) for b, c in zip(briefings, changes, strict=True)]
    try:
        data, pages = build_document(doc, packet_story(doc, stories), packet_decorator(theme, doc), date,
                                     multi=True, source=source)
    except BriefError as err:
        raise PacketLayoutError(err.problems, doc.part) from None
    except OverBudget as exc:
        raise PacketLayoutError([Problem(source, 1, 1, str(exc), exc.hint)], doc.part) from None
    return PacketBuilt(data, pages, [doc.first_pages[i] for i in range(len(briefings))])


def _refuse_oversize(briefings: list, theme: "Theme", doc, source: str) -> None:
    """FieldTooLarge for the first field no page can hold, before the layout spends minutes finding out."""
    from .layout.oversize import oversize

    for part, briefing in enumerate(briefings):
        found = oversize(briefing, theme, doc.width, doc.height)
        if found:
            raise FieldTooLarge(*found, source=source, part=part)


def _story(briefing: "Briefing", theme: "Theme", width: float, changes: "Comparison | None", *,
           compact: bool = False) -> list:
    """The layout's story; a What changed box only when there is a previous version to compare;
    `compact`: tighter, for a briefing whose last page held only a few lines."""
    from . import layout

    return layout.build_story(briefing, theme, width, changes, compact=compact)


def covers(style: "Style", ch: str) -> bool:
    """Can the style's body font, or its fallback (the mono family), draw `ch`?"""
    return _theme(style).covered_anywhere(ch)


def warm(style: "Style") -> None:
    """Pay the start-up costs before the first document (a batch worker): ReportLab, the layout
    and writer modules, the fonts and the paragraph styles."""
    from . import layout  # noqa: F401  (imported for its cost)
    from .pdf import build  # noqa: F401

    _ = _theme(style).styles


def _theme(style: "Style") -> "Theme":
    """The Theme for a style's value: equal styles share one, an edited style gets a new one.

    Kept with a deep copy of the style it was built from, so a caller mutating its Style
    afterwards cannot make a stale entry look current.
    """
    for i, (kept, theme) in enumerate(_themes):
        if kept == style:
            if i:
                _themes.insert(0, _themes.pop(i))
            return theme
    from .layout.typography import Theme

    kept = copy.deepcopy(style)
    theme = Theme(kept)
    _themes.insert(0, (kept, theme))
    del _themes[THEMES_KEPT:]
    return theme
