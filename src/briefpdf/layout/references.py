"""Sources for the whole briefing: one numbering with the payers' sources, and `[^id]` citations.

`prepare` numbers every source (present.number_sources) and resolves the citations in prose into
linked superscript numbers; `sources` lists them at the end, each note the target of the links
that cite it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .. import markup, present
from ..citations import anchor, resolve
from ..model import Briefing
from ..present import SourceNotes
from ..semantics import declare
from .blocks import section
from .typography import Para, Theme


def prepare(b: Briefing) -> tuple[Briefing, SourceNotes]:
    """(the briefing with its citations resolved, the numbered notes)."""
    notes = present.number_sources(b)
    return resolve(b, notes.ids), notes


def sources(b: Briefing, theme: Theme, notes: SourceNotes) -> list[Flowable]:
    """Every source once, numbered: the briefing's references, then each payer's sources."""
    if not notes.entries:
        return []
    labels = present.labels_of(b)
    accent = theme.hex("accent")
    items = []
    for note in notes.entries:
        text = present.note_text(note, labels, esc=theme.text, link=lambda url: markup.link(url, None, accent),
                                 missing=theme.not_provided())
        items.append(declare(Para(f'<a name="{anchor(b, note.number)}"/>' + text, theme.styles["small"]),
                             role="Note"))
    return section(theme, labels.headings["sources"], "h2", items)
