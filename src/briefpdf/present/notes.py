"""Source notes: one numbering for the briefing's references and every payer's sources.

The briefing's own references come first ([1], [2] ...), then each payer's sources in the order
written. Coverage-table cells cite the numbers of the payer sources that support them; prose
cites any source by its id as `[^id]` (see citations.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping, Optional, Union

from .gaps import missing_text
from .labels import Labels
from .text import date_text

if TYPE_CHECKING:
    from ..model import Briefing, Reference, SourceRef

Escape = Callable[[str], str]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Note:
    """One numbered source: its number, the payer it belongs to (None: the briefing), the source."""

    number: int
    payer: Optional[str]
    source: Union["SourceRef", "Reference"]


@dataclass(frozen=True)
class SourceNotes:
    """Every source numbered once, in order; which cells cite which numbers; the number of each id."""

    entries: tuple[Note, ...] = ()
    refs: Mapping[tuple[int, Optional[str]], tuple[int, ...]] = field(default_factory=dict)
    ids: Mapping[str, int] = field(default_factory=dict)

    def cites(self, payer_index: int, target: Optional[str]) -> tuple[int, ...]:
        """Numbers cited by payer `payer_index`'s cell `target` (None: the payer's name)."""
        return self.refs.get((payer_index, target), ())


def number_sources(b: "Briefing") -> SourceNotes:
    entries: list[Note] = []
    refs: dict[tuple[int, Optional[str]], tuple[int, ...]] = {}
    ids: dict[str, int] = {}
    for ref in b.references:
        entries.append(Note(len(entries) + 1, None, ref))
        if ref.id:
            ids.setdefault(ref.id, len(entries))
    for i, payer in enumerate(b.payers):
        for src in payer.sources:
            entries.append(Note(len(entries) + 1, payer.name, src))
            if src.id:
                ids.setdefault(src.id, len(entries))
            for target in (src.supports or [None]):
                refs[(i, target)] = refs.get((i, target), ()) + (len(entries),)
    return SourceNotes(tuple(entries), MappingProxyType(refs), MappingProxyType(ids))


def citation(numbers: tuple[int, ...]) -> str:
    """'[1,3]' for the cited numbers, '' for none."""
    return "[" + ",".join(str(n) for n in numbers) + "]" if numbers else ""


def note_text(note: Note, labels: Labels, *, esc: Escape = _same, link: Escape = _same,
              missing: Optional[str] = None) -> str:
    """'[1] Aetna: Policy bulletin. https://... Accessed 2026-09-30.' (`link` shows the URL).

    A source without the date it was read says so ("Accessed: Not provided"), like every gap.
    """
    src = note.source
    if note.payer is None:
        parts = [labels.note_general.format(number=note.number, title=esc(src.title))]
    else:
        parts = [labels.note.format(number=note.number, payer=esc(note.payer), title=esc(src.title))]
    if src.url:
        parts.append(link(src.url))
    if src.accessed:
        parts.append(labels.accessed.format(date=date_text(src.accessed, labels)))
    else:
        parts.append(missing_text(labels.details["accessed"], labels, missing=missing))
    return ". ".join(parts) + "."
